#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dwarf/call_frame.hpp"
#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "engine/address.hpp"

namespace int3::engine {

struct core_mapping;  // engine/core_file.hpp

// One ELF file mapped into the process: the program or a shared library.
// Its ELF, CFI and DWARF are loaded on first use; a file we cannot read is
// logged and treated as having none, so one odd library never stops a
// backtrace.
class module {
 public:
  module(std::filesystem::path path, std::uint64_t load_bias);
  module(std::unique_ptr<dwarf::elf_file> elf, std::uint64_t load_bias);
  ~module();

  const std::filesystem::path& path() const { return path_; }
  std::string name() const { return path_.filename().string(); }
  std::uint64_t load_bias() const { return load_bias_; }

  bool contains(virt_addr address) const;
  // [low, high) of its mappings; empty once unmapped.
  const std::vector<std::pair<std::uint64_t, std::uint64_t>>& ranges() const { return ranges_; }
  void set_ranges(std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges) {
    ranges_ = std::move(ranges);
  }

  dwarf::file_addr to_file(virt_addr a) const { return engine::to_file(a, load_bias_); }
  virt_addr to_virt(dwarf::file_addr a) const { return engine::to_virt(a, load_bias_); }

  const dwarf::elf_file* elf() const;
  const dwarf::debug_info* debug() const;  // null: none or unreadable
  const dwarf::call_frame_info* frames() const;

 private:
  std::filesystem::path path_;
  std::uint64_t load_bias_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges_;  // [low, high) mappings
  mutable std::unique_ptr<dwarf::elf_file> elf_;
  mutable std::unique_ptr<dwarf::debug_info> debug_;
  mutable std::unique_ptr<dwarf::call_frame_info> frames_;
  mutable bool elf_tried_ = false, debug_tried_ = false, frames_tried_ = false;
};

// The modules of one process, from /proc/<pid>/maps. Libraries appear after
// the dynamic loader ran, so a lookup that misses rereads the maps.
class module_list {
 public:
  // The program itself, opened before it ran; its bias is AT_ENTRY - e_entry.
  void reset(pid_t pid, std::unique_ptr<dwarf::elf_file> program, std::uint64_t load_bias);
  // A process that no longer runs (a core file): its file mappings are given
  // once (engine/core_modules.cpp) and never reread.
  void reset_fixed(std::unique_ptr<dwarf::elf_file> program, std::uint64_t load_bias,
                   const std::vector<core_mapping>& mappings);

  module& main() { return *main_; }
  const module& main() const { return *main_; }
  const module* find(virt_addr address) const;
  void refresh() const;
  // Every module mapped at the last refresh(), the program first.
  std::vector<const module*> mapped() const;

 private:
  pid_t pid_ = 0;
  std::shared_ptr<module> main_;
  mutable std::vector<std::shared_ptr<module>> modules_;
  bool fixed_ = false;  // reset_fixed: there are no maps to reread
};

}  // namespace int3::engine
