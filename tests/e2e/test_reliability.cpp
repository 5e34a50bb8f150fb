// Faults a session must survive (issue 6): the TCP client drops, int3-dap is
// SIGKILLed while it holds an attached program, a readMemory of an absurd
// size, and the program's text after attach + breakpoints + detach. And
// nothing is lost when int3-dap is asked to end by a signal (SIGTERM, SIGINT,
// SIGHUP): an attached program is detached with its bytes restored and runs
// on, a launched one is killed and reaped.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <thread>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

// A child of the test, killed (if still alive) and reaped on destruction.
// Core dumps are off: one case here ends a program by SIGTRAP on purpose.
// Its stdin is /dev/null, or with `with_input` a pipe the test writes.
class child_process {
 public:
  explicit child_process(std::vector<std::string> argv, bool with_input = false) {
    int fds[2];
    REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    int input[2] = {-1, -1};
    if (with_input) REQUIRE(pipe2(input, O_CLOEXEC) == 0);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    const pid_t parent = getpid();
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(127);
      rlimit no_core{0, 0};
      setrlimit(RLIMIT_CORE, &no_core);
      dup2(with_input ? input[0] : open("/dev/null", O_RDONLY), 0);
      dup2(fds[1], 1);
      execv(args[0], args.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
    if (with_input) close(input[0]);
    in_ = input[1];
  }
  ~child_process() {
    if (pid_ > 0 && !status_) {
      kill(pid_, SIGKILL);
      int status;
      waitpid(pid_, &status, 0);
    }
    if (out_ >= 0) close(out_);
    if (in_ >= 0) close(in_);
  }
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  pid_t pid() const { return pid_; }

  // Writes to its stdin (with_input only).
  void write_input(const std::string& bytes) {
    REQUIRE(write(in_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  }
  // Closes our end of its stdout: its next write fails with EPIPE.
  void stop_reading() {
    close(out_);
    out_ = -1;
  }

  // Reads stdout until `token` appears, the pipe closes or 10 s pass.
  bool read_until(const std::string& token) {
    auto until = std::chrono::steady_clock::now() + 10s;
    while (text_.find(token) == std::string::npos) {
      if (std::chrono::steady_clock::now() > until) return false;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char buf[256];
      ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) return text_.find(token) != std::string::npos;
      text_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }

  // The wait status once it ended (up to 10 s), else nullopt.
  std::optional<int> wait_exit() {
    for (auto until = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(10ms)) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) return status_ = status;
    }
    return std::nullopt;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int in_ = -1;
  std::optional<int> status_;
  std::string text_;
};

// The sleeper fixture, started the way a user starts what they attach to.
struct sleeper : child_process {
  sleeper() : child_process({fixture_binary("sleeper"), "30"}) {
    REQUIRE(read_until("SLEEPER-READY"));
  }
};

// The spinner fixture: a hot loop, so breakpoints in it trap back to back.
struct spinner : child_process {
  spinner() : child_process({fixture_binary("spinner"), "60"}) {
    REQUIRE(read_until("SPINNER-READY"));
  }
};

bool untraced_within(pid_t pid, std::chrono::milliseconds timeout) {
  for (auto until = std::chrono::steady_clock::now() + timeout;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(10ms))
    if (tracer_of(pid).value_or(-1) == 0) return true;
  return false;
}

// A wait status that must be a normal exit with `code`.
void check_exit_code(const std::optional<int>& status, int code) {
  REQUIRE(status.has_value());
  INFO("wait status " << *status);
  REQUIRE(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == code);
}

// After the debugger left: untraced, running, and it ends normally when
// asked to. A breakpoint byte left behind would kill it with SIGTRAP first.
void check_runs_on_and_exits(child_process& program) {
  CHECK(untraced_within(program.pid(), 5s));
  const char state = process_state(program.pid()).value_or('?');
  CHECK(state != 't');
  CHECK(state != 'T');
  kill(program.pid(), SIGUSR1);
  check_exit_code(program.wait_exit(), 0);
  CHECK(program.read_until("INT3-FIXTURE-DONE"));
}

// Attached to `program`, stopped at its breakpoint in tick().
void attach_and_stop_at_tick(dap_client& client, const sleeper& program) {
  const std::string src = source_path("sleeper.c");
  client.initialize();
  client.request_ok("attach", {{"processId", program.pid()}});
  REQUIRE(client.set_breakpoints(
              src, {line_of(src, "tick")})["body"]["breakpoints"][0]["verified"] == true);
  client.configuration_done();
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
}

std::uint16_t free_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// `int3-dap --port N`, started by the test so that it outlives the clients.
// Each client is a dap_client whose own "adapter" is a stand-in that sleeps
// (dap_client always starts one): it connects over TCP to this server and
// drops the connection at shutdown() without a disconnect request, as an
// editor that crashed would.
struct tcp_server : child_process {
  explicit tcp_server(std::uint16_t port)
      : child_process({INT3_DAP_PATH, "--port", std::to_string(port)}), port_(port) {
    char dir[] = "/tmp/int3-tcp-XXXXXX";
    REQUIRE(mkdtemp(dir) != nullptr);
    stand_in_ = std::string(dir) + "/stand-in";
    std::ofstream(stand_in_) << "#!/bin/sh\nexec sleep 600\n";
    REQUIRE(chmod(stand_in_.c_str(), 0755) == 0);
  }
  ~tcp_server() {
    std::error_code ignored;
    std::filesystem::remove_all(std::filesystem::path(stand_in_).parent_path(), ignored);
  }

  dap_client_options client_options() const {
    dap_client_options options;
    options.adapter = stand_in_;
    options.log_file_flag = false;
    options.port = port_;
    return options;
  }

  std::uint16_t port_;
  std::string stand_in_;
};

std::vector<std::byte> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> chars{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<std::byte> bytes(chars.size());
  std::memcpy(bytes.data(), chars.data(), chars.size());
  return bytes;
}

struct text_comparison {
  std::size_t compared = 0;               // bytes
  std::optional<std::string> difference;  // the first one, described
};

// Every executable mapping of `binary` in `pid`, read through /proc/<pid>/mem
// and compared with the file's bytes at the mapping's offset.
text_comparison compare_text(pid_t pid, const std::string& binary) {
  const auto file = file_bytes(binary);
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  const int mem = open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(mem >= 0);
  text_comparison out;
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream fields(line);
    std::string range, perms, offset_hex, device, inode, path;
    fields >> range >> perms >> offset_hex >> device >> inode >> path;
    if (perms.find('x') == std::string::npos || path != binary) continue;
    const auto dash = range.find('-');
    const std::uint64_t start = std::stoull(range.substr(0, dash), nullptr, 16);
    const std::uint64_t end = std::stoull(range.substr(dash + 1), nullptr, 16);
    const std::uint64_t offset = std::stoull(offset_hex, nullptr, 16);
    REQUIRE(offset < file.size());
    const std::size_t size = std::min<std::uint64_t>(end - start, file.size() - offset);
    std::vector<std::byte> memory(size);
    REQUIRE(pread(mem, memory.data(), size, static_cast<off_t>(start)) ==
            static_cast<ssize_t>(size));
    for (std::size_t i = 0; i < size && !out.difference; ++i) {
      if (memory[i] != file[offset + i]) {
        std::ostringstream text;
        text << "text differs from " << binary << " at 0x" << std::hex << start + i << ": 0x"
             << static_cast<int>(memory[i]) << " in memory, 0x"
             << static_cast<int>(file[offset + i]) << " in the file";
        out.difference = text.str();
      }
    }
    out.compared += size;
  }
  close(mem);
  return out;
}

// compare_text, with a difference FAILing. Returns the bytes compared.
std::size_t compare_text_with_file(pid_t pid, const std::string& binary) {
  auto result = compare_text(pid, binary);
  if (result.difference) FAIL_CHECK(*result.difference);
  return result.compared;
}

}  // namespace

TEST_CASE("a dropped TCP client: the launched program is killed and the next client is served",
          "[e2e][reliability]") {
  const auto port = free_port();
  tcp_server server(port);
  const std::string src = source_path("loop.c");
  const json launch = launch_config("loop_gcc_O0_pie_d5", {{"args", {"2000000000"}}});
  pid_t first = 0;
  {
    e2e_client client(server.client_options());
    start_with_breakpoints(client, launch, src, {line_of(src, "square body")});
    first = client.wait_stopped()["body"]["threadId"].get<pid_t>();
    CHECK(tracer_of(first).value_or(0) == server.pid());
  }  // dropped here: no disconnect request
  process_guard guard(first);
  CHECK(wait_until_gone(first, 5s));
  CHECK(process_alive(server.pid()));

  e2e_client next(server.client_options());
  start_with_breakpoints(next, launch, src, {line_of(src, "square body")});
  json stopped = next.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  const auto second = stopped["body"]["threadId"].get<pid_t>();
  process_guard second_guard(second);
  CHECK(second != first);
  next.request_ok("disconnect", json::object());
  CHECK(wait_until_gone(second, 5s));
}

TEST_CASE("a dropped TCP client: the attached program is detached with its bytes restored",
          "[e2e][reliability]") {
  sleeper program;
  const auto port = free_port();
  tcp_server server(port);
  {
    e2e_client client(server.client_options());
    attach_and_stop_at_tick(client, program);
    CHECK(tracer_of(program.pid()).value_or(0) == server.pid());
  }  // dropped while stopped at a breakpoint whose 0xCC is in tick()
  check_runs_on_and_exits(program);
  CHECK(process_alive(server.pid()));
}

TEST_CASE("after attach, breakpoints and detach the text in memory equals the file",
          "[e2e][reliability]") {
  sleeper program;
  const std::string binary = fixture_binary("sleeper");
  REQUIRE(compare_text_with_file(program.pid(), binary) > 0);  // the oracle itself
  {
    e2e_client client;
    attach_and_stop_at_tick(client, program);
    // One more hit, then breakpoints replaced while the program runs.
    client.continue_(program.pid());
    REQUIRE(client.wait_stopped()["body"]["reason"] == "breakpoint");
    const std::string src = source_path("sleeper.c");
    client.continue_(program.pid());
    client.set_breakpoints(src, {line_of(src, "tick")});
    REQUIRE(client.wait_stopped()["body"]["reason"] == "breakpoint");
    client.request_ok("disconnect", json::object());
  }
  REQUIRE(untraced_within(program.pid(), 5s));
  CHECK(compare_text_with_file(program.pid(), binary) > 0);
  check_runs_on_and_exits(program);
}

TEST_CASE("int3-dap SIGKILLed while attached: the program is not left stopped",
          "[e2e][reliability]") {
  sleeper program;
  e2e_client client;
  attach_and_stop_at_tick(client, program);
  SECTION("with no breakpoint left in, it runs on") {
    client.set_breakpoints(source_path("sleeper.c"), {});
    client.kill_adapter(SIGKILL);
    check_runs_on_and_exits(program);
  }
  SECTION("a breakpoint byte left in ends it with SIGTRAP at its next hit") {
    // Nobody is left to restore the byte: the kernel detaches the program
    // and resumes it, and the next tick() traps with no tracer to catch it.
    client.kill_adapter(SIGKILL);
    CHECK(untraced_within(program.pid(), 5s));
    auto status = program.wait_exit();
    REQUIRE(status.has_value());
    INFO("wait status " << *status);
    CHECK(WIFSIGNALED(*status));
    CHECK(WTERMSIG(*status) == SIGTRAP);
  }
}

TEST_CASE("readMemory of a huge count answers at most a MiB", "[e2e][reliability]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5"), src,
                         {line_of(src, "square body")});
  const auto tid = client.wait_stopped()["body"]["threadId"].get<std::int64_t>();
  const std::string ref =
      client.stack_trace(tid)["body"]["stackFrames"][0].value("instructionPointerReference", "");
  REQUIRE_FALSE(ref.empty());
  constexpr std::int64_t mib = 1 << 20;
  for (const std::int64_t count :
       {std::int64_t{1} << 31, std::int64_t{1} << 62, std::numeric_limits<std::int64_t>::max()}) {
    INFO("count " << count);
    json body =
        client.request_ok("readMemory", {{"memoryReference", ref}, {"count", count}})["body"];
    const std::string data = body.value("data", "");
    const auto padding =
        std::count(data.end() - std::min<std::size_t>(2, data.size()), data.end(), '=');
    const std::int64_t read = static_cast<std::int64_t>(data.size() / 4 * 3) - padding;
    CHECK(read > 0);  // the code at the stop is readable
    CHECK(read + body.value("unreadableBytes", std::int64_t{0}) <= mib);
  }
  client.request_ok("disconnect", json::object());
}

namespace {

// An adapter asked to end by `signo` ends the session first and exits with
// 128 + the signal's number; dying by the signal's default action would
// leave an attached program with our 0xCC bytes in.
void check_ended_by(dap_client& client, int signo) {
  auto status = client.shutdown();
  INFO(client.log_tail());
  check_exit_code(status, 128 + signo);
}

void terminate_server(tcp_server& server) {
  ::kill(server.pid(), SIGTERM);
  check_exit_code(server.wait_exit(), 128 + SIGTERM);
}

bool log_says(const dap_client& client, const std::string& text) {
  std::ifstream log(client.log_path());
  std::string all{std::istreambuf_iterator<char>(log), std::istreambuf_iterator<char>()};
  return all.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("SIGTERM to int3-dap while attached and stopped: detached, every byte restored",
          "[e2e][reliability][signals]") {
  sleeper program;
  const std::string binary = fixture_binary("sleeper");
  e2e_client client;
  attach_and_stop_at_tick(client, program);
  REQUIRE(compare_text(program.pid(), binary).difference);  // our 0xCC is in
  client.kill_adapter(SIGTERM);
  check_ended_by(client, SIGTERM);
  CHECK(log_says(client, "exiting on SIGTERM"));
  REQUIRE(untraced_within(program.pid(), 5s));
  CHECK(compare_text_with_file(program.pid(), binary) > 0);
  check_runs_on_and_exits(program);
}

TEST_CASE("SIGTERM to int3-dap while an attached program runs through breakpoints in a hot loop",
          "[e2e][reliability][signals]") {
  spinner program;
  const std::string binary = fixture_binary("spinner");
  const std::string src = source_path("spinner.c");
  e2e_client client;
  client.initialize();
  client.request_ok("attach", {{"processId", program.pid()}});
  // Stops once, at the 1000th trap; every later call traps and runs on.
  json set = client.request_ok(
      "setBreakpoints",
      {{"source", {{"path", src}}},
       {"breakpoints",
        json::array({{{"line", line_of(src, "spin")}, {"hitCondition", "== 1000"}}})}});
  REQUIRE(set["body"]["breakpoints"][0]["verified"] == true);
  client.configuration_done();
  REQUIRE(client.wait_stopped()["body"]["reason"] == "breakpoint");
  client.continue_(program.pid());
  client.threads();  // answered: the program is running again
  REQUIRE(compare_text(program.pid(), binary).difference);
  client.kill_adapter(SIGTERM);
  check_ended_by(client, SIGTERM);
  REQUIRE(untraced_within(program.pid(), 5s));
  CHECK(compare_text_with_file(program.pid(), binary) > 0);
  check_runs_on_and_exits(program);
}

TEST_CASE("a termination signal to int3-dap kills and reaps a launched program",
          "[e2e][reliability][signals]") {
  const int signo = GENERATE(SIGTERM, SIGINT, SIGHUP);
  INFO("signal " << signo);
  e2e_client client;
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5", {{"args", {"2000000000"}}}),
                         src, {line_of(src, "square body")});
  const auto pid = client.wait_stopped()["body"]["threadId"].get<pid_t>();
  process_guard guard(pid);
  SECTION("stopped at a breakpoint") {}
  SECTION("running") {
    client.set_breakpoints(src, {});
    client.continue_(pid);
    client.threads();
  }
  client.kill_adapter(signo);
  check_ended_by(client, signo);
  // Killed and reaped before the adapter exited: no process, not even a
  // zombie, is left with that pid.
  CHECK(::kill(pid, 0) == -1);
  CHECK(errno == ESRCH);
}

TEST_CASE("SIGTERM to int3-dap --port: the attached program is detached, the server exits",
          "[e2e][reliability][signals]") {
  sleeper program;
  tcp_server server(free_port());
  e2e_client client(server.client_options());
  attach_and_stop_at_tick(client, program);
  terminate_server(server);
  check_runs_on_and_exits(program);
}

TEST_CASE("SIGTERM to an idle int3-dap --port ends it", "[e2e][reliability][signals]") {
  tcp_server server(free_port());
  {
    // Served and dropped: the server is past its start, waiting for the next.
    e2e_client client(server.client_options());
    client.initialize();
  }
  terminate_server(server);
}

TEST_CASE("SIGPIPE to int3-dap is ignored: the session goes on", "[e2e][reliability][signals]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, launch_config("loop_gcc_O0_pie_d5"), src,
                         {line_of(src, "square body")});
  const auto tid = client.wait_stopped()["body"]["threadId"].get<std::int64_t>();
  client.kill_adapter(SIGPIPE);
  CHECK(client.threads()["body"]["threads"].size() == 1);
  client.continue_(tid);
  CHECK(client.wait_stopped()["body"]["reason"] == "breakpoint");
  client.request_ok("disconnect", json::object());
}

namespace {

// int3-dap on two pipes the test holds itself, so that it can stop reading
// the adapter's output while keeping its input open, as a client that went
// away without closing our stdin would.
struct half_closed_client : child_process {
  half_closed_client() : child_process({INT3_DAP_PATH}, true) {}

  void send(int seq, const std::string& command, const json& arguments) {
    const std::string body = json{
        {"seq", seq},
        {"type", "request"},
        {"command", command},
        {"arguments", arguments}}.dump();
    write_input("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
};

}  // namespace

TEST_CASE("a client that stops reading ends the session as a dropped one",
          "[e2e][reliability][signals]") {
  sleeper program;
  const std::string src = source_path("sleeper.c");
  half_closed_client client;
  client.send(1, "initialize", {{"adapterID", "int3"}});
  client.send(2, "attach", {{"processId", program.pid()}});
  // A logpoint: every tick() writes an output event to the client.
  client.send(3, "setBreakpoints",
              {{"source", {{"path", src}}},
               {"breakpoints", {{{"line", line_of(src, "tick")}, {"logMessage", "tick"}}}}});
  client.send(4, "configurationDone", json::object());
  REQUIRE(client.read_until("\"command\":\"configurationDone\""));
  client.stop_reading();
  // The next output event fails (EPIPE, SIGPIPE ignored): the session ends
  // although the adapter's stdin is still open, and the program is detached
  // with its bytes restored.
  check_exit_code(client.wait_exit(), 0);
  check_runs_on_and_exits(program);
}
