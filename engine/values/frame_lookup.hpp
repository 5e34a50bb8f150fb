#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <vector>

#include "engine/stack.hpp"
#include "engine/values/unwound_context.hpp"

namespace int3::engine {

// One logical frame of a thread (what the user numbers), found by unwinding
// from the thread's innermost registers. What live processes and core files
// share when they read a frame's variables.
struct found_frame {
  std::vector<unwound_frame> physical;  // from the innermost up to it
  logical_frame at;

  const unwound_frame& frame() const { return physical[at.physical]; }
};

// Throws engine::error when thread `tid` has no frame `index`.
found_frame find_frame(const unwinder& u, const registers& top, std::size_t index, pid_t tid);

// frame_context::symbol_at for a frame: the function holding a code address,
// named as the unwinder names frames; "" outside every module.
unwound_context::symbolizer function_namer(const module_list& modules, read_word_fn read_word,
                                           registers regs);

// The arguments and locals of `where`, read through `context` (whose frame
// base this sets). Without debug info, only the context.
frame_variables read_frame_variables(const found_frame& where,
                                     std::shared_ptr<unwound_context> context);

}  // namespace int3::engine
