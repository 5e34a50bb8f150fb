#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace int3::test {

// Every compiler x optimisation x PIE x DWARF-version build of one stem
// ("loop", "shapes"), as tests/fixtures/CMakeLists.txt names them.
std::vector<std::string> fixture_matrix(std::string_view stem);

// Matrix entries whose name contains `part` ("_O0_", "gcc_O0").
std::vector<std::string> fixture_matrix(std::string_view stem, std::string_view part);

// The 1-based line of `file` that contains `text`; throws unless exactly one does.
std::uint32_t line_containing(const std::string& file, std::string_view text);

// A fresh directory under the system temp dir, removed with everything in it.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Output of a shell command (stdout only); throws if it cannot be started.
std::string run_command(const std::string& command);

}  // namespace int3::test
