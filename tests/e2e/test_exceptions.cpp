// C++ exception breakpoints: the "C++: on throw" and "C++: on catch" filters
// stop where the program throws or catches, name the exception's type, show
// the throw site as the first frame with a source and answer exceptionInfo
// with what() where the object holds it; turned off, the program runs on.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

const std::string source = source_path("throws.cpp");

// Every build of the fixture; libc++abi's only where libc++ is installed.
std::vector<std::string> fixtures() {
  std::vector<std::string> out = {"throws_gcc_O0", "throws_gcc_O2", "throws_clang_O0",
                                  "throws_clang_O2"};
  if (std::filesystem::exists(fixture_binary("throws_libcxx_O0")))
    out.push_back("throws_libcxx_O0");
  return out;
}

void set_filters(dap_client& client, const json& filters) {
  client.request_ok("setExceptionBreakpoints", {{"filters", filters}});
}

struct exception_stop {
  std::int64_t tid = 0;
  std::string description;
  std::string text;
  json frame0;
  // The innermost frame with a source: where VS Code puts the cursor.
  std::string function;
  std::string path;
  std::uint32_t line = 0;
};

exception_stop expect_exception_stop(dap_client& client) {
  json stopped = client.wait_stopped();
  INFO("stopped: " << stopped.dump());
  CHECK(stopped["body"]["reason"] == "exception");
  exception_stop out;
  out.tid = stopped["body"]["threadId"].get<std::int64_t>();
  out.description = stopped["body"].value("description", "");
  out.text = stopped["body"].value("text", "");
  json frames = client.stack_trace(out.tid)["body"]["stackFrames"];
  REQUIRE_FALSE(frames.empty());
  out.frame0 = frames[0];
  for (const auto& f : frames) {
    if (!f.contains("source")) continue;
    out.function = f.value("name", "");
    out.path = f["source"].value("path", "");
    out.line = f.value("line", 0u);
    break;
  }
  return out;
}

json exception_info(dap_client& client, std::int64_t tid) {
  return client.request_ok("exceptionInfo", {{"threadId", tid}})["body"];
}

// The fixture throwing in a loop, started by the test the way a user starts
// a program they later attach to. Killed and reaped on destruction.
class throwing_program {
 public:
  explicit throwing_program(const std::string& fixture) {
    int fds[2];
    REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    std::string binary = fixture_binary(fixture);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(fds[1], 1);
      execl(binary.c_str(), binary.c_str(), "forever", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
    REQUIRE(next_line() == "THROWS-READY");
  }
  ~throwing_program() {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    close(out_);
  }
  throwing_program(const throwing_program&) = delete;
  throwing_program& operator=(const throwing_program&) = delete;

  pid_t pid() const { return pid_; }

  // Its next line of output; "" when it ends or says nothing for 10 s.
  std::string next_line() {
    while (text_.find('\n') == std::string::npos) {
      if (!read_some(10'000)) return "";
    }
    auto end = text_.find('\n');
    std::string line = text_.substr(0, end);
    text_.erase(0, end + 1);
    return line;
  }
  // Forgets what it printed so far, so next_line() waits for new output.
  void skip_printed() {
    while (read_some(0)) {
    }
    text_.clear();
  }

 private:
  bool read_some(int timeout_ms) {
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[256];
    ssize_t n = ::read(out_, buf, sizeof buf);
    if (n <= 0) return false;
    text_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string text_;
};

}  // namespace

TEST_CASE("C++ exception filters are advertised, off by default", "[e2e][exceptions]") {
  e2e_client client;
  json caps = client.initialize()["body"];
  std::map<std::string, bool> defaults;
  for (const auto& f : caps["exceptionBreakpointFilters"])
    defaults[f["filter"].get<std::string>()] = f.value("default", true);
  REQUIRE(defaults.count("cpp_throw") == 1);
  REQUIRE(defaults.count("cpp_catch") == 1);
  CHECK_FALSE(defaults["cpp_throw"]);
  CHECK_FALSE(defaults["cpp_catch"]);
  CHECK(defaults.count("faults") == 1);
}

TEST_CASE("on throw: each throw stops at its throw site with its type", "[e2e][exceptions]") {
  for (const auto& fixture : fixtures()) {
    INFO("fixture " << fixture);
    e2e_client client;
    client.initialize();
    // VS Code sends the filters before launch (int3 sends `initialized`
    // first); nvim-dap after it. Both must work.
    bool before_launch = fixture.ends_with("O0");
    if (before_launch) set_filters(client, {"cpp_throw"});
    client.launch(launch_config(fixture));
    if (!before_launch) set_filters(client, {"cpp_throw"});
    client.configuration_done();

    auto stop = expect_exception_stop(client);
    CHECK(stop.description == "Exception thrown: std::runtime_error");
    CHECK(stop.text == "std::runtime_error");
    // __cxa_throw has no debug info: no source, so the user's frame is focused.
    CHECK_FALSE(stop.frame0.contains("source"));
    CHECK(stop.path == source);
    CHECK(stop.line == line_of(source, "throw runtime_error"));
    CHECK(contains(stop.function, "check_code"));
    json info = exception_info(client, stop.tid);
    CHECK(info["exceptionId"] == "std::runtime_error");
    CHECK(info.value("description", "") == "code too large");
    CHECK(info["breakMode"] == "always");

    client.continue_(stop.tid);
    stop = expect_exception_stop(client);
    CHECK(stop.description == "Exception thrown: app::parse_error");
    CHECK(stop.line == line_of(source, "throw parse_error"));
    info = exception_info(client, stop.tid);
    CHECK(info["exceptionId"] == "app::parse_error");
    // Its message exists only in code (an override of what()).
    CHECK_FALSE(info.contains("description"));

    client.continue_(stop.tid);
    stop = expect_exception_stop(client);
    CHECK(stop.description == "Exception thrown: int");
    CHECK(stop.line == line_of(source, "throw int"));
    CHECK_FALSE(exception_info(client, stop.tid).contains("description"));

    client.continue_(stop.tid);
    stop = expect_exception_stop(client);
    CHECK(stop.description == "Exception thrown: app::config_error");
    CHECK(stop.line == line_of(source, "throw config_error"));
    info = exception_info(client, stop.tid);
    CHECK(info["exceptionId"] == "app::config_error");
    CHECK(info.value("description", "") == "missing key 'port'");

    client.continue_(stop.tid);
    stop = expect_exception_stop(client);
    CHECK(stop.description == "Exception rethrown");
    CHECK(stop.line == line_of(source, "rethrow"));
    CHECK(contains(stop.function, "rethrow_config"));

    client.continue_(stop.tid);
    CHECK(expect_run_to_exit(client) == 0);
    CHECK(contains(client.output("stdout"), "caught 4"));
  }
}

TEST_CASE("on catch: each handler that catches stops with the type", "[e2e][exceptions]") {
  for (const auto& fixture : fixtures()) {
    INFO("fixture " << fixture);
    e2e_client client;
    client.initialize();
    client.launch(launch_config(fixture));
    set_filters(client, {"cpp_catch"});
    client.configuration_done();

    struct expected {
      const char* type;
      const char* function;
    };
    const expected catches[] = {{"std::runtime_error", "main"},
                                {"app::parse_error", "main"},
                                {"int", "main"},
                                {"app::config_error", "rethrow_config"},
                                {"app::config_error", "main"}};
    for (const auto& e : catches) {
      INFO("catch of " << e.type << " in " << e.function);
      auto stop = expect_exception_stop(client);
      CHECK(stop.description == std::string("Exception caught: ") + e.type);
      CHECK_FALSE(stop.frame0.contains("source"));
      CHECK(stop.path == source);
      CHECK(contains(stop.function, e.function));
      json info = exception_info(client, stop.tid);
      CHECK(info["exceptionId"] == e.type);
      if (std::string(e.type) == "std::runtime_error")
        CHECK(info.value("description", "") == "code too large");
      client.continue_(stop.tid);
    }
    CHECK(expect_run_to_exit(client) == 0);
  }
}

TEST_CASE("with the C++ filters off the program throws and catches without a stop",
          "[e2e][exceptions]") {
  e2e_client client;
  client.initialize();
  set_filters(client, {"cpp_throw", "cpp_catch"});
  client.launch(launch_config("throws_gcc_O0"));
  set_filters(client, json::array());
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "caught 4"));
}

TEST_CASE("C++ filters changed while stopped apply from the next resume", "[e2e][exceptions]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("throws_clang_O2"));
  set_filters(client, {"cpp_throw"});
  client.configuration_done();
  auto stop = expect_exception_stop(client);
  CHECK(stop.description == "Exception thrown: std::runtime_error");

  // Throw off, catch on: the next stop is the handler of that same throw.
  set_filters(client, {"cpp_catch"});
  client.continue_(stop.tid);
  stop = expect_exception_stop(client);
  CHECK(stop.description == "Exception caught: std::runtime_error");
  CHECK(contains(stop.function, "main"));

  // Both off: the traps are gone, so nothing stops the program again.
  set_filters(client, {"faults"});
  client.continue_(stop.tid);
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("stdout"), "caught 4"));
}

TEST_CASE("C++ filters survive a restart and do not stop a C program", "[e2e][exceptions]") {
  SECTION("restart") {
    e2e_client client;
    client.initialize();
    client.launch(launch_config("throws_gcc_O2"));
    set_filters(client, {"cpp_throw"});
    client.configuration_done();
    auto first = expect_exception_stop(client);
    client.request_ok("restart");
    auto again = expect_exception_stop(client);
    CHECK(again.tid != first.tid);
    CHECK(again.description == "Exception thrown: std::runtime_error");
    CHECK(again.line == line_of(source, "throw runtime_error"));
    set_filters(client, json::array());
    client.continue_(again.tid);
    CHECK(expect_run_to_exit(client) == 0);
  }
  SECTION("a C program has no C++ runtime to stop in") {
    e2e_client client;
    client.initialize();
    set_filters(client, {"cpp_throw", "cpp_catch"});
    client.launch(launch_config("loop_gcc_O0_pie_d5"));
    client.configuration_done();
    CHECK(expect_run_to_exit(client) == 0);
  }
}

TEST_CASE("attach: on throw set while running stops it; detaching leaves it throwing",
          "[e2e][exceptions][attach]") {
  throwing_program program("throws_gcc_O2");
  e2e_client client;
  client.initialize();
  client.request_ok("attach", {{"processId", program.pid()}});
  client.configuration_done();
  // Set while the program runs: it is interrupted without a stop the user
  // sees, and the next throw stops it.
  set_filters(client, {"cpp_throw"});
  auto stop = expect_exception_stop(client);
  CHECK(stop.tid == program.pid());
  CHECK(stop.description == "Exception thrown: std::runtime_error");
  CHECK(stop.line == line_of(source, "throw runtime_error"));
  CHECK(exception_info(client, stop.tid).value("description", "") == "code too large");

  // The trap is still in __cxa_throw: detaching must put its bytes back, or
  // the program's next throw ends it with SIGTRAP.
  client.request_ok("disconnect", json::object());
  client.shutdown();
  program.skip_printed();
  // Each line is a hundred more throws, all after the detach.
  CHECK(program.next_line().starts_with("thrown "));
  CHECK(program.next_line().starts_with("thrown "));
  CHECK(process_alive(program.pid()));
}
