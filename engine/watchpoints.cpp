// Data breakpoints: hardware watches kept in every thread's debug registers.
// Registers are written lazily, just before a thread runs, so threads that
// start later get them too; a watch on a local ends when its frame returns
// (an internal breakpoint at the return address, checked by stack pointer).

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include "engine/target_impl.hpp"

namespace int3::engine {
namespace {

// Little-endian bytes as one hex number, for the engine's own description.
std::string hex_value(const std::vector<std::byte>& bytes) {
  if (bytes.empty()) return "?";
  std::string out = "0x";
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it)
    out += fmt::format("{:02x}", std::to_integer<unsigned>(*it));
  return out;
}

}  // namespace

std::vector<std::optional<hardware_watch>> watch_state::slots() const {
  std::vector<std::optional<hardware_watch>> out(hardware_watch_slots());
  for (const auto& [id, w] : watches)
    out[w.slot] = hardware_watch{w.address.value, w.size, w.access};
  return out;
}

std::optional<std::size_t> watch_state::free_slot() const {
  std::vector<bool> used(hardware_watch_slots(), false);
  for (const auto& [id, w] : watches) used[w.slot] = true;
  for (std::size_t i = 0; i < used.size(); ++i)
    if (!used[i]) return i;
  return std::nullopt;
}

// A watch inside some thread's stack is on a local: it must end with the
// frame that holds it (the innermost frame whose CFA is above it), or it
// would fire on whatever the next call puts there.
void target_impl::watch_on_stack(watch_state::watch& w) {
  // x86-64's red zone: a leaf function keeps locals up to 128 bytes below sp.
  constexpr std::uint64_t below_sp = 128;
  for (const auto& [tid, t] : threads_) {
    if (t.running) continue;
    std::uint64_t sp = regs(tid).sp();
    if (w.address.value + below_sp < sp) continue;
    auto frames = unwind(tid, 0);
    if (frames.empty() || w.address.value >= frames.back().cfa.value) continue;
    for (std::size_t i = 0; i < frames.size(); ++i) {
      if (w.address.value >= frames[i].cfa.value) continue;
      w.frame_cfa = frames[i].cfa;
      w.frame_tid = tid;
      // The outermost frame never returns to anything we can trap.
      if (i + 1 < frames.size()) {
        w.return_site = frames[i + 1].pc;
        acquire_site(*w.return_site).add_internal();
      }
      return;
    }
  }
}

breakpoint_status target_impl::create_watchpoint(const watch_request& request) {
  // No running check: while_interrupted calls this with every thread
  // stopped and the program still counted as running.
  require_alive("set a data breakpoint");
  breakpoint_status status;
  status.id = next_breakpoint_id_++;
  if (auto problem = hardware_watch_problem(request.address.value, request.size);
      !problem.empty()) {
    status.message = problem;
    return status;
  }
  auto slot = watch_.free_slot();
  if (!slot) {
    status.message = fmt::format(
        "all {} hardware watch slots (debug registers DR0-DR3) are in use; remove a data "
        "breakpoint first",
        hardware_watch_slots());
    return status;
  }
  watch_state::watch w;
  w.address = request.address;
  w.size = request.size;
  w.access = request.access;
  w.slot = *slot;
  try {
    w.last_bytes = process_->read_memory(request.address, request.size);
  } catch (const error&) {
    status.message = fmt::format("cannot read memory at {:#x}", request.address.value);
    return status;
  }
  watch_on_stack(w);
  watch_.watches.emplace(status.id, std::move(w));
  ++watch_.generation;
  status.verified = true;
  spdlog::debug("watch {}: {} bytes at {:#x} in slot {}", status.id, request.size,
                request.address.value, *slot);
  return status;
}

void target_impl::remove_watchpoint(int id) {
  auto it = watch_.watches.find(id);
  if (it == watch_.watches.end()) return;
  if (auto site = it->second.return_site) {
    if (auto s = sites_.find(*site); s != sites_.end()) s->second.remove_internal();
    release_site_if_unused(*site);
  }
  watch_.watches.erase(it);
  ++watch_.generation;
}

std::vector<watch_removal> target_impl::take_watch_removals() {
  return std::exchange(watch_.removals, {});
}

std::optional<watch_hit> target_impl::last_watch_hit(int id) const {
  auto it = watch_.watches.find(id);
  return it == watch_.watches.end() ? std::nullopt : it->second.last_hit;
}

void target_impl::sync_watch_registers(pid_t tid) {
  if (watch_.generation == 0) return;  // no watch was ever set
  auto& written = watch_.written[tid];
  if (written == watch_.generation) return;
  write_hardware_watches(tid, watch_.slots());
  written = watch_.generation;
}

std::optional<stop_event> target_impl::watch_hit_event(pid_t tid) {
  if (watch_.generation == 0) return std::nullopt;
  auto fired = take_fired_watch_slots(tid);
  for (std::size_t slot : fired) {
    for (auto& [id, w] : watch_.watches) {
      if (w.slot != slot) continue;
      stop_event event;
      event.kind = stop_kind::data_breakpoint;
      event.tid = tid;
      event.breakpoint_ids = {id};
      watch_hit hit{id, w.address, w.last_bytes, {}};
      try {
        hit.new_bytes = process_->read_memory(w.address, w.size);
      } catch (const error&) {
        // Unmapped since (a freed stack page): the hit is still worth seeing.
      }
      w.last_bytes = hit.new_bytes;
      event.description =
          fmt::format("data breakpoint: {} bytes at {:#x}: {} -> {}", w.size, w.address.value,
                      hex_value(hit.old_bytes), hex_value(hit.new_bytes));
      w.last_hit = std::move(hit);
      return event;
    }
  }
  return std::nullopt;
}

std::optional<stop_event> target_impl::filtered_watch_hit(pid_t tid) {
  auto event = watch_hit_event(tid);
  if (!event || !hit_filter_ || hit_filter_(*event) == hit_verdict::stop) return event;
  // The access already happened, so there is nothing to step over: the
  // thread just runs on, the other threads never stopped.
  pinning_.note_passed_hit(tid);
  return std::nullopt;
}

std::optional<stop_event> target_impl::on_watch_trap(thread_record& t) {
  if (auto event = filtered_watch_hit(t.tid)) return event;
  spdlog::debug("thread {}: hardware trap of no current watch, or a hit the filter let go", t.tid);
  continue_thread(t);
  return std::nullopt;
}

void target_impl::drop_returned_watches(pid_t tid, virt_addr address) {
  std::vector<int> gone;
  for (const auto& [id, w] : watch_.watches) {
    if (w.return_site != address || w.frame_tid != tid) continue;
    // The same return address reached from a deeper (recursive) call is not
    // our frame returning: its stack pointer is still below our frame's CFA.
    if (regs(tid).sp() < w.frame_cfa->value) continue;
    gone.push_back(id);
  }
  for (int id : gone) {
    remove_watchpoint(id);
    watch_.removals.push_back({id, "the frame of the watched local variable returned"});
    spdlog::debug("watch {}: its frame returned", id);
  }
}

void target_impl::clear_watchpoints() {
  if (watch_.generation == 0) return;
  std::vector<int> ids;
  for (const auto& [id, w] : watch_.watches) ids.push_back(id);
  for (int id : ids) remove_watchpoint(id);
  for (const auto& [tid, t] : threads_) {
    try {
      write_hardware_watches(tid, watch_.slots());
    } catch (const error& e) {
      spdlog::debug("{}", e.what());
    }
  }
  watch_.generation = 0;
  watch_.written.clear();
}

}  // namespace int3::engine
