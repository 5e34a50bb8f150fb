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

}  // namespace int3::engine
