#include "engine/values/frame_lookup.hpp"

#include <string>

#include "engine/error.hpp"
#include "engine/modules.hpp"

namespace int3::engine {

found_frame find_frame(const unwinder& u, const registers& top, std::size_t index, pid_t tid) {
  found_frame out;
  // Every physical frame is at least one logical frame: this many suffice.
  out.physical = u.unwind(top, index + 1);
  auto logical = u.logical_frames(out.physical);
  if (index >= logical.size())
    error::send("no frame " + std::to_string(index) + " in thread " + std::to_string(tid));
  out.at = logical[index];
  return out;
}

unwound_context::symbolizer function_namer(const module_list& modules, read_word_fn read_word,
                                           registers regs) {
  return [modules = &modules, read_word = std::move(read_word),
          regs = std::move(regs)](std::uint64_t address) -> std::string {
    const module* m = modules->find({address});
    if (!m) return {};
    unwound_frame code{{address}, {}, regs, m, false};
    auto described = unwinder(*modules, read_word).describe({code});
    return described.empty() ? std::string() : described.back().function;
  };
}

frame_variables read_frame_variables(const found_frame& where,
                                     std::shared_ptr<unwound_context> context) {
  const unwound_frame& f = where.frame();
  frame_variables out;
  out.frame = context;
  const auto* debug = f.owner ? f.owner->debug() : nullptr;
  if (!debug) return out;
  out.file_pc = f.owner->to_file(f.lookup_pc()).value;
  auto scopes = debug->scopes_at({out.file_pc});
  if (!scopes || where.at.inline_depth >= scopes->frames.size()) return out;
  context->set_frame_base(scopes->frame_base);
  const auto& scope = scopes->frames[where.at.inline_depth];
  for (const auto& p : scope.parameters) out.arguments.push_back(value::of_variable(p, context));
  for (const auto& l : scope.locals)
    if (!l.is_shadowed) out.locals.push_back(value::of_variable(l, context));
  return out;
}

}  // namespace int3::engine
