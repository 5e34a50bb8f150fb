#pragma once

// Data breakpoints as the engine offers them (target::create_watchpoint):
// what a front end asks for, what a hit reports, and the bookkeeping
// target_impl keeps (engine/watchpoints.cpp).

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/address.hpp"
#include "engine/debug_registers.hpp"

namespace int3::engine {

struct watch_request {
  virt_addr address;
  std::size_t size = 0;
  watch_access access = watch_access::write;
};

// Which watch fired and what the watched bytes held at the previous hit (or
// when the watch was set) and now.
struct watch_hit {
  int id = 0;
  virt_addr address;
  std::vector<std::byte> old_bytes;
  std::vector<std::byte> new_bytes;
};

// A watch the engine removed on its own: it was on a thread's stack (a
// local) and that frame returned.
struct watch_removal {
  int id = 0;
  std::string reason;
};

// target_impl's state for watches.
struct watch_state {
  struct watch {
    virt_addr address;
    std::size_t size = 0;
    watch_access access = watch_access::write;
    std::size_t slot = 0;
    std::vector<std::byte> last_bytes;
    std::optional<watch_hit> last_hit;
    // Locals: the frame's CFA and the internal site at its return address.
    std::optional<virt_addr> frame_cfa;
    std::optional<virt_addr> return_site;
    pid_t frame_tid = 0;
  };
  std::map<int, watch> watches;
  // Bumped whenever the slots change; a thread whose debug registers were
  // written at an older generation is written again before it runs.
  unsigned generation = 0;
  std::map<pid_t, unsigned> written;
  std::vector<watch_removal> removals;

  std::vector<std::optional<hardware_watch>> slots() const;
  std::optional<std::size_t> free_slot() const;
};

}  // namespace int3::engine
