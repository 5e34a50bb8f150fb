// target_impl's function breakpoints: placed when set, and placed again
// when code comes or goes (exec; library loads call
// rebind_function_breakpoints too).

#include <set>

#include <spdlog/spdlog.h>

#include "engine/target_impl.hpp"

namespace int3::engine {

namespace {

bool same_status(const breakpoint_status& a, const breakpoint_status& b) {
  return a.verified == b.verified && a.line == b.line && a.path == b.path && a.message == b.message;
}

}  // namespace

breakpoint_status target_impl::place_function_breakpoint(function_breakpoint& bp) {
  auto found = bp.resolve(modules_.mapped());
  std::set<virt_addr> wanted(found.addresses.begin(), found.addresses.end());
  for (auto address : bp.sites()) {
    if (wanted.contains(address)) continue;
    if (auto site = sites_.find(address); site != sites_.end()) {
      site->second.remove_owner(bp.id());
      release_site_if_unused(address);
    }
  }
  std::set<virt_addr> had(bp.sites().begin(), bp.sites().end());
  std::vector<virt_addr> placed;
  for (auto address : found.addresses) {
    if (had.contains(address) && sites_.contains(address)) {
      placed.push_back(address);
      continue;
    }
    try {
      acquire_site(address).add_owner(bp.id());
      placed.push_back(address);
    } catch (const error& e) {
      spdlog::warn("function breakpoint {}: {}", bp.id(), e.what());
    }
  }
  bp.set_sites(std::move(placed));
  spdlog::debug("function breakpoint {} '{}': {} site(s){}", bp.id(), bp.name(), bp.sites().size(),
                found.status.verified ? "" : " - " + found.status.message);
  return found.status;
}

breakpoint_status target_impl::create_function_breakpoint(const std::string& name) {
  return add_function_breakpoint(name, function_breakpoint::match::by_name);
}

breakpoint_status target_impl::add_function_breakpoint(const std::string& name,
                                                       function_breakpoint::match how) {
  require_alive("set a breakpoint");
  // Inside while_interrupted the program still counts as running, but every
  // thread is stopped, which is all that writing traps needs.
  for (const auto& [tid, t] : threads_)
    if (t.running) error::send("the program is running; pause it first");
  function_breakpoint bp(next_breakpoint_id_++, name, how);
  auto status = place_function_breakpoint(bp);
  bp.set_last_status(status);
  function_breakpoints_.emplace(bp.id(), std::move(bp));
  return status;
}

bool target_impl::remove_function_breakpoint(int id) {
  auto it = function_breakpoints_.find(id);
  if (it == function_breakpoints_.end()) return false;
  for (auto address : it->second.sites()) {
    auto site = sites_.find(address);
    if (site == sites_.end()) continue;
    site->second.remove_owner(id);
    release_site_if_unused(address);
  }
  function_breakpoints_.erase(it);
  return true;
}

void target_impl::rebind_function_breakpoints() {
  for (auto& [id, bp] : function_breakpoints_) {
    auto status = place_function_breakpoint(bp);
    if (!bp.last_status() || !same_status(*bp.last_status(), status))
      breakpoint_changes_.push_back(status);
    bp.set_last_status(std::move(status));
  }
}

void target_impl::resolve_again_after_exec() {
  // The old image's sites went with it (reload_after_exec forgot them).
  for (auto& [id, bp] : function_breakpoints_) bp.set_sites({});
  for (auto& [id, bp] : breakpoints_) breakpoint_changes_.push_back(place_breakpoint(bp));
  rebind_function_breakpoints();
}

}  // namespace int3::engine
