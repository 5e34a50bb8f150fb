#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What /proc says about processes and sockets: the source outside int3 that
// tests compare int3's claims against.
namespace int3::test {

// The state letter of /proc/<pid>/stat ('R', 'S', 't', 'T', 'Z', ...), or
// nullopt when there is no such process.
std::optional<char> process_state(pid_t pid);

// kill(pid, 0) succeeds and the process is not a zombie: it still runs or is
// stopped, i.e. a debugger left it behind.
bool process_alive(pid_t pid);

// Polls until process_alive(pid) is false; true when it went within timeout.
bool wait_until_gone(pid_t pid, std::chrono::milliseconds timeout);

// Field 22 of /proc/<pid>/stat: with the pid it names one process even after
// the pid is reused.
std::optional<std::uint64_t> process_start_time(pid_t pid);

// The tracer pid from /proc/<pid>/status (0: not traced).
std::optional<pid_t> tracer_of(pid_t pid);

// Every process whose parent is `parent` (field 4 of /proc/<pid>/stat).
std::vector<pid_t> children_of(pid_t parent);

// Kills pid on destruction if it is still the same process and alive, so a
// test that fails half-way leaves no debuggee behind.
class process_guard {
 public:
  process_guard() = default;
  explicit process_guard(pid_t pid);
  process_guard(process_guard&& other) noexcept;
  process_guard& operator=(process_guard&& other) noexcept;
  ~process_guard();

  pid_t pid() const { return pid_; }
  // True when it was still alive and had to be killed.
  bool kill_if_alive();

 private:
  pid_t pid_ = 0;
  std::uint64_t start_time_ = 0;
};

struct tcp_listener {
  std::string local_address;  // dotted quad or IPv6 text
  std::uint16_t port = 0;
  bool ipv6 = false;
};

// Listening TCP sockets from /proc/net/tcp and /proc/net/tcp6 on a port.
std::vector<tcp_listener> tcp_listeners(std::uint16_t port);

}  // namespace int3::test
