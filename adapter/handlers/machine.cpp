// disassemble, readMemory, writeMemory.

#include "adapter/handlers/machine.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "adapter/base64.hpp"
#include "adapter/disassembly.hpp"
#include "adapter/errors.hpp"
#include "adapter/memory_reference.hpp"
#include "engine/disassembler.hpp"

namespace int3::dap {

namespace {
// A client asking for more gets the first MiB; it asks again from there.
constexpr std::int64_t max_read = 1 << 20;
// Bounds the work one disassemble request can cause.
constexpr std::int64_t max_instructions = 100'000;

std::string hex_bytes(const std::vector<std::byte>& bytes) {
  std::string out;
  for (std::byte b : bytes) {
    char text[4];
    std::snprintf(text, sizeof text, "%02x", std::to_integer<unsigned>(b));
    if (!out.empty()) out += ' ';
    out += text;
  }
  return out;
}

}  // namespace

// ---- disassemble

protocol::capabilities disassemble_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsDisassembleRequest = true;
  return c;
}

protocol::disassemble_response_body disassemble_handler::run(
    const protocol::disassemble_arguments& args) {
  if (args.instructionCount < 0 || args.instructionCount > max_instructions)
    throw protocol_error("instructionCount",
                         "must be between 0 and " + std::to_string(max_instructions));
  engine::virt_addr base{parse_memory_reference(args.memoryReference, args.offset)};
  auto& target = session_.target();
  engine::disassembler decoder(session_.disassembly_syntax());
  auto rows = disassemble_window(target, decoder, base, args.instructionOffset,
                                 static_cast<std::size_t>(args.instructionCount));
  const auto& client = session_.client();

  protocol::disassemble_response_body body;
  for (const auto& row : rows) {
    protocol::disassembled_instruction out;
    out.address = memory_reference(row.address.value);
    if (!row.decoded) {
      out.instruction = "(bad)";
      out.presentationHint = "invalid";
      body.instructions.push_back(std::move(out));
      continue;
    }
    out.instruction = row.decoded->text();
    out.instructionBytes = hex_bytes(row.decoded->bytes);
    auto info = target.describe_code(row.address);
    if (args.resolveSymbols && !info.function.empty()) out.symbol = info.function;
    if (info.location && !info.location->path.empty()) {
      out.location =
          protocol::source{std::filesystem::path(info.location->path).filename().string(),
                           client.path_to_client(info.location->path), std::nullopt};
      out.line = client.line_to_client(info.location->line);
    }
    body.instructions.push_back(std::move(out));
  }
  return body;
}

// ---- readMemory

protocol::capabilities read_memory_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsReadMemoryRequest = true;
  return c;
}

protocol::read_memory_response_body read_memory_handler::run(
    const protocol::read_memory_arguments& args) {
  if (args.count < 0) throw protocol_error("count", "must not be negative");
  std::uint64_t address = parse_memory_reference(args.memoryReference, args.offset);
  std::int64_t count = std::min(args.count, max_read);
  std::vector<std::byte> data;
  if (count > 0) {
    try {
      data = session_.target().read_memory({address}, static_cast<std::size_t>(count));
    } catch (const engine::error&) {
      // Not one byte is mapped there: all of it is unreadable, which is an answer.
    }
  }
  protocol::read_memory_response_body body;
  body.address = memory_reference(address);
  auto unreadable = count - static_cast<std::int64_t>(data.size());
  if (unreadable > 0) body.unreadableBytes = unreadable;
  if (!data.empty()) body.data = base64_encode(data);
  return body;
}

// ---- writeMemory

protocol::capabilities write_memory_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsWriteMemoryRequest = true;
  return c;
}

protocol::write_memory_response_body write_memory_handler::run(
    const protocol::write_memory_arguments& args) {
  std::uint64_t address = parse_memory_reference(args.memoryReference, args.offset);
  auto bytes = base64_decode(args.data);
  if (!bytes) throw protocol_error("data", "not base64");
  auto& target = session_.target();
  written_at_ = address;
  written_ = 0;
  if (!args.allowPartial) {
    target.write_memory({address}, *bytes);
    written_ = static_cast<std::int64_t>(bytes->size());
  } else {
    // Page by page, so a write that runs into an unmapped page keeps what
    // went before it.
    constexpr std::uint64_t page = 4096;
    std::size_t done = 0;
    while (done < bytes->size()) {
      std::uint64_t at = address + done;
      std::size_t n = std::min<std::size_t>(bytes->size() - done, page - at % page);
      try {
        target.write_memory({at}, std::span<const std::byte>(*bytes).subspan(done, n));
      } catch (const engine::error&) {
        if (done == 0) throw;
        break;
      }
      done += n;
    }
    written_ = static_cast<std::int64_t>(done);
  }
  protocol::write_memory_response_body body;
  body.bytesWritten = written_;
  return body;
}

void write_memory_handler::post_run(const protocol::write_memory_arguments&) {
  if (written_ == 0) return;
  session_.send_event("memory", nlohmann::json{{"memoryReference", memory_reference(written_at_)},
                                               {"offset", 0},
                                               {"count", written_}});
  // Variables that live in that memory show stale values until refetched.
  session_.send_event("invalidated", nlohmann::json{{"areas", {"variables"}}});
}

// ---- setInstructionBreakpoints

protocol::capabilities set_instruction_breakpoints_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsInstructionBreakpoints = true;
  return c;
}

protocol::set_instruction_breakpoints_response_body set_instruction_breakpoints_handler::run(
    const protocol::set_instruction_breakpoints_arguments& args) {
  protocol::set_instruction_breakpoints_response_body body;
  // Before launch (or after the end) there is nothing to hold them; an
  // empty list, which clients send while configuring, is simply accepted.
  if (args.breakpoints.empty() && (!session_.launched() || session_.target().has_ended())) {
    placed_.clear();
    return body;
  }
  auto& target = session_.target();
  if (session_.running()) throw not_stopped();

  std::map<std::uint64_t, protocol::instruction_breakpoint_result> kept;
  for (std::size_t i = 0; i < args.breakpoints.size(); ++i) {
    const auto& wanted = args.breakpoints[i];
    std::uint64_t address;
    try {
      address = parse_memory_reference(wanted.instructionReference, wanted.offset);
    } catch (const protocol_error& e) {
      throw e.within("breakpoints[" + std::to_string(i) + "]");
    }
    if (auto same = kept.find(address); same != kept.end()) {
      body.breakpoints.push_back(same->second);
      continue;
    }
    auto old = placed_.find(address);
    protocol::instruction_breakpoint_result result;
    if (old != placed_.end() && old->second.verified) {
      result = old->second;
      placed_.erase(old);
    } else {
      auto status = target.create_address_breakpoint({address});
      result.id = status.id + instruction_id_base;
      result.verified = status.verified;
      if (!status.message.empty()) result.message = status.message;
      result.instructionReference = memory_reference(address);
      if (!status.verified) target.remove_breakpoint(status.id);
    }
    if (wanted.condition || wanted.hitCondition) {
      result.message = "conditions are not supported on instruction breakpoints; it always stops";
    }
    kept[address] = result;
    body.breakpoints.push_back(result);
  }
  for (const auto& [address, gone] : placed_)
    if (gone.id) target.remove_breakpoint(*gone.id - instruction_id_base);
  placed_ = std::move(kept);
  return body;
}

}  // namespace int3::dap
