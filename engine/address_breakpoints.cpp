// Breakpoints at an instruction address (the disassembly view's), sharing
// sites and ids with line breakpoints.

#include <fmt/format.h>

#include "engine/target_impl.hpp"

namespace int3::engine {

breakpoint_status target_impl::create_address_breakpoint(virt_addr address) {
  require_alive("set a breakpoint");
  if (running_) error::send("the program is running; pause it first");
  breakpoint_status status;
  status.id = next_breakpoint_id_++;
  // A trap written where nothing is mapped would fail later, less clearly.
  try {
    process_->read_memory(address, 1);
  } catch (const error&) {
    status.message = fmt::format("no code at {:#x}", address.value);
    return status;
  }
  acquire_site(address).add_owner(status.id);
  address_breakpoints_.emplace(status.id, address);
  status.verified = true;
  return status;
}

void target_impl::remove_address_breakpoint(int id) {
  auto it = address_breakpoints_.find(id);
  if (it == address_breakpoints_.end()) return;
  auto site = sites_.find(it->second);
  if (site != sites_.end()) {
    site->second.remove_owner(id);
    release_site_if_unused(it->second);
  }
  address_breakpoints_.erase(it);
}

}  // namespace int3::engine
