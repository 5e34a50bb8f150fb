#include "dwarf/cfa_program.hpp"

#include <string>
#include <vector>

#include "dwarf/error.hpp"

namespace int3::dwarf {

namespace {

// DW_CFA_* opcodes (DWARF 5, section 7.24) plus the GNU extensions gcc emits.
enum : std::uint8_t {
  cfa_nop = 0x00,
  cfa_set_loc = 0x01,
  cfa_advance_loc1 = 0x02,
  cfa_advance_loc2 = 0x03,
  cfa_advance_loc4 = 0x04,
  cfa_offset_extended = 0x05,
  cfa_restore_extended = 0x06,
  cfa_undefined = 0x07,
  cfa_same_value = 0x08,
  cfa_register = 0x09,
  cfa_remember_state = 0x0a,
  cfa_restore_state = 0x0b,
  cfa_def_cfa = 0x0c,
  cfa_def_cfa_register = 0x0d,
  cfa_def_cfa_offset = 0x0e,
  cfa_def_cfa_expression = 0x0f,
  cfa_expression = 0x10,
  cfa_offset_extended_sf = 0x11,
  cfa_def_cfa_sf = 0x12,
  cfa_def_cfa_offset_sf = 0x13,
  cfa_val_offset = 0x14,
  cfa_val_offset_sf = 0x15,
  cfa_val_expression = 0x16,
  cfa_gnu_window_save = 0x2d,
  cfa_gnu_args_size = 0x2e,
  cfa_gnu_negative_offset_extended = 0x2f,
  // High two bits carry the opcode, low six an operand.
  cfa_advance_loc = 0x40,
  cfa_offset = 0x80,
  cfa_restore = 0xc0,
};

struct rule_state {
  cfa_rule cfa;
  std::unordered_map<std::uint16_t, register_rule> registers;
};

std::vector<std::byte> copy_bytes(std::span<const std::byte> s) {
  return {s.begin(), s.end()};
}

class interpreter {
 public:
  interpreter(const cfi_table& table, const cfi_table::cie& cie, std::uint64_t pc)
      : table_(table), cie_(cie), pc_(pc) {}

  // Returns false once the location passes pc (the current row is final).
  bool run(std::size_t begin, std::size_t end, std::uint64_t location) {
    location_ = location;
    byte_reader r = table_.reader();
    r.seek(begin);
    while (r.offset() < end) {
      if (!step(r)) return false;
    }
    return true;
  }

  rule_state state;
  rule_state initial;

 private:
  static std::uint16_t reg(std::uint64_t n) { return static_cast<std::uint16_t>(n); }

  bool advance(std::uint64_t delta) {
    std::uint64_t next = location_ + delta * cie_.code_alignment;
    if (next > pc_) return false;
    location_ = next;
    return true;
  }

  std::int64_t factored(std::uint64_t n) const {
    return static_cast<std::int64_t>(n) * cie_.data_alignment;
  }
  std::int64_t factored(std::int64_t n) const { return n * cie_.data_alignment; }

  void set(std::uint16_t r, register_rule::kind how, std::int64_t offset = 0,
           std::uint16_t other = 0) {
    register_rule rule;
    rule.how = how;
    rule.offset = offset;
    rule.reg = other;
    state.registers[r] = std::move(rule);
  }

  void restore(std::uint16_t r) {
    if (auto it = initial.registers.find(r); it != initial.registers.end())
      state.registers[r] = it->second;
    else
      state.registers.erase(r);
  }

  bool step(byte_reader& r) {
    const std::uint8_t op = r.u8();
    const std::uint8_t low = op & 0x3f;
    switch (op & 0xc0) {
      case cfa_advance_loc:
        return advance(low);
      case cfa_offset:
        set(low, register_rule::kind::offset, factored(r.uleb128()));
        return true;
      case cfa_restore:
        restore(low);
        return true;
      default:
        break;
    }
    switch (op) {
      case cfa_nop:
        return true;
      case cfa_set_loc: {
        auto next = table_.read_pointer(r, cie_.fde_encoding, cie_.address_size);
        if (next > pc_) return false;
        location_ = next;
        return true;
      }
      case cfa_advance_loc1:
        return advance(r.u8());
      case cfa_advance_loc2:
        return advance(r.u16());
      case cfa_advance_loc4:
        return advance(r.u32());
      case cfa_offset_extended: {
        auto n = reg(r.uleb128());
        set(n, register_rule::kind::offset, factored(r.uleb128()));
        return true;
      }
      case cfa_offset_extended_sf: {
        auto n = reg(r.uleb128());
        set(n, register_rule::kind::offset, factored(r.sleb128()));
        return true;
      }
      case cfa_gnu_negative_offset_extended: {
        auto n = reg(r.uleb128());
        set(n, register_rule::kind::offset, -factored(r.uleb128()));
        return true;
      }
      case cfa_val_offset: {
        auto n = reg(r.uleb128());
        set(n, register_rule::kind::val_offset, factored(r.uleb128()));
        return true;
      }
      case cfa_val_offset_sf: {
        auto n = reg(r.uleb128());
        set(n, register_rule::kind::val_offset, factored(r.sleb128()));
        return true;
      }
      case cfa_restore_extended:
        restore(reg(r.uleb128()));
        return true;
      case cfa_undefined:
        set(reg(r.uleb128()), register_rule::kind::undefined);
        return true;
      case cfa_same_value:
        set(reg(r.uleb128()), register_rule::kind::same_value);
        return true;
      case cfa_register: {
        auto n = reg(r.uleb128());
        set(n, register_rule::kind::in_register, 0, reg(r.uleb128()));
        return true;
      }
      case cfa_expression:
      case cfa_val_expression: {
        auto n = reg(r.uleb128());
        auto bytes = r.take(r.uleb128());
        set(n, op == cfa_expression ? register_rule::kind::expression
                                    : register_rule::kind::val_expression);
        state.registers[n].expression = copy_bytes(bytes);
        return true;
      }
      case cfa_remember_state:
        stack_.push_back(state);
        return true;
      case cfa_restore_state:
        if (stack_.empty()) error::send(table_.what() + ": DW_CFA_restore_state with empty stack");
        state = std::move(stack_.back());
        stack_.pop_back();
        return true;
      case cfa_def_cfa:
        state.cfa = {};
        state.cfa.reg = reg(r.uleb128());
        state.cfa.offset = static_cast<std::int64_t>(r.uleb128());
        return true;
      case cfa_def_cfa_sf:
        state.cfa = {};
        state.cfa.reg = reg(r.uleb128());
        state.cfa.offset = factored(r.sleb128());
        return true;
      case cfa_def_cfa_register:
        state.cfa.how = cfa_rule::kind::register_offset;
        state.cfa.expression.clear();
        state.cfa.reg = reg(r.uleb128());
        return true;
      case cfa_def_cfa_offset:
        state.cfa.offset = static_cast<std::int64_t>(r.uleb128());
        return true;
      case cfa_def_cfa_offset_sf:
        state.cfa.offset = factored(r.sleb128());
        return true;
      case cfa_def_cfa_expression:
        state.cfa = {};
        state.cfa.how = cfa_rule::kind::expression;
        state.cfa.expression = copy_bytes(r.take(r.uleb128()));
        return true;
      case cfa_gnu_args_size:
        r.uleb128();
        return true;
      case cfa_gnu_window_save:
        return true;  // SPARC only; no x86-64 meaning
      default:
        error::send(table_.what() + ": unknown call frame instruction 0x" + hex(op) +
                    " at offset " + std::to_string(r.offset() - 1));
    }
  }

  static std::string hex(std::uint8_t v) {
    const char* digits = "0123456789abcdef";
    return {digits[v >> 4], digits[v & 0xf]};
  }

  const cfi_table& table_;
  const cfi_table::cie& cie_;
  std::uint64_t pc_;
  std::uint64_t location_ = 0;
  std::vector<rule_state> stack_;
};

}  // namespace

unwind_row run_cfa_program(const cfi_table& table, const cfi_table::fde& fde, std::uint64_t pc) {
  const auto& cie = table.cie_of(fde);
  interpreter in(table, cie, pc);
  // Initial instructions describe the state at pc_begin; any advance there
  // would be malformed, so running them "up to" the FDE start is harmless.
  in.run(cie.instructions_begin, cie.instructions_end, fde.pc_begin);
  in.initial = in.state;
  in.run(fde.instructions_begin, fde.instructions_end, fde.pc_begin);
  unwind_row row;
  row.cfa = std::move(in.state.cfa);
  row.registers = std::move(in.state.registers);
  row.return_address_register = cie.return_address_register;
  return row;
}

}  // namespace int3::dwarf
