#include "engine/values/value.hpp"

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "dwarf/debug_info.hpp"
#include "engine/values/formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine {

const dwarf::type_info* frame_context::synthetic_type(
    const dwarf::type_info* origin, int kind,
    dwarf::type_info (*make)(const dwarf::type_info&)) const {
  auto& slot = synthetic_[{origin, kind}];
  if (!slot) slot = std::make_unique<dwarf::type_info>(make(*origin));
  return slot.get();
}

value_location value_location::at_address(std::uint64_t address) {
  dwarf::location loc;
  loc.whole.where = dwarf::simple_location::kind::memory;
  loc.whole.address = address;
  return {loc, {}};
}

value_location value_location::implicit(std::vector<std::byte> bytes) {
  dwarf::location loc;
  loc.whole.where = dwarf::simple_location::kind::implicit_value;
  loc.whole.value = std::move(bytes);
  return {loc, {}};
}

value_location value_location::failed(std::string why) {
  return {std::nullopt, std::move(why)};
}

value::value(std::string name, const dwarf::type_info* type, value_location location,
             std::shared_ptr<frame_context> frame)
    : name_(std::move(name)),
      type_(type),
      location_(std::move(location)),
      frame_(std::move(frame)),
      evaluate_name_(name_) {}

value value::from_bytes(std::string name, const dwarf::type_info* type,
                        std::vector<std::byte> bytes, std::shared_ptr<frame_context> frame) {
  return value(std::move(name), type, value_location::implicit(std::move(bytes)), std::move(frame));
}

value value::at_address(std::string name, const dwarf::type_info* type, std::uint64_t address,
                        std::shared_ptr<frame_context> frame) {
  return value(std::move(name), type, value_location::at_address(address), std::move(frame));
}

value value::of_variable(const dwarf::variable_info& variable,
                         std::shared_ptr<frame_context> frame) {
  using how = dwarf::variable_location::kind;
  value_location location;
  switch (variable.location.how) {
    case how::optimized_out:
      location.where = dwarf::location{};  // optimized_out by default
      break;
    case how::constant:
      location = value_location::implicit(variable.location.bytes);
      break;
    case how::expression: {
      auto result = dwarf::evaluate_location(variable.location.bytes, *frame);
      if (result)
        location.where = std::move(*result.value);
      else
        location.error = "<cannot evaluate location: " + result.error + ">";
      break;
    }
  }
  return value(variable.name, variable.type, std::move(location), std::move(frame));
}

std::string value::type_name() const {
  if (!type_) return "?";
  if (!type_->name.empty()) return type_->name;
  if (type_->kind == dwarf::type_kind::void_) return "void";
  return "?";
}

std::optional<std::uint64_t> value::address() const {
  if (!location_.is_memory()) return std::nullopt;
  return location_.where->whole.address;
}

std::string value::error() const {
  if (!location_.error.empty()) return location_.error;
  if (!location_.where || location_.is_optimized_out()) return "<optimized out>";
  if (!frame_) return "<no frame>";
  return {};
}

std::optional<std::vector<std::byte>> value::read_bytes() const {
  if (!error().empty()) return std::nullopt;
  std::uint64_t size = type_size(type_, frame_.get());
  if (size == 0 || size > max_value_bytes) return std::nullopt;
  std::string why;
  auto bytes = read_location(location_, size, *frame_, why);
  if (!bytes || bit_size_ == 0) return bytes;
  // A bitfield: shift its bits down to a value of the member's size.
  std::uint64_t raw = 0;
  std::memcpy(&raw, bytes->data(), std::min<std::size_t>(bytes->size(), 8));
  raw >>= bit_offset_;
  if (bit_size_ < 64) raw &= (std::uint64_t(1) << bit_size_) - 1;
  const auto* t = resolve_type(type_, frame_.get());
  bool is_signed = t && (t->is_signed || t->encoding == dwarf::encoding::signed_ ||
                         t->encoding == dwarf::encoding::signed_char);
  if (is_signed && bit_size_ < 64 && (raw >> (bit_size_ - 1)) & 1)
    raw |= ~std::uint64_t(0) << bit_size_;
  std::vector<std::byte> out(bytes->size());
  std::memcpy(out.data(), &raw, std::min<std::size_t>(out.size(), 8));
  return out;
}

std::optional<std::uint64_t> value::as_unsigned() const {
  const auto* t = resolve_type(type_, frame_.get());
  if (!t) return std::nullopt;
  using k = dwarf::type_kind;
  if (t->kind != k::base && t->kind != k::enumeration && !t->is_pointer_like() &&
      t->kind != k::unspecified)
    return std::nullopt;
  if (t->kind == k::base && t->encoding == dwarf::encoding::float_) return std::nullopt;
  auto bytes = read_bytes();
  if (!bytes || bytes->empty() || bytes->size() > 8) return std::nullopt;
  std::uint64_t v = 0;
  std::memcpy(&v, bytes->data(), bytes->size());
  return v;
}

std::optional<std::int64_t> value::as_signed() const {
  auto v = as_unsigned();
  if (!v) return std::nullopt;
  std::uint64_t size = type_size(type_, frame_.get());
  if (size >= 8) return static_cast<std::int64_t>(*v);
  unsigned shift = 64 - 8 * static_cast<unsigned>(size);
  return static_cast<std::int64_t>(*v << shift) >> shift;
}

std::optional<double> value::as_double() const {
  const auto* t = resolve_type(type_, frame_.get());
  if (!t || t->kind != dwarf::type_kind::base || t->encoding != dwarf::encoding::float_)
    return std::nullopt;
  auto bytes = read_bytes();
  if (!bytes) return std::nullopt;
  if (bytes->size() == 4) {
    float f;
    std::memcpy(&f, bytes->data(), 4);
    return f;
  }
  if (bytes->size() == 8) {
    double d;
    std::memcpy(&d, bytes->data(), 8);
    return d;
  }
  if (bytes->size() == 16 || bytes->size() == 10) {
    long double d = 0;
    std::memcpy(&d, bytes->data(), std::min<std::size_t>(bytes->size(), sizeof d));
    return static_cast<double>(d);
  }
  return std::nullopt;
}

const value_formatter* value::formatter() const {
  if (!formatter_resolved_) {
    formatter_resolved_ = true;
    const auto* t = resolve_type(type_, frame_.get());
    formatter_ = t && t->is_aggregate() ? find_formatter(*t) : nullptr;
  }
  return formatter_;
}

}  // namespace int3::engine
