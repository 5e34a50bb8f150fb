#include "adapter/event_loop.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>

#include <algorithm>
#include <cerrno>
#include <span>
#include <stdexcept>
#include <string>
#include <system_error>

#include <spdlog/spdlog.h>

#include "adapter/termination_signals.hpp"
#include "engine/signals.hpp"

namespace int3::dap {

void event_loop::watch(int fd, callback on_ready) {
  unwatch(fd);
  watches_.push_back({fd, std::move(on_ready)});
}

void event_loop::unwatch(int fd) {
  std::erase_if(watches_, [fd](const watch_entry& w) { return w.fd == fd; });
}

bool event_loop::watching(int fd) const {
  return std::any_of(watches_.begin(), watches_.end(),
                     [fd](const watch_entry& w) { return w.fd == fd; });
}

void event_loop::watch_signal(int signo, callback on_signal) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signo);
  if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
    throw std::system_error(errno, std::generic_category(),
                            "blocking signal " + std::to_string(signo));
  }
  unique_fd fd(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!fd.valid()) throw std::system_error(errno, std::generic_category(), "signalfd");
  int raw = fd.get();
  signal_fds_.push_back(std::move(fd));
  watch(raw, [raw, on_signal = std::move(on_signal)] {
    // Instances of a standard signal coalesce, so one callback answers all
    // that are pending.
    signalfd_siginfo info;
    while (::read(raw, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    }
    on_signal();
  });
}

void event_loop::set_timeout(timeout_source when, callback on_timeout) {
  timeout_ = std::move(when);
  on_timeout_ = std::move(on_timeout);
}

void event_loop::run() {
  stopped_ = false;
  ended_by_signal_.reset();
  const unique_fd termination = termination_signal_fd();
  std::vector<pollfd> fds;
  while (!stopped_) {
    fds.clear();
    fds.push_back({termination.get(), POLLIN, 0});
    for (const auto& w : watches_) fds.push_back({w.fd, POLLIN, 0});
    int timeout_ms = -1;
    if (timeout_) {
      if (auto t = timeout_()) timeout_ms = static_cast<int>(t->count());
    }
    int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    if (ready == 0) {
      if (on_timeout_) on_timeout_();
      if (stop_when_ && stop_when_()) stopped_ = true;
      continue;
    }
    if (fds.front().revents & POLLIN) {
      // Whoever runs the loop ends its work as on a disconnect once run()
      // returns; nothing else is handled first.
      ended_by_signal_ = pending_termination_signal();
      spdlog::info("{} received: ending the session",
                   engine::signal_name(ended_by_signal_.value_or(0)));
      break;
    }
    for (const auto& p : std::span(fds).subspan(1)) {
      if (stopped_) break;
      if ((p.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) == 0) continue;
      // A callback may unwatch any fd, itself included, so look each one up
      // again and call a copy.
      auto it = std::find_if(watches_.begin(), watches_.end(),
                             [&](const watch_entry& w) { return w.fd == p.fd; });
      if (it == watches_.end()) continue;
      auto on_ready = it->on_ready;
      on_ready();
      if (stop_when_ && stop_when_()) stopped_ = true;
    }
  }
}

}  // namespace int3::dap
