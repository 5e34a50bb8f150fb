#include "adapter/protocol/completions.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, completions_arguments& a) {
  a.frameId = optional<int>(j, "frameId");
  a.text = require<std::string>(j, "text");
  a.column = require<int>(j, "column");
  a.line = optional<int>(j, "line");
}

void to_json(json& j, const completion_item& c) {
  j = json{{"label", c.label}};
  put_optional(j, "sortText", c.sortText);
  put_optional(j, "detail", c.detail);
  put_optional(j, "type", c.type);
  put_optional(j, "start", c.start);
  put_optional(j, "length", c.length);
}

void to_json(json& j, const completions_response_body& b) {
  j = json{{"targets", b.targets}};
}

}  // namespace int3::dap::protocol
