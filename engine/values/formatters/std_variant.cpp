// std::variant: the alternative's number in _M_index and its storage in the
// _M_u union, a chain of _M_first (an _Uninitialized<T>) and _M_rest.
// Shown as the held value; children: index and value.

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

struct held {
  std::optional<value> index;
  std::optional<value> content;
  std::string error;
};

held read_held(const value& v) {
  held out;
  out.index = find_member(v, "_M_index");
  auto storage = find_member(v, "_M_u");
  auto index = out.index ? out.index->as_unsigned() : std::nullopt;
  if (!index || !storage) return {out.index, std::nullopt, "<invalid variant>"};
  const std::uint64_t index_bits = type_size(out.index->type(), v.frame().get()) * 8;
  // variant_npos in the index's width: a throwing emplace left it empty.
  if (index_bits && index_bits < 64 && *index == (std::uint64_t(1) << index_bits) - 1)
    return {out.index, std::nullopt, "<valueless by exception>"};
  if (*index >= max_alternatives) return {out.index, std::nullopt, "<invalid variant>"};
  std::optional<value> u = storage;
  for (std::uint64_t i = 0; i < *index && u; ++i) u = u->member("_M_rest");
  auto first = u ? u->member("_M_first") : std::nullopt;
  const auto* type = first ? template_type(*first, 0) : nullptr;
  if (!first || !type) return {out.index, std::nullopt, "<invalid variant>"};
  out.content = child_at(*first, "value", type, 0);
  return out;
}

class variant_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options options) const override {
    auto h = read_held(v);
    return h.content ? h.content->summary(options) : h.error;
  }
  std::size_t child_count(const value& v) const override {
    auto h = read_held(v);
    return (h.index ? 1 : 0) + (h.content ? 1 : 0);
  }
  bool indexed() const override { return false; }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto h = read_held(v);
    std::vector<value> all;
    if (auto index = h.index ? index_as_number(*h.index) : std::nullopt) all.push_back(*index);
    if (h.content) all.push_back(*h.content);
    std::vector<value> out;
    for (std::size_t i = start; i < all.size() && i - start < count; ++i) out.push_back(all[i]);
    return out;
  }
};

}  // namespace

const value_formatter* variant_formatter() {
  static const variant_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
