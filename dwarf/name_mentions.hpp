#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace int3::dwarf {

class elf_file;
class function_name_query;

// How a name string a DIE carries (DW_AT_name, DW_AT_linkage_name) may look.
struct name_pattern {
  enum class kind {
    whole,   // the string is `text`
    prefix,  // the string starts with `text`
  };
  std::string text;
  kind how = kind::whole;
  bool operator==(const name_pattern&) const = default;
};

// A unit may carry the name when it carries a string matching a pattern of
// each group: the name itself, and each scope of a qualified name (a
// definition's namespaces and classes are DIEs of its own unit).
using name_groups = std::vector<std::vector<name_pattern>>;

// One unit of .debug_info as the caller indexes it.
struct mentioning_unit {
  std::uint64_t header_offset = 0;
  // DW_AT_str_offsets_base of its unit DIE, when it has one (DWARF 5 strx).
  std::optional<std::uint64_t> str_offsets_base;
};

// Which compile units can carry a name, found without reading any DIE: a
// DIE names something through a string of its own unit (inline,
// DW_FORM_string), or through an offset into .debug_str that its unit holds
// (DW_FORM_strp in the unit's bytes, DW_FORM_strx in its .debug_str_offsets
// contribution). So the units whose bytes hold the offset of a matching
// string are a superset of the units naming it. Units that may take names
// from elsewhere (DW_FORM_ref_addr, type-unit signatures) are always in the
// answer; when the premise may not hold for the whole file (dwz partial
// units, supplementary files, DWARF64) there is no answer and the caller
// reads every unit.
class name_mentions {
 public:
  // `elf` must outlive this. Nothing is read until the first question.
  name_mentions(const elf_file& elf, std::vector<mentioning_unit> units);

  // Indexes into the constructor's `units`, ascending; nullopt: any unit
  // may carry it. Answers are kept: the same question costs nothing twice.
  std::optional<std::vector<std::uint32_t>> units_mentioning(const name_groups& groups) const;

 private:
  struct unit_span {
    std::uint64_t begin = 0, end = 0;  // [header, next header) in .debug_info
    std::uint32_t id = 0;              // index into units_, or no_id
  };
  static constexpr std::uint32_t no_id = ~std::uint32_t{0};

  void analyse() const;
  bool read_abbrevs(std::uint64_t offset, bool& refers_elsewhere, bool& uses_strx) const;
  // The unit whose bytes hold .debug_info offset `position`, or no_id.
  std::uint32_t unit_at(std::uint64_t position) const;

  const elf_file& elf_;
  std::vector<mentioning_unit> units_;
  mutable bool analysed_ = false;
  mutable bool usable_ = false;
  mutable std::vector<unit_span> spans_;       // by begin
  mutable std::vector<std::uint32_t> always_;  // units that name through others
  mutable std::vector<std::pair<std::uint64_t, std::uint32_t>> strx_bases_;      // base -> unit
  mutable std::unordered_map<std::string, std::vector<std::uint32_t>> answers_;  // by groups
};

// The strings a unit holding an entry for `key` must carry, for indexes keyed
// by a name DWARF spells as scopes + DW_AT_name ("geo::rect::area"), by the
// last part of one, or by a linkage name: the key and every part of it after
// a "::".
name_groups key_patterns(std::string_view key);
// Keys function lookups use for `query` (its text and its last name), and
// the scopes query.matches() requires.
name_groups function_patterns(const function_name_query& query);
// Inlined copies are indexed by their last name without template arguments
// or ABI tags, taken from the demangled linkage name or DW_AT_name; gcc and
// clang write both for an inlinable function, so the DW_AT_name is sought.
name_groups inline_patterns(const function_name_query& query);
// Type names: template arguments and multi-word base types ("unsigned long"
// for gcc's "long unsigned int") may be spelled differently from the DWARF
// string, so those match by the part before '<' and by each word.
name_groups type_patterns(std::string_view key);

}  // namespace int3::dwarf
