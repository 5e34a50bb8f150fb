// std::deque<T>: a map of fixed-size buffers; _M_start and _M_finish are
// iterators (_M_cur, _M_first, _M_last, _M_node). libstdc++ sizes a buffer
// as 512 bytes' worth of elements, or one element when T is bigger.

#include "engine/values/formatters/block_map.hpp"
#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/declared_types.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/formatters/sized_formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

constexpr std::uint64_t buffer_bytes = 512;

struct iterator {
  std::uint64_t cur = 0, first = 0, last = 0, node = 0;
};

std::optional<iterator> read_iterator(const value& v, std::string_view name) {
  auto it = find_member(v, name);
  if (!it) return std::nullopt;
  auto cur = member_number(*it, "_M_cur"), first = member_number(*it, "_M_first");
  auto last = member_number(*it, "_M_last"), node = member_number(*it, "_M_node");
  if (!cur || !first || !last || !node) return std::nullopt;
  return iterator{*cur, *first, *last, *node};
}

std::optional<block_map> read_layout(const value& v) {
  auto start = read_iterator(v, "_M_start"), finish = read_iterator(v, "_M_finish");
  auto start_member = find_member(v, "_M_start");
  if (!start || !finish || !start_member) return std::nullopt;
  const auto* element = pointee_type(*start_member, "_M_cur");
  const std::uint64_t es = object_size(element, v.frame().get());
  auto map = member_number(v, "_M_map"), map_size = member_number(v, "_M_map_size");
  if (!element || es == 0 || !map || !map_size || *map_size > max_sane_size) return std::nullopt;
  // Iterators outside the map are garbage (an object not yet constructed).
  const std::uint64_t map_end = *map + *map_size * 8;
  if (start->node < *map || finish->node < *map || start->node >= map_end ||
      finish->node >= map_end)
    return std::nullopt;
  const std::uint64_t per_buffer = es < buffer_bytes ? buffer_bytes / es : 1;
  // Garbage iterators: out of order or not on element boundaries.
  if (finish->node < start->node || (finish->node - start->node) % 8 || start->cur < start->first ||
      start->last < start->cur || finish->cur < finish->first || (start->cur - start->first) % es ||
      (start->last - start->cur) % es || (finish->cur - finish->first) % es)
    return std::nullopt;
  const std::uint64_t nodes = (finish->node - start->node) / 8;
  if (nodes > max_sane_size) return std::nullopt;
  const std::uint64_t in_last = (finish->cur - finish->first) / es;
  const std::uint64_t in_first = (start->last - start->cur) / es;
  const std::uint64_t size =
      nodes == 0 ? (finish->cur - start->cur) / es : (nodes - 1) * per_buffer + in_last + in_first;
  if ((finish->cur < start->cur && nodes == 0) || size > max_sane_size) return std::nullopt;
  // The map pointer of the start block: positions count from its first element.
  return block_map{start->node, (start->cur - start->first) / es, per_buffer, size, element};
}

}  // namespace

const value_formatter* deque_formatter() {
  static const sized_formatter<block_map> f(read_layout, block_page, "<invalid deque>");
  return &f;
}

}  // namespace int3::engine::formatters
