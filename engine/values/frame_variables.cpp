#include "dwarf/debug_info.hpp"
#include "engine/values/value.hpp"

namespace int3::engine {
namespace {

// Variables the C library and libstdc++ headers declare (stdin, errno...)
// are noise in a program's Globals.
bool from_system_header(const dwarf::variable_info& v) {
  if (!v.declaration) return false;
  const std::string& path = v.declaration->path;
  return path.rfind("/usr/include/", 0) == 0 || path.rfind("/usr/lib/", 0) == 0 ||
         path.rfind("/usr/local/include/", 0) == 0;
}

}  // namespace

std::vector<value> frame_variables::globals() const {
  std::vector<value> out;
  const auto* debug = frame ? frame->debug() : nullptr;
  if (!debug) return out;
  for (const auto& g : debug->unit_globals({file_pc}))
    if (!from_system_header(g)) out.push_back(value::of_variable(g, frame));
  return out;
}

std::optional<value> frame_variables::lookup_local(std::string_view name) const {
  for (const auto& v : locals)
    if (v.name() == name) return v;
  for (const auto& v : arguments)
    if (v.name() == name) return v;
  return std::nullopt;
}

std::optional<value> frame_variables::lookup(std::string_view name) const {
  if (auto v = lookup_local(name)) return v;
  const auto* debug = frame ? frame->debug() : nullptr;
  if (!debug) return std::nullopt;
  for (const auto& g : debug->unit_globals({file_pc}))
    if (g.name == name) return value::of_variable(g, frame);
  auto any = debug->globals_named(name);
  if (!any.empty()) return value::of_variable(any.front(), frame);
  return std::nullopt;
}

const dwarf::type_info* frame_variables::find_type(std::string_view name) const {
  const auto* debug = frame ? frame->debug() : nullptr;
  return debug ? debug->find_type(name) : nullptr;
}

}  // namespace int3::engine
