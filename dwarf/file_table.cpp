#include "dwarf/file_table.hpp"

#include <system_error>

namespace int3::dwarf {

std::string normalise_path(std::string_view path, std::string_view base) {
  std::filesystem::path p(path);
  if (p.is_relative() && !base.empty()) p = std::filesystem::path(base) / p;
  std::string out = p.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::size_t common_suffix_components(std::string_view a, std::string_view b) {
  std::size_t count = 0;
  while (!a.empty() && !b.empty()) {
    auto sa = a.rfind('/');
    auto sb = b.rfind('/');
    auto ca = sa == std::string_view::npos ? a : a.substr(sa + 1);
    auto cb = sb == std::string_view::npos ? b : b.substr(sb + 1);
    if (ca != cb || ca.empty()) break;
    ++count;
    a = sa == std::string_view::npos ? std::string_view{} : a.substr(0, sa);
    b = sb == std::string_view::npos ? std::string_view{} : b.substr(0, sb);
  }
  return count;
}

std::uint32_t file_table::intern(const std::string& normalised_path) {
  auto [it, inserted] =
      ids_.try_emplace(normalised_path, static_cast<std::uint32_t>(paths_.size()));
  if (inserted) paths_.push_back(normalised_path);
  return it->second;
}

std::uint32_t file_table::intern(std::string_view name, std::string_view base) {
  std::string key;
  key.reserve(base.size() + 1 + name.size());
  key.append(base).push_back('\0');
  key.append(name);
  auto it = raw_ids_.find(key);
  if (it != raw_ids_.end()) return it->second;
  auto id = intern(normalise_path(name, base));
  raw_ids_.emplace(std::move(key), id);
  return id;
}

std::string canonical_or_self(const std::string& path) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(path, ec);
  // A path we cannot resolve (permissions, dangling) still matches itself.
  if (ec) return path;
  return c.string();
}

const std::string& file_table::canonical(std::uint32_t id) const {
  if (canonical_.size() < paths_.size()) canonical_.resize(paths_.size());
  if (canonical_[id].empty()) canonical_[id] = canonical_or_self(paths_[id]);
  return canonical_[id];
}

}  // namespace int3::dwarf
