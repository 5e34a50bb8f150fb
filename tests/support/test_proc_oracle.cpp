#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/proc_oracle.hpp"

using namespace int3::test;
using namespace std::chrono_literals;

namespace {

pid_t spawn_sleeper() {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sleep", "sleep", "30", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

}  // namespace

TEST_CASE("process_alive follows a child from running to zombie to gone", "[proc]") {
  CHECK(process_alive(::getpid()));
  pid_t pid = spawn_sleeper();
  REQUIRE(pid > 0);
  CHECK(process_alive(pid));
  CHECK(children_of(::getpid()) == std::vector<pid_t>{pid});
  CHECK(process_start_time(pid).has_value());
  CHECK(tracer_of(pid) == 0);
  ::kill(pid, SIGSTOP);
  CHECK(wait_until_gone(pid, 200ms) == false);  // stopped is alive: a leak
  ::kill(pid, SIGKILL);
  // A zombie is dead to the user even before it is reaped.
  CHECK(wait_until_gone(pid, 5s));
  CHECK(process_state(pid) == 'Z');
  int status;
  ::waitpid(pid, &status, 0);
  CHECK_FALSE(process_state(pid).has_value());
  CHECK_FALSE(process_alive(pid));
}

TEST_CASE("process_guard kills what is left", "[proc]") {
  pid_t pid = spawn_sleeper();
  {
    process_guard guard(pid);
    CHECK(guard.pid() == pid);
  }
  int status;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
}

TEST_CASE("tcp_listeners reads /proc/net/tcp", "[proc]") {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const auto port = ntohs(addr.sin_port);
  CHECK(tcp_listeners(port).empty());  // bound, not listening yet
  REQUIRE(::listen(fd, 1) == 0);
  auto listeners = tcp_listeners(port);
  REQUIRE(listeners.size() == 1);
  CHECK(listeners[0].local_address == "127.0.0.1");
  CHECK_FALSE(listeners[0].ipv6);
  ::close(fd);
}
