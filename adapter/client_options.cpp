#include "adapter/client_options.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace int3::dap {

std::uint32_t client_options::line_from_client(int line) const {
  int one_based = lines_start_at_1_ ? line : line + 1;
  return static_cast<std::uint32_t>(std::max(one_based, 0));
}

int client_options::line_to_client(std::uint32_t line) const {
  return lines_start_at_1_ || line == 0 ? static_cast<int>(line) : static_cast<int>(line) - 1;
}

int client_options::column_to_client(std::uint32_t column) const {
  return columns_start_at_1_ || column == 0 ? static_cast<int>(column)
                                            : static_cast<int>(column) - 1;
}

std::uint32_t client_options::column_from_client(int column) const {
  int one_based = columns_start_at_1_ ? column : column + 1;
  return static_cast<std::uint32_t>(std::max(one_based, 0));
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
}  // namespace

std::string client_options::path_from_client(const std::string& path) const {
  constexpr std::string_view scheme = "file://";
  if (!uri_paths_ || path.compare(0, scheme.size(), scheme) != 0) return path;
  std::string out;
  for (std::size_t i = scheme.size(); i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() && hex_value(path[i + 1]) >= 0 &&
        hex_value(path[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(path[i + 1]) * 16 + hex_value(path[i + 2]));
      i += 2;
    } else {
      out += path[i];
    }
  }
  return out;
}

std::string client_options::path_to_client(const std::string& program_path) const {
  const std::string path = sources_.to_editor(program_path);
  if (!uri_paths_) return path;
  std::string out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

}  // namespace int3::dap
