#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace int3::dwarf {

// `path` made absolute against `base` and lexically normalised ("." and ".."
// removed, no trailing slash). Touches no file system.
std::string normalise_path(std::string_view path, std::string_view base);

// How many trailing path components two paths share ("src/a.c" and
// "/home/u/src/a.c" share 2).
std::size_t common_suffix_components(std::string_view a, std::string_view b);

// Interned source file paths: line rows carry a 32-bit id instead of a string.
class file_table {
 public:
  std::uint32_t intern(const std::string& normalised_path);
  // intern(normalise_path(name, base)), remembering each (base, name) pair:
  // every unit of a C++ program names the same hundreds of headers, and
  // normalising is the costly part.
  std::uint32_t intern(std::string_view name, std::string_view base);
  const std::string& path(std::uint32_t id) const { return paths_[id]; }
  std::size_t size() const { return paths_.size(); }

  // weakly_canonical of each path, computed on first use (it touches the
  // file system, and most sessions never need it). The cache makes const
  // calls unsafe from several threads at once; int3 queries from one thread.
  const std::string& canonical(std::uint32_t id) const;

 private:
  std::vector<std::string> paths_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::unordered_map<std::string, std::uint32_t> raw_ids_;  // base + '\0' + name -> id
  mutable std::vector<std::string> canonical_;
};

// weakly_canonical that never throws: falls back to the path itself.
std::string canonical_or_self(const std::string& path);

}  // namespace int3::dwarf
