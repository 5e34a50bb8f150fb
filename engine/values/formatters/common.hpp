#pragma once

// Helpers the library formatters share: reading their private members.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace int3::engine::formatters
