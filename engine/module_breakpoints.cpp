#include "engine/module_breakpoints.hpp"

#include <algorithm>
#include <optional>

#include "engine/modules.hpp"

namespace int3::engine {
namespace {

// Checked on the ELF so a library without DWARF (libc) is never parsed.
bool has_dwarf(const module& m) {
  const auto* elf = m.elf();
  return elf && elf->section_data(".debug_info").has_value();
}

}  // namespace

line_breakpoint::resolution resolve_in_modules(const line_breakpoint& bp,
                                               const module_list& modules) {
  auto mapped = modules.mapped();
  line_breakpoint::resolution merged = bp.resolve(*mapped.front());
  std::optional<line_breakpoint::resolution> known_file;
  for (std::size_t i = 1; i < mapped.size(); ++i) {
    const module& library = *mapped[i];
    if (!has_dwarf(library)) continue;
    auto found = bp.resolve(library);
    if (!found.status.verified) {
      const auto* debug = library.debug();
      if (!known_file && debug &&
          debug->resolve_line(bp.requested_path(), bp.requested_line()).result ==
              dwarf::line_resolution::status::no_code)
        known_file = std::move(found);
      continue;
    }
    if (!merged.status.verified) {
      merged = std::move(found);
      continue;
    }
    merged.addresses.insert(merged.addresses.end(), found.addresses.begin(), found.addresses.end());
  }
  if (!merged.status.verified && known_file) merged = std::move(*known_file);
  std::sort(merged.addresses.begin(), merged.addresses.end());
  merged.addresses.erase(std::unique(merged.addresses.begin(), merged.addresses.end()),
                         merged.addresses.end());
  return merged;
}

}  // namespace int3::engine
