// target_impl's machine-level views: raw memory writes, what code an
// address belongs to, and every register set.

#include "engine/code_lookup.hpp"
#include "engine/register_groups.hpp"
#include "engine/target_impl.hpp"

namespace int3::engine {
void target_impl::write_memory(virt_addr address, std::span<const std::byte> data) {
  require_alive("write memory");
  if (running_) error::send("the program is running; pause it first");
  // A trap over written bytes must keep trapping and must restore the new
  // bytes, not the old ones: lift it, write, and put it back.
  std::vector<breakpoint_site*> covered;
  std::size_t trap_size = current_arch().trap_bytes.size();
  for (auto& [at, site] : sites_) {
    if (site.enabled() && at.value + trap_size > address.value &&
        at.value < address.value + data.size())
      covered.push_back(&site);
  }
  for (auto* site : covered) site->disable(*process_);
  try {
    process_->write_memory(address, data);
  } catch (...) {
    for (auto* site : covered) site->enable(*process_);
    throw;
  }
  for (auto* site : covered) site->enable(*process_);
}

code_address_info target_impl::describe_code(virt_addr address) const {
  return describe_code_at(modules_, address);
}

std::vector<register_group> target_impl::register_groups(pid_t tid) const {
  require_alive("read registers");
  auto it = threads_.find(tid);
  if (it == threads_.end()) error::send("no thread " + std::to_string(tid));
  if (it->second.running) error::send("thread " + std::to_string(tid) + " is running");
  return read_register_groups(tid);
}

void target_impl::write_register(pid_t tid, const std::string& name,
                                 std::span<const std::byte> value) {
  require_alive("write a register");
  auto it = threads_.find(tid);
  if (it == threads_.end()) error::send("no thread " + std::to_string(tid));
  if (running_ || it->second.running) error::send("the program is running; pause it first");
  write_named_register(tid, name, value);
}

}  // namespace int3::engine
