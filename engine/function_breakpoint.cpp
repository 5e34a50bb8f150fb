#include "engine/function_breakpoint.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "dwarf/error.hpp"
#include "dwarf/function_names.hpp"
#include "engine/modules.hpp"

namespace int3::engine {

namespace {

// Where the copies of the function stop in one module, as file addresses.
std::vector<dwarf::file_addr> stops_in(const module& m, const dwarf::function_name_query& query) {
  std::vector<dwarf::file_addr> stops;
  const auto* debug = m.debug();
  if (!debug) return stops;
  auto found = debug->functions_matching(query);
  for (const auto* fn : found) stops.push_back(debug->prologue_end(*fn));
  for (auto entry : debug->inlined_entries(query, found)) stops.push_back(entry);
  std::sort(stops.begin(), stops.end());
  stops.erase(std::unique(stops.begin(), stops.end()), stops.end());
  return stops;
}

void sort_unique(std::vector<virt_addr>& addresses) {
  std::sort(addresses.begin(), addresses.end());
  addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
}

}  // namespace

function_breakpoint::resolution function_breakpoint::resolve(
    const std::vector<const module*>& modules) const {
  if (how_ == match::by_symbol) return resolve_symbol(modules);
  resolution out;
  out.status.id = id_;
  dwarf::function_name_query query(name_);
  if (query.empty()) {
    out.status.message = "'" + name_ + "' is not a function name";
    return out;
  }
  std::string program = modules.empty() ? "the program" : modules.front()->name();
  bool any_debug = false;
  for (const module* m : modules) {
    if (!m->debug()) continue;
    any_debug = true;
    std::vector<dwarf::file_addr> stops;
    try {
      stops = stops_in(*m, query);
    } catch (const dwarf::error& e) {
      // One unreadable library must not hide the copies in the others.
      spdlog::warn("function breakpoint '{}' in {}: {}", name_, m->name(), e.what());
      continue;
    }
    if (stops.empty()) continue;
    if (!out.status.verified) {
      out.status.verified = true;
      if (auto where = m->debug()->location_at(stops.front())) {
        out.status.path = where->path;
        out.status.line = where->line;
      }
    }
    for (auto a : stops) out.addresses.push_back(m->to_virt(a));
  }
  if (!out.status.verified) {
    out.status.message =
        any_debug ? "no function named '" + name_ + "' in " + program + " or its loaded libraries"
                  : program + " has no debug information (compile with -g)";
  }
  sort_unique(out.addresses);
  return out;
}

function_breakpoint::resolution function_breakpoint::resolve_symbol(
    const std::vector<const module*>& modules) const {
  resolution out;
  out.status.id = id_;
  for (const module* m : modules) {
    const auto* elf = m->elf();
    if (!elf) continue;
    // The program's own undefined reference (its PLT slot) is not listed:
    // only the library that defines the function is.
    for (const auto& symbol : elf->symbols_named(name_))
      out.addresses.push_back(m->to_virt(symbol.address));
  }
  out.status.verified = !out.addresses.empty();
  if (!out.status.verified) {
    std::string program = modules.empty() ? "the program" : modules.front()->name();
    out.status.message = "no function '" + name_ + "' in " + program + " or its loaded libraries";
  }
  sort_unique(out.addresses);
  return out;
}

}  // namespace int3::engine
