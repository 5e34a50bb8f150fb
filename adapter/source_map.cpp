#include "adapter/source_map.hpp"

#include <cstddef>

namespace int3::dap {

namespace {

// A prefix without its trailing '/', so "/build/" and "/build" are one rule
// (a bare "/" stays "/").
std::string normalised_prefix(std::string prefix) {
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  return prefix;
}

// How much of `path` `prefix` covers when it covers whole components; 0 if
// it does not.
std::size_t covered(const std::string& path, const std::string& prefix) {
  if (prefix.empty() || path.compare(0, prefix.size(), prefix) != 0) return 0;
  if (path.size() == prefix.size() || prefix.back() == '/' || path[prefix.size()] == '/') {
    return prefix.size();
  }
  return 0;
}

std::string rewrite(const std::string& path, const std::vector<source_map::rule>& rules,
                    std::string source_map::rule::*from, std::string source_map::rule::*to) {
  const source_map::rule* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& r : rules) {
    std::size_t n = covered(path, r.*from);
    if (n > best_length) {
      best = &r;
      best_length = n;
    }
  }
  if (!best) return path;
  std::string rest = path.substr(best_length);
  const std::string& target = best->*to;
  if (!rest.empty() && rest.front() != '/' && !target.empty() && target.back() != '/') {
    rest.insert(rest.begin(), '/');
  }
  if (!rest.empty() && rest.front() == '/' && !target.empty() && target.back() == '/') {
    rest.erase(rest.begin());
  }
  return target + rest;
}

}  // namespace

source_map::source_map(std::vector<rule> rules) {
  for (auto& r : rules) {
    r.program_prefix = normalised_prefix(std::move(r.program_prefix));
    r.editor_prefix = normalised_prefix(std::move(r.editor_prefix));
    if (!r.program_prefix.empty() && !r.editor_prefix.empty()) rules_.push_back(std::move(r));
  }
}

std::string source_map::to_program(const std::string& editor_path) const {
  return rewrite(editor_path, rules_, &rule::editor_prefix, &rule::program_prefix);
}

std::string source_map::to_editor(const std::string& program_path) const {
  return rewrite(program_path, rules_, &rule::program_prefix, &rule::editor_prefix);
}

}  // namespace int3::dap
