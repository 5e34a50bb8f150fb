#pragma once

// Library types the program's DWARF only declares. clang emits a class's
// definition only where its key function or explicit instantiation is, so
// without -fstandalone-debug libstdc++'s std::string (an extern template,
// instantiated in libstdc++.so, whose debug info is not installed) is a bare
// DW_AT_declaration (no size, no members), or a definition whose _M_p sits
// in a declared-only _Alloc_hider. When no unit of the program defines them
// (resolve_type looks first), int3 falls back to the fixed layout of
// libstdc++'s C++11 ABI, which GCC 5 froze:
//   std::__cxx11::basic_string<char>: 32 bytes; the data pointer at 0, the
//   length at 8, then either 16 bytes of local buffer (the pointer points
//   at it, length < 16) or the capacity at 16 (length <= capacity).

#include <cstdint>
#include <optional>

#include "engine/values/value.hpp"

namespace int3::engine::formatters {

// type_size, or the ABI size of a library type DWARF only declares; 0 when
// neither is known.
std::uint64_t object_size(const dwarf::type_info* type, const frame_context* frame);

// A libstdc++ (C++11 ABI) std::string type, resolved.
bool is_cxx11_string(const dwarf::type_info* resolved);

struct string_bytes {
  std::uint64_t data = 0;
  std::uint64_t length = 0;
};
// A libstdc++ std::string in memory read by the ABI layout, for when its
// members cannot be read; nullopt when `v` is not one or its words break
// the layout's invariants.
std::optional<string_bytes> abi_string(const value& v);

}  // namespace int3::engine::formatters
