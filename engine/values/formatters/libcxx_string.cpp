// libc++'s std::__1::basic_string<char> (little-endian, default ABI): 24
// bytes that are either a long string (capacity with bit 0 set, size, data
// pointer) or a short one (size << 1 in the first byte, characters after).

#include <cstring>

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::size_t representation_bytes = 24;

class libcxx_string_formatter_impl final : public value_formatter {
 public:
  std::string summary(const value& v, format_options) const override {
    const auto* elem = resolve_type(template_type(v, 0), v.frame().get());
    if (elem && elem->byte_size && *elem->byte_size != 1) return "<wide libc++ string>";
    auto bytes = v.read_bytes();
    if (!bytes || bytes->size() < representation_bytes) return v.error();
    std::uint64_t words[3];
    std::memcpy(words, bytes->data(), sizeof words);
    if (words[0] & 1) return text_at(v, words[2], words[1]);
    auto address = v.address();
    const std::uint64_t size = static_cast<std::uint8_t>((*bytes)[0]) >> 1;
    if (size >= representation_bytes) return "<invalid string>";
    if (!address) {
      std::string text(reinterpret_cast<const char*>(bytes->data()) + 1, size);
      return quote(text, false);
    }
    return text_at(v, *address + 1, size);
  }
  std::size_t child_count(const value&) const override { return 0; }
  std::vector<value> children(const value&, std::size_t, std::size_t) const override { return {}; }
};

}  // namespace

const value_formatter* libcxx_string_formatter() {
  static const libcxx_string_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
