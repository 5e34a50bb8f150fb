#pragma once

// Helpers the library formatters share: reading their private members.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/values/formatter.hpp"
#include "engine/values/value.hpp"

namespace int3::engine::formatters {

// Library sizes above this are corrupt or uninitialised, not real.
inline constexpr std::uint64_t max_sane_size = 100'000'000;
// Node-based containers: no page walks further than this from the start.
inline constexpr std::size_t max_node_walk = 1'000'000;

// A member found by name through base classes and nested members (libstdc++
// wraps its fields in _M_impl, _Vector_impl_data...), bounded in depth.
// `accept`, when given, must also hold for the member.
std::optional<value> find_member(const value& v, std::string_view name, int depth = 6,
                                 bool (*accept)(const value&) = nullptr);
// The pointer (or integer) member `name` as a number.
std::optional<std::uint64_t> member_number(const value& v, std::string_view name);
// The type of template argument `index` of v's class; null when unknown.
const dwarf::type_info* template_type(const value& v, std::size_t index);
std::optional<std::uint64_t> read_word(const frame_context& frame, std::uint64_t address);
std::string size_summary(std::uint64_t size);
std::string index_name(std::size_t i);
// v's evaluate name with `suffix`, or "" when v has none.
std::string child_path(const value& v, const std::string& suffix);
// Elements [start, start+count) of `size` objects of `element` stored one
// after another from `address` (vector, span, array storage).
std::vector<value> contiguous_children(const value& v, const dwarf::type_info* element,
                                       std::uint64_t address, std::uint64_t size, std::size_t start,
                                       std::size_t count);
// The pointee type of the pointer member `name`; null when there is none.
const dwarf::type_info* pointee_type(const value& v, std::string_view name);
// The text of `length` characters at `data`, quoted and bounded, or an error
// text saying why it cannot be shown (std_string.cpp).
std::string text_at(const value& v, std::optional<std::uint64_t> data,
                    std::optional<std::uint64_t> length);
// The alignment of `type` as the compiler lays it out (DWARF rarely says):
// scalars by size, aggregates by their most aligned member.
std::uint64_t align_of(const dwarf::type_info* type, const frame_context* frame);
// `offset` rounded up to a multiple of `alignment`.
inline std::uint64_t align_up(std::uint64_t offset, std::uint64_t alignment) {
  return alignment ? (offset + alignment - 1) / alignment * alignment : offset;
}
// "{a, b, c}" from the summaries of at most max_preview_children values.
std::string preview(const std::vector<value>& values, std::size_t total, format_options options);

}  // namespace int3::engine::formatters
