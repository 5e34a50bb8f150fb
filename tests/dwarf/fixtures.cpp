#include "tests/dwarf/fixtures.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace int3::test {

std::vector<std::string> fixture_matrix(std::string_view stem) {
  std::vector<std::string> out;
  for (const char* compiler : {"gcc", "clang"})
    for (const char* opt : {"O0", "O2"})
      for (const char* pie : {"pie", "nopie"})
        for (const char* dw : {"d4", "d5"})
          out.push_back(std::string(stem) + "_" + compiler + "_" + opt + "_" + pie + "_" + dw);
  return out;
}

std::vector<std::string> fixture_matrix(std::string_view stem, std::string_view part) {
  std::vector<std::string> out;
  for (auto& name : fixture_matrix(stem))
    if (name.find(part) != std::string::npos) out.push_back(name);
  return out;
}

std::uint32_t line_containing(const std::string& file, std::string_view text) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open " + file);
  std::string line;
  std::uint32_t number = 0, found = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find(text) == std::string::npos) continue;
    if (found != 0) throw std::runtime_error("'" + std::string(text) + "' twice in " + file);
    found = number;
  }
  if (found == 0) throw std::runtime_error("'" + std::string(text) + "' not in " + file);
  return found;
}

temp_dir::temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "int3_dwarf_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string run_command(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) throw std::runtime_error("cannot run: " + command);
  std::string out;
  std::array<char, 4096> buffer;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0)
    out.append(buffer.data(), n);
  return out;
}

}  // namespace int3::test
