#include "dwarf/expression.hpp"

#include <cstring>
#include <sstream>

#include "dwarf/expression_ops.hpp"

namespace int3::dwarf {

namespace {

std::string hex(std::uint64_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

std::vector<std::byte> le_bytes(std::uint64_t v) {
  std::vector<std::byte> out(8);
  std::memcpy(out.data(), &v, 8);
  return out;
}

// The DWARF stack machine over one expression. Every failure is recorded in
// error_ and stops the run; nothing here throws.
class machine {
 public:
  machine(std::span<const std::byte> expression, const expression_context& context)
      : expr_(expression), ctx_(context) {}

  expression_result run(std::optional<std::uint64_t> push_first) {
    if (push_first) push(*push_first);
    std::size_t pc = 0;
    for (std::size_t steps = 0; pc < expr_.size() && error_.empty(); ++steps) {
      if (steps >= max_expression_steps)
        return fail("more than " + std::to_string(max_expression_steps) + " operations (a loop?)");
      auto o = decode_operation(expr_, pc);
      if (!o)
        return fail("malformed or unknown operation " + hex(static_cast<std::uint8_t>(expr_[pc])) +
                    " at offset " + std::to_string(pc));
      pc = step(*o);
    }
    if (!error_.empty()) return {std::nullopt, error_};
    location result;
    if (!pieces_.empty()) {
      // Operations after the last piece describe nothing (DWARF 5 2.6.1.2).
      if (pending_ || !stack_.empty())
        return fail("a location follows the last piece without its own piece");
      result.pieces = std::move(pieces_);
    } else {
      result.whole = current();
    }
    return {std::move(result), {}};
  }

 private:
  expression_result fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return {std::nullopt, error_};
  }
  std::size_t stop(std::string why) {
    fail(std::move(why));
    return expr_.size();
  }

  void push(std::uint64_t v) {
    if (stack_.size() >= max_expression_stack) {
      fail("stack overflow (more than " + std::to_string(max_expression_stack) + " entries)");
      return;
    }
    stack_.push_back(v);
  }
  bool need(std::size_t n, const operation& o) {
    if (stack_.size() >= n) return true;
    fail("stack underflow at operation " + hex(o.opcode) + " (offset " + std::to_string(o.offset) +
         ")");
    return false;
  }
  std::uint64_t pop() {
    auto v = stack_.back();
    stack_.pop_back();
    return v;
  }

  // The location the operations so far describe, for a piece or the end.
  simple_location current() const {
    if (poisoned_) return {};
    if (pending_) return *pending_;
    if (stack_.empty()) return {};  // an empty description: nothing is there
    simple_location l;
    l.where = simple_location::kind::memory;
    l.address = stack_.back();
    return l;
  }

  void finish_piece(std::uint64_t bit_size, std::uint64_t bit_offset) {
    pieces_.push_back({current(), bit_size, bit_offset});
    stack_.clear();
    pending_.reset();
    poisoned_ = false;
  }

  std::optional<std::uint64_t> read(std::uint64_t address, std::uint64_t size, const operation& o) {
    if (size == 0 || size > 8) {
      fail("dereference of " + std::to_string(size) + " bytes at offset " +
           std::to_string(o.offset));
      return std::nullopt;
    }
    std::byte buffer[8] = {};
    if (!ctx_.read_memory(address, std::span<std::byte>(buffer, size))) {
      fail("cannot read memory at " + hex(address));
      return std::nullopt;
    }
    std::uint64_t v = 0;
    std::memcpy(&v, buffer, size);
    return v;
  }

  void push_register(std::uint64_t reg, std::int64_t offset) {
    if (reg > 0xffff) {
      fail("register number " + std::to_string(reg) + " out of range");
      return;
    }
    auto v = ctx_.read_register(static_cast<std::uint16_t>(reg));
    if (!v) {
      fail("register " + std::to_string(reg) + " is not available in this frame");
      return;
    }
    push(*v + static_cast<std::uint64_t>(offset));
  }

  void push_optional(std::optional<std::uint64_t> v, const char* what) {
    if (!v) {
      fail(std::string(what) + " is not available");
      return;
    }
    push(*v);
  }

  std::size_t branch(const operation& o) {
    const auto target = static_cast<std::int64_t>(o.next) + static_cast<std::int16_t>(o.a);
    if (target < 0 || static_cast<std::uint64_t>(target) > expr_.size())
      return stop("branch outside the expression at offset " + std::to_string(o.offset));
    return static_cast<std::size_t>(target);
  }

  void binary(const operation& o) {
    if (!need(2, o)) return;
    const std::uint64_t b = pop(), a = pop();
    const auto sa = static_cast<std::int64_t>(a), sb = static_cast<std::int64_t>(b);
    std::uint64_t r = 0;
    switch (o.opcode) {
      case op::and_:
        r = a & b;
        break;
      case op::or_:
        r = a | b;
        break;
      case op::xor_:
        r = a ^ b;
        break;
      case op::plus:
        r = a + b;
        break;
      case op::minus:
        r = a - b;
        break;
      case op::mul:
        r = a * b;
        break;
      case op::div:
        if (b == 0) {
          fail("division by zero");
          return;
        }
        // INT64_MIN / -1 overflows in C++; DWARF wraps.
        r = (sa == INT64_MIN && sb == -1) ? a : static_cast<std::uint64_t>(sa / sb);
        break;
      case op::mod:
        if (b == 0) {
          fail("modulo by zero");
          return;
        }
        r = a % b;
        break;
      case op::shl:
        r = b >= 64 ? 0 : a << b;
        break;
      case op::shr:
        r = b >= 64 ? 0 : a >> b;
        break;
      case op::shra:
        r = static_cast<std::uint64_t>(b >= 64 ? (sa < 0 ? -1 : 0) : sa >> b);
        break;
      case op::eq:
        r = a == b;
        break;
      case op::ne:
        r = a != b;
        break;
      case op::lt:
        r = sa < sb;
        break;
      case op::gt:
        r = sa > sb;
        break;
      case op::le:
        r = sa <= sb;
        break;
      case op::ge:
        r = sa >= sb;
        break;
      default:
        return;
    }
    push(r);
  }

  // Executes one operation; returns the offset of the next one.
  std::size_t step(const operation& o) {
    const auto code = o.opcode;
    if (pending_ && code != op::piece && code != op::bit_piece && code != op::nop)
      return stop("operation " + hex(code) + " follows a register or value location");
    if (code >= op::lit0 && code <= op::lit31) {
      push(code - op::lit0);
      return o.next;
    }
    if (code >= op::reg0 && code <= op::reg31) {
      pending_ = simple_location{
          simple_location::kind::in_register, 0, static_cast<std::uint16_t>(code - op::reg0), {}};
      return o.next;
    }
    if (code >= op::breg0 && code <= op::breg31) {
      push_register(code - op::breg0, static_cast<std::int64_t>(o.a));
      return o.next;
    }
    switch (code) {
      case op::addr:
        push(ctx_.relocate(o.a));
        break;
      case op::const1u:
      case op::const1s:
      case op::const2u:
      case op::const2s:
      case op::const4u:
      case op::const4s:
      case op::const8u:
      case op::const8s:
      case op::constu:
      case op::consts:
        push(o.a);
        break;
      case op::const_type:
      case op::GNU_const_type: {
        if (o.block.size() > 8) return stop("typed constant wider than 8 bytes");
        std::uint64_t v = 0;
        std::memcpy(&v, o.block.data(), o.block.size());
        push(v);
        break;
      }
      case op::dup:
        if (need(1, o)) push(stack_.back());
        break;
      case op::drop:
        if (need(1, o)) pop();
        break;
      case op::over:
        if (need(2, o)) push(stack_[stack_.size() - 2]);
        break;
      case op::pick:
        if (need(o.a + 1, o)) push(stack_[stack_.size() - 1 - o.a]);
        break;
      case op::swap:
        if (need(2, o)) std::swap(stack_[stack_.size() - 1], stack_[stack_.size() - 2]);
        break;
      case op::rot:
        // The top entry becomes the third; the second and third move up.
        if (need(3, o)) {
          const auto n = stack_.size();
          const auto top = stack_[n - 1];
          stack_[n - 1] = stack_[n - 2];
          stack_[n - 2] = stack_[n - 3];
          stack_[n - 3] = top;
        }
        break;
      case op::deref:
        if (need(1, o)) {
          if (auto v = read(pop(), 8, o)) push(*v);
        }
        break;
      case op::deref_size:
      case op::deref_type:
      case op::GNU_deref_type:
        if (need(1, o)) {
          if (auto v = read(pop(), o.a, o)) push(*v);
        }
        break;
      case op::abs:
        if (need(1, o)) {
          auto v = static_cast<std::int64_t>(stack_.back());
          // |INT64_MIN| does not fit; DWARF wraps, so it stays.
          if (v < 0 && v != INT64_MIN) stack_.back() = static_cast<std::uint64_t>(-v);
        }
        break;
      case op::neg:
        if (need(1, o)) stack_.back() = 0 - stack_.back();
        break;
      case op::not_:
        if (need(1, o)) stack_.back() = ~stack_.back();
        break;
      case op::plus_uconst:
        if (need(1, o)) stack_.back() += o.a;
        break;
      case op::and_:
      case op::or_:
      case op::xor_:
      case op::plus:
      case op::minus:
      case op::mul:
      case op::div:
      case op::mod:
      case op::shl:
      case op::shr:
      case op::shra:
      case op::eq:
      case op::ne:
      case op::lt:
      case op::gt:
      case op::le:
      case op::ge:
        binary(o);
        break;
      case op::skip:
        return branch(o);
      case op::bra:
        if (!need(1, o)) break;
        if (pop() != 0) return branch(o);
        break;
      case op::regx:
        if (o.a > 0xffff) return stop("register number " + std::to_string(o.a) + " out of range");
        pending_ = simple_location{
            simple_location::kind::in_register, 0, static_cast<std::uint16_t>(o.a), {}};
        break;
      case op::bregx:
        push_register(o.a, static_cast<std::int64_t>(o.b));
        break;
      case op::regval_type:
      case op::GNU_regval_type:
        push_register(o.a, 0);
        break;
      case op::fbreg:
        if (auto fb = ctx_.frame_base())
          push(*fb + o.a);
        else
          fail("the frame base is not available");
        break;
      case op::call_frame_cfa:
        push_optional(ctx_.call_frame_cfa(), "the canonical frame address");
        break;
      case op::form_tls_address:
      case op::GNU_push_tls_address:
        if (need(1, o)) push_optional(ctx_.tls_address(pop()), "thread-local storage");
        break;
      case op::piece:
        finish_piece(o.a * 8, 0);
        break;
      case op::bit_piece:
        finish_piece(o.a, o.b);
        break;
      case op::implicit_value:
        pending_ = simple_location{simple_location::kind::implicit_value, 0, 0,
                                   std::vector<std::byte>(o.block.begin(), o.block.end())};
        break;
      case op::stack_value:
        if (need(1, o))
          pending_ =
              simple_location{simple_location::kind::implicit_value, 0, 0, le_bytes(stack_.back())};
        break;
      case op::entry_value:
      case op::GNU_entry_value:
        // The value a register had on entry needs the caller's frame and
        // call-site parameters; treat the piece as optimized out, keeping
        // the stack balanced for the operations that follow.
        poisoned_ = true;
        push(0);
        break;
      case op::implicit_pointer:
      case op::GNU_implicit_pointer:
        poisoned_ = true;
        pending_ = simple_location{};
        break;
      case op::convert:
      case op::GNU_convert:
      case op::reinterpret:
      case op::GNU_reinterpret:
        // Typed stack entries are kept as 64-bit integers.
        need(1, o);
        break;
      case op::nop:
      case op::GNU_uninit:
        break;
      case op::addrx:
      case op::constx:
      case op::GNU_addr_index:
      case op::GNU_const_index:
        return stop("address-table operation " + hex(code) +
                    " not rewritten (see rewrite_address_indexes)");
      default:
        return stop("unsupported operation " + hex(code) + " at offset " +
                    std::to_string(o.offset));
    }
    return error_.empty() ? o.next : expr_.size();
  }

  std::span<const std::byte> expr_;
  const expression_context& ctx_;
  std::vector<std::uint64_t> stack_;
  std::optional<simple_location> pending_;  // set by reg*, implicit_value, stack_value
  std::vector<location_piece> pieces_;
  bool poisoned_ = false;  // this piece's value depends on something we cannot compute
  std::string error_;
};

}  // namespace

expression_result evaluate_location(std::span<const std::byte> expression,
                                    const expression_context& context,
                                    std::optional<std::uint64_t> push_first) {
  return machine(expression, context).run(push_first);
}

std::optional<std::uint64_t> evaluate_frame_base(std::span<const std::byte> expression,
                                                 const expression_context& context) {
  auto r = evaluate_location(expression, context);
  if (!r || r.value->is_composite()) return std::nullopt;
  const auto& w = r.value->whole;
  switch (w.where) {
    case simple_location::kind::memory:
      return w.address;
    case simple_location::kind::in_register:
      return context.read_register(w.reg);
    case simple_location::kind::implicit_value:
      if (w.value.size() >= 8) {
        std::uint64_t v = 0;
        std::memcpy(&v, w.value.data(), 8);
        return v;
      }
      return std::nullopt;
    case simple_location::kind::optimized_out:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace int3::dwarf
