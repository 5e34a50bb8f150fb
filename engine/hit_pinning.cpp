#include "engine/hit_pinning.hpp"

#include <spdlog/spdlog.h>

namespace int3::engine {
namespace {

// Hits this close together are a hot loop worth a pin; a breakpoint the
// program passes now and then costs too little to touch its CPU set.
constexpr int hits_to_pin = 32;
constexpr auto hit_window = std::chrono::milliseconds(100);
// A pinned thread that has not hit for this long left its loop.
constexpr auto idle_after = std::chrono::milliseconds(50);

}  // namespace

hit_pinning::~hit_pinning() {
  release_all();
}

void hit_pinning::note_passed_hit(pid_t tid) {
  auto now = std::chrono::steady_clock::now();
  thread_hits& hits = threads_[tid];
  hits.last = now;
  if (hits.original) return;
  if (hits.count == 0 || now - hits.since > hit_window) {
    hits.count = 0;
    hits.since = now;
  }
  if (++hits.count >= hits_to_pin) pin(tid, hits);
}

void hit_pinning::pin(pid_t tid, thread_hits& hits) {
  hits.count = 0;
  cpu_set_t original;
  if (sched_getaffinity(tid, sizeof original, &original) != 0) return;
  if (cpu_ < 0) {
    cpu_set_t tracer;
    if (sched_getaffinity(0, sizeof tracer, &tracer) != 0) return;
    int here = sched_getcpu();
    if (here < 0 || !CPU_ISSET(here, &original)) return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(here, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) return;
    tracer_original_ = tracer;
    cpu_ = here;
  }
  if (!CPU_ISSET(cpu_, &original)) return;  // the program's choice comes first
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu_, &one);
  if (sched_setaffinity(tid, sizeof one, &one) != 0) return;
  hits.original = original;
  spdlog::debug("thread {} hits fast: runs on CPU {} with the tracer", tid, cpu_);
}

void hit_pinning::release_all() {
  for (auto& [tid, hits] : threads_) {
    if (hits.original && sched_setaffinity(tid, sizeof *hits.original, &*hits.original) != 0)
      spdlog::debug("cannot give thread {} its CPU set back (gone?)", tid);
  }
  threads_.clear();
  release_tracer();
}

void hit_pinning::release_idle() {
  if (!tracer_original_) return;
  auto now = std::chrono::steady_clock::now();
  bool pinned_left = false;
  for (auto it = threads_.begin(); it != threads_.end();) {
    thread_hits& hits = it->second;
    if (hits.original && now - hits.last > idle_after) {
      if (sched_setaffinity(it->first, sizeof *hits.original, &*hits.original) != 0)
        spdlog::debug("cannot give thread {} its CPU set back (gone?)", it->first);
      it = threads_.erase(it);
      continue;
    }
    pinned_left = pinned_left || hits.original;
    ++it;
  }
  if (!pinned_left) release_tracer();
}

void hit_pinning::release_tracer() {
  if (tracer_original_) sched_setaffinity(0, sizeof *tracer_original_, &*tracer_original_);
  tracer_original_.reset();
  cpu_ = -1;
}

void hit_pinning::forget(pid_t tid) {
  threads_.erase(tid);
}

}  // namespace int3::engine
