#include "engine/stop_cache.hpp"

#include <algorithm>
#include <cstring>

#include "engine/ptrace_calls.hpp"

namespace int3::engine {
namespace {

// The unit of the unwinder's memory reads: frames sit next to each other on
// the stack, so one page serves many of them.
constexpr std::uint64_t page_size = 4096;

}  // namespace

void stop_cache::check() {
  std::uint64_t now = sys::change_count();
  if (valid_ && now == seen_) return;
  threads_.clear();
  pages_.clear();
  seen_ = now;
  valid_ = true;
}

stop_cache::thread_stop& stop_cache::thread(pid_t tid) {
  check();
  return threads_[tid];
}

const registers& stop_cache::regs(pid_t tid) {
  thread_stop& t = thread(tid);
  if (!t.regs) t.regs = fetch_registers_(tid);
  return *t.regs;
}

const std::vector<unwound_frame>& stop_cache::frames(pid_t tid, std::size_t count,
                                                     const unwinder& u) {
  const registers& top = regs(tid);
  thread_stop& t = thread(tid);
  if (t.frames.empty()) t.frames = u.unwind(top, 1);
  bool enough = t.complete || (count == 0 ? t.default_depth : t.frames.size() >= count);
  if (!enough) {
    t.complete = u.unwind_more(t.frames, count);
    t.default_depth = t.default_depth || count == 0;
  }
  return t.frames;
}

std::optional<std::uint64_t> stop_cache::read_word(std::uint64_t address) {
  check();
  std::uint64_t word = 0;
  auto* out = reinterpret_cast<std::byte*>(&word);
  std::size_t done = 0;
  while (done < sizeof word) {
    std::uint64_t at = address + done;
    std::uint64_t base = at & ~(page_size - 1);
    auto it = pages_.find(base);
    if (it == pages_.end()) {
      std::vector<std::byte> page(page_size);
      page.resize(fetch_memory_(base, page));
      it = pages_.emplace(base, std::move(page)).first;
    }
    std::size_t offset = at - base;
    if (offset >= it->second.size()) return std::nullopt;
    std::size_t n = std::min(sizeof word - done, it->second.size() - offset);
    std::memcpy(out + done, it->second.data() + offset, n);
    done += n;
  }
  return word;
}

read_word_fn stop_cache::word_reader() {
  return [this](std::uint64_t address) { return read_word(address); };
}

const frame_variables* stop_cache::variables(pid_t tid, std::size_t index) {
  thread_stop& t = thread(tid);
  auto it = t.variables.find(index);
  return it == t.variables.end() ? nullptr : &it->second;
}

void stop_cache::keep_variables(pid_t tid, std::size_t index, frame_variables vars) {
  thread(tid).variables.insert_or_assign(index, std::move(vars));
}

}  // namespace int3::engine
