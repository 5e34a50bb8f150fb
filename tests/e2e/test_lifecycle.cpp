// However a session ends, the debugged program must not outlive it, and the
// adapter must go too.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

// A long-running launch: two billion calls of square().
json long_run() {
  return launch_config("loop_gcc_O0_pie_d5", {{"args", {"2000000000"}}});
}

// Stopped at "square body"; returns the debuggee pid, checked three ways:
// the stopped thread id, the adapter's only child, and a stopped tracee.
pid_t stop_at_breakpoint(dap_client& client) {
  const std::string src = source_path("loop.c");
  start_with_breakpoints(client, long_run(), src, {line_of(src, "square body")});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  const auto tid = stopped["body"]["threadId"].get<pid_t>();
  auto reported = debuggee_pid(client);
  REQUIRE(reported.has_value());
  CHECK(*reported == tid);  // the main thread id is the pid
  CHECK(children_of(client.adapter_pid()) == std::vector<pid_t>{tid});
  CHECK(process_state(tid) == 't');
  CHECK(tracer_of(tid) == client.adapter_pid());
  return tid;
}

std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("disconnect kills a launched program", "[e2e][lifecycle]") {
  e2e_client client;
  SECTION("stopped at a breakpoint") {
    const pid_t pid = stop_at_breakpoint(client);
    process_guard guard(pid);
    client.request_ok("disconnect", json::object());
    CHECK(wait_until_gone(pid, 5s));
  }
  SECTION("while it runs") {
    client.initialize();
    client.launch(long_run());
    client.configuration_done();
    auto children = children_of(client.adapter_pid());
    REQUIRE(children.size() == 1);
    process_guard guard(children[0]);
    client.request_ok("disconnect", json::object());
    CHECK(wait_until_gone(children[0], 5s));
  }
  auto status = client.shutdown();
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
}

TEST_CASE("terminate ends the program with exited and terminated", "[e2e][lifecycle]") {
  e2e_client client;
  const pid_t pid = stop_at_breakpoint(client);
  process_guard guard(pid);
  client.request_ok("terminate", json::object());
  client.wait_exited();
  client.wait_terminated();
  CHECK(wait_until_gone(pid, 5s));
  client.request_ok("disconnect", json::object());
}

TEST_CASE("closing stdin without disconnect ends the adapter and the program", "[e2e][lifecycle]") {
  e2e_client client;
  const pid_t pid = stop_at_breakpoint(client);
  process_guard guard(pid);
  auto status = client.shutdown(5s);
  REQUIRE(status.has_value());  // it exited by itself, within 5 s
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  CHECK(wait_until_gone(pid, 5s));
}

TEST_CASE("killing int3-dap leaves no orphan and no stopped process", "[e2e][lifecycle]") {
  e2e_client client;
  SECTION("stopped at a breakpoint") {
    const pid_t pid = stop_at_breakpoint(client);
    process_guard guard(pid);
    client.kill_adapter(SIGKILL);
    INFO("debuggee " << pid << " state after int3-dap died: " << process_state(pid).value_or('-'));
    CHECK(wait_until_gone(pid, 5s));
  }
  SECTION("while it runs") {
    client.initialize();
    client.launch(long_run());
    client.configuration_done();
    auto children = children_of(client.adapter_pid());
    REQUIRE(children.size() == 1);
    process_guard guard(children[0]);
    client.kill_adapter(SIGKILL);
    INFO("debuggee " << children[0]
                     << " state after int3-dap died: " << process_state(children[0]).value_or('-'));
    CHECK(wait_until_gone(children[0], 5s));
  }
}

TEST_CASE("TCP mode (--port) serves DAP on 127.0.0.1 only", "[e2e][lifecycle]") {
  dap_client_options options;
  options.port = free_port();
  e2e_client client(options);
  stop_at_breakpoint(client);
  const auto& listeners = client.listeners_at_connect();
  CHECK_FALSE(listeners.empty());
  for (const auto& l : listeners) {
    INFO("listening on " << l.local_address << ":" << l.port);
    CHECK((l.local_address == "127.0.0.1" || l.local_address == "::1"));
  }
  client.request_ok("disconnect", json::object());
}
