#include "adapter/protocol/modules.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void to_json(json& j, const module& m) {
  j = json{{"id", m.id}, {"name", m.name}};
  put_optional(j, "path", m.path);
  put_optional(j, "symbolStatus", m.symbolStatus);
  put_optional(j, "addressRange", m.addressRange);
}

void from_json(const json& j, modules_arguments& a) {
  a.startModule = optional<std::uint32_t>(j, "startModule").value_or(0);
  a.moduleCount = optional<std::uint32_t>(j, "moduleCount").value_or(0);
}

void to_json(json& j, const modules_response_body& b) {
  j = json{{"modules", b.modules}};
  put_optional(j, "totalModules", b.totalModules);
}

void to_json(json& j, const module_event_body& b) {
  j = json{{"reason", b.reason}, {"module", b.module}};
}

}  // namespace int3::dap::protocol
