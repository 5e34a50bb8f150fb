#include "engine/values/formatters/declared_types.hpp"

#include <string_view>

#include "engine/values/formatters/common.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::string_view cxx11_string = "std::__cxx11::basic_string<char,";
constexpr std::uint64_t string_size = 32, local_capacity = 15;
constexpr std::uint64_t data_at = 0, length_at = 8, buffer_at = 16;

}  // namespace

bool is_cxx11_string(const dwarf::type_info* resolved) {
  return resolved && resolved->name.rfind(cxx11_string, 0) == 0;
}

std::uint64_t object_size(const dwarf::type_info* type, const frame_context* frame) {
  if (const std::uint64_t size = type_size(type, frame)) return size;
  return is_cxx11_string(resolve_type(type, frame)) ? string_size : 0;
}

std::optional<string_bytes> abi_string(const value& v) {
  auto address = v.address();
  if (!address || !is_cxx11_string(resolve_type(v.type(), v.frame().get()))) return std::nullopt;
  const auto& frame = *v.frame();
  auto data = read_word(frame, *address + data_at), length = read_word(frame, *address + length_at);
  if (!data || !length) return std::nullopt;
  if (*data == *address + buffer_at) {
    if (*length > local_capacity) return std::nullopt;
  } else {
    auto capacity = read_word(frame, *address + buffer_at);
    if (!capacity || *capacity <= local_capacity || *length > *capacity) return std::nullopt;
  }
  return string_bytes{*data, *length};
}

}  // namespace int3::engine::formatters
