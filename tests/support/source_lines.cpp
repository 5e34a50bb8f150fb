#include "tests/support/source_lines.hpp"

#include <fstream>
#include <stdexcept>

namespace int3::test {

std::uint32_t line_containing(const std::string& file, std::string_view text) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open " + file);
  std::uint32_t number = 0, found = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find(text) == std::string::npos) continue;
    if (found != 0) throw std::runtime_error("'" + std::string(text) + "' twice in " + file);
    found = number;
  }
  if (found == 0) throw std::runtime_error("'" + std::string(text) + "' not in " + file);
  return found;
}

}  // namespace int3::test
