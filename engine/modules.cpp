#include "engine/modules.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <spdlog/spdlog.h>

#include "dwarf/error.hpp"

namespace int3::engine {

module::module(std::filesystem::path path, std::uint64_t load_bias) :path_(std::move(path)),
    load_bias_(load_bias) {}

module::module(std::unique_ptr<dwarf::elf_file> elf, std::uint64_t load_bias) :path_(elf->path()),
    load_bias_(load_bias), elf_(std::move(elf)), elf_tried_(true) {}

module::~module() = default;

bool module::contains(virt_addr address) const {
  for (auto [low, high] : ranges_)
    if (low <= address.value && address.value < high) return true;
  return false;
}

const dwarf::elf_file* module::elf() const {
  if (!elf_tried_) {
    elf_tried_ = true;
    try {
      elf_ = dwarf::elf_file::open(path_);
    } catch (const dwarf::error& e) {
      spdlog::warn("ignoring {}: {}", path_.string(), e.what());
    }
  }
  return elf_.get();
}

const dwarf::debug_info* module::debug() const {
  if (!debug_tried_) {
    debug_tried_ = true;
    if (const auto* file = elf()) {
      try {
        debug_ = dwarf::debug_info::load(*file);
      } catch (const dwarf::error& e) {
        spdlog::warn("no debug information from {}: {}", path_.string(), e.what());
      }
    }
  }
  return debug_.get();
}

const dwarf::call_frame_info* module::frames() const {
  if (!frames_tried_) {
    frames_tried_ = true;
    if (const auto* file = elf()) {
      try {
        frames_ = dwarf::call_frame_info::load(*file);
      } catch (const dwarf::error& e) {
        spdlog::warn("no call frame information from {}: {}", path_.string(), e.what());
      }
    }
  }
  return frames_.get();
}

void module_list::reset(pid_t pid, std::unique_ptr<dwarf::elf_file> program,
                        std::uint64_t load_bias) {
  pid_ = pid;
  main_ = std::make_shared<module>(std::move(program), load_bias);
  modules_.clear();
  refresh();
}

const module* module_list::find(virt_addr address) const {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (main_->contains(address)) return main_.get();
    for (const auto& m : modules_)
      if (m->contains(address)) return m.get();
    if (attempt == 0) refresh();
  }
  return nullptr;
}

void module_list::refresh() const {
  if (fixed_) return;
  struct mapping_group {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    std::uint64_t first_start = 0;  // the mapping at file offset 0: the ELF header
    bool has_first = false;
    bool has_code = false;  // some mapping is executable
  };
  std::map<std::string, mapping_group> groups;
  std::ifstream maps("/proc/" + std::to_string(pid_) + "/maps");
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream fields(line);
    std::string range, perms, offset_text, device, inode, path;
    fields >> range >> perms >> offset_text >> device >> inode;
    std::getline(fields >> std::ws, path);
    if (path.empty() || path[0] != '/') continue;  // anonymous, [stack], [vdso]
    auto dash = range.find('-');
    std::uint64_t low = std::stoull(range.substr(0, dash), nullptr, 16);
    std::uint64_t high = std::stoull(range.substr(dash + 1), nullptr, 16);
    auto& group = groups[path];
    group.ranges.emplace_back(low, high);
    group.has_code = group.has_code || perms.find('x') != std::string::npos;
    if (std::stoull(offset_text, nullptr, 16) == 0 && !group.has_first) {
      group.first_start = low;
      group.has_first = true;
    }
  }

  // The program's own mappings are those holding its entry point.
  virt_addr entry = main_->elf() ? main_->to_virt(main_->elf()->entry()) : virt_addr{};
  std::vector<std::shared_ptr<module>> next;
  for (auto& [path, group] : groups) {
    bool is_main = false;
    for (auto [low, high] : group.ranges)
      if (low <= entry.value && entry.value < high) is_main = true;
    if (is_main) {
      main_->set_ranges(group.ranges);
      continue;
    }
    // A file mapped only as data (a cache, a locale archive, an ELF file a
    // program reads) runs no code: not a module.
    if (!group.has_code) continue;
    // Shared objects are linked at 0: the bias is where the header landed.
    std::uint64_t bias = group.has_first ? group.first_start : 0;
    std::shared_ptr<module> kept;
    for (auto& old : modules_)
      if (old->path() == path && old->load_bias() == bias) kept = old;
    if (!kept) kept = std::make_shared<module>(path, bias);
    kept->set_ranges(group.ranges);
    next.push_back(std::move(kept));
  }
  // Unmapped modules stay (with no ranges) so pointers handed out earlier,
  // e.g. in a step in progress, never dangle.
  for (auto& old : modules_) {
    if (std::find(next.begin(), next.end(), old) == next.end()) {
      old->set_ranges({});
      next.push_back(old);
    }
  }
  modules_ = std::move(next);
}

std::vector<const module*> module_list::mapped() const {
  std::vector<const module*> out{main_.get()};
  for (const auto& m : modules_)
    if (!m->ranges().empty()) out.push_back(m.get());
  return out;
}

}  // namespace int3::engine
