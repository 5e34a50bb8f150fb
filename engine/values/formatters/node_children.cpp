#include "engine/values/formatters/node_children.hpp"

#include "engine/values/formatters/common.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {

value node_element(const value& container, const dwarf::type_info* element, std::uint64_t address,
                   std::size_t index) {
  value e = value::at_address(index_name(index), element, address, container.frame());
  const auto* t = resolve_type(element, container.frame().get());
  if (t && (t->name.rfind("std::pair<", 0) == 0 || t->name.rfind("std::__1::pair<", 0) == 0)) {
    auto first = e.member("first");
    auto second = e.member("second");
    if (first && second) {
      second->set_name("[" + first->summary() + "]");
      second->set_evaluate_name("");
      return *second;
    }
  }
  return e;
}

}  // namespace int3::engine::formatters
