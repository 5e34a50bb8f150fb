#include "engine/dwarf_expression.hpp"

#include <cstring>
#include <vector>

namespace int3::engine {
namespace {

class cursor {
 public:
  explicit cursor(std::span<const std::byte> data) : data_(data) {}
  bool done() const { return at_ >= data_.size(); }
  std::size_t position() const { return at_; }
  bool seek(std::size_t to) {
    if (to > data_.size()) return false;
    at_ = to;
    return true;
  }

  std::optional<std::uint64_t> fixed(std::size_t size) {
    if (at_ + size > data_.size()) return std::nullopt;
    std::uint64_t v = 0;
    std::memcpy(&v, data_.data() + at_, size);  // little-endian hosts only, as the arch
    at_ += size;
    return v;
  }
  std::optional<std::int64_t> fixed_signed(std::size_t size) {
    auto v = fixed(size);
    if (!v) return std::nullopt;
    unsigned shift = 64 - 8 * static_cast<unsigned>(size);
    return static_cast<std::int64_t>(*v << shift) >> shift;
  }
  std::optional<std::uint64_t> uleb() {
    std::uint64_t result = 0;
    unsigned shift = 0;
    while (at_ < data_.size()) {
      auto byte = static_cast<std::uint8_t>(data_[at_++]);
      if (shift < 64) result |= std::uint64_t(byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80)) return result;
    }
    return std::nullopt;
  }
  std::optional<std::int64_t> sleb() {
    std::int64_t result = 0;
    unsigned shift = 0;
    while (at_ < data_.size()) {
      auto byte = static_cast<std::uint8_t>(data_[at_++]);
      if (shift < 64) result |= std::int64_t(byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80)) {
        if (shift < 64 && (byte & 0x40)) result |= -(std::int64_t(1) << shift);
        return result;
      }
    }
    return std::nullopt;
  }

 private:
  std::span<const std::byte> data_;
  std::size_t at_ = 0;
};

// DWARF 5, section 7.7.1.
enum op : std::uint8_t {
  op_addr = 0x03,
  op_deref = 0x06,
  op_const1u = 0x08,
  op_const1s = 0x09,
  op_const2u = 0x0a,
  op_const2s = 0x0b,
  op_const4u = 0x0c,
  op_const4s = 0x0d,
  op_const8u = 0x0e,
  op_const8s = 0x0f,
  op_constu = 0x10,
  op_consts = 0x11,
  op_dup = 0x12,
  op_drop = 0x13,
  op_over = 0x14,
  op_pick = 0x15,
  op_swap = 0x16,
  op_rot = 0x17,
  op_abs = 0x19,
  op_and = 0x1a,
  op_div = 0x1b,
  op_minus = 0x1c,
  op_mod = 0x1d,
  op_mul = 0x1e,
  op_neg = 0x1f,
  op_not = 0x20,
  op_or = 0x21,
  op_plus = 0x22,
  op_plus_uconst = 0x23,
  op_shl = 0x24,
  op_shr = 0x25,
  op_shra = 0x26,
  op_xor = 0x27,
  op_bra = 0x28,
  op_eq = 0x29,
  op_ge = 0x2a,
  op_gt = 0x2b,
  op_le = 0x2c,
  op_lt = 0x2d,
  op_ne = 0x2e,
  op_skip = 0x2f,
  op_lit0 = 0x30,
  op_lit31 = 0x4f,
  op_breg0 = 0x70,
  op_breg31 = 0x8f,
  op_bregx = 0x92,
  op_deref_size = 0x94,
  op_nop = 0x96,
  op_stack_value = 0x9f,
};

}  // namespace

std::optional<std::uint64_t> evaluate_dwarf_expression(std::span<const std::byte> expression,
                                                       const expression_context& context,
                                                       std::optional<std::uint64_t> initial) {
  std::vector<std::uint64_t> stack;
  if (initial) stack.push_back(*initial);
  cursor in(expression);
  auto pop = [&]() -> std::optional<std::uint64_t> {
    if (stack.empty()) return std::nullopt;
    auto v = stack.back();
    stack.pop_back();
    return v;
  };
  auto binary = [&](auto fn) -> bool {
    auto b = pop(), a = pop();
    if (!a || !b) return false;
    stack.push_back(fn(*a, *b));
    return true;
  };
  auto as_signed = [](std::uint64_t v) { return static_cast<std::int64_t>(v); };
  auto breg = [&](int reg, std::optional<std::int64_t> offset) -> bool {
    auto value = context.read_register(reg);
    if (!value || !offset) return false;
    stack.push_back(*value + static_cast<std::uint64_t>(*offset));
    return true;
  };

  while (!in.done()) {
    auto code = static_cast<std::uint8_t>(*in.fixed(1));
    bool ok = true;
    if (code >= op_lit0 && code <= op_lit31) {
      stack.push_back(code - op_lit0);
      continue;
    }
    if (code >= op_breg0 && code <= op_breg31) {
      if (!breg(code - op_breg0, in.sleb())) return std::nullopt;
      continue;
    }
    auto push = [&](std::optional<std::uint64_t> v) {
      if (v) stack.push_back(*v);
      return v.has_value();
    };
    auto push_signed = [&](std::optional<std::int64_t> v) {
      if (v) stack.push_back(static_cast<std::uint64_t>(*v));
      return v.has_value();
    };
    switch (code) {
      case op_addr:
        ok = push(in.fixed(8));
        break;
      case op_const1u:
        ok = push(in.fixed(1));
        break;
      case op_const1s:
        ok = push_signed(in.fixed_signed(1));
        break;
      case op_const2u:
        ok = push(in.fixed(2));
        break;
      case op_const2s:
        ok = push_signed(in.fixed_signed(2));
        break;
      case op_const4u:
        ok = push(in.fixed(4));
        break;
      case op_const4s:
        ok = push_signed(in.fixed_signed(4));
        break;
      case op_const8u:
        ok = push(in.fixed(8));
        break;
      case op_const8s:
        ok = push_signed(in.fixed_signed(8));
        break;
      case op_constu:
        ok = push(in.uleb());
        break;
      case op_consts:
        ok = push_signed(in.sleb());
        break;
      case op_dup:
        ok = !stack.empty() && push(stack.back());
        break;
      case op_drop:
        ok = pop().has_value();
        break;
      case op_over:
        ok = stack.size() >= 2 && push(stack[stack.size() - 2]);
        break;
      case op_pick: {
        auto index = in.fixed(1);
        ok = index && *index < stack.size() && push(stack[stack.size() - 1 - *index]);
        break;
      }
      case op_swap:
        ok = stack.size() >= 2;
        if (ok) std::swap(stack[stack.size() - 1], stack[stack.size() - 2]);
        break;
      case op_rot:
        ok = stack.size() >= 3;
        if (ok) {
          auto n = stack.size();
          auto top = stack[n - 1];
          stack[n - 1] = stack[n - 2];
          stack[n - 2] = stack[n - 3];
          stack[n - 3] = top;
        }
        break;
      case op_deref: {
        auto address = pop();
        ok = address && push(context.read_word(*address));
        break;
      }
      case op_deref_size: {
        auto size = in.fixed(1);
        auto address = pop();
        auto word = address ? context.read_word(*address) : std::nullopt;
        ok = size && word && *size >= 1 && *size <= 8;
        if (ok) push(*size == 8 ? *word : (*word & ((std::uint64_t(1) << (8 * *size)) - 1)));
        break;
      }
      case op_abs: {
        auto v = pop();
        ok = v && push(as_signed(*v) < 0 ? -*v : *v);
        break;
      }
      case op_neg: {
        auto v = pop();
        ok = v && push(-*v);
        break;
      }
      case op_not: {
        auto v = pop();
        ok = v && push(~*v);
        break;
      }
      case op_plus_uconst: {
        auto v = pop();
        auto add = in.uleb();
        ok = v && add && push(*v + *add);
        break;
      }
      case op_and:
        ok = binary([](auto a, auto b) { return a & b; });
        break;
      case op_or:
        ok = binary([](auto a, auto b) { return a | b; });
        break;
      case op_xor:
        ok = binary([](auto a, auto b) { return a ^ b; });
        break;
      case op_plus:
        ok = binary([](auto a, auto b) { return a + b; });
        break;
      case op_minus:
        ok = binary([](auto a, auto b) { return a - b; });
        break;
      case op_mul:
        ok = binary([](auto a, auto b) { return a * b; });
        break;
      case op_shl:
        ok = binary([](auto a, auto b) { return b >= 64 ? 0 : a << b; });
        break;
      case op_shr:
        ok = binary([](auto a, auto b) { return b >= 64 ? 0 : a >> b; });
        break;
      case op_shra:
        ok = binary([&](auto a, auto b) {
          return static_cast<std::uint64_t>(as_signed(a) >> (b >= 64 ? 63 : b));
        });
        break;
      case op_div:
      case op_mod: {
        auto b = pop(), a = pop();
        ok = a && b && *b != 0;
        if (ok)
          stack.push_back(code == op_div ? static_cast<std::uint64_t>(as_signed(*a) / as_signed(*b))
                                         : *a % *b);
        break;
      }
      case op_eq:
        ok = binary([](auto a, auto b) { return std::uint64_t(a == b); });
        break;
      case op_ne:
        ok = binary([](auto a, auto b) { return std::uint64_t(a != b); });
        break;
      case op_ge:
        ok = binary([&](auto a, auto b) { return std::uint64_t(as_signed(a) >= as_signed(b)); });
        break;
      case op_gt:
        ok = binary([&](auto a, auto b) { return std::uint64_t(as_signed(a) > as_signed(b)); });
        break;
      case op_le:
        ok = binary([&](auto a, auto b) { return std::uint64_t(as_signed(a) <= as_signed(b)); });
        break;
      case op_lt:
        ok = binary([&](auto a, auto b) { return std::uint64_t(as_signed(a) < as_signed(b)); });
        break;
      case op_skip:
      case op_bra: {
        auto offset = in.fixed_signed(2);
        ok = offset.has_value();
        bool jump = true;
        if (ok && code == op_bra) {
          auto v = pop();
          ok = v.has_value();
          jump = ok && *v != 0;
        }
        if (ok && jump)
          ok =
              in.seek(static_cast<std::size_t>(static_cast<std::int64_t>(in.position()) + *offset));
        break;
      }
      case op_bregx: {
        auto reg = in.uleb();
        ok = reg && breg(static_cast<int>(*reg), in.sleb());
        break;
      }
      case op_nop:
        break;
      case op_stack_value:
        return pop();
      default:
        return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  return pop();
}

}  // namespace int3::engine
