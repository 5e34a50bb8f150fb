#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace int3::test {

// How a test core was made.
enum class core_maker {
  kernel,  // the program died with RLIMIT_CORE raised, the kernel wrote the core
  gdb,     // gdb ran it to the fault and wrote the core (generate-core-file)
};

// A core file of a fixture that crashes, in a temporary folder removed with
// it. The core always comes from the kernel or gdb, never from us.
class core_dump {
 public:
  // `kernel` falls back to gdb where the kernel's core_pattern does not
  // write a file into the dying process's folder (a pipe to a handler, an
  // absolute path): CI machines differ. Throws std::runtime_error when no
  // core could be made; every process it starts is reaped.
  core_dump(const std::string& fixture, const std::vector<std::string>& args,
            core_maker maker = core_maker::kernel);
  ~core_dump();
  core_dump(const core_dump&) = delete;
  core_dump& operator=(const core_dump&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& program() const { return program_; }
  core_maker made_by() const { return made_by_; }

  // Whether gdb can be run here.
  static bool gdb_available();

 private:
  bool by_kernel(const std::vector<std::string>& args);
  bool by_gdb(const std::vector<std::string>& args);

  std::filesystem::path folder_, path_, program_;
  core_maker made_by_ = core_maker::kernel;
};

}  // namespace int3::test
