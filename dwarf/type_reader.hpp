#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dwarf/libdwarf_session.hpp"
#include "dwarf/types.hpp"

namespace int3::dwarf {

class unit_index;

// The program's type graph, read from DIEs on first use and cached by DIE
// offset: a DIE is read once for the life of the debug_info. Reading is
// iterative (a work queue, not recursion), so deep or cyclic graphs cost
// neither stack nor endless loops.
class type_graph {
 public:
  // `unit_of` gives the (lazily built) index of the unit a DIE belongs to,
  // for its language and qualified scope.
  using unit_lookup = std::function<const unit_index&(std::uint64_t unit_die_offset)>;
  type_graph(const libdwarf_session& s, unit_lookup unit_of);
  ~type_graph();

  // The type whose DIE is at `die_offset`, with everything it reaches.
  const type_info* get(std::uint64_t die_offset);
  const type_info* void_type() const { return &void_; }

  // The qualified name a declaration is looked up by ("geo::shape",
  // "point" for C's "struct point"); empty for anything else.
  std::string lookup_key(const type_info* t) const;

 private:
  type_info* node(std::uint64_t die_offset);
  const type_info* reference(Dwarf_Die die, std::uint16_t at);
  void fill(type_info& t);
  void fill_aggregate(type_info& t, Dwarf_Die die);
  void fill_member(type_info& t, Dwarf_Die die);
  void fill_enumeration(type_info& t, Dwarf_Die die);
  void fill_array(type_info& t, Dwarf_Die die);
  void fill_subroutine(type_info& t, Dwarf_Die die);
  void finish(const std::vector<type_info*>& fresh);

  const libdwarf_session& s_;
  unit_lookup unit_of_;
  type_info void_;
  std::unordered_map<std::uint64_t, std::unique_ptr<type_info>> nodes_;
  std::vector<std::unique_ptr<type_info>> synthetic_;  // inner dimensions of arrays
  std::deque<type_info*> queue_;
  std::vector<type_info*> fresh_;  // created since the last finish()
  // Per node, what display names are built from.
  std::unordered_map<const type_info*, std::string> own_name_;  // named types
  std::unordered_map<const type_info*, std::string> key_;       // qualified name, no keyword
  std::unordered_map<const type_info*, bool> prototyped_;       // subroutines
  std::unordered_set<const type_info*> methods_;  // subroutines whose first parameter is `this`
  std::unordered_map<const type_info*, std::vector<unsigned>> enum_form_bits_;
  std::unordered_map<const type_info*, bool> enum_saw_negative_;
  // DWARF 4 bitfields whose storage unit size comes from the member's type.
  struct big_endian_bitfield {
    type_info* owner;
    std::size_t member;
    std::uint64_t dwarf_bit_offset;
  };
  std::vector<big_endian_bitfield> pending_bitfields_;
};

}  // namespace int3::dwarf
