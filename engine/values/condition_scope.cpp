// target_impl::condition_scope: the innermost frame of a thread at a
// breakpoint, for conditions and logpoints, at the cost of one register
// fetch; DWARF is asked once per pc (pc_scope_cache) and memory only for the
// names an expression uses.

#include "engine/error.hpp"
#include "engine/expr/lazy_frame_scope.hpp"
#include "engine/modules.hpp"
#include "engine/stack.hpp"
#include "engine/target_impl.hpp"
#include "engine/values/frame_lookup.hpp"
#include "engine/values/process_frame.hpp"

namespace int3::engine {

std::unique_ptr<expr::scope> target_impl::condition_scope(pid_t tid) const {
  require_alive("evaluate a condition");
  auto it = threads_.find(tid);
  if (it == threads_.end()) error::send("no thread " + std::to_string(tid));
  if (it->second.running) error::send("thread " + std::to_string(tid) + " is running");

  registers r = regs(tid);
  const module* owner = modules_.find(r.pc());
  // Without DWARF there are no names to cache: the whole (empty) frame.
  if (!owner || !owner->debug()) return target::condition_scope(tid);
  auto names = pc_scopes_.at(*owner, owner->to_file(r.pc()).value);

  // The CFA (gcc's frame base) from the rule kept with the names; only an
  // expression rule needs the unwinder.
  std::uint64_t cfa = 0;
  const auto& row = names->cfi_row();
  if (row && row->cfa.how == dwarf::cfa_rule::kind::register_offset) {
    if (auto base = r.by_dwarf(row->cfa.reg))
      cfa = *base + static_cast<std::uint64_t>(row->cfa.offset);
  } else {
    cfa = unwinder(modules_, word_reader()).unwind(r, 1).front().cfa.value;
  }

  process* proc = process_.get();
  auto context = std::make_shared<process_frame>(
      pid(), tid, r, ~std::uint64_t(0), true, cfa, owner,
      [proc](std::uint64_t address, std::span<const std::byte> data) {
        proc->write_memory({address}, data);
      },
      function_namer(modules_, word_reader(), r));
  context->set_frame_base(names->frame_base());
  return std::make_unique<expr::lazy_frame_scope>(std::move(names), std::move(context));
}

}  // namespace int3::engine
