#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/address.hpp"
#include "engine/arch/arch.hpp"
#include "engine/registers.hpp"
#include "engine/target.hpp"

namespace int3::engine {

class module;
class module_list;

// One frame as the unwinder recovered it.
struct unwound_frame {
  virt_addr pc;  // frame 0: the pc; callers: the return address
  virt_addr cfa;
  registers regs;
  const module* owner = nullptr;  // null: pc is in no mapped file
  bool is_caller = false;
  // Bit n: DWARF register n holds this frame's value. Callers know only what
  // the CFI recovered (plus sp and pc); the rest is the callee's and would
  // show a wrong value.
  std::uint64_t known_registers = ~std::uint64_t(0);
  bool knows_register(int reg) const {
    return reg >= 0 && reg < 64 && ((known_registers >> reg) & 1);
  }

  // Callers are looked up inside their call instruction: the return address
  // may already belong to the next function or line (noreturn calls).
  virt_addr lookup_pc() const { return is_caller ? pc + -1 : pc; }
};

// A frame as the user sees it: a physical frame, or one of the calls the
// compiler inlined into it (depth 0 is the innermost inlined call; the
// concrete function is the last depth of its physical frame).
struct logical_frame {
  std::size_t physical = 0;
  std::size_t inline_depth = 0;
  std::size_t inline_count = 1;  // logical frames of this physical frame
};

// CFI-based unwinding (frame-pointer chain where a module has none). Stops at
// pc 0, at an undefined return address (_start), at a CFA that does not grow,
// or at max_frames.
class unwinder {
 public:
  unwinder(const module_list& modules, read_word_fn read_word)
      : modules_(modules), read_word_(std::move(read_word)) {}

  std::vector<unwound_frame> unwind(const registers& top, std::size_t max_frames) const;
  // Goes on from the outermost of `frames` (as unwind() left them) until
  // max_frames in all; true when the stack ends within them. A deeper page
  // of a stack reuses the frames unwound for the pages before it.
  bool unwind_more(std::vector<unwound_frame>& frames, std::size_t max_frames) const;

  // Function name, source location and module of each frame; inlined calls
  // become frames of their own at their call site.
  std::vector<stack_frame> describe(const std::vector<unwound_frame>& frames) const;
  // How describe() numbers frames: the physical frame and inline depth of each.
  std::vector<logical_frame> logical_frames(const std::vector<unwound_frame>& frames) const;

 private:
  // Fills frame.cfa; returns its caller, or nullopt at the end of the stack.
  std::optional<unwound_frame> step(unwound_frame& frame) const;
  std::optional<unwound_frame> step_by_frame_pointer(unwound_frame& frame) const;

  const module_list& modules_;
  read_word_fn read_word_;
};

}  // namespace int3::engine
