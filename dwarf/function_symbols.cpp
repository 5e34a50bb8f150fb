#include "dwarf/function_symbols.hpp"

#include <algorithm>
#include <string>

namespace int3::dwarf {

namespace {

// Only an identifier appears as <length><name> in a mangled name; operators,
// destructors and conversions have encodings of their own.
bool is_identifier(std::string_view s) {
  if (s.empty() || (s.front() >= '0' && s.front() <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

bool same_symbol(const elf_symbol& a, const elf_symbol& b) {
  return a.address == b.address && a.name == b.name;
}

}  // namespace

std::vector<elf_symbol> symbols_of_function(const elf_file& elf, const function_name_query& query) {
  std::vector<elf_symbol> out = elf.symbols_named(query.text());
  if (is_identifier(query.last_name())) {
    const std::string fragment = std::to_string(query.last_name().size()) + query.last_name();
    for (auto& sym : elf.symbols_containing(fragment)) {
      // matches() reads a mangled name through its demangling.
      if (sym.name.starts_with("_Z") && query.matches({}, sym.name)) out.push_back(std::move(sym));
    }
  }
  std::sort(out.begin(), out.end(), [](const elf_symbol& a, const elf_symbol& b) {
    return a.address != b.address ? a.address < b.address : a.name < b.name;
  });
  out.erase(std::unique(out.begin(), out.end(), same_symbol), out.end());
  return out;
}

}  // namespace int3::dwarf
