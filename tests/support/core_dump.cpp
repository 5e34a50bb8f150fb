#include "tests/support/core_dump.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "tests/support/markers.hpp"

namespace int3::test {
namespace {

// Runs argv with stdio on /dev/null in `folder`, optionally with cores
// allowed; returns the wait status.
int run(const std::vector<std::string>& argv, const std::filesystem::path& folder,
        bool allow_core) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (allow_core) {
      rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
      if (setrlimit(RLIMIT_CORE, &unlimited) != 0) _exit(126);
    }
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    if (chdir(folder.c_str()) != 0) _exit(126);
    std::vector<char*> raw;
    for (const auto& a : argv) raw.push_back(const_cast<char*>(a.c_str()));
    raw.push_back(nullptr);
    execvp(raw[0], raw.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  return status;
}

// The kernel writes into the dying process's folder only for a plain
// relative pattern ("core", "core.%p").
bool kernel_writes_here() {
  std::ifstream pattern_file("/proc/sys/kernel/core_pattern");
  std::string pattern;
  std::getline(pattern_file, pattern);
  return !pattern.empty() && pattern[0] != '|' && pattern[0] != '/' &&
         pattern.find('/') == std::string::npos;
}

}  // namespace

core_dump::core_dump(const std::string& fixture, const std::vector<std::string>& args,
                     core_maker maker)
    : program_(fixture_binary(fixture)) {
  std::string templ = (std::filesystem::temp_directory_path() / "int3-core-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  folder_ = templ;
  bool made = false;
  if (maker == core_maker::kernel && kernel_writes_here()) made = by_kernel(args);
  if (!made) made = by_gdb(args);
  if (!made) {
    std::filesystem::remove_all(folder_);
    throw std::runtime_error("no core file of " + fixture +
                             " could be made (neither the kernel nor gdb wrote one)");
  }
}

core_dump::~core_dump() {
  std::error_code ec;
  std::filesystem::remove_all(folder_, ec);
}

bool core_dump::by_kernel(const std::vector<std::string>& args) {
  std::vector<std::string> argv{program_.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  int status = run(argv, folder_, true);
  if (!WIFSIGNALED(status) || !WCOREDUMP(status)) return false;
  for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
    if (entry.path().filename().string().rfind("core", 0) == 0) {
      path_ = entry.path();
      made_by_ = core_maker::kernel;
      return true;
    }
  }
  return false;
}

bool core_dump::gdb_available() {
  return run({"gdb", "--version"}, std::filesystem::temp_directory_path(), false) == 0;
}

bool core_dump::by_gdb(const std::vector<std::string>& args) {
  auto target = folder_ / "core.gdb";
  std::vector<std::string> argv{"gdb",
                                "-batch",
                                "-nx",
                                "-ex",
                                "run",
                                "-ex",
                                "generate-core-file " + target.string(),
                                "-ex",
                                "kill",
                                "--args",
                                program_.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  run(argv, folder_, false);
  if (!std::filesystem::exists(target)) return false;
  path_ = target;
  made_by_ = core_maker::gdb;
  return true;
}

}  // namespace int3::test
