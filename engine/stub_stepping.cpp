// stepIn on a call that lands in code without line information. A call
// through the PLT first runs a stub (and, the first time, the loader's lazy
// resolver) before the callee: those are stepped through one instruction at
// a time until the callee's first instruction, where the step goes on past
// its prologue if it has lines and over the whole call if it has none.
#include <spdlog/spdlog.h>

#include "engine/target_impl.hpp"

namespace int3::engine {
namespace {

// Enough for the lazy resolver's first lookup of a symbol; a callee without
// a symbol that runs longer is stepped over instead.
constexpr std::size_t max_stub_steps = 50'000;

bool in_plt(const module& owner, virt_addr pc) {
  const auto* elf = owner.elf();
  if (!elf) return false;
  dwarf::file_addr at = owner.to_file(pc);
  for (const char* name : {".plt", ".plt.sec", ".plt.got"}) {
    auto start = elf->section_address(name);
    auto data = elf->section_data(name);
    if (start && data && at.value >= start->value && at.value < start->value + data->size())
      return true;
  }
  return false;
}

// Whether pc is where a function starts, by DWARF or by the ELF symbols.
bool starts_function(const module& owner, virt_addr pc) {
  dwarf::file_addr at = owner.to_file(pc);
  if (const auto* debug = owner.debug()) {
    if (const auto* fn = debug->function_at(at); fn && fn->entry.value == at.value) return true;
  }
  const auto* elf = owner.elf();
  if (!elf) return false;
  auto symbol = elf->symbol_at(at);
  return symbol && symbol->address.value == at.value;
}

}  // namespace

std::optional<stop_event> target_impl::step_through_stub(thread_record& t) {
  pid_t tid = t.tid;
  const arch_info& arch = current_arch();
  registers at_call = regs(tid);
  std::uint64_t call_sp = at_call.sp();
  auto return_address = arch.return_address_at_entry(at_call, word_reader());
  if (!return_address) return step_done(tid);

  for (std::size_t n = 0; n < max_stub_steps; ++n) {
    registers now = regs(tid);
    virt_addr pc = now.pc();
    if (n > 0) {
      if (breakpoint_site* site = enabled_site_at(pc); site && site->has_user_owner())
        return breakpoint_event(tid, *site);
    }
    // Back in the caller without having found a callee worth stopping in:
    // the line goes on from here.
    if (now.sp() > call_sp) return step_done(tid);
    const module* owner = modules_.find(pc);
    // The stub's jump (or the resolver's) leaves the stack as the call did.
    if (owner && now.sp() == call_sp && !in_plt(*owner, pc) && starts_function(*owner, pc)) {
      const auto* debug = owner->debug();
      dwarf::file_addr at = owner->to_file(pc);
      const auto* fn = debug ? debug->function_at(at) : nullptr;
      if (fn && debug->line_entry_at(at)) {
        spdlog::debug("step in: through a stub to {} in {}", fn->name, owner->name());
        return run_past_prologue(t, *owner, *fn, stop_kind::step);
      }
      break;
    }
    auto result = single_step(t);
    if (result.event) return result.event;
    if (result.thread_gone) {
      step_.reset();
      resume_stopped_threads();
      return std::nullopt;
    }
  }
  start_return_phase({*return_address}, step_->frame_cfa, false);
  return std::nullopt;
}

}  // namespace int3::engine
