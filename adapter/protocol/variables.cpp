#include "adapter/protocol/variables.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {
namespace {

bool read_hex(const json& j) {
  auto format = optional<json>(j, "format");
  if (!format) return false;
  if (!format->is_object()) throw protocol_error("format", "expected object");
  try {
    return optional_or<bool>(*format, "hex", false);
  } catch (const protocol_error& e) {
    throw e.within("format");
  }
}

}  // namespace

void to_json(json& j, const variable& v) {
  j = json{{"name", v.name}, {"value", v.value}, {"variablesReference", v.variablesReference}};
  put_optional(j, "type", v.type);
  put_optional(j, "evaluateName", v.evaluateName);
  put_optional(j, "namedVariables", v.namedVariables);
  put_optional(j, "indexedVariables", v.indexedVariables);
  put_optional(j, "memoryReference", v.memoryReference);
}

void from_json(const json& j, variables_arguments& a) {
  a.variablesReference = require<int>(j, "variablesReference");
  a.filter = optional<std::string>(j, "filter");
  a.start = optional_or<std::uint32_t>(j, "start", 0);
  a.count = optional_or<std::uint32_t>(j, "count", 0);
  a.hex = read_hex(j);
}

void to_json(json& j, const variables_response_body& b) {
  j = json{{"variables", b.variables}};
}

void from_json(const json& j, set_variable_arguments& a) {
  a.variablesReference = require<int>(j, "variablesReference");
  a.name = require<std::string>(j, "name");
  a.value = require<std::string>(j, "value");
  a.hex = read_hex(j);
}

void to_json(json& j, const set_variable_response_body& b) {
  j = json{{"value", b.value}};
  put_optional(j, "type", b.type);
  if (b.variablesReference) j["variablesReference"] = b.variablesReference;
  put_optional(j, "namedVariables", b.namedVariables);
  put_optional(j, "indexedVariables", b.indexedVariables);
}

}  // namespace int3::dap::protocol
