// A stop the user never sees: the program is halted only so that something
// needing every thread still (writing or removing traps) can be done.
#include <spdlog/spdlog.h>

#include "engine/target_impl.hpp"

namespace int3::engine {

void target_impl::while_interrupted(const std::function<void()>& change) {
  require_alive("change the program");
  if (!running_) {
    change();
    return;
  }
  stop_all_threads();
  spdlog::debug("pid {} interrupted", pid());
  // A thread that hit a trap while being stopped was rewound and hits it
  // again (or, if the trap was just removed, runs the original code); an
  // exit or fault seen meanwhile waits in deferred_ for poll_stop, so the
  // program is left stopped for it to be reported.
  auto go_on = [this] {
    if (ended_ || !deferred_.empty()) return;
    resume_stopped_threads();
  };
  try {
    change();
  } catch (...) {
    go_on();
    throw;
  }
  go_on();
}

}  // namespace int3::engine

namespace int3::engine {

void target_impl::set_stop_signals(const std::vector<int>& signals) {
  stop_signals_ = std::set<int>(signals.begin(), signals.end());
}

}  // namespace int3::engine
