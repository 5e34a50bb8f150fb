// Launch, exit codes, exec failures and the program's lifetime.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "engine/error.hpp"
#include "engine/process.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"
#include "tests/support/proc_oracle.hpp"

using namespace int3;
using namespace std::chrono_literals;

namespace {

// A scratch folder removed at the end of the test.
struct scratch_dir {
  std::filesystem::path path;
  scratch_dir() {
    char name[] = "/tmp/int3-engine-XXXXXX";
    REQUIRE(mkdtemp(name));
    path = name;
  }
  ~scratch_dir() { std::filesystem::remove_all(path); }
  std::filesystem::path file(const std::string& name, const std::string& text, mode_t mode) const {
    auto p = path / name;
    std::ofstream(p) << text;
    chmod(p.c_str(), mode);
    return p;
  }
};

std::string launch_error(const engine::launch_options& options) {
  try {
    engine::target::launch(options);
  } catch (const engine::error& e) {
    return e.what();
  }
  FAIL("launch of " << options.program << " did not fail");
  return {};
}

}  // namespace

TEST_CASE("launch stops before the program runs; resume runs it to its exit code", "[process]") {
  test::output_pipe out;
  auto target = test::launch(
      {"output", {"a b", "c"}, {"INT3_EXIT_CODE=7", "INT3_TEST_VAR=x y"}, out.write_end()});
  CHECK(test::process_state(target->pid()) == 't');
  CHECK(test::tracer_of(target->pid()) == getpid());
  CHECK_FALSE(target->is_running());
  CHECK(target->has_debug_info());

  auto stop = test::continue_to_stop(*target);
  CHECK(stop.kind == engine::stop_kind::exited);
  CHECK(stop.exit_code == 7);
  CHECK(target->has_ended());
  CHECK_FALSE(target->is_running());
  std::string text = out.read_all();
  CHECK_THAT(text, Catch::Contains("arg[1]=a b\narg[2]=c\n"));
  CHECK_THAT(text, Catch::Contains("env=x y"));
  CHECK_THAT(text, Catch::Contains("INT3-FIXTURE-DONE"));
}

TEST_CASE("wait_stop blocks until the program exits", "[process]") {
  auto target = test::launch("output");
  target->resume();
  auto stop = target->wait_stop();
  CHECK(stop.kind == engine::stop_kind::exited);
  CHECK(stop.exit_code == 0);
  CHECK_THROWS_AS(target->resume(), engine::error);
}

TEST_CASE("the working directory and stdin are set up", "[process]") {
  test::output_pipe out;
  auto options = test::options_for({"output", {}, {}, out.write_end()});
  options.cwd = "/tmp";
  auto target = engine::target::launch(options);
  CHECK(test::continue_to_stop(*target).kind == engine::stop_kind::exited);
  CHECK_THAT(out.read_all(), Catch::Contains("cwd=/tmp\n"));
}

TEST_CASE("exec failures say what went wrong", "[process]") {
  scratch_dir dir;
  auto options = test::options_for({"output", {}, {}, -1});

  SECTION("missing file") {
    options.program = dir.path / "no-such-program";
    auto message = launch_error(options);
    CHECK_THAT(message, Catch::Contains(options.program.string()));
    CHECK_THAT(message, Catch::Contains("No such file or directory"));
  }
  SECTION("a directory") {
    options.program = dir.path;
    CHECK_THAT(launch_error(options), Catch::Contains("Is a directory"));
  }
  SECTION("a file without execute permission") {
    options.program = dir.file("data", "just text\n", 0644);
    CHECK_THAT(launch_error(options), Catch::Contains("Permission denied"));
  }
  SECTION("a text file with +x and no shebang") {
    options.program = dir.file("script", "echo hello\n", 0755);
    auto message = launch_error(options);
    CHECK_THAT(message, Catch::StartsWith("cannot run " + options.program.string() + ": "));
    CHECK_THAT(message, Catch::Contains("ELF"));
  }
  SECTION("the kernel's refusal comes back through the pipe") {
    // Past the ELF check, straight to execve: ENOEXEC from the child.
    options.program = dir.file("script", "echo hello\n", 0755);
    try {
      engine::process::launch(options);
      FAIL("exec of a text file succeeded");
    } catch (const engine::error& e) {
      CHECK(std::string(e.what()) == "cannot run " + options.program.string() +
                                         ": Exec format error (not an executable this system "
                                         "can run)");
    }
  }
  SECTION("a missing working directory") {
    options.cwd = dir.path / "gone";
    CHECK_THAT(launch_error(options), Catch::Contains("gone"));
  }
}

TEST_CASE("kill and the destructor leave no process behind", "[process]") {
  pid_t pid = 0;
  {
    auto target = test::launch("loop_gcc_O0_pie_d5");
    pid = target->pid();
    REQUIRE(test::process_alive(pid));
    SECTION("kill") {
      target->kill();
      CHECK(target->has_ended());
      CHECK_FALSE(test::process_state(pid).has_value());
    }
    SECTION("destructor") {}
  }
  CHECK_FALSE(test::process_state(pid).has_value());
}

TEST_CASE("the program dies with the debugger, even when it is SIGKILLed", "[process]") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t debugger = fork();
  REQUIRE(debugger >= 0);
  if (debugger == 0) {
    // A stand-in debugger: launch, tell the parent the pid, wait to be killed.
    close(fds[0]);
    try {
      auto target = test::launch("loop_gcc_O0_pie_d5");
      pid_t pid = target->pid();
      [[maybe_unused]] auto n = write(fds[1], &pid, sizeof pid);
      for (;;) pause();
    } catch (const engine::error&) {
      _exit(1);
    }
  }
  close(fds[1]);
  pid_t debuggee = 0;
  REQUIRE(read(fds[0], &debuggee, sizeof debuggee) == sizeof debuggee);
  close(fds[0]);
  REQUIRE(test::process_alive(debuggee));
  kill(debugger, SIGKILL);
  int status;
  waitpid(debugger, &status, 0);
  CHECK(test::wait_until_gone(debuggee, 5000ms));
}

TEST_CASE("detach lets the program run on without us", "[process]") {
  test::output_pipe out;
  auto target = test::launch({"loop_gcc_O0_pie_d5", {}, {}, out.write_end()});
  pid_t pid = target->pid();
  auto source = test::fixture_source("loop.c");
  REQUIRE(target->create_line_breakpoint(source, test::line_of(source, "square body")).verified);
  REQUIRE(test::continue_to_stop(*target).kind == engine::stop_kind::breakpoint);
  target->detach();
  CHECK(test::tracer_of(pid) == 0);
  // Still our child: we reap it as any parent would.
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_THAT(out.read_all(), Catch::Contains("INT3-FIXTURE-DONE"));
}

TEST_CASE("detach while running leaves the program running", "[process]") {
  auto target = test::launch({"threads", {"1000000000"}, {}, -1});
  pid_t pid = target->pid();
  target->resume();
  test::run_for(*target, 20ms);
  target->detach();
  CHECK(test::tracer_of(pid) == 0);
  usleep(20000);
  auto state = test::process_state(pid);
  REQUIRE(state.has_value());
  CHECK((*state == 'R' || *state == 'S'));
  kill(pid, SIGKILL);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
}

TEST_CASE("an exec replaces the program: breakpoints resolve in the new one", "[process]") {
  const auto output_c = test::fixture_source("output.c");
  test::output_pipe out;
  auto options = test::options_for({"output", {}, {"INT3_EXIT_CODE=3"}, out.write_end()});
  options.args = {"-c", "exec " + options.program.string() + " from-shell"};
  options.program = "/bin/sh";
  auto target = engine::target::launch(options);
  auto status = target->create_line_breakpoint(output_c, test::line_of(output_c, "stderr"));
  CHECK_FALSE(status.verified);  // the shell has no output.c

  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  CHECK(stop.breakpoint_ids == std::vector<int>{status.id});
  auto frame = target->stack(stop.tid, 1).at(0);
  CHECK(frame.function == "main");
  CHECK(frame.module == "output");
  CHECK(test::frame_line(frame) == test::line_of(output_c, "stderr"));
  stop = test::continue_to_stop(*target);
  CHECK(stop.kind == engine::stop_kind::exited);
  CHECK(stop.exit_code == 3);
  CHECK_THAT(out.read_all(), Catch::Contains("arg[1]=from-shell"));
}

TEST_CASE("a file the program maps as data is not one of its modules", "[process]") {
  const std::string library = test::fixture_binary("libint3plugin.so");
  const auto source = test::fixture_source("mapper.c");
  auto target = test::launch(test::launch_spec{"mapper", {library}, {}, -1});
  REQUIRE(target->create_line_breakpoint(source, test::line_of(source, "mapped")).verified);
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  // The mapping is there, read-only...
  std::ifstream maps("/proc/" + std::to_string(target->pid()) + "/maps");
  bool mapped = false;
  for (std::string line; std::getline(maps, line);)
    mapped = mapped || line.find("libint3plugin.so") != std::string::npos;
  REQUIRE(mapped);
  // ...and no module: nothing runs from it.
  bool libc = false;
  for (const auto& m : target->modules()) {
    CHECK(m.path.find("libint3plugin.so") == std::string::npos);
    libc = libc || m.name.starts_with("libc.so");
  }
  CHECK(libc);
  target->kill();
}
