#pragma once

#include <cstdint>
#include <string>

namespace int3::dwarf {

struct source_location {
  std::string path;  // absolute, normalised (comp_dir applied)
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

}  // namespace int3::dwarf
