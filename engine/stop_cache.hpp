#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "engine/registers.hpp"
#include "engine/stack.hpp"
#include "engine/values/value.hpp"

namespace int3::engine {

// What inspecting a stopped program learns, kept for as long as the program
// stays as it is (sys::change_count() unchanged: nothing restarted, no
// register or memory written): each thread's registers, its unwound
// frames, the variables of frames already built, and memory read for the
// unwinder a page at a time. A UI asks for the same frames several times per
// stop (threads, stackTrace, scopes, variables, evaluate); each is then
// fetched once.
class stop_cache {
 public:
  using register_fetch = std::function<registers(pid_t)>;
  // Up to out.size() bytes from `address`; returns how many were readable.
  using memory_fetch = std::function<std::size_t(std::uint64_t, std::span<std::byte>)>;

  stop_cache(register_fetch fetch_registers, memory_fetch fetch_memory)
      : fetch_registers_(std::move(fetch_registers)), fetch_memory_(std::move(fetch_memory)) {}

  const registers& regs(pid_t tid);
  // The first `count` frames of `tid` (all there are when fewer; count 0:
  // as many as the unwinder gives by default). A deeper request unwinds on
  // from the frames held, so paging a deep stack costs one unwind.
  const std::vector<unwound_frame>& frames(pid_t tid, std::size_t count, const unwinder& u);
  // A word of the program's memory as it is at this stop.
  std::optional<std::uint64_t> read_word(std::uint64_t address);
  // read_word as the unwinder takes it; valid while this cache lives.
  read_word_fn word_reader();

  // The variables built for logical frame `index` of `tid` at this stop.
  const frame_variables* variables(pid_t tid, std::size_t index);
  void keep_variables(pid_t tid, std::size_t index, frame_variables vars);

 private:
  struct thread_stop {
    std::optional<registers> regs;
    std::vector<unwound_frame> frames;
    bool complete = false;       // the stack ends within frames
    bool default_depth = false;  // unwound as deep as count 0 asks
    std::map<std::size_t, frame_variables> variables;
  };
  // Drops everything when the program changed since it was cached.
  void check();
  thread_stop& thread(pid_t tid);

  register_fetch fetch_registers_;
  memory_fetch fetch_memory_;
  std::uint64_t seen_ = 0;
  bool valid_ = false;
  std::map<pid_t, thread_stop> threads_;
  std::map<std::uint64_t, std::vector<std::byte>> pages_;  // short: unreadable past the end
};

}  // namespace int3::engine
