#include "engine/expr/evaluator.hpp"

#include <cstring>
#include <vector>

#include "engine/expr/parser.hpp"
#include "engine/expr/scalar.hpp"
#include "engine/expr/synthetic_types.hpp"

namespace int3::engine::expr {
namespace {

using dwarf::type_kind;

eval_result fail(std::string why) {
  return {std::nullopt, std::move(why)};
}
eval_result ok(value v) {
  return {std::move(v), {}};
}

std::string shown(const value& v) {
  if (!v.evaluate_name().empty()) return v.evaluate_name();
  if (!v.name().empty()) return v.name();
  return "expression";
}

class evaluator {
 public:
  explicit evaluator(const scope& s) : scope_(s) {}

  eval_result eval(const node& n) {
    switch (n.kind) {
      case node_kind::identifier:
        return identifier(n);
      case node_kind::reg:
        return reg(n);
      case node_kind::integer:
        return integer_literal(n);
      case node_kind::character:
        return make(scalar{scalar::kind::integer, n.integer, 0, 1, true, nullptr},
                    synthetic::char_type());
      case node_kind::floating:
        return make(scalar{scalar::kind::floating, 0, n.floating, 8, true, nullptr}, nullptr);
      case node_kind::string:
        return string_literal(n);
      case node_kind::member:
        return member(n);
      case node_kind::index:
        return index(n);
      case node_kind::unary:
        return unary(n);
      case node_kind::binary:
        return binary(n);
      case node_kind::logical:
        return logical(n);
      case node_kind::conditional:
        return conditional(n);
      case node_kind::cast:
        return cast(n);
      case node_kind::sizeof_type:
        return sizeof_type(n);
      case node_kind::sizeof_expr:
        return sizeof_expr(n);
      case node_kind::assignment:
        return fail("assignment is not supported in expressions (column " +
                    std::to_string(n.column) + ")");
    }
    return fail("unsupported expression");
  }

  scalar_result number(const node& n) {
    auto v = eval(n);
    if (!v) return {std::nullopt, v.error};
    return to_scalar(*v.result);
  }

 private:
  eval_result make(const scalar& s, const dwarf::type_info* type) {
    return ok(from_scalar(s, type, scope_.frame()));
  }

  eval_result from(const scalar_result& r, const dwarf::type_info* type = nullptr) {
    if (!r.value) return fail(r.error);
    return make(*r.value, type);
  }

  eval_result identifier(const node& n) {
    if (auto v = scope_.lookup(n.text)) return named(std::move(*v), n.text);
    if (n.text != "this") {
      // Inside a method, members of *this are in scope by their own names.
      if (auto self = scope_.lookup_local("this")) {
        if (auto object = self->dereference()) {
          if (auto m = object->member(n.text)) return named(std::move(*m), n.text);
        }
      }
    }
    return fail("unknown name '" + n.text + "'");
  }

  static eval_result named(value v, const std::string& name) {
    v.set_evaluate_name(name);
    return ok(std::move(v));
  }

  eval_result reg(const node& n) {
    auto bits = scope_.read_register(n.text);
    if (!bits) return fail("unknown register '$" + n.text + "'");
    auto v = from_scalar({scalar::kind::integer, *bits, 0, 8, false, nullptr},
                         synthetic::int_type(8, false), scope_.frame());
    v.set_name("$" + n.text);
    return ok(std::move(v));
  }

  eval_result integer_literal(const node& n) {
    // C's rule: the first of int, long that holds it (unsigned for
    // hexadecimal that only fits unsigned, or a 'u' suffix).
    bool fits_int = n.integer <= 0x7fffffff;
    bool fits_uint = n.integer <= 0xffffffff;
    std::uint64_t size = (!n.is_long && (fits_int || (n.is_unsigned && fits_uint))) ? 4 : 8;
    bool is_signed = !n.is_unsigned && (size == 4 ? fits_int : n.integer <= 0x7fffffffffffffff);
    return make({scalar::kind::integer, n.integer, 0, size, is_signed, nullptr}, nullptr);
  }

  eval_result string_literal(const node& n) {
    std::vector<std::byte> bytes(n.text.size() + 1);
    std::memcpy(bytes.data(), n.text.data(), n.text.size());
    return ok(value::from_bytes("", synthetic::char_array(bytes.size()), std::move(bytes),
                                scope_.frame()));
  }

  static bool is_pointer(const value& v) {
    const auto* t = dwarf::strip_cv_typedefs(v.type());
    return t && t->kind == type_kind::pointer;
  }

  eval_result member(const node& n) {
    auto base = eval(*n.operands[0]);
    if (!base) return base;
    value object = *base.result;
    // gdb's leniency: '.' on a pointer and '->' on an object both work.
    if (is_pointer(object)) {
      auto target = object.dereference();
      if (!target) return fail("cannot dereference '" + shown(object) + "'");
      object = std::move(*target);
    } else if (n.op == "->") {
      const auto* t = dwarf::strip_cv_typedefs(object.type());
      if (!t || !t->is_aggregate()) return fail("'" + shown(object) + "' is not a pointer");
    }
    auto m = object.member(n.text);
    if (!m) return fail("no member named '" + n.text + "' in '" + object.type_name() + "'");
    m->set_evaluate_name(shown(*base.result) + n.op + n.text);
    return ok(std::move(*m));
  }

  eval_result index(const node& n) {
    auto base = eval(*n.operands[0]);
    if (!base) return base;
    auto i = number(*n.operands[1]);
    if (!i.value) return fail(i.error);
    if (i.value->what != scalar::kind::integer) return fail("the index must be an integer");
    auto position = static_cast<std::int64_t>(i.value->bits);
    value& b = *base.result;
    std::optional<value> element;
    if (position < 0) {
      // Only pointers may step backwards: p[-1].
      if (!is_pointer(b)) return fail("index " + std::to_string(position) + " is out of range");
      auto p = to_scalar(b);
      if (!p.value) return fail(p.error);
      auto moved = apply_binary("+", *p.value,
                                scalar{scalar::kind::integer, i.value->bits, 0, 8, true, nullptr});
      if (!moved.value) return fail(moved.error);
      auto target = from_scalar(*moved.value, nullptr, scope_.frame()).dereference();
      if (!target) return fail("cannot index '" + shown(b) + "'");
      element = std::move(target);
    } else {
      element = b.element(static_cast<std::size_t>(position));
    }
    if (!element) return fail("cannot index '" + shown(b) + "' of type '" + b.type_name() + "'");
    element->set_evaluate_name(shown(b) + "[" + std::to_string(position) + "]");
    return ok(std::move(*element));
  }

  eval_result unary(const node& n) {
    if (n.op == "*") {
      auto base = eval(*n.operands[0]);
      if (!base) return base;
      auto target = base.result->dereference();
      if (!target)
        return fail("cannot dereference '" + shown(*base.result) + "' of type '" +
                    base.result->type_name() + "'");
      target->set_evaluate_name("*" + shown(*base.result));
      return ok(std::move(*target));
    }
    if (n.op == "&") {
      auto base = eval(*n.operands[0]);
      if (!base) return base;
      auto pointer = base.result->address_of();
      if (!pointer) return fail("cannot take the address of '" + shown(*base.result) + "'");
      return ok(std::move(*pointer));
    }
    auto a = number(*n.operands[0]);
    if (!a.value) return fail(a.error);
    return from(apply_unary(n.op, *a.value));
  }

  eval_result binary(const node& n) {
    auto a = number(*n.operands[0]);
    if (!a.value) return fail(a.error);
    auto b = number(*n.operands[1]);
    if (!b.value) return fail(b.error);
    return from(apply_binary(n.op, *a.value, *b.value));
  }

  eval_result logical(const node& n) {
    auto a = number(*n.operands[0]);
    if (!a.value) return fail(a.error);
    bool left = !a.value->is_zero();
    if (n.op == "&&" && !left) return make(scalar::of_int(0), nullptr);
    if (n.op == "||" && left) return make(scalar::of_int(1), nullptr);
    auto b = number(*n.operands[1]);
    if (!b.value) return fail(b.error);
    return make(scalar::of_int(!b.value->is_zero()), nullptr);
  }

  eval_result conditional(const node& n) {
    auto c = number(*n.operands[0]);
    if (!c.value) return fail(c.error);
    return eval(*n.operands[c.value->is_zero() ? 2 : 1]);
  }

  // The type a cast or sizeof names: built-in words, else the program's
  // own struct, union, enum, class or typedef.
  const dwarf::type_info* resolve(const type_name& name, std::string& error) {
    const dwarf::type_info* t = synthetic::builtin(name.base);
    if (!t) t = scope_.find_type(name.base);
    if (!t) {
      error = "unknown type '" + name.base + "'";
      return nullptr;
    }
    for (int i = 0; i < name.pointer_depth; ++i) t = synthetic::pointer_to(t);
    return t;
  }

  eval_result cast(const node& n) {
    std::string error;
    const auto* type = resolve(n.type, error);
    if (!type) return fail(error);
    auto base = eval(*n.operands[0]);
    if (!base) return base;
    const auto* target = dwarf::strip_cv_typedefs(type);
    if (target->is_aggregate() || target->kind == type_kind::array) {
      auto address = base.result->address();
      if (!address)
        return fail("cannot cast '" + shown(*base.result) + "' to '" + type->name + "'");
      return ok(value::at_address("", type, *address, scope_.frame()));
    }
    auto s = to_scalar(*base.result);
    if (!s.value) return fail(s.error);
    auto converted = convert(*s.value, type);
    if (!converted.value) return fail(converted.error);
    return make(*converted.value, type);
  }

  eval_result size_of(const dwarf::type_info* t, const std::string& what) {
    const auto* stripped = dwarf::strip_cv_typedefs(t);
    if (!stripped || !stripped->byte_size) return fail("the size of '" + what + "' is unknown");
    return make({scalar::kind::integer, *stripped->byte_size, 0, 8, false, nullptr}, nullptr);
  }

  eval_result sizeof_type(const node& n) {
    std::string error;
    const auto* type = resolve(n.type, error);
    if (!type) return fail(error);
    return size_of(type, type->name);
  }

  eval_result sizeof_expr(const node& n) {
    auto base = eval(*n.operands[0]);
    if (!base) return base;
    return size_of(base.result->type(), base.result->type_name());
  }

  const scope& scope_;
};

}  // namespace

eval_result evaluate(const node& root, const scope& s) {
  return evaluator(s).eval(root);
}

eval_result evaluate(std::string_view text, const scope& s) {
  auto parsed = parse(text);
  if (!parsed) return {std::nullopt, parsed.error};
  return evaluate(*parsed.root, s);
}

truth_result evaluate_condition(const node& root, const scope& s) {
  auto n = evaluator(s).number(root);
  if (!n.value) return {std::nullopt, n.error};
  return {!n.value->is_zero(), {}};
}

}  // namespace int3::engine::expr
