#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "adapter/unique_fd.hpp"

namespace int3::dap {

// A single-threaded poll() loop. Everything the adapter does happens in its
// callbacks, on the thread that launched the program, which is the thread
// ptrace requires for every later call (Delve's ptraceThread rule).
class event_loop {
 public:
  using callback = std::function<void()>;
  using timeout_source = std::function<std::optional<std::chrono::milliseconds>()>;

  // Calls `on_ready` when `fd` is readable or hung up. One callback per fd.
  void watch(int fd, callback on_ready);
  void unwatch(int fd);
  bool watching(int fd) const;

  // Routes `signo` through a signalfd: it is blocked for the process and
  // `on_signal` runs in the loop after the pending instances are read.
  // Blocking must happen before any thread exists; int3 has none.
  void watch_signal(int signo, callback on_signal);

  // Asked before each wait: when it returns a duration, `on_timeout` runs if
  // nothing happened for that long. Used to poll a running program even if a
  // SIGCHLD was coalesced away.
  void set_timeout(timeout_source when, callback on_timeout);

  // Asked after each callback: the loop stops once it returns true.
  void stop_when(std::function<bool()> done) { stop_when_ = std::move(done); }

  // Runs until stop() is called from a callback or a termination signal
  // (termination_signals.hpp) is pending; that one is left pending.
  void run();
  // The termination signal that ended the last run(), if one did.
  std::optional<int> ended_by_signal() const { return ended_by_signal_; }
  void stop() { stopped_ = true; }

 private:
  struct watch_entry {
    int fd;
    callback on_ready;
  };
  std::vector<watch_entry> watches_;
  std::vector<unique_fd> signal_fds_;
  timeout_source timeout_;
  callback on_timeout_;
  std::function<bool()> stop_when_;
  bool stopped_ = false;
  std::optional<int> ended_by_signal_;
};

}  // namespace int3::dap
