#include "dwarf/expression_ops.hpp"

#include <cstring>
#include <map>

namespace int3::dwarf {

namespace {

// A cursor that reports running off the end instead of throwing: malformed
// expressions are expected input for the evaluator.
class cursor {
 public:
  cursor(std::span<const std::byte> bytes, std::size_t offset) : bytes_(bytes), offset_(offset) {}

  bool ok() const { return ok_; }
  std::size_t offset() const { return offset_; }

  std::uint64_t fixed(std::size_t size) {
    if (!ok_ || size > bytes_.size() - offset_) return fail();
    std::uint64_t value = 0;
    std::memcpy(&value, bytes_.data() + offset_, size);  // little-endian host and target
    offset_ += size;
    return value;
  }
  std::uint64_t fixed_signed(std::size_t size) {
    std::uint64_t v = fixed(size);
    if (size < 8 && (v >> (size * 8 - 1)) & 1) v |= ~std::uint64_t{0} << (size * 8);
    return v;
  }
  std::uint64_t uleb() {
    std::uint64_t result = 0;
    for (unsigned shift = 0;; shift += 7) {
      if (!ok_ || offset_ >= bytes_.size()) return fail();
      auto b = static_cast<std::uint8_t>(bytes_[offset_++]);
      if (shift < 64) result |= std::uint64_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) return result;
    }
  }
  std::uint64_t sleb() {
    std::uint64_t result = 0;
    unsigned shift = 0;
    std::uint8_t b = 0;
    do {
      if (!ok_ || offset_ >= bytes_.size()) return fail();
      b = static_cast<std::uint8_t>(bytes_[offset_++]);
      if (shift < 64) result |= std::uint64_t{b & 0x7fu} << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40)) result |= ~std::uint64_t{0} << shift;
    return result;
  }
  std::span<const std::byte> block(std::uint64_t size) {
    if (!ok_ || size > bytes_.size() - offset_) {
      fail();
      return {};
    }
    auto s = bytes_.subspan(offset_, static_cast<std::size_t>(size));
    offset_ += static_cast<std::size_t>(size);
    return s;
  }

 private:
  std::uint64_t fail() {
    ok_ = false;
    return 0;
  }
  std::span<const std::byte> bytes_;
  std::size_t offset_;
  bool ok_ = true;
};

constexpr std::size_t address_size = 8;
constexpr std::size_t offset_size = 4;  // 32-bit DWARF

// Decodes the operands of `o.opcode`; false for an unknown opcode.
bool decode_operands(cursor& c, operation& o) {
  const auto code = o.opcode;
  if ((code >= op::lit0 && code <= op::lit31) || (code >= op::reg0 && code <= op::reg31))
    return true;
  if (code >= op::breg0 && code <= op::breg31) {
    o.a = c.sleb();
    return true;
  }
  switch (code) {
    case op::addr:
      o.a = c.fixed(address_size);
      return true;
    case op::const1u:
    case op::pick:
    case op::deref_size:
    case op::xderef_size:
      o.a = c.fixed(1);
      return true;
    case op::const1s:
      o.a = c.fixed_signed(1);
      return true;
    case op::const2u:
    case op::call2:
      o.a = c.fixed(2);
      return true;
    case op::const2s:
    case op::skip:
    case op::bra:
      o.a = c.fixed_signed(2);
      return true;
    case op::const4u:
    case op::call4:
    case op::GNU_parameter_ref:
      o.a = c.fixed(4);
      return true;
    case op::const4s:
      o.a = c.fixed_signed(4);
      return true;
    case op::const8u:
    case op::const8s:
      o.a = c.fixed(8);
      return true;
    case op::constu:
    case op::plus_uconst:
    case op::regx:
    case op::piece:
    case op::addrx:
    case op::constx:
    case op::GNU_addr_index:
    case op::GNU_const_index:
    case op::convert:
    case op::GNU_convert:
    case op::reinterpret:
    case op::GNU_reinterpret:
      o.a = c.uleb();
      return true;
    case op::consts:
    case op::fbreg:
      o.a = c.sleb();
      return true;
    case op::bregx:
      o.a = c.uleb();
      o.b = c.sleb();
      return true;
    case op::bit_piece:
    case op::regval_type:
    case op::GNU_regval_type:
      o.a = c.uleb();
      o.b = c.uleb();
      return true;
    case op::deref_type:
    case op::GNU_deref_type:
    case op::xderef_type:
      o.a = c.fixed(1);
      o.b = c.uleb();
      return true;
    case op::implicit_value:
      o.a = c.uleb();
      o.block = c.block(o.a);
      return true;
    case op::entry_value:
    case op::GNU_entry_value:
      o.a = c.uleb();
      o.block = c.block(o.a);
      return true;
    case op::const_type:
    case op::GNU_const_type:
      o.a = c.uleb();    // type DIE
      o.b = c.fixed(1);  // size of the constant
      o.block = c.block(o.b);
      return true;
    case op::implicit_pointer:
    case op::GNU_implicit_pointer:
      o.a = c.fixed(offset_size);
      o.b = c.sleb();
      return true;
    case op::call_ref:
    case op::GNU_variable_value:
      o.a = c.fixed(offset_size);
      return true;
    case op::deref:
    case op::dup:
    case op::drop:
    case op::over:
    case op::swap:
    case op::rot:
    case op::xderef:
    case op::abs:
    case op::and_:
    case op::div:
    case op::minus:
    case op::mod:
    case op::mul:
    case op::neg:
    case op::not_:
    case op::or_:
    case op::plus:
    case op::shl:
    case op::shr:
    case op::shra:
    case op::xor_:
    case op::eq:
    case op::ge:
    case op::gt:
    case op::le:
    case op::lt:
    case op::ne:
    case op::nop:
    case op::push_object_address:
    case op::form_tls_address:
    case op::call_frame_cfa:
    case op::stack_value:
    case op::GNU_push_tls_address:
    case op::GNU_uninit:
      return true;
    default:
      return false;
  }
}

void put(std::vector<std::byte>& out, std::uint8_t opcode, std::uint64_t value) {
  out.push_back(std::byte{opcode});
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::byte>(value >> (8 * i)));
}

bool is_index_op(std::uint8_t code) {
  return code == op::addrx || code == op::constx || code == op::GNU_addr_index ||
         code == op::GNU_const_index;
}

}  // namespace

std::optional<operation> decode_operation(std::span<const std::byte> expression,
                                          std::size_t offset) {
  if (offset >= expression.size()) return std::nullopt;
  operation o;
  o.offset = offset;
  o.opcode = static_cast<std::uint8_t>(expression[offset]);
  cursor c(expression, offset + 1);
  if (!decode_operands(c, o) || !c.ok()) return std::nullopt;
  o.next = c.offset();
  return o;
}

bool has_address_indexes(std::span<const std::byte> expression) {
  for (std::size_t at = 0; at < expression.size();) {
    auto o = decode_operation(expression, at);
    if (!o) return false;
    if (is_index_op(o->opcode)) return true;
    at = o->next;
  }
  return false;
}

std::optional<std::vector<std::byte>> rewrite_address_indexes(
    std::span<const std::byte> expression,
    const std::function<std::optional<std::uint64_t>(std::uint64_t)>& address_at) {
  std::vector<operation> ops;
  for (std::size_t at = 0; at < expression.size();) {
    auto o = decode_operation(expression, at);
    if (!o) return std::nullopt;
    ops.push_back(*o);
    at = o->next;
  }
  // Old offset of every operation boundary (and the end) -> new offset.
  std::map<std::size_t, std::size_t> moved;
  std::size_t new_at = 0;
  for (const auto& o : ops) {
    moved[o.offset] = new_at;
    new_at += is_index_op(o.opcode) ? 9 : o.next - o.offset;
  }
  moved[expression.size()] = new_at;

  std::vector<std::byte> out;
  out.reserve(new_at);
  for (const auto& o : ops) {
    if (is_index_op(o.opcode)) {
      auto value = address_at(o.a);
      if (!value) return std::nullopt;
      const bool is_address = o.opcode == op::addrx || o.opcode == op::GNU_addr_index;
      put(out, is_address ? op::addr : op::const8u, *value);
    } else if (o.opcode == op::skip || o.opcode == op::bra) {
      // A branch that does not land on an operation boundary is malformed.
      auto target = moved.find(o.next + static_cast<std::size_t>(static_cast<std::int16_t>(o.a)));
      if (target == moved.end()) return std::nullopt;
      const auto delta = static_cast<std::int64_t>(target->second) -
                         static_cast<std::int64_t>(moved[o.offset] + 3);
      if (delta < INT16_MIN || delta > INT16_MAX) return std::nullopt;
      const auto d = static_cast<std::uint16_t>(static_cast<std::int16_t>(delta));
      out.push_back(std::byte{o.opcode});
      out.push_back(static_cast<std::byte>(d & 0xff));
      out.push_back(static_cast<std::byte>(d >> 8));
    } else {
      out.insert(out.end(), expression.begin() + static_cast<std::ptrdiff_t>(o.offset),
                 expression.begin() + static_cast<std::ptrdiff_t>(o.next));
    }
  }
  return out;
}

}  // namespace int3::dwarf
