#pragma once

// Helpers shared by the value files; not part of the value API.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/values/value.hpp"

namespace int3::engine {

// Bounds that keep a corrupt program from making a request slow.
inline constexpr std::size_t max_string_bytes = 256;
inline constexpr std::size_t max_children = 10'000'000;
inline constexpr std::size_t max_preview_children = 6;
inline constexpr std::size_t max_value_bytes = 1 << 20;

struct value_access {
  static void set_bitfield(value& v, std::uint32_t size, std::uint32_t offset) {
    v.bit_size_ = size;
    v.bit_offset_ = offset;
  }
  static std::uint32_t bit_size(const value& v) { return v.bit_size_; }
  static std::uint32_t bit_offset(const value& v) { return v.bit_offset_; }
};

// Typedefs and cv-qualifiers stripped, declarations completed: the type that
// says how to read the bytes.
const dwarf::type_info* resolve_type(const dwarf::type_info* t, const frame_context* frame);
std::uint64_t type_size(const dwarf::type_info* t, const frame_context* frame);

// The bytes `location` holds for an object of `size` bytes; nullopt with
// `error` set when any part cannot be read.
std::optional<std::vector<std::byte>> read_location(const value_location& location,
                                                    std::size_t size, const frame_context& frame,
                                                    std::string& error);

std::string hex_text(std::uint64_t v);
bool is_char_type(const dwarf::type_info* resolved);
// `"text"` with C escapes, at most `max_bytes` read (then `...`); nullopt
// with `error` when the first byte is unreadable.
std::optional<std::string> read_c_string(const frame_context& frame, std::uint64_t address,
                                         std::size_t max_bytes, std::string& error);
std::string quote(std::string_view bytes, bool truncated);

// A child of `parent` at `byte_offset`, of `type`: in memory when the parent
// is, else sliced from the parent's bytes.
value child_at(const value& parent, std::string name, const dwarf::type_info* type,
               std::uint64_t byte_offset);

// The element type of one dimension less: int[3][4] -> int[4], int[4] -> int.
const dwarf::type_info* element_type(const dwarf::type_info* array, const frame_context* frame);

}  // namespace int3::engine
