#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "engine/stack.hpp"
#include "engine/target.hpp"

namespace int3::engine {

class module;

// What unwinder::describe says of a frame depends only on its module and the
// address it is looked up at: function name, source line, module and the
// inlined calls there. Kept by that address across stops, so a recursion's
// thousand identical return addresses, or the same loop stepped line by
// line, are looked up in DWARF once.
class frame_names {
 public:
  // The logical frames of physical frame `f` (innermost inlined call
  // first), numbered from `first_index`, with f's pc and cfa.
  std::vector<stack_frame> describe(const unwinder& u, const unwound_frame& f,
                                    std::size_t first_index);
  // How many logical frames `f` is (1 + the calls inlined at its pc).
  std::size_t count(const unwinder& u, const unwound_frame& f);

 private:
  struct entry {
    // A module unloaded and another loaded at the same place must not be
    // named by the first one's lines.
    std::filesystem::path module_path;
    std::uint64_t load_bias = 0;
    std::vector<stack_frame> frames;
  };
  const entry& lookup(const unwinder& u, const unwound_frame& f);

  std::map<std::pair<const module*, std::uint64_t>, entry> entries_;
};

}  // namespace int3::engine
