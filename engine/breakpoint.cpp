#include "engine/breakpoint.hpp"

#include <algorithm>
#include <filesystem>

#include "engine/modules.hpp"

namespace int3::engine {

line_breakpoint::resolution line_breakpoint::resolve(const module& program) const {
  resolution out;
  out.status.id = id_;
  out.status.path = path_;
  out.status.line = line_;
  const auto* debug = program.debug();
  if (!debug || !debug->has_line_info()) {
    out.status.message = program.name() + " has no debug information (compile with -g)";
    return out;
  }
  auto found = debug->resolve_line(path_, line_);
  std::string file_name = std::filesystem::path(path_).filename().string();
  switch (found.result) {
    case dwarf::line_resolution::status::ok:
      break;
    case dwarf::line_resolution::status::no_debug_info:
      out.status.message = program.name() + " has no debug information (compile with -g)";
      return out;
    case dwarf::line_resolution::status::file_not_found:
      out.status.message = path_ + " is not part of " + program.name();
      return out;
    case dwarf::line_resolution::status::no_code:
      out.status.message = "no code at or after line " + std::to_string(line_) + " of " + file_name;
      return out;
  }
  if (found.addresses.empty()) {
    out.status.message = "no code at or after line " + std::to_string(line_) + " of " + file_name;
    return out;
  }
  for (auto a : found.addresses) out.addresses.push_back(program.to_virt(a));
  std::sort(out.addresses.begin(), out.addresses.end());
  out.addresses.erase(std::unique(out.addresses.begin(), out.addresses.end()), out.addresses.end());
  out.status.verified = true;
  if (!found.path.empty()) out.status.path = found.path;
  out.status.line = found.actual_line;
  return out;
}

}  // namespace int3::engine
