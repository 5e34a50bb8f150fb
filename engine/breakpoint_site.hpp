#pragma once

#include <cstddef>
#include <set>
#include <span>
#include <vector>

#include "engine/address.hpp"

namespace int3::engine {

class process;

// One physical trap at one address (sdb breakpoint_site, Delve Breakpoint).
// Logical breakpoints own it by id; the engine's own temporary stops (entry,
// step return addresses) hold it by count. It is written once, however many
// own it, and taken out when the last owner lets go.
class breakpoint_site {
 public:
  explicit breakpoint_site(virt_addr address) : address_(address) {}

  virt_addr address() const { return address_; }
  bool enabled() const { return enabled_; }

  void enable(process& proc);
  void disable(process& proc);
  // The address space went away (exec): nothing to restore.
  void forget() { enabled_ = false; }

  // The program's bytes under the trap, valid while enabled.
  std::span<const std::byte> saved_bytes() const { return saved_; }

  const std::set<int>& owners() const { return owners_; }
  void add_owner(int breakpoint_id) { owners_.insert(breakpoint_id); }
  void remove_owner(int breakpoint_id) { owners_.erase(breakpoint_id); }
  bool has_user_owner() const { return !owners_.empty(); }

  void add_internal() { ++internal_; }
  void remove_internal() {
    if (internal_ > 0) --internal_;
  }
  bool is_internal() const { return internal_ > 0; }

  bool unused() const { return owners_.empty() && internal_ == 0; }

 private:
  virt_addr address_;
  bool enabled_ = false;
  std::vector<std::byte> saved_;
  std::set<int> owners_;
  int internal_ = 0;
};

}  // namespace int3::engine
