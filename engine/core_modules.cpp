// module_list::reset_fixed: the modules of a core file, from its NT_FILE note.

#include <map>

#include "engine/core_file.hpp"
#include "engine/modules.hpp"

namespace int3::engine {

void module_list::reset_fixed(std::unique_ptr<dwarf::elf_file> program, std::uint64_t load_bias,
                              const std::vector<core_mapping>& mappings) {
  pid_ = 0;
  fixed_ = true;
  main_ = std::make_shared<module>(std::move(program), load_bias);
  modules_.clear();

  struct group {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    std::optional<std::uint64_t> header_at;  // the mapping of file offset 0
  };
  std::map<std::filesystem::path, group> groups;
  for (const auto& m : mappings) {
    auto& g = groups[m.path];
    g.ranges.emplace_back(m.start, m.end);
    if (m.file_offset == 0 && !g.header_at) g.header_at = m.start;
  }
  // As for a live process: the program's mappings are those holding its entry point.
  virt_addr entry = main_->elf() ? main_->to_virt(main_->elf()->entry()) : virt_addr{};
  for (auto& [path, g] : groups) {
    bool is_main = false;
    for (auto [low, high] : g.ranges)
      if (low <= entry.value && entry.value < high) is_main = true;
    if (is_main) {
      main_->set_ranges(g.ranges);
      continue;
    }
    auto library = std::make_shared<module>(path, g.header_at.value_or(0));
    library->set_ranges(g.ranges);
    modules_.push_back(std::move(library));
  }
}

}  // namespace int3::engine
