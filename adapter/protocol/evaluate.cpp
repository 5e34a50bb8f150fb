#include "adapter/protocol/evaluate.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, evaluate_arguments& a) {
  a.expression = require<std::string>(j, "expression");
  a.frameId = optional<int>(j, "frameId");
  a.context = optional<std::string>(j, "context");
  if (auto format = optional<json>(j, "format")) {
    if (!format->is_object()) throw protocol_error("format", "expected object");
    try {
      a.hex = optional_or<bool>(*format, "hex", false);
    } catch (const protocol_error& e) {
      throw e.within("format");
    }
  }
}

void to_json(json& j, const evaluate_response_body& b) {
  j = json{{"result", b.result}, {"variablesReference", b.variablesReference}};
  put_optional(j, "type", b.type);
  put_optional(j, "namedVariables", b.namedVariables);
  put_optional(j, "indexedVariables", b.indexedVariables);
  put_optional(j, "memoryReference", b.memoryReference);
}

}  // namespace int3::dap::protocol
