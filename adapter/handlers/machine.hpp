#pragma once

// Machine-level requests (machine.cpp): disassemble, readMemory, writeMemory.

#include <cstdint>
#include <map>
#include <string_view>

#include "adapter/protocol/machine.hpp"
#include "adapter/request_handler.hpp"

namespace int3::dap {

class disassemble_handler
    : public request_handler<protocol::disassemble_arguments, protocol::disassemble_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "disassemble";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::disassemble_response_body run(const protocol::disassemble_arguments& args) override;
};

class read_memory_handler
    : public request_handler<protocol::read_memory_arguments, protocol::read_memory_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "readMemory";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::read_memory_response_body run(const protocol::read_memory_arguments& args) override;
};

class write_memory_handler : public request_handler<protocol::write_memory_arguments,
                                                    protocol::write_memory_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "writeMemory";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::write_memory_response_body run(const protocol::write_memory_arguments& args) override;
  void post_run(const protocol::write_memory_arguments& args) override;

 private:
  std::uint64_t written_at_ = 0;
  std::int64_t written_ = 0;
};

// Replaces every instruction breakpoint. Their ids are the engine's plus
// instruction_id_base, so they never meet the source breakpoints' ids.
class set_instruction_breakpoints_handler
    : public request_handler<protocol::set_instruction_breakpoints_arguments,
                             protocol::set_instruction_breakpoints_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "setInstructionBreakpoints";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;
  static constexpr int instruction_id_base = 1'000'000;

 protected:
  protocol::set_instruction_breakpoints_response_body run(
      const protocol::set_instruction_breakpoints_arguments& args) override;

 private:
  std::map<std::uint64_t, protocol::instruction_breakpoint_result> placed_;  // by address
};

}  // namespace int3::dap
