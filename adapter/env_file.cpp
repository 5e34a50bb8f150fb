#include "adapter/env_file.hpp"

#include <stdexcept>

namespace int3::dap {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string unquote(std::string_view value) {
  if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
    return std::string(value.substr(1, value.size() - 2));
  }
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    std::string out;
    value = value.substr(1, value.size() - 2);
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '\\' && i + 1 < value.size()) {
        char next = value[++i];
        out += next == 'n' ? '\n' : next;
      } else {
        out += value[i];
      }
    }
    return out;
  }
  // Unquoted: a " #" starts a comment, as in dotenv.
  if (auto hash = value.find(" #"); hash != std::string_view::npos)
    value = trim(value.substr(0, hash));
  return std::string(value);
}

}  // namespace

std::map<std::string, std::string> parse_env_file(std::string_view text) {
  std::map<std::string, std::string> out;
  std::size_t line_number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    auto eq = line.find('=');
    std::string_view key = eq == std::string_view::npos ? line : trim(line.substr(0, eq));
    if (eq == std::string_view::npos || key.empty()) {
      throw std::invalid_argument("line " + std::to_string(line_number) +
                                  ": expected KEY=VALUE, got '" + std::string(line) + "'");
    }
    out[std::string(key)] = unquote(trim(line.substr(eq + 1)));
  }
  return out;
}

}  // namespace int3::dap
