#include "dwarf/name_mentions.hpp"

#include <libdwarf/dwarf.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "dwarf/byte_reader.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/error.hpp"
#include "dwarf/function_names.hpp"

namespace int3::dwarf {

namespace {

constexpr std::uint16_t form_gnu_str_index = 0x1f02;
constexpr std::uint16_t form_gnu_ref_alt = 0x1f20;
constexpr std::uint16_t form_gnu_strp_alt = 0x1f21;

const char* chars(std::span<const std::byte> bytes) {
  return reinterpret_cast<const char*>(bytes.data());
}

// Every offset of `needle` in `hay`.
template <typename F>
void for_each_occurrence(std::span<const std::byte> hay, std::string_view needle, F&& f) {
  if (needle.empty()) return;
  const char* base = chars(hay);
  std::size_t from = 0;
  while (from + needle.size() <= hay.size()) {
    const void* hit = ::memmem(base + from, hay.size() - from, needle.data(), needle.size());
    if (hit == nullptr) return;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - base);
    f(at);
    from = at + 1;
  }
}

// Every byte offset of `bytes` where a little-endian 4-byte value from
// `sorted` starts, with the value's index. Values above the largest and a
// bitmap over the low 24 bits reject almost every position before the exact
// lookup, also for the thousands of offsets a short name has.
template <typename F>
void for_each_u32(std::span<const std::byte> bytes, const std::vector<std::uint64_t>& sorted,
                  F&& f) {
  if (sorted.empty() || bytes.size() < 4) return;
  std::vector<std::uint64_t> bitmap(std::size_t{1} << 18);
  for (auto v : sorted) bitmap[(v & 0xffffff) >> 6] |= std::uint64_t{1} << (v & 63);
  const std::uint64_t largest = sorted.back();
  const std::uint64_t* map = bitmap.data();
  const char* p = chars(bytes);
  const std::size_t last = bytes.size() - 4;
  for (std::size_t i = 0; i <= last; ++i) {
    std::uint32_t v;
    std::memcpy(&v, p + i, 4);
    if (v > largest || ((map[(v & 0xffffff) >> 6] >> (v & 63)) & 1) == 0) continue;
    auto it = std::lower_bound(sorted.begin(), sorted.end(), std::uint64_t{v});
    if (it != sorted.end() && *it == v) f(i, static_cast<std::size_t>(it - sorted.begin()));
  }
}

bool is_unit_tag(std::uint64_t tag) {
  return tag == DW_TAG_compile_unit || tag == DW_TAG_type_unit || tag == DW_TAG_skeleton_unit;
}

bool is_string_form(std::uint64_t form) {
  switch (form) {
    case DW_FORM_string:
    case DW_FORM_strp:
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
      return true;
    default:
      return false;
  }
}

bool is_strx_form(std::uint64_t form) {
  return form != DW_FORM_string && form != DW_FORM_strp && is_string_form(form);
}

void add(std::vector<name_pattern>& out, std::string text, name_pattern::kind how) {
  if (text.empty()) return;
  name_pattern p{std::move(text), how};
  if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
}

// `key` and each of its tails after a "::".
std::vector<std::string_view> tails(std::string_view key) {
  std::vector<std::string_view> out{key};
  for (auto at = key.find("::"); at != std::string_view::npos; at = key.find("::", at + 1))
    out.push_back(key.substr(at + 2));
  return out;
}

}  // namespace

name_mentions::name_mentions(const elf_file& elf, std::vector<mentioning_unit> units)
    : elf_(elf), units_(std::move(units)) {}

bool name_mentions::read_abbrevs(std::uint64_t offset, bool& refers_elsewhere,
                                 bool& uses_strx) const {
  auto section = elf_.section_data(".debug_abbrev");
  if (!section || offset > section->size()) return false;
  try {
    byte_reader r(*section, ".debug_abbrev");
    r.seek(static_cast<std::size_t>(offset));
    while (r.uleb128() != 0) {  // the abbreviation code; 0 ends the table
      const auto tag = r.uleb128();
      // dwz: a unit imports DIEs (and their names) from a partial unit.
      if (tag == DW_TAG_partial_unit || tag == DW_TAG_imported_unit) return false;
      r.u8();  // has children
      for (;;) {
        const auto at = r.uleb128();
        const auto form = r.uleb128();
        if (at == 0 && form == 0) break;
        if (form == DW_FORM_implicit_const) r.sleb128();
        switch (form) {
          case form_gnu_ref_alt:
          case form_gnu_strp_alt:
          case DW_FORM_strp_sup:
          case DW_FORM_ref_sup4:
          case DW_FORM_ref_sup8:
            return false;  // names in another file
          case DW_FORM_ref_addr:
          case DW_FORM_ref_sig8:
          case DW_FORM_indirect:
          case form_gnu_str_index:
            refers_elsewhere = true;
            break;
          default:
            break;
        }
        if (is_strx_form(form)) uses_strx = true;
        const bool names =
            at == DW_AT_name || at == DW_AT_linkage_name || at == DW_AT_MIPS_linkage_name;
        if (names && !is_unit_tag(tag) && !is_string_form(form)) refers_elsewhere = true;
      }
    }
  } catch (const error&) {
    return false;  // corrupt: every unit is searched, and libdwarf says what is wrong
  }
  return true;
}

void name_mentions::analyse() const {
  if (analysed_) return;
  analysed_ = true;
  if (elf_.section_data(".gnu_debugaltlink") || elf_.section_data(".debug_sup")) return;
  auto info = elf_.section_data(".debug_info");
  if (!info) {
    usable_ = units_.empty();
    return;
  }
  std::unordered_map<std::uint64_t, std::uint32_t> by_header;
  for (std::uint32_t id = 0; id < units_.size(); ++id)
    by_header.emplace(units_[id].header_offset, id);
  struct abbrev_facts {
    bool ok = false, refers_elsewhere = false, uses_strx = false;
  };
  std::unordered_map<std::uint64_t, abbrev_facts> abbrevs;
  byte_reader r(*info, ".debug_info");
  while (r.remaining() >= 4) {
    const auto begin = r.offset();
    const auto length = r.u32();
    if (length >= 0xfffffff0u || length > r.remaining() || length < 7) return;  // DWARF64, corrupt
    const auto end = r.offset() + length;
    const auto version = r.u16();
    if (version < 2 || version > 5) return;
    if (version == 5) r.skip(2);  // unit type, address size
    const std::uint64_t abbrev_offset = r.u32();
    r.seek(end);
    auto it = by_header.find(begin);
    const auto id = it == by_header.end() ? no_id : it->second;
    spans_.push_back({begin, end, id});
    auto [facts, added] = abbrevs.try_emplace(abbrev_offset);
    if (added)
      facts->second.ok =
          read_abbrevs(abbrev_offset, facts->second.refers_elsewhere, facts->second.uses_strx);
    if (!facts->second.ok) return;
    if (id == no_id) continue;
    if (facts->second.refers_elsewhere) {
      always_.push_back(id);
    } else if (facts->second.uses_strx) {
      if (units_[id].str_offsets_base)
        strx_bases_.emplace_back(*units_[id].str_offsets_base, id);
      else
        always_.push_back(id);
    }
  }
  std::sort(strx_bases_.begin(), strx_bases_.end());
  usable_ = true;
}

std::uint32_t name_mentions::unit_at(std::uint64_t position) const {
  auto it = std::upper_bound(spans_.begin(), spans_.end(), position,
                             [](std::uint64_t v, const unit_span& s) { return v < s.begin; });
  if (it == spans_.begin()) return no_id;
  --it;
  return position < it->end ? it->id : no_id;
}

std::optional<std::vector<std::uint32_t>> name_mentions::units_mentioning(
    const name_groups& groups) const {
  analyse();
  if (!usable_) return std::nullopt;
  // The adapter asks again for the same name (inlined copies after
  // out-of-line ones, breakpoints resolved again after a library loads).
  std::string key;
  for (const auto& group : groups) {
    for (const auto& p : group)
      key += static_cast<char>('0' + static_cast<int>(p.how)) + p.text + '\1';
    key += '\2';
  }
  if (auto it = answers_.find(key); it != answers_.end()) return it->second;

  // One pass over each section for every group: a bit per group, per unit.
  // More groups than bits: the first ones decide (a superset still).
  const std::size_t count = std::min<std::size_t>(groups.size(), 64);
  const auto info = elf_.section_data(".debug_info").value_or(std::span<const std::byte>{});
  const auto str = elf_.section_data(".debug_str").value_or(std::span<const std::byte>{});
  std::vector<std::uint64_t> found(units_.size());
  auto mark = [&](std::uint64_t position, std::uint64_t bits) {
    auto id = unit_at(position);
    if (id != no_id) found[id] |= bits;
  };
  // Offsets in .debug_str where a matching string may start, with the
  // groups it matches for.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> offsets;
  std::uint64_t occurs = 0;  // groups with a matching string anywhere
  for (std::size_t g = 0; g < count; ++g) {
    const std::uint64_t bit = std::uint64_t{1} << g;
    for (const auto& p : groups[g]) {
      if (p.text.empty()) continue;
      std::string needle = p.text;
      if (p.how == name_pattern::kind::whole) needle.push_back('\0');
      // An inline string (DW_FORM_string) in a unit's bytes.
      for_each_occurrence(info, needle, [&](std::size_t at) {
        mark(at, bit);
        occurs |= bit;
      });
      for_each_occurrence(str, needle, [&](std::size_t at) {
        offsets.emplace_back(at, bit);
        occurs |= bit;
      });
    }
    if ((occurs & bit) == 0) break;
  }
  const std::uint64_t all = count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
  // A part of the name no string spells: no unit carries it.
  if (occurs != all) offsets.clear();
  std::sort(offsets.begin(), offsets.end());
  std::vector<std::uint64_t> values, bits;
  for (const auto& [offset, bit] : offsets) {
    if (!values.empty() && values.back() == offset) {
      bits.back() |= bit;
      continue;
    }
    values.push_back(offset);
    bits.push_back(bit);
  }
  // DW_FORM_strp: the offset among the unit's bytes.
  for_each_u32(info, values, [&](std::size_t at, std::size_t i) { mark(at, bits[i]); });
  // DW_FORM_strx: the offset in the unit's .debug_str_offsets contribution,
  // which starts at the greatest base at or below it.
  if (!strx_bases_.empty()) {
    const auto str_offsets =
        elf_.section_data(".debug_str_offsets").value_or(std::span<const std::byte>{});
    for_each_u32(str_offsets, values, [&](std::size_t at, std::size_t i) {
      auto it =
          std::upper_bound(strx_bases_.begin(), strx_bases_.end(), at,
                           [](std::uint64_t v, const std::pair<std::uint64_t, std::uint32_t>& b) {
                             return v < b.first;
                           });
      if (it == strx_bases_.begin()) return;
      const auto base = std::prev(it)->first;
      for (auto b = std::prev(it);; --b) {
        if (b->first != base) break;
        found[b->second] |= bits[i];
        if (b == strx_bases_.begin()) break;
      }
    });
  }
  std::vector<std::uint32_t> out;
  for (std::uint32_t id = 0; id < found.size(); ++id)
    if (found[id] == all && count != 0) out.push_back(id);
  out.insert(out.end(), always_.begin(), always_.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  answers_.emplace(std::move(key), out);
  return out;
}

namespace {

// The groups a qualified name's scopes add: each scope is the DW_AT_name of
// a namespace or class DIE in the defining unit, with or without template
// arguments. Scopes DWARF does not spell as a string ("(anonymous
// namespace)", "{lambda()#1}", a function "f(int)" around a local class)
// add none.
void add_scopes(name_groups& out, std::string_view name) {
  auto parts = split_qualified(name);
  if (parts.size() < 2) return;
  parts.pop_back();
  for (const auto& part : parts) {
    if (part.empty() || part.find_first_of("({[ ") != std::string::npos || part.front() == '<')
      continue;
    std::vector<name_pattern> group;
    if (auto angle = part.find('<'); angle != std::string::npos) {
      add(group, part.substr(0, angle + 1), name_pattern::kind::prefix);
    } else {
      add(group, part, name_pattern::kind::whole);
      add(group, part + "<", name_pattern::kind::prefix);
    }
    out.push_back(std::move(group));
  }
}

}  // namespace

name_groups key_patterns(std::string_view key) {
  std::vector<name_pattern> names;
  for (auto tail : tails(key)) add(names, std::string(tail), name_pattern::kind::whole);
  name_groups out{std::move(names)};
  add_scopes(out, key);
  return out;
}

name_groups function_patterns(const function_name_query& query) {
  if (query.empty()) return {};
  // named(text) or named(last_name) finds the functions matches() filters.
  std::vector<name_pattern> names = key_patterns(query.text()).front();
  const auto last = key_patterns(query.last_name());
  for (const auto& p : last.front()) add(names, p.text, p.how);
  name_groups out{std::move(names)};
  if (!query.text().starts_with("_Z")) add_scopes(out, query.text());
  return out;
}

name_groups inline_patterns(const function_name_query& query) {
  if (query.empty()) return {};
  // A linkage name typed as such.
  auto out = key_patterns(query.text()).front();
  const auto& last = query.last_name();
  using kind = name_pattern::kind;
  add(out, last, kind::whole);
  add(out, last + "<", kind::prefix);  // template instances: "f<int>"
  add(out, last + "[", kind::prefix);  // ABI tags
  add(out, last + "(", kind::prefix);  // "operator()" has the last name "operator"
  if (last.starts_with("operator")) add(out, "operator", kind::prefix);
  name_groups groups{std::move(out)};
  if (!query.text().starts_with("_Z")) add_scopes(groups, query.text());
  return groups;
}

name_groups type_patterns(std::string_view key) {
  std::vector<name_pattern> out;
  using kind = name_pattern::kind;
  for (auto tail : tails(key)) {
    if (auto angle = tail.find('<'); angle != std::string_view::npos) {
      add(out, std::string(tail.substr(0, angle + 1)), kind::prefix);
    } else if (tail.find(' ') != std::string_view::npos) {
      // Normalised base type names keep the words, not their order.
      std::size_t start = 0;
      while (start < tail.size()) {
        auto space = tail.find(' ', start);
        if (space == std::string_view::npos) space = tail.size();
        const std::string word(tail.substr(start, space - start));
        add(out, word, kind::whole);
        add(out, word + " ", kind::prefix);
        start = space + 1;
      }
    } else {
      add(out, std::string(tail), kind::whole);
    }
  }
  name_groups groups{std::move(out)};
  add_scopes(groups, key);
  return groups;
}

}  // namespace int3::dwarf
