#include "engine/stack.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include "dwarf/error.hpp"
#include "engine/dwarf_expression.hpp"
#include "engine/modules.hpp"

namespace int3::engine {
namespace {

constexpr std::size_t unlimited_frames = 1024;

std::uint64_t bit(int reg) {
  return reg >= 0 && reg < 64 ? std::uint64_t(1) << reg : 0;
}

std::string demangle(const std::string& name) {
  if (name.rfind("_Z", 0) != 0) return name;
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> out(
      abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status), &std::free);
  return status == 0 && out ? std::string(out.get()) : name;
}

}  // namespace

std::vector<unwound_frame> unwinder::unwind(const registers& top, std::size_t max_frames) const {
  std::vector<unwound_frame> frames;
  frames.push_back(unwound_frame{top.pc(), {}, top, modules_.find(top.pc()), false});
  unwind_more(frames, max_frames);
  return frames;
}

bool unwinder::unwind_more(std::vector<unwound_frame>& frames, std::size_t max_frames) const {
  if (max_frames == 0) max_frames = unlimited_frames;
  while (true) {
    auto caller = step(frames.back());
    std::size_t n = frames.size();
    // A CFA that does not grow means garbage rules or a corrupt stack: the
    // frame stays, nothing above it can be trusted.
    if (n >= 2 && frames[n - 1].cfa <= frames[n - 2].cfa) return true;
    if (!caller || caller->pc.value == 0) return true;
    if (n >= max_frames) return false;
    frames.push_back(std::move(*caller));
  }
}

std::optional<unwound_frame> unwinder::step(unwound_frame& frame) const {
  const dwarf::call_frame_info* cfi = frame.owner ? frame.owner->frames() : nullptr;
  std::optional<dwarf::unwind_row> row;
  if (cfi) row = cfi->row_at(frame.owner->to_file(frame.lookup_pc()));
  if (!row) return step_by_frame_pointer(frame);

  const registers& regs = frame.regs;
  expression_context context{[&](int reg) { return regs.by_dwarf(reg); }, read_word_};
  std::optional<std::uint64_t> cfa;
  if (row->cfa.how == dwarf::cfa_rule::kind::register_offset) {
    if (auto base = regs.by_dwarf(row->cfa.reg))
      cfa = *base + static_cast<std::uint64_t>(row->cfa.offset);
  } else {
    cfa = evaluate_dwarf_expression(row->cfa.expression, context, std::nullopt);
  }
  if (!cfa) return std::nullopt;
  frame.cfa = {*cfa};

  // A register's value in the caller, by its rule in this frame.
  auto recover = [&](const dwarf::register_rule& rule,
                     std::uint16_t reg) -> std::optional<std::uint64_t> {
    using kind = dwarf::register_rule::kind;
    auto offset = static_cast<std::uint64_t>(rule.offset);
    switch (rule.how) {
      case kind::undefined:
        return std::nullopt;
      case kind::same_value:
        return regs.by_dwarf(reg);
      case kind::offset:
        return read_word_(*cfa + offset);
      case kind::val_offset:
        return *cfa + offset;
      case kind::in_register:
        return regs.by_dwarf(rule.reg);
      case kind::expression: {
        auto at = evaluate_dwarf_expression(rule.expression, context, *cfa);
        return at ? read_word_(*at) : std::nullopt;
      }
      case kind::val_expression:
        return evaluate_dwarf_expression(rule.expression, context, *cfa);
    }
    return std::nullopt;
  };

  auto ra_rule = row->registers.find(row->return_address_register);
  std::optional<std::uint64_t> return_address;
  if (ra_rule == row->registers.end()) {
    return_address = regs.by_dwarf(row->return_address_register);
  } else if (ra_rule->second.how == dwarf::register_rule::kind::undefined) {
    return std::nullopt;  // the outermost frame says so (_start, clone)
  } else {
    return_address = recover(ra_rule->second, row->return_address_register);
  }
  if (!return_address) return std::nullopt;

  unwound_frame caller{{*return_address}, {}, regs, nullptr, true};
  // By convention the CFA is the caller's stack pointer at the call.
  caller.regs.set_sp(*cfa);
  const arch_info& arch = current_arch();
  caller.known_registers = bit(arch.sp_dwarf_id) | bit(arch.pc_dwarf_id);
  // A callee-saved register the CFI does not mention was never touched: it
  // still holds the caller's value, if this frame knew it.
  for (int reg : arch.callee_saved_dwarf_ids)
    if (!row->registers.contains(static_cast<std::uint16_t>(reg)) && frame.knows_register(reg))
      caller.known_registers |= bit(reg);
  for (const auto& [reg, rule] : row->registers) {
    if (reg == row->return_address_register) continue;
    // Copied from a register: only as good as this frame's knowledge of it.
    using kind = dwarf::register_rule::kind;
    if (rule.how == kind::same_value && !frame.knows_register(reg)) continue;
    if (rule.how == kind::in_register && !frame.knows_register(rule.reg)) continue;
    if (auto value = recover(rule, reg)) {
      caller.regs.set_by_dwarf(reg, *value);
      caller.known_registers |= bit(reg);
    }
  }
  caller.regs.set_pc(caller.pc);
  caller.owner = modules_.find(caller.pc);
  return caller;
}

std::optional<unwound_frame> unwinder::step_by_frame_pointer(unwound_frame& frame) const {
  const arch_info& arch = current_arch();
  std::uint64_t fp = frame.regs.fp();
  if (fp == 0 || fp < frame.regs.sp() || fp % arch.word_size != 0) return std::nullopt;
  auto saved_fp = read_word_(fp + static_cast<std::uint64_t>(arch.saved_fp_offset));
  auto return_address = read_word_(fp + static_cast<std::uint64_t>(arch.return_address_offset));
  if (!saved_fp || !return_address) return std::nullopt;
  std::uint64_t cfa = fp + static_cast<std::uint64_t>(arch.cfa_offset_from_fp);
  frame.cfa = {cfa};

  unwound_frame caller{{*return_address}, {}, frame.regs, nullptr, true};
  caller.regs.set_by_dwarf(arch.fp_dwarf_id, *saved_fp);
  caller.known_registers = bit(arch.sp_dwarf_id) | bit(arch.pc_dwarf_id) | bit(arch.fp_dwarf_id);
  caller.regs.set_sp(cfa);
  caller.regs.set_pc(caller.pc);
  caller.owner = modules_.find(caller.pc);
  return caller;
}

namespace {

// The inlined-call chain DWARF gives for a frame; empty without DWARF there.
std::vector<dwarf::scope_frame> inline_chain(const unwound_frame& f) {
  const module* m = f.owner;
  const auto* debug = m ? m->debug() : nullptr;
  if (!debug) return {};
  try {
    auto scopes = debug->inline_frames_at(m->to_file(f.lookup_pc()));
    if (!scopes || scopes->frames.size() < 2) return {};
    return std::move(scopes->frames);
  } catch (const dwarf::error& e) {
    // Corrupt DIEs must not cost the user the backtrace: the frame stays flat.
    spdlog::debug("no inline frames at {:#x}: {}", f.pc.value, e.what());
    return {};
  }
}

}  // namespace

std::vector<logical_frame> unwinder::logical_frames(
    const std::vector<unwound_frame>& frames) const {
  std::vector<logical_frame> out;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    std::size_t n = std::max<std::size_t>(1, inline_chain(frames[i]).size());
    for (std::size_t d = 0; d < n; ++d) out.push_back({i, d, n});
  }
  return out;
}

std::vector<stack_frame> unwinder::describe(const std::vector<unwound_frame>& frames) const {
  std::vector<stack_frame> out;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const unwound_frame& f = frames[i];
    stack_frame frame;
    frame.pc = f.lookup_pc();
    frame.cfa = f.cfa;
    if (const module* m = f.owner) {
      frame.module = m->name();
      dwarf::file_addr at = m->to_file(f.lookup_pc());
      if (const auto* debug = m->debug()) {
        if (const auto* fn = debug->function_at(at)) frame.function = fn->name;
        frame.location = debug->location_at(at);
      }
      if (frame.function.empty()) {
        if (const auto* elf = m->elf()) {
          if (auto symbol = elf->symbol_at(at)) frame.function = demangle(symbol->name);
        }
      }
      // A static function of a stripped library has no name anywhere; where
      // it is in its file still lets a user find it (gdb's "libc.so.6+0x1234").
      if (frame.function.empty()) frame.function = fmt::format("{}+{:#x}", m->name(), at.value);
      frame.module_path = m->path().string();
    }
    // Inlined calls: the innermost is where the pc is; each outer one is at
    // the call site of the call it holds.
    auto chain = inline_chain(f);
    std::optional<dwarf::source_location> location = frame.location;
    for (std::size_t d = 0; d + 1 < chain.size(); ++d) {
      stack_frame inlined = frame;
      inlined.function = chain[d].function;
      inlined.location = location;
      inlined.index = out.size();
      out.push_back(std::move(inlined));
      if (chain[d].call_site) location = chain[d].call_site;
    }
    if (!chain.empty()) frame.location = location;
    frame.index = out.size();
    out.push_back(std::move(frame));
  }
  return out;
}

}  // namespace int3::engine
