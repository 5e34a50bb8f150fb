// target_impl::variables: a frame's variables read in its own registers.

#include "engine/error.hpp"
#include "engine/modules.hpp"
#include "engine/stack.hpp"
#include "engine/target_impl.hpp"
#include "engine/values/frame_lookup.hpp"
#include "engine/values/process_frame.hpp"

namespace int3::engine {

frame_variables target_impl::variables(pid_t tid, std::size_t frame_index) const {
  require_alive("read variables");
  auto it = threads_.find(tid);
  if (it == threads_.end()) error::send("no thread " + std::to_string(tid));
  if (it->second.running) error::send("thread " + std::to_string(tid) + " is running");

  // A UI's scopes, variables and evaluate all ask for the same frames.
  if (const auto* known = stop_.variables(tid, frame_index)) return *known;
  unwinder u(modules_, stop_.word_reader());
  auto where = locate_frame(u, tid, frame_index);
  const unwound_frame& f = where.frame();

  process* proc = process_.get();
  auto context = std::make_shared<process_frame>(
      pid(), tid, f.regs, f.known_registers, where.at.physical == 0, f.cfa.value, f.owner,
      [proc](std::uint64_t address, std::span<const std::byte> data) {
        proc->write_memory({address}, data);
      },
      function_namer(modules_, word_reader(), f.regs));
  auto vars = read_frame_variables(where, std::move(context));
  stop_.keep_variables(tid, frame_index, vars);
  return vars;
}

}  // namespace int3::engine
