#include "dwarf/elf_symbols.hpp"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <tuple>

namespace int3::dwarf {

namespace {

std::string_view string_at(std::span<const std::byte> strings, std::uint32_t offset) {
  if (offset >= strings.size()) return {};
  auto* begin = reinterpret_cast<const char*>(strings.data()) + offset;
  auto* nul = static_cast<const char*>(std::memchr(begin, '\0', strings.size() - offset));
  // An unterminated name at the end of a corrupt table is dropped, not read past.
  if (nul == nullptr) return {};
  return {begin, static_cast<std::size_t>(nul - begin)};
}

// Among aliases of one address, a global name is what a person expects to see.
int binding_rank(unsigned char binding) {
  switch (binding) {
    case STB_GLOBAL:
      return 0;
    case STB_WEAK:
      return 1;
    default:
      return 2;
  }
}

}  // namespace

symbol_table::symbol_table(std::span<const std::byte> symbols, std::span<const std::byte> strings) {
  const std::size_t count = symbols.size() / sizeof(Elf64_Sym);
  by_address_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    Elf64_Sym sym;
    std::memcpy(&sym, symbols.data() + i * sizeof(Elf64_Sym), sizeof sym);
    auto type = ELF64_ST_TYPE(sym.st_info);
    if (type != STT_FUNC && type != STT_GNU_IFUNC) continue;
    if (sym.st_shndx == SHN_UNDEF || sym.st_value == 0) continue;
    auto name = string_at(strings, sym.st_name);
    if (name.empty()) continue;
    by_address_.push_back(
        {name, sym.st_value, sym.st_size, static_cast<unsigned char>(ELF64_ST_BIND(sym.st_info))});
  }
  std::sort(by_address_.begin(), by_address_.end(), [](const entry& a, const entry& b) {
    return std::tuple(a.address, a.size, binding_rank(a.binding), a.name.size(), a.name) <
           std::tuple(b.address, b.size, binding_rank(b.binding), b.name.size(), b.name);
  });
  max_end_.reserve(by_address_.size());
  std::uint64_t running = 0;
  for (const auto& e : by_address_) {
    running = std::max(running, e.address + std::max<std::uint64_t>(e.size, 1));
    max_end_.push_back(running);
  }
  by_name_.resize(by_address_.size());
  for (std::uint32_t i = 0; i < by_name_.size(); ++i) by_name_[i] = i;
  std::sort(by_name_.begin(), by_name_.end(), [this](std::uint32_t a, std::uint32_t b) {
    return std::tuple(by_address_[a].name, a) < std::tuple(by_address_[b].name, b);
  });
}

std::optional<elf_symbol> symbol_table::symbol_at(file_addr addr) const {
  auto it = std::upper_bound(by_address_.begin(), by_address_.end(), addr.value,
                             [](std::uint64_t a, const entry& e) { return a < e.address; });
  const entry* best = nullptr;
  for (auto i = static_cast<std::size_t>(it - by_address_.begin()); i-- > 0;) {
    if (max_end_[i] <= addr.value) break;
    const entry& e = by_address_[i];
    bool holds = e.size == 0 ? e.address == addr.value : addr.value < e.address + e.size;
    if (!holds) continue;
    // The sort order puts the preferred alias first among equals, so only a
    // strictly smaller symbol replaces the current pick.
    if (best == nullptr || e.size < best->size ||
        (e.size == best->size && e.address == best->address))
      best = &e;
  }
  if (best == nullptr) return std::nullopt;
  return to_symbol(*best);
}

std::vector<elf_symbol> symbol_table::symbols_named(std::string_view name) const {
  auto first = std::lower_bound(
      by_name_.begin(), by_name_.end(), name,
      [this](std::uint32_t i, std::string_view n) { return by_address_[i].name < n; });
  std::vector<elf_symbol> out;
  for (auto it = first; it != by_name_.end() && by_address_[*it].name == name; ++it)
    out.push_back(to_symbol(by_address_[*it]));
  return out;
}

}  // namespace int3::dwarf
