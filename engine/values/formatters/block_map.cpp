#include "engine/values/formatters/block_map.hpp"

#include <algorithm>

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/declared_types.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {

std::vector<value> block_page(const value& container, const block_map& blocks, std::size_t start,
                              std::size_t count) {
  std::vector<value> out;
  const auto& frame = container.frame();
  const std::uint64_t element_size = object_size(blocks.element, frame.get());
  const std::uint64_t end = std::min<std::uint64_t>(blocks.size, std::uint64_t(start) + count);
  for (std::uint64_t i = start; i < end && blocks.per_block; ++i) {
    const std::uint64_t at = blocks.first + i;
    std::string name = index_name(i);
    auto block = read_word(*frame, blocks.map + at / blocks.per_block * 8);
    if (!block) {
      out.emplace_back(name, blocks.element, value_location::failed("<cannot read deque map>"),
                       frame);
      continue;
    }
    out.push_back(value::at_address(name, blocks.element,
                                    *block + at % blocks.per_block * element_size, frame));
  }
  return out;
}

}  // namespace int3::engine::formatters
