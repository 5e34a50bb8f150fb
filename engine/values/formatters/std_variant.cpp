// std::variant: the alternative's number in _M_index and its storage in the
// _M_u union, a chain of _M_first (an _Uninitialized<T>) and _M_rest.
// libc++: __index, and the __data union, a chain of __head (an __alt whose
// __value is the object) and __tail. Shown as the held value; children:
// index and value.

#include <cstring>

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

// No variant has this many alternatives: the index is garbage.
constexpr std::uint64_t max_alternatives = 256;
// synthetic_type kind of the index shown as a number (not as a char).
constexpr int index_type_kind = 0x5601;

std::optional<value> index_as_number(const value& index) {
  auto n = index.as_unsigned();
  if (!n) return std::nullopt;
  const auto* type =
      index.frame()->synthetic_type(index.type(), index_type_kind, [](const dwarf::type_info&) {
        dwarf::type_info t;
        t.kind = dwarf::type_kind::base;
        t.name = "std::size_t";
        t.byte_size = 8;
        t.encoding = dwarf::encoding::unsigned_;
        return t;
      });
  std::vector<std::byte> bytes(8);
  std::memcpy(bytes.data(), &*n, 8);
  return value::from_bytes("index", type, std::move(bytes), index.frame());
}

struct variant_names {
  std::string_view index, storage, rest, first;
  std::string_view value;  // the object inside `first`; "" when it is `first` itself
};

constexpr variant_names libstdcxx{"_M_index", "_M_u", "_M_rest", "_M_first", ""};
constexpr int member_depth = 12;
constexpr variant_names libcxx{"__index", "__data", "__tail", "__head", "__value"};

struct held {
  std::optional<value> index;
  std::optional<value> content;
  std::string error;
};

held read_held(const value& v, const variant_names& names) {
  held out;
  // libc++ keeps them eight base classes down (__impl, __copy_assignment...).
  out.index = find_member(v, names.index, member_depth);
  auto storage = find_member(v, names.storage, member_depth);
  auto index = out.index ? out.index->as_unsigned() : std::nullopt;
  if (!index || !storage) return {out.index, std::nullopt, "<invalid variant>"};
  const std::uint64_t index_bits = type_size(out.index->type(), v.frame().get()) * 8;
  // variant_npos in the index's width: a throwing emplace left it empty.
  if (index_bits && index_bits < 64 && *index == (std::uint64_t(1) << index_bits) - 1)
    return {out.index, std::nullopt, "<valueless by exception>"};
  if (*index >= max_alternatives) return {out.index, std::nullopt, "<invalid variant>"};
  std::optional<value> u = storage;
  for (std::uint64_t i = 0; i < *index && u; ++i) u = u->member(names.rest);
  auto first = u ? u->member(names.first) : std::nullopt;
  if (!first) return {out.index, std::nullopt, "<invalid variant>"};
  if (!names.value.empty())
    out.content = first->member(names.value);
  else if (const auto* type = template_type(*first, 0))
    out.content = child_at(*first, "value", type, 0);
  if (!out.content) return {out.index, std::nullopt, "<invalid variant>"};
  out.content->set_name("value");
  return out;
}

class variant_formatter_impl final : public value_formatter {
 public:
  explicit constexpr variant_formatter_impl(const variant_names& names) : names_(names) {}

  std::string summary(const value& v, format_options options) const override {
    auto h = read_held(v, names_);
    return h.content ? h.content->summary(options) : h.error;
  }
  std::size_t child_count(const value& v) const override {
    auto h = read_held(v, names_);
    return (h.index ? 1 : 0) + (h.content ? 1 : 0);
  }
  bool indexed() const override { return false; }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto h = read_held(v, names_);
    std::vector<value> all;
    if (auto index = h.index ? index_as_number(*h.index) : std::nullopt) all.push_back(*index);
    if (h.content) all.push_back(*h.content);
    std::vector<value> out;
    for (std::size_t i = start; i < all.size() && i - start < count; ++i) out.push_back(all[i]);
    return out;
  }

 private:
  const variant_names& names_;
};

}  // namespace

const value_formatter* variant_formatter() {
  static const variant_formatter_impl f(libstdcxx);
  return &f;
}

const value_formatter* libcxx_variant_formatter() {
  static const variant_formatter_impl f(libcxx);
  return &f;
}

}  // namespace int3::engine::formatters
