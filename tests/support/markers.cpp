#include "tests/support/markers.hpp"

#include <fstream>
#include <stdexcept>

namespace int3::test {

std::uint32_t line_of(const std::string& fixture_source, std::string_view marker) {
  std::ifstream in(fixture_source);
  if (!in) throw std::runtime_error("cannot open fixture source " + fixture_source);
  const std::string needle = "BREAK: " + std::string(marker);
  std::string text;
  std::uint32_t number = 0, found = 0;
  while (std::getline(in, text)) {
    ++number;
    auto at = text.find(needle);
    // The marker must end there ("BREAK: call" must not match "BREAK: call sum").
    if (at == std::string::npos) continue;
    auto end = at + needle.size();
    if (end < text.size() && text[end] != ' ' && text[end] != '*') continue;
    if (found != 0) throw std::runtime_error("marker '" + needle + "' twice in " + fixture_source);
    found = number;
  }
  if (found == 0) throw std::runtime_error("marker '" + needle + "' not in " + fixture_source);
  return found;
}

std::string fixture_source(std::string_view name) {
  return std::string(INT3_FIXTURE_SOURCE_DIR) + "/" + std::string(name);
}

std::string fixture_binary(std::string_view name) {
  return std::string(INT3_FIXTURE_DIR) + "/" + std::string(name);
}

}  // namespace int3::test
