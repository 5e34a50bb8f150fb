#include "dwarf/elf_symbols.hpp"

#include <elf.h>

#include <algorithm>
#include <cstring>

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
unsigned char binding_rank(unsigned char binding) {
  switch (binding) {
    case STB_GLOBAL:
      return 0;
    case STB_WEAK:
      return 1;
    default:
      return 2;
  }
}

bool is_function(const Elf64_Sym& sym) {
  auto type = ELF64_ST_TYPE(sym.st_info);
  return (type == STT_FUNC || type == STT_GNU_IFUNC) && sym.st_shndx != SHN_UNDEF &&
         sym.st_value != 0;
}

Elf64_Sym symbol_in(std::span<const std::byte> symbols, std::size_t i) {
  Elf64_Sym sym;
  std::memcpy(&sym, symbols.data() + i * sizeof(Elf64_Sym), sizeof sym);
  return sym;
}

}  // namespace

symbol_table::symbol_table(std::span<const std::byte> symbols, std::span<const std::byte> strings)
    : symbols_(symbols), strings_(strings) {
  const std::size_t count = symbols.size() / sizeof(Elf64_Sym);
  for (std::size_t i = 0; i < count && !has_functions_; ++i)
    has_functions_ = is_function(symbol_in(symbols, i));
}

void symbol_table::read_entries() const {
  std::call_once(lazy_->entries_once, [this] {
    const std::size_t count = symbols_.size() / sizeof(Elf64_Sym);
    auto& entries = lazy_->entries;
    entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      auto sym = symbol_in(symbols_, i);
      if (!is_function(sym)) continue;
      auto name = string_at(strings_, sym.st_name);
      if (name.empty()) continue;
      entries.push_back({name, sym.st_value, sym.st_size,
                         binding_rank(static_cast<unsigned char>(ELF64_ST_BIND(sym.st_info)))});
    }
  });
}

void symbol_table::sort_by_address() const {
  read_entries();
  std::call_once(lazy_->address_once, [this] {
    auto& entries = lazy_->entries;
    // Names are compared only between aliases, which keeps the sort cheap.
    std::sort(entries.begin(), entries.end(), [](const entry& a, const entry& b) {
      if (a.address != b.address) return a.address < b.address;
      if (a.size != b.size) return a.size < b.size;
      if (a.rank != b.rank) return a.rank < b.rank;
      if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
      return a.name < b.name;
    });
    lazy_->max_end.reserve(entries.size());
    std::uint64_t running = 0;
    for (const auto& e : entries) {
      running = std::max(running, e.address + std::max<std::uint64_t>(e.size, 1));
      lazy_->max_end.push_back(running);
    }
  });
}

void symbol_table::index_names() const {
  // The name index points into the address-sorted vector, so that order
  // must be final first.
  sort_by_address();
  std::call_once(lazy_->name_once, [this] {
    const auto& entries = lazy_->entries;
    lazy_->by_name.reserve(entries.size());
    for (std::uint32_t i = 0; i < entries.size(); ++i) lazy_->by_name.emplace(entries[i].name, i);
  });
}

std::optional<elf_symbol> symbol_table::symbol_at(file_addr addr) const {
  if (!has_functions_) return std::nullopt;
  sort_by_address();
  const auto& entries = lazy_->entries;
  auto it = std::upper_bound(entries.begin(), entries.end(), addr.value,
                             [](std::uint64_t a, const entry& e) { return a < e.address; });
  const entry* best = nullptr;
  for (auto i = static_cast<std::size_t>(it - entries.begin()); i-- > 0;) {
    if (lazy_->max_end[i] <= addr.value) break;
    const entry& e = entries[i];
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
  if (!has_functions_) return {};
  index_names();
  std::vector<std::uint32_t> hits;
  auto [first, last] = lazy_->by_name.equal_range(name);
  for (auto it = first; it != last; ++it) hits.push_back(it->second);
  // Address order, as before the index was a hash.
  std::sort(hits.begin(), hits.end());
  std::vector<elf_symbol> out;
  for (auto i : hits) out.push_back(to_symbol(lazy_->entries[i]));
  return out;
}

std::vector<elf_symbol> symbol_table::symbols_containing(std::string_view fragment) const {
  if (!has_functions_) return {};
  sort_by_address();
  std::vector<elf_symbol> out;
  for (const auto& e : lazy_->entries)
    if (e.name.find(fragment) != std::string_view::npos) out.push_back(to_symbol(e));
  return out;
}

}  // namespace int3::dwarf
