#include "engine/expr/scalar.hpp"

#include <bit>
#include <cstring>
#include <limits>
#include <vector>

#include "engine/expr/synthetic_types.hpp"

namespace int3::engine::expr {
namespace {

using dwarf::type_kind;

std::uint64_t normalize(std::uint64_t bits, std::uint64_t size, bool is_signed) {
  if (size >= 8) return bits;
  unsigned width = static_cast<unsigned>(size * 8);
  std::uint64_t mask = (std::uint64_t{1} << width) - 1;
  bits &= mask;
  if (is_signed && (bits >> (width - 1)) & 1) bits |= ~mask;
  return bits;
}

scalar make_int(std::uint64_t bits, std::uint64_t size, bool is_signed) {
  return {scalar::kind::integer, normalize(bits, size, is_signed), 0, size, is_signed, nullptr};
}

scalar make_double(double d) {
  return {scalar::kind::floating, 0, d, 8, true, nullptr};
}

scalar_result fail(std::string why) {
  return {std::nullopt, std::move(why)};
}
scalar_result ok(scalar s) {
  return {s, {}};
}

double as_double(const scalar& s) {
  if (s.what == scalar::kind::floating) return s.floating;
  if (s.is_signed) return static_cast<double>(static_cast<std::int64_t>(s.bits));
  return static_cast<double>(s.bits);
}

// The integer promotions: anything smaller than int computes as int.
scalar promote(scalar s) {
  if (s.what == scalar::kind::integer && s.size < 4) {
    s.size = 4;
    s.is_signed = true;
  }
  return s;
}

// The usual arithmetic conversions for two promoted integers.
std::pair<std::uint64_t, bool> common_int(const scalar& a, const scalar& b) {
  std::uint64_t size = std::max(a.size, b.size);
  bool is_signed = !((a.size == size && !a.is_signed) || (b.size == size && !b.is_signed));
  return {size, is_signed};
}

std::uint64_t pointee_size(const scalar& p) {
  const auto* t = dwarf::strip_cv_typedefs(p.pointer_type);
  const auto* target = t ? dwarf::strip_cv_typedefs(t->target) : nullptr;
  if (!target || target->kind == type_kind::void_ || !target->byte_size ||
      *target->byte_size == 0) {
    return 1;  // GNU C: void * arithmetic counts bytes
  }
  return *target->byte_size;
}

bool is_comparison(std::string_view op) {
  return op == "==" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=";
}

template <class T>
bool compare(std::string_view op, T a, T b) {
  if (op == "==") return a == b;
  if (op == "!=") return a != b;
  if (op == "<") return a < b;
  if (op == ">") return a > b;
  if (op == "<=") return a <= b;
  return a >= b;
}

scalar_result pointer_arithmetic(std::string_view op, const scalar& a, const scalar& b) {
  if (is_comparison(op)) return ok(scalar::of_int(compare(op, a.bits, b.bits)));
  bool ap = a.what == scalar::kind::pointer, bp = b.what == scalar::kind::pointer;
  if (op == "-" && ap && bp) {
    auto diff = static_cast<std::int64_t>(a.bits - b.bits);
    return ok(make_int(
        static_cast<std::uint64_t>(diff / static_cast<std::int64_t>(pointee_size(a))), 8, true));
  }
  if ((op == "+" || op == "-") && ap != bp) {
    const scalar& p = ap ? a : b;
    const scalar& n = ap ? b : a;
    if (n.what != scalar::kind::integer)
      return fail("invalid operands to '" + std::string(op) + "'");
    if (op == "-" && bp) return fail("cannot subtract a pointer from a number");
    auto step = static_cast<std::int64_t>(n.bits) * static_cast<std::int64_t>(pointee_size(p));
    scalar out = p;
    out.bits = op == "+" ? p.bits + static_cast<std::uint64_t>(step)
                         : p.bits - static_cast<std::uint64_t>(step);
    return ok(out);
  }
  return fail("invalid operands to '" + std::string(op) + "' (pointer)");
}

scalar_result float_arithmetic(std::string_view op, double a, double b) {
  if (is_comparison(op)) return ok(scalar::of_int(compare(op, a, b)));
  if (op == "+") return ok(make_double(a + b));
  if (op == "-") return ok(make_double(a - b));
  if (op == "*") return ok(make_double(a * b));
  if (op == "/") return ok(make_double(a / b));
  return fail("invalid operands to '" + std::string(op) + "' (floating point)");
}

scalar_result int_arithmetic(std::string_view op, scalar a, scalar b) {
  a = promote(a);
  b = promote(b);
  if (op == "<<" || op == ">>") {
    auto count =
        b.is_signed ? static_cast<std::int64_t>(b.bits) : static_cast<std::int64_t>(b.bits & 0x7f);
    if (count < 0 || count >= static_cast<std::int64_t>(a.size * 8)) {
      return fail("shift count " + std::to_string(count) + " is out of range");
    }
    if (op == "<<") return ok(make_int(a.bits << count, a.size, a.is_signed));
    if (a.is_signed)
      return ok(make_int(static_cast<std::uint64_t>(static_cast<std::int64_t>(a.bits) >> count),
                         a.size, true));
    return ok(make_int(a.bits >> count, a.size, false));
  }
  auto [size, is_signed] = common_int(a, b);
  std::uint64_t x = normalize(a.bits, size, is_signed), y = normalize(b.bits, size, is_signed);
  auto sx = static_cast<std::int64_t>(x), sy = static_cast<std::int64_t>(y);
  if (is_comparison(op)) {
    return ok(scalar::of_int(is_signed ? compare(op, sx, sy) : compare(op, x, y)));
  }
  if (op == "+") return ok(make_int(x + y, size, is_signed));
  if (op == "-") return ok(make_int(x - y, size, is_signed));
  if (op == "*") return ok(make_int(x * y, size, is_signed));
  if (op == "&") return ok(make_int(x & y, size, is_signed));
  if (op == "|") return ok(make_int(x | y, size, is_signed));
  if (op == "^") return ok(make_int(x ^ y, size, is_signed));
  if (op == "/" || op == "%") {
    if (y == 0) return fail("division by zero");
    if (!is_signed) return ok(make_int(op == "/" ? x / y : x % y, size, false));
    if (sx == std::numeric_limits<std::int64_t>::min() && sy == -1) {
      return ok(make_int(op == "/" ? x : 0, size, true));  // wraps rather than trapping
    }
    return ok(make_int(static_cast<std::uint64_t>(op == "/" ? sx / sy : sx % sy), size, true));
  }
  return fail("unknown operator '" + std::string(op) + "'");
}

std::vector<std::byte> little_endian(std::uint64_t bits, std::uint64_t size) {
  std::vector<std::byte> out(size);
  for (std::uint64_t i = 0; i < size && i < 8; ++i)
    out[i] = static_cast<std::byte>(bits >> (8 * i));
  return out;
}

}  // namespace

bool scalar::is_zero() const {
  return what == kind::floating ? floating == 0.0 : bits == 0;
}

scalar_result to_scalar(const value& v) {
  const auto* t = dwarf::strip_cv_typedefs(v.type());
  if (!t) return fail("the type of '" + v.name() + "' is unknown");
  auto unreadable = [&] {
    auto why = v.error();
    return fail("cannot read '" + (v.evaluate_name().empty() ? v.name() : v.evaluate_name()) + "'" +
                (why.empty() ? "" : ": " + why));
  };
  switch (t->kind) {
    case type_kind::reference:
    case type_kind::rvalue_reference: {
      auto target = v.dereference();
      if (!target) return unreadable();
      return to_scalar(*target);
    }
    case type_kind::pointer: {
      auto bits = v.as_unsigned();
      if (!bits) return unreadable();
      return ok({scalar::kind::pointer, *bits, 0, t->byte_size.value_or(8), false, v.type()});
    }
    case type_kind::array: {
      auto address = v.address();
      if (!address) return fail("'" + v.name() + "' has no address to use as a pointer");
      return ok({scalar::kind::pointer, *address, 0, 8, false, synthetic::pointer_to(t->target)});
    }
    case type_kind::base:
    case type_kind::enumeration: {
      std::uint64_t size = t->byte_size.value_or(4);
      if (t->kind == type_kind::base && (t->encoding == dwarf::encoding::float_)) {
        auto d = v.as_double();
        if (!d) return unreadable();
        return ok(make_double(*d));
      }
      bool is_signed = t->is_signed || t->encoding == dwarf::encoding::signed_ ||
                       t->encoding == dwarf::encoding::signed_char;
      if (is_signed) {
        auto s = v.as_signed();
        if (!s) return unreadable();
        return ok(make_int(static_cast<std::uint64_t>(*s), size, true));
      }
      auto u = v.as_unsigned();
      if (!u) return unreadable();
      return ok(make_int(*u, size, false));
    }
    default:
      return fail("'" + (v.evaluate_name().empty() ? v.name() : v.evaluate_name()) + "' of type '" +
                  v.type_name() + "' is not a number");
  }
}

scalar_result convert(const scalar& s, const dwarf::type_info* type) {
  const auto* t = dwarf::strip_cv_typedefs(type);
  if (!t) return fail("unknown type");
  if (t->kind == type_kind::pointer) {
    if (s.what == scalar::kind::floating)
      return fail("cannot convert a floating point number to a pointer");
    scalar out{scalar::kind::pointer, s.bits, 0, t->byte_size.value_or(8), false, type};
    return ok(out);
  }
  if (t->kind == type_kind::base && t->encoding == dwarf::encoding::float_) {
    scalar out = make_double(as_double(s));
    out.size = t->byte_size.value_or(8);
    return ok(out);
  }
  if (t->kind == type_kind::base || t->kind == type_kind::enumeration) {
    std::uint64_t size = t->byte_size.value_or(4);
    bool is_signed = t->is_signed || t->encoding == dwarf::encoding::signed_ ||
                     t->encoding == dwarf::encoding::signed_char;
    if (t->encoding == dwarf::encoding::boolean)
      return ok(make_int(s.is_zero() ? 0 : 1, size, false));
    if (s.what == scalar::kind::floating) {
      if (is_signed)
        return ok(make_int(static_cast<std::uint64_t>(static_cast<std::int64_t>(s.floating)), size,
                           true));
      return ok(make_int(static_cast<std::uint64_t>(s.floating), size, false));
    }
    return ok(make_int(s.bits, size, is_signed));
  }
  return fail("cannot convert to '" + type->name + "'");
}

value from_scalar(const scalar& s, const dwarf::type_info* type,
                  std::shared_ptr<frame_context> frame) {
  if (!type) {
    switch (s.what) {
      case scalar::kind::floating:
        type = synthetic::double_type();
        break;
      case scalar::kind::pointer:
        type = s.pointer_type;
        break;
      case scalar::kind::integer:
        type = synthetic::int_type(s.size, s.is_signed);
        break;
    }
  }
  std::vector<std::byte> bytes;
  if (s.what == scalar::kind::floating) {
    if (s.size == 4) {
      bytes = little_endian(std::bit_cast<std::uint32_t>(static_cast<float>(s.floating)), 4);
    } else {
      bytes = little_endian(std::bit_cast<std::uint64_t>(s.floating), 8);
    }
  } else {
    bytes = little_endian(s.bits, s.size);
  }
  return value::from_bytes("", type, std::move(bytes), std::move(frame));
}

scalar_result apply_binary(std::string_view op, const scalar& a, const scalar& b) {
  if (a.what == scalar::kind::pointer || b.what == scalar::kind::pointer)
    return pointer_arithmetic(op, a, b);
  if (a.what == scalar::kind::floating || b.what == scalar::kind::floating) {
    return float_arithmetic(op, as_double(a), as_double(b));
  }
  return int_arithmetic(op, a, b);
}

scalar_result apply_unary(std::string_view op, const scalar& a) {
  if (op == "!") return ok(scalar::of_int(a.is_zero()));
  if (a.what == scalar::kind::pointer)
    return fail("invalid operand to unary '" + std::string(op) + "' (pointer)");
  if (a.what == scalar::kind::floating) {
    if (op == "-") return ok(make_double(-a.floating));
    if (op == "+") return ok(a);
    return fail("invalid operand to '" + std::string(op) + "' (floating point)");
  }
  scalar p = promote(a);
  if (op == "-") return ok(make_int(~p.bits + 1, p.size, p.is_signed));
  if (op == "+") return ok(p);
  if (op == "~") return ok(make_int(~p.bits, p.size, p.is_signed));
  return fail("unknown operator '" + std::string(op) + "'");
}

}  // namespace int3::engine::expr
