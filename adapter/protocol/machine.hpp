#pragma once

// Arguments and bodies of the machine-level requests: disassemble,
// readMemory, writeMemory (handlers/machine.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/protocol/types.hpp"

namespace int3::dap::protocol {

using json = nlohmann::json;

// DisassembleArguments.
struct disassemble_arguments {
  /// An address as int3 writes them ("0x401136"), or decimal.
  std::string memoryReference;
  /// Bytes added to memoryReference before counting instructions.
  std::int64_t offset = 0;
  /// Instructions before (negative) or after the one at memoryReference+offset.
  std::int64_t instructionOffset = 0;
  /// Exactly this many instructions are returned, placeholders included.
  std::int64_t instructionCount = 0;
  bool resolveSymbols = true;
};
void from_json(const json& j, disassemble_arguments& a);

// DisassembledInstruction.
struct disassembled_instruction {
  std::string address;
  std::optional<std::string> instructionBytes;
  std::string instruction;
  std::optional<std::string> symbol;
  std::optional<protocol::source> location;
  std::optional<int> line;
  /// "invalid" for placeholders where no instruction could be read.
  std::optional<std::string> presentationHint;
};
void to_json(json& j, const disassembled_instruction& i);

struct disassemble_response_body {
  std::vector<disassembled_instruction> instructions;
};
void to_json(json& j, const disassemble_response_body& b);

// ReadMemoryArguments.
struct read_memory_arguments {
  std::string memoryReference;
  std::int64_t offset = 0;
  std::int64_t count = 0;
};
void from_json(const json& j, read_memory_arguments& a);

struct read_memory_response_body {
  std::string address;
  std::optional<std::int64_t> unreadableBytes;
  /// Base64; absent when nothing could be read.
  std::optional<std::string> data;
};
void to_json(json& j, const read_memory_response_body& b);

// WriteMemoryArguments.
struct write_memory_arguments {
  std::string memoryReference;
  std::int64_t offset = 0;
  bool allowPartial = false;
  /// Base64.
  std::string data;
};
void from_json(const json& j, write_memory_arguments& a);

struct write_memory_response_body {
  std::optional<std::int64_t> offset;
  std::optional<std::int64_t> bytesWritten;
};
void to_json(json& j, const write_memory_response_body& b);

// InstructionBreakpoint.
struct instruction_breakpoint {
  std::string instructionReference;
  std::int64_t offset = 0;
  /// Read so they can be refused clearly; not supported on instructions.
  std::optional<std::string> condition;
  std::optional<std::string> hitCondition;
};
void from_json(const json& j, instruction_breakpoint& b);

// SetInstructionBreakpointsArguments.
struct set_instruction_breakpoints_arguments {
  std::vector<instruction_breakpoint> breakpoints;
};
void from_json(const json& j, set_instruction_breakpoints_arguments& a);

// Breakpoint, as an instruction breakpoint is answered.
struct instruction_breakpoint_result {
  std::optional<int> id;
  bool verified = false;
  std::optional<std::string> message;
  std::optional<std::string> instructionReference;
};
void to_json(json& j, const instruction_breakpoint_result& b);

struct set_instruction_breakpoints_response_body {
  std::vector<instruction_breakpoint_result> breakpoints;
};
void to_json(json& j, const set_instruction_breakpoints_response_body& b);

}  // namespace int3::dap::protocol
