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

  // Callers are looked up inside their call instruction: the return address
  // may already belong to the next function or line (noreturn calls).
  virt_addr lookup_pc() const { return is_caller ? pc + -1 : pc; }
};

// CFI-based unwinding (frame-pointer chain where a module has none). Stops at
// pc 0, at an undefined return address (_start), at a CFA that does not grow,
// or at max_frames.
class unwinder {
 public:
  unwinder(const module_list& modules, read_word_fn read_word)
      : modules_(modules), read_word_(std::move(read_word)) {}

  std::vector<unwound_frame> unwind(const registers& top, std::size_t max_frames) const;

  // Function name, source location and module of each frame.
  std::vector<stack_frame> describe(const std::vector<unwound_frame>& frames) const;

 private:
  // Fills frame.cfa; returns its caller, or nullopt at the end of the stack.
  std::optional<unwound_frame> step(unwound_frame& frame) const;
  std::optional<unwound_frame> step_by_frame_pointer(unwound_frame& frame) const;

  const module_list& modules_;
  read_word_fn read_word_;
};

}  // namespace int3::engine
