#include "adapter/protocol/machine.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, disassemble_arguments& a) {
  a.memoryReference = require<std::string>(j, "memoryReference");
  a.offset = optional_or<std::int64_t>(j, "offset", 0);
  a.instructionOffset = optional_or<std::int64_t>(j, "instructionOffset", 0);
  a.instructionCount = require<std::int64_t>(j, "instructionCount");
  a.resolveSymbols = optional_or<bool>(j, "resolveSymbols", true);
}

void to_json(json& j, const disassembled_instruction& i) {
  j = json{{"address", i.address}, {"instruction", i.instruction}};
  put_optional(j, "instructionBytes", i.instructionBytes);
  put_optional(j, "symbol", i.symbol);
  put_optional(j, "location", i.location);
  put_optional(j, "line", i.line);
  put_optional(j, "presentationHint", i.presentationHint);
}

void to_json(json& j, const disassemble_response_body& b) {
  j = json{{"instructions", b.instructions}};
}

void from_json(const json& j, read_memory_arguments& a) {
  a.memoryReference = require<std::string>(j, "memoryReference");
  a.offset = optional_or<std::int64_t>(j, "offset", 0);
  a.count = require<std::int64_t>(j, "count");
}

void to_json(json& j, const read_memory_response_body& b) {
  j = json{{"address", b.address}};
  put_optional(j, "unreadableBytes", b.unreadableBytes);
  put_optional(j, "data", b.data);
}

void from_json(const json& j, write_memory_arguments& a) {
  a.memoryReference = require<std::string>(j, "memoryReference");
  a.offset = optional_or<std::int64_t>(j, "offset", 0);
  a.allowPartial = optional_or<bool>(j, "allowPartial", false);
  a.data = require<std::string>(j, "data");
}

void to_json(json& j, const write_memory_response_body& b) {
  j = json::object();
  put_optional(j, "offset", b.offset);
  put_optional(j, "bytesWritten", b.bytesWritten);
}

void from_json(const json& j, instruction_breakpoint& b) {
  b.instructionReference = require<std::string>(j, "instructionReference");
  b.offset = optional_or<std::int64_t>(j, "offset", 0);
  b.condition = optional<std::string>(j, "condition");
  b.hitCondition = optional<std::string>(j, "hitCondition");
}

void from_json(const json& j, set_instruction_breakpoints_arguments& a) {
  a.breakpoints = require<std::vector<instruction_breakpoint>>(j, "breakpoints");
}

void to_json(json& j, const instruction_breakpoint_result& b) {
  j = json{{"verified", b.verified}};
  put_optional(j, "id", b.id);
  put_optional(j, "message", b.message);
  put_optional(j, "instructionReference", b.instructionReference);
}

void to_json(json& j, const set_instruction_breakpoints_response_body& b) {
  j = json{{"breakpoints", b.breakpoints}};
}

}  // namespace int3::dap::protocol
