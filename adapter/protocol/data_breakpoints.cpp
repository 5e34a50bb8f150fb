#include "adapter/protocol/data_breakpoints.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, data_breakpoint_info_arguments& a) {
  a.variablesReference = optional<int>(j, "variablesReference");
  // 0 is the spec's "no container".
  if (a.variablesReference == 0) a.variablesReference.reset();
  a.name = require<std::string>(j, "name");
  a.frameId = optional<int>(j, "frameId");
  a.bytes = optional<std::uint32_t>(j, "bytes");
  a.asAddress = optional_or<bool>(j, "asAddress", false);
}

void to_json(json& j, const data_breakpoint_info_response_body& b) {
  j = json{{"dataId", b.dataId ? json(*b.dataId) : json()}, {"description", b.description}};
  put_optional(j, "accessTypes", b.accessTypes);
  put_optional(j, "canPersist", b.canPersist);
}

void from_json(const json& j, data_breakpoint& b) {
  b.dataId = require<std::string>(j, "dataId");
  b.accessType = optional_or<std::string>(j, "accessType", "write");
  if (b.accessType != "read" && b.accessType != "write" && b.accessType != "readWrite")
    throw protocol_error("accessType",
                         "expected read, write or readWrite, got '" + b.accessType + "'");
  b.condition = optional<std::string>(j, "condition");
  b.hitCondition = optional<std::string>(j, "hitCondition");
}

void from_json(const json& j, set_data_breakpoints_arguments& a) {
  a.breakpoints = require<std::vector<data_breakpoint>>(j, "breakpoints");
}

void to_json(json& j, const set_data_breakpoints_response_body& b) {
  j = json{{"breakpoints", b.breakpoints}};
}

}  // namespace int3::dap::protocol
