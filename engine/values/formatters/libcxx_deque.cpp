// libc++'s std::__1::deque: __map_ (a __split_buffer of block pointers from
// __begin_ to __end_), __start_ (the first element's position counted from
// the first block) and the size in __size_.__value_. A block holds 4096
// bytes' worth of elements, or 16 when an element takes 256 bytes or more.

#include "engine/values/formatters/block_map.hpp"
#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/declared_types.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/formatters/sized_formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

std::optional<block_map> read_layout(const value& v) {
  auto map = find_member(v, "__map_");
  auto size_pair = find_member(v, "__size_");
  auto start = member_number(v, "__start_");
  const auto* element = template_type(v, 0);
  const std::uint64_t element_size = object_size(element, v.frame().get());
  if (!map || !size_pair || !start || element_size == 0) return std::nullopt;
  auto begin = member_number(*map, "__begin_"), end = member_number(*map, "__end_");
  auto size = member_number(*size_pair, "__value_");
  if (!begin || !end || !size || *end < *begin || (*end - *begin) % 8) return std::nullopt;
  block_map out{*begin, *start, element_size < 256 ? 4096 / element_size : 16, *size, element};
  // Uninitialised or corrupt: more elements than the blocks of the map hold.
  const std::uint64_t blocks = (*end - *begin) / 8;
  if (out.size > max_sane_size || out.first > max_sane_size ||
      (out.size && (out.first + out.size + out.per_block - 1) / out.per_block > blocks))
    return std::nullopt;
  return out;
}

}  // namespace

const value_formatter* libcxx_deque_formatter() {
  static const sized_formatter<block_map> f(read_layout, block_page, "<invalid deque>");
  return &f;
}

}  // namespace int3::engine::formatters
