#include "tests/dwarf/readelf_oracle.hpp"

#include <sstream>
#include <stdexcept>

#include "tests/dwarf/fixtures.hpp"

namespace int3::test {

bool readelf_available() {
  return run_command("readelf --version 2>/dev/null").find("readelf") != std::string::npos;
}

std::vector<readelf_row> readelf_decoded_lines(const std::string& binary) {
  // -W keeps long file names on one line, so every row has the same columns.
  std::istringstream text(
      run_command("readelf -W --debug-dump=decodedline '" + binary + "' 2>/dev/null"));
  std::vector<readelf_row> rows;
  std::string line;
  while (std::getline(text, line)) {
    std::istringstream fields(line);
    std::vector<std::string> tokens;
    for (std::string t; fields >> t;) tokens.push_back(t);
    // Rows are "name line address [view] [x]"; headers and file switches are not.
    if (tokens.size() < 3 || tokens[2].rfind("0x", 0) != 0) continue;
    readelf_row row;
    row.address = std::stoull(tokens[2], nullptr, 16);
    if (tokens[1] == "-") {
      row.end_sequence = true;
    } else {
      if (tokens[1].find_first_not_of("0123456789") != std::string::npos) continue;
      row.line = static_cast<std::uint32_t>(std::stoul(tokens[1]));
    }
    row.is_stmt = tokens.back() == "x";
    rows.push_back(row);
  }
  return rows;
}

std::uint64_t readelf_entry(const std::string& binary) {
  std::istringstream text(run_command("readelf -h '" + binary + "' 2>/dev/null"));
  std::string line;
  while (std::getline(text, line)) {
    auto at = line.find("Entry point address:");
    if (at != std::string::npos) return std::stoull(line.substr(at + 20), nullptr, 16);
  }
  throw std::runtime_error("readelf -h gave no entry point for " + binary);
}

}  // namespace int3::test
