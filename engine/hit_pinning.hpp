#pragma once

#include <sched.h>
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>

namespace int3::engine {

// Keeps the tracer and a thread that hits a breakpoint the user does not see
// (a false condition, a hit count not reached) on one CPU while the hits
// come fast. Each such hit is a ptrace stop and a restart; on two vCPUs each
// of those otherwise wakes the other, halted CPU, and that wake-up, not our
// work, was most of a hit's cost (bench W2: 16,500 hits/s apart, 49,000 on
// one CPU). Only the tracing thread moves; indexing threads stay free. The
// thread's own CPU set is given back once its hits stop coming (the loop
// ended: it must not stay on one CPU for the rest of the run), at the next
// stop the user sees, at detach and at the end; a thread whose set does not
// include the tracer's CPU is left where it is.
class hit_pinning {
 public:
  hit_pinning() = default;
  hit_pinning(const hit_pinning&) = delete;
  hit_pinning& operator=(const hit_pinning&) = delete;
  ~hit_pinning();

  // A hit of `tid` that the program runs on from.
  void note_passed_hit(pid_t tid);
  // Every pinned thread and the tracer get their CPU sets back.
  void release_all();
  // Those whose last hit is older than idle_after get theirs back (the
  // tracer too once none is left): called when a look finds nothing new.
  void release_idle();
  // The thread is gone: nothing to give back to it.
  void forget(pid_t tid);

  bool pinned(pid_t tid) const { return threads_.contains(tid) && threads_.at(tid).original; }

 private:
  struct thread_hits {
    int count = 0;
    std::chrono::steady_clock::time_point since;
    std::chrono::steady_clock::time_point last;
    std::optional<cpu_set_t> original;  // set: pinned
  };
  void pin(pid_t tid, thread_hits& hits);
  void release_tracer();

  std::map<pid_t, thread_hits> threads_;
  std::optional<cpu_set_t> tracer_original_;
  int cpu_ = -1;
};

}  // namespace int3::engine
