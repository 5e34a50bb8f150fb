#pragma once

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace int3::engine {

// Operating-system failures (fork, exec, ptrace, /proc) with what we were doing.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  [[noreturn]] static void send(const std::string& what) { throw error(what); }
  [[noreturn]] static void send_errno(const std::string& prefix) {
    throw error(prefix + ": " + std::strerror(errno));
  }
};

// A thread vanished under a ptrace request (ESRCH): killed while stopped, by
// another thread's exit_group or from outside. Its exit report follows.
class thread_gone_error : public error {
 public:
  using error::error;
};

}  // namespace int3::engine
