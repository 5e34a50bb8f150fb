// std::string (libstdc++ SSO layout: _M_dataplus._M_p, _M_string_length)
// and std::string_view (_M_str, _M_len).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/declared_types.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t max_shown_bytes = 1024;

}  // namespace

std::string text_at(const value& v, std::optional<std::uint64_t> data,
                    std::optional<std::uint64_t> length) {
  if (!data || !length) {
    const auto* t = resolve_type(v.type(), v.frame().get());
    if (t && t->is_declaration) return "<" + t->name + ": no definition in the debug info>";
    return "<cannot read string>";
  }
  if (*length > max_sane_size) return "<invalid string: length " + std::to_string(*length) + ">";
  const auto* elem = resolve_type(template_type(v, 0), v.frame().get());
  if (elem && elem->byte_size && *elem->byte_size != 1) return size_summary(*length);
  std::uint64_t want = std::min(*length, max_shown_bytes);
  std::string bytes(want, '\0');
  std::span<std::byte> out(reinterpret_cast<std::byte*>(bytes.data()), bytes.size());
  if (want && v.frame()->read_some(*data, out) != want)
    return "<cannot read memory at " + hex_text(*data) + ">";
  return quote(bytes, want < *length);
}

namespace {

class string_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    auto data = member_number(v, "_M_p"), length = member_number(v, "_M_string_length");
    if (!data || !length) {
      if (auto abi = abi_string(v)) return text_at(v, abi->data, abi->length);
      if (v.address() && is_cxx11_string(resolve_type(v.type(), v.frame().get())))
        return "<invalid string>";
    }
    return text_at(v, data, length);
  }
  std::size_t child_count(const value&) const override { return 0; }
  std::vector<value> children(const value&, std::size_t, std::size_t) const override { return {}; }
};

class string_view_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    if (find_member(v, "__data"))  // libc++
      return text_at(v, member_number(v, "__data"), member_number(v, "__size"));
    return text_at(v, member_number(v, "_M_str"), member_number(v, "_M_len"));
  }
  std::size_t child_count(const value&) const override { return 0; }
  std::vector<value> children(const value&, std::size_t, std::size_t) const override { return {}; }
};

}  // namespace

const value_formatter* string_formatter() {
  static const string_formatter_impl f;
  return &f;
}

const value_formatter* string_view_formatter() {
  static const string_view_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
