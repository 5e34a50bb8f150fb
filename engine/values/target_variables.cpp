// target_impl::variables: a frame's variables read in its own registers.

#include "engine/error.hpp"
#include "engine/modules.hpp"
#include "engine/stack.hpp"
#include "engine/target_impl.hpp"
#include "engine/values/process_frame.hpp"

namespace int3::engine {

frame_variables target_impl::variables(pid_t tid, std::size_t frame_index) const {
  require_alive("read variables");
  auto it = threads_.find(tid);
  if (it == threads_.end()) error::send("no thread " + std::to_string(tid));
  if (it->second.running) error::send("thread " + std::to_string(tid) + " is running");

  unwinder u(modules_, word_reader());
  // Every physical frame is at least one logical frame: this many suffice.
  auto frames = u.unwind(regs(tid), frame_index + 1);
  auto logical = u.logical_frames(frames);
  if (frame_index >= logical.size())
    error::send("no frame " + std::to_string(frame_index) + " in thread " + std::to_string(tid));
  const auto& at = logical[frame_index];
  const unwound_frame& f = frames[at.physical];

  process* proc = process_.get();
  const module_list* modules = &modules_;
  const read_word_fn read_word = word_reader();
  auto context = std::make_shared<process_frame>(
      pid(), tid, f.regs, f.known_registers, at.physical == 0, f.cfa.value, f.owner,
      [proc](std::uint64_t address, std::span<const std::byte> data) {
        proc->write_memory({address}, data);
      },
      [modules, read_word, regs = f.regs](std::uint64_t address) -> std::string {
        const module* m = modules->find({address});
        if (!m) return {};
        unwound_frame code{{address}, {}, regs, m, false};
        auto described = unwinder(*modules, read_word).describe({code});
        return described.empty() ? std::string() : described.back().function;
      });

  frame_variables out;
  out.frame = context;
  const auto* debug = f.owner ? f.owner->debug() : nullptr;
  if (!debug) return out;
  out.file_pc = f.owner->to_file(f.lookup_pc()).value;
  auto scopes = debug->scopes_at({out.file_pc});
  if (!scopes || at.inline_depth >= scopes->frames.size()) return out;
  context->set_frame_base(scopes->frame_base);
  const auto& scope = scopes->frames[at.inline_depth];
  for (const auto& p : scope.parameters) out.arguments.push_back(value::of_variable(p, context));
  for (const auto& l : scope.locals)
    if (!l.is_shadowed) out.locals.push_back(value::of_variable(l, context));
  return out;
}

}  // namespace int3::engine
