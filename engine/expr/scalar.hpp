#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dwarf/types.hpp"
#include "engine/values/value.hpp"

namespace int3::engine::expr {

// A number as C arithmetic sees it after reading a value: an integer of
// some size and signedness, a double, or a pointer (an address plus the
// pointer type, for scaling and for the result's type).
struct scalar {
  enum class kind { integer, floating, pointer };
  kind what = kind::integer;
  std::uint64_t bits = 0;  // integers: sign-extended to 64 bits when signed
  double floating = 0;
  std::uint64_t size = 4;
  bool is_signed = true;
  const dwarf::type_info* pointer_type = nullptr;

  static scalar of_int(std::int64_t v) {
    return {kind::integer, static_cast<std::uint64_t>(v), 0, 4, true, nullptr};
  }
  bool is_zero() const;
};

// A scalar, or what stops the value from being one.
struct scalar_result {
  std::optional<scalar> value;
  std::string error;
};

// Reads `v` as C would use it in arithmetic: arrays decay to pointers,
// references are followed, small integers keep their size (promotion happens
// in the operators).
scalar_result to_scalar(const value& v);
// The value holding `s`, typed `type` when given (casts), else by its kind.
value from_scalar(const scalar& s, const dwarf::type_info* type,
                  std::shared_ptr<frame_context> frame);
// `s` converted to `type` (a base, enumeration or pointer type).
scalar_result convert(const scalar& s, const dwarf::type_info* type);

// C's binary arithmetic, comparison, bitwise and shift operators.
scalar_result apply_binary(std::string_view op, const scalar& a, const scalar& b);
// - + ~ !
scalar_result apply_unary(std::string_view op, const scalar& a);

}  // namespace int3::engine::expr
