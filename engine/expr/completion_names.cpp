#include "engine/expr/completion_names.hpp"

#include <set>

#include "engine/arch/arch.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::expr {
namespace {

// Anonymous members inside anonymous members, or bases of bases: a bound
// keeps a malformed (cyclic) type graph from looping.
constexpr int max_nesting = 16;

void collect(const dwarf::type_info* t, const frame_context* frame, int depth,
             std::set<std::string, std::less<>>& seen, std::vector<member_name>& out) {
  if (!t || !t->is_aggregate() || depth > max_nesting) return;
  for (const auto& m : t->members) {
    // Artificial members (`_vptr.shape`) are no names a user types.
    if (m.is_static || !m.offset_known || m.name.empty() || m.is_base || m.is_artificial) continue;
    // A derived class's member hides a base's of the same name.
    if (seen.insert(m.name).second) out.push_back({m.name, m.type});
  }
  for (const auto& m : t->members) {
    if (m.is_static || !m.offset_known || !(m.is_base || m.name.empty())) continue;
    collect(resolve_type(m.type, frame), frame, depth + 1, seen, out);
  }
}

}  // namespace

std::vector<member_name> member_names(const value& object) {
  const frame_context* frame = object.frame().get();
  const auto* t = resolve_type(object.type(), frame);
  if (t && t->is_pointer_like()) t = resolve_type(t->target, frame);
  std::vector<member_name> out;
  std::set<std::string, std::less<>> seen;
  collect(t, frame, 0, seen, out);
  return out;
}

std::vector<std::string_view> register_names() {
  std::vector<std::string_view> out;
  // register_by_name answers only for these.
  for (const auto& info : current_arch().registers)
    if (info.dwarf_id >= 0) out.push_back(info.name);
  return out;
}

}  // namespace int3::engine::expr
