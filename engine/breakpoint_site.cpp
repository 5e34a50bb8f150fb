#include "engine/breakpoint_site.hpp"

#include <spdlog/fmt/fmt.h>

#include "engine/arch/arch.hpp"
#include "engine/error.hpp"
#include "engine/process.hpp"

namespace int3::engine {

void breakpoint_site::enable(process& proc) {
  if (enabled_) return;
  auto trap = current_arch().trap_bytes;
  saved_ = proc.read_memory(address_, trap.size());
  if (saved_.size() != trap.size())
    error::send(
        fmt::format("cannot set a breakpoint at {:#x}: memory not readable", address_.value));
  proc.write_memory(address_, trap);
  enabled_ = true;
}

void breakpoint_site::disable(process& proc) {
  if (!enabled_) return;
  proc.write_memory(address_, saved_);
  enabled_ = false;
}

}  // namespace int3::engine
