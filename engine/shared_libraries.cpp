// Shared libraries: following the dynamic loader's notifications so that
// modules, and the line breakpoints in them, come and go with dlopen and
// dlclose (and the libraries linked at startup).
#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "dwarf/error.hpp"
#include "engine/error.hpp"
#include "engine/module_breakpoints.hpp"
#include "engine/target_impl.hpp"

namespace int3::engine {
namespace {

module_info describe(const module& m) {
  module_info info;
  info.id = m.path().string();
  info.name = m.name();
  info.path = m.path().string();
  const auto* elf = m.elf();
  info.has_debug_info = elf && elf->section_data(".debug_info").has_value();
  for (auto [low, high] : m.ranges()) {
    if (info.low.value == 0 || low < info.low.value) info.low = {low};
    if (high > info.high.value) info.high = {high};
  }
  return info;
}

bool same_place(const module_info& a, const module_info& b) {
  return a.id == b.id && a.low == b.low;
}

bool same_status(const breakpoint_status& a, const breakpoint_status& b) {
  return a.verified == b.verified && a.line == b.line && a.path == b.path && a.message == b.message;
}

}  // namespace

std::vector<module_info> target_impl::modules() const {
  std::vector<module_info> out;
  if (ended_ || detached_) return out;
  modules_.refresh();
  for (const module* m : modules_.mapped())
    if (m->elf()) out.push_back(describe(*m));
  return out;
}

std::vector<module_change> target_impl::take_module_changes() {
  return std::exchange(module_changes_, {});
}

std::vector<breakpoint_status> target_impl::take_breakpoint_changes() {
  return std::exchange(breakpoint_changes_, {});
}

void target_impl::watch_dynamic_loader() {
  loader_ = find_loader_hook(modules_);
  if (loader_) {
    try {
      acquire_site(loader_->r_brk).add_internal();
    } catch (const error& e) {
      spdlog::warn("cannot follow the dynamic loader: {}", e.what());
      loader_.reset();
    }
  }
  note_module_changes();
}

std::optional<stop_event> target_impl::on_loader_event(thread_record& t) {
  // Sites are written while no thread runs, as for any other change.
  stop_all_threads();
  if (loader_is_consistent(*process_, *loader_)) sync_modules();
  return step_over_and_continue(t);
}

void target_impl::sync_modules() {
  auto changes = note_module_changes();
  if (changes.empty()) return;
  // An unloaded module's memory is gone, and so are our traps in it.
  for (const auto& change : changes) {
    if (change.loaded) continue;
    for (auto& [at, site] : sites_) {
      if (at >= change.module.low && at < change.module.high) site.forget();
    }
  }
  rebind_line_breakpoints();
  rebind_function_breakpoints();  // function_breakpoints.cpp
}

std::vector<module_change> target_impl::note_module_changes() {
  modules_.refresh();
  std::vector<module_info> now;
  // Not every mapped file is code: ld.so maps /etc/ld.so.cache while it loads.
  for (const module* m : modules_.mapped())
    if (m->elf()) now.push_back(describe(*m));
  std::vector<module_change> round;
  for (const auto& old : reported_modules_) {
    if (std::none_of(now.begin(), now.end(), [&](const auto& m) { return same_place(m, old); }))
      round.push_back({old, false});
  }
  for (const auto& current : now) {
    if (std::none_of(reported_modules_.begin(), reported_modules_.end(),
                     [&](const auto& m) { return same_place(m, current); }))
      round.push_back({current, true});
  }
  for (const auto& change : round)
    spdlog::debug("module {} {} at {:#x}", change.loaded ? "loaded" : "unloaded",
                  change.module.path, change.module.low.value);
  reported_modules_ = std::move(now);
  module_changes_.insert(module_changes_.end(), round.begin(), round.end());
  return round;
}

void target_impl::rebind_line_breakpoints() {
  for (auto& [id, bp] : breakpoints_) {
    line_breakpoint::resolution found;
    try {
      found = resolve_in_modules(bp, modules_);
    } catch (const dwarf::error& e) {
      spdlog::warn("breakpoint {}: {}", id, e.what());
      continue;
    }
    std::set<virt_addr> wanted(found.addresses.begin(), found.addresses.end());
    for (auto address : bp.sites()) {
      if (wanted.contains(address)) continue;
      if (auto site = sites_.find(address); site != sites_.end()) {
        site->second.remove_owner(id);
        release_site_if_unused(address);
      }
    }
    std::vector<virt_addr> placed;
    for (auto address : found.addresses) {
      try {
        acquire_site(address).add_owner(id);
        placed.push_back(address);
      } catch (const error& e) {
        spdlog::warn("breakpoint {}: {}", id, e.what());
      }
    }
    bp.set_sites(std::move(placed));
    auto last = line_status_.find(id);
    if (last == line_status_.end() || !same_status(last->second, found.status)) {
      spdlog::debug("breakpoint {} now {} at line {}", id,
                    found.status.verified ? "verified" : "unverified", found.status.line);
      breakpoint_changes_.push_back(found.status);
    }
    line_status_[id] = found.status;
  }
}

}  // namespace int3::engine
