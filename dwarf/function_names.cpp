#include "dwarf/function_names.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

namespace int3::dwarf {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

// ABI tags ("[abi:cxx11]") only tell overloads of the return type apart
// for the linker; users rarely type them, so neither side keeps them.
std::string strip_abi_tags(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 5, "[abi:") == 0) {
      auto close = s.find(']', i);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::string strip_template_arguments(std::string_view s) {
  auto open = s.find('<');
  // operator< and operator<< are names, not template argument lists.
  if (open == std::string_view::npos || s.starts_with("operator")) return std::string(s);
  return std::string(s.substr(0, open));
}

bool same_part(std::string_view wanted, std::string_view have) {
  if (wanted == have) return true;
  // "accumulate_area" names every instance of the template.
  return wanted.find('<') == std::string_view::npos && strip_template_arguments(have) == wanted;
}

// The "(...)" that ends a demangled name, before any cv/ref qualifiers.
std::optional<std::string> parameter_list(std::string_view demangled) {
  auto close = demangled.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  int depth = 0;
  for (std::size_t i = close + 1; i-- > 0;) {
    if (demangled[i] == ')') ++depth;
    if (demangled[i] == '(' && --depth == 0) {
      return without_spaces(demangled.substr(i, close - i + 1));
    }
  }
  return std::nullopt;
}

}  // namespace

std::string demangle(std::string_view linkage) {
  if (!linkage.starts_with("_Z")) return {};
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> out(
      abi::__cxa_demangle(std::string(linkage).c_str(), nullptr, nullptr, &status), &std::free);
  return status == 0 && out ? std::string(out.get()) : std::string();
}

std::string strip_signature(std::string_view demangled) {
  auto s = trim(demangled);
  // Cut at the '(' that opens the final parameter list.
  if (auto close = s.rfind(')'); close != std::string_view::npos) {
    int depth = 0;
    for (std::size_t i = close + 1; i-- > 0;) {
      if (s[i] == ')') ++depth;
      if (s[i] == '(' && --depth == 0) {
        s = s.substr(0, i);
        break;
      }
    }
  }
  // A template function's demangled name starts with its return type.
  int depth = 0;
  std::size_t name_start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '<' || c == '(') ++depth;
    if ((c == '>' || c == ')') && depth > 0) --depth;
    if (c == ' ' && depth == 0 && !s.substr(0, i).ends_with("operator")) name_start = i + 1;
  }
  return std::string(s.substr(name_start));
}

std::vector<std::string> split_qualified(std::string_view name) {
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '<' || c == '(' || c == '[') ++depth;
    if ((c == '>' || c == ')' || c == ']') && depth > 0) --depth;
    if (depth == 0 && c == ':' && i + 1 < name.size() && name[i + 1] == ':') {
      out.emplace_back(trim(name.substr(start, i - start)));
      start = i + 2;
      ++i;
    }
  }
  out.emplace_back(trim(name.substr(start)));
  return out;
}

function_name_query::function_name_query(std::string_view text) : text_(trim(text)) {
  if (text_.empty()) return;
  std::string name = text_;
  if (auto demangled = demangle(name); !demangled.empty()) {
    parameters_ = parameter_list(demangled);
    name = strip_signature(demangled);
  } else if (name.back() == ')' || name.ends_with(" const")) {
    parameters_ = parameter_list(name);
    name = strip_signature(name);
  }
  if (name.starts_with("::")) name.erase(0, 2);
  for (auto& part : split_qualified(strip_abi_tags(name))) parts_.push_back(part);
  if (parts_.empty() || parts_.back().empty()) {
    parts_.clear();
    return;
  }
  last_name_ = strip_template_arguments(parts_.back());
}

bool function_name_query::matches(std::string_view qualified, std::string_view linkage) const {
  if (parts_.empty()) return false;
  if (!linkage.empty() && linkage == text_) return true;
  auto demangled = demangle(linkage);
  std::string name = demangled.empty() ? std::string(qualified) : strip_signature(demangled);
  auto have = split_qualified(strip_abi_tags(name));
  if (have.size() < parts_.size()) return false;
  auto offset = have.size() - parts_.size();
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    if (!same_part(parts_[i], have[offset + i])) return false;
  }
  if (!parameters_) return true;
  // C functions have no parameter list in their names; "f(int)" names a C
  // f only if the user wrote the C++ signature, which we cannot check.
  if (demangled.empty()) return false;
  auto params = parameter_list(demangled);
  return params && (*params == *parameters_ || (*parameters_ == "(void)" && *params == "()"));
}

}  // namespace int3::dwarf
