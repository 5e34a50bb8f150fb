#include "dwarf/type_reader.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <algorithm>

#include "dwarf/die_values.hpp"
#include "dwarf/expression_ops.hpp"
#include "dwarf/type_name.hpp"
#include "dwarf/unit_index.hpp"

namespace int3::dwarf {

namespace {

// Longer chains than this only come from malformed (cyclic) DWARF.
constexpr int max_chain = 64;
constexpr std::uint64_t address_size = 8;

// DW_OP_plus_uconst N, the DWARF 2 spelling of a constant member offset.
std::optional<std::uint64_t> offset_expression(const std::vector<std::byte>& bytes) {
  auto o = decode_operation(bytes, 0);
  if (!o || o->next != bytes.size()) return std::nullopt;
  if (o->opcode == op::plus_uconst || o->opcode == op::constu) return o->a;
  return std::nullopt;
}

}  // namespace

const type_info* strip_typedefs(const type_info* t) {
  for (int i = 0; t && t->kind == type_kind::typedef_ && t->target && i < max_chain; ++i)
    t = t->target;
  return t;
}

const type_info* strip_cv_typedefs(const type_info* t) {
  for (int i = 0; t && t->target && i < max_chain; ++i) {
    switch (t->kind) {
      case type_kind::typedef_:
      case type_kind::const_:
      case type_kind::volatile_:
      case type_kind::restrict_:
      case type_kind::atomic:
        t = t->target;
        continue;
      default:
        return t;
    }
  }
  return t;
}

type_graph::type_graph(const libdwarf_session& s, unit_lookup unit_of)
    : s_(s), unit_of_(std::move(unit_of)) {
  void_.kind = type_kind::void_;
  void_.name = "void";
  own_name_[&void_] = "void";
}

type_graph::~type_graph() = default;

const type_info* type_graph::get(std::uint64_t die_offset) {
  if (auto it = nodes_.find(die_offset); it != nodes_.end()) return it->second.get();
  type_info* root = node(die_offset);
  try {
    while (!queue_.empty()) {
      type_info* t = queue_.front();
      queue_.pop_front();
      fill(*t);
    }
    finish(fresh_);
  } catch (...) {
    // A corrupt DIE leaves half-read nodes: forget them all, so the cache
    // holds only complete types, then let the error reach the caller.
    for (auto* t : fresh_) {
      if (t->die_offset != 0) nodes_.erase(t->die_offset);
      own_name_.erase(t);
      key_.erase(t);
      prototyped_.erase(t);
      methods_.erase(t);
      enum_form_bits_.erase(t);
      enum_saw_negative_.erase(t);
    }
    std::erase_if(synthetic_, [this](const std::unique_ptr<type_info>& p) {
      return std::find(fresh_.begin(), fresh_.end(), p.get()) != fresh_.end();
    });
    fresh_.clear();
    queue_.clear();
    pending_bitfields_.clear();
    throw;
  }
  fresh_.clear();
  return root;
}

std::string type_graph::lookup_key(const type_info* t) const {
  auto it = key_.find(t);
  return it == key_.end() ? std::string() : it->second;
}

type_info* type_graph::node(std::uint64_t die_offset) {
  auto& slot = nodes_[die_offset];
  if (!slot) {
    slot = std::make_unique<type_info>();
    slot->die_offset = die_offset;
    queue_.push_back(slot.get());
    fresh_.push_back(slot.get());
  }
  return slot.get();
}

const type_info* type_graph::reference(Dwarf_Die die, std::uint16_t at) {
  auto offset = die_reader(s_, die).reference(at);
  if (!offset) return nullptr;
  return node(*offset);
}

void type_graph::fill(type_info& t) {
  auto die = die_at(s_, t.die_offset);
  if (!die) {
    own_name_[&t] = "<bad type reference>";
    return;
  }
  die_reader d(s_, die.get());
  const auto& unit = unit_of_(unit_offset_of(s_, die.get()));
  const auto name = d.string(DW_AT_name);
  const auto qualified = name ? unit.scope_of(t.die_offset) + *name : std::string();
  t.byte_size = constant_value(s_, die.get(), DW_AT_byte_size);
  auto target_or_void = [&] {
    auto target = reference(die.get(), DW_AT_type);
    return target ? target : &void_;
  };

  switch (d.tag()) {
    case DW_TAG_base_type:
      t.kind = type_kind::base;
      t.encoding = static_cast<unsigned>(d.unsigned_value(DW_AT_encoding).value_or(0));
      t.is_signed = t.encoding == encoding::signed_ || t.encoding == encoding::signed_char;
      own_name_[&t] = name ? base_type_name(*name) : "?";
      break;
    case DW_TAG_unspecified_type:
      t.kind = type_kind::unspecified;
      own_name_[&t] = name.value_or("void");
      break;
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type: {
      const auto tag = d.tag();
      t.kind = tag == DW_TAG_pointer_type     ? type_kind::pointer
               : tag == DW_TAG_reference_type ? type_kind::reference
                                              : type_kind::rvalue_reference;
      t.target = target_or_void();
      if (!t.byte_size) t.byte_size = address_size;
      break;
    }
    case DW_TAG_const_type:
      t.kind = type_kind::const_;
      t.target = target_or_void();
      break;
    case DW_TAG_volatile_type:
      t.kind = type_kind::volatile_;
      t.target = target_or_void();
      break;
    case DW_TAG_restrict_type:
      t.kind = type_kind::restrict_;
      t.target = target_or_void();
      break;
    case DW_TAG_atomic_type:
      t.kind = type_kind::atomic;
      t.target = target_or_void();
      break;
    case DW_TAG_typedef:
      t.kind = type_kind::typedef_;
      t.target = target_or_void();
      own_name_[&t] = qualified.empty() ? "?" : qualified;
      key_[&t] = qualified;
      break;
    case DW_TAG_enumeration_type:
      t.kind = type_kind::enumeration;
      t.is_declaration = d.flag(DW_AT_declaration);
      own_name_[&t] = name ? (unit.is_cxx() ? qualified : "enum " + qualified) : "enum {...}";
      if (name) key_[&t] = qualified;
      fill_enumeration(t, die.get());
      break;
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type:
    case DW_TAG_interface_type: {
      const auto tag = d.tag();
      t.kind = tag == DW_TAG_union_type   ? type_kind::union_
               : tag == DW_TAG_class_type ? type_kind::class_
                                          : type_kind::structure;
      const char* keyword = t.kind == type_kind::union_   ? "union"
                            : t.kind == type_kind::class_ ? "class"
                                                          : "struct";
      if (name) {
        own_name_[&t] = unit.is_cxx() ? qualified : std::string(keyword) + " " + qualified;
        key_[&t] = qualified;
      } else {
        own_name_[&t] = std::string(keyword) + " {...}";
      }
      fill_aggregate(t, die.get());
      break;
    }
    case DW_TAG_array_type:
      fill_array(t, die.get());
      break;
    case DW_TAG_subroutine_type:
      fill_subroutine(t, die.get());
      break;
    case DW_TAG_ptr_to_member_type:
      t.kind = type_kind::ptr_to_member;
      t.target = target_or_void();
      t.containing = reference(die.get(), DW_AT_containing_type);
      break;
    default:
      t.kind = type_kind::unknown;
      own_name_[&t] = name.value_or("<unknown type>");
      break;
  }
}

void type_graph::fill_aggregate(type_info& t, Dwarf_Die die) {
  die_reader d(s_, die);
  t.is_declaration = d.flag(DW_AT_declaration);
  die_ptr child = d.first_child();
  while (child) {
    die_reader c(s_, child.get());
    switch (c.tag()) {
      case DW_TAG_member:
        fill_member(t, child.get());
        break;
      case DW_TAG_variable: {  // DWARF 5 static data member
        member_info m;
        m.name = c.string(DW_AT_name).value_or("");
        auto type = reference(child.get(), DW_AT_type);
        m.type = type ? type : &void_;
        m.is_static = true;
        m.offset_known = false;
        m.is_artificial = c.flag(DW_AT_artificial);
        t.members.push_back(std::move(m));
        break;
      }
      case DW_TAG_inheritance: {
        member_info m;
        auto type = reference(child.get(), DW_AT_type);
        m.type = type ? type : &void_;
        m.is_base = true;
        m.is_virtual_base = c.unsigned_value(DW_AT_virtuality).value_or(0) != 0;
        if (auto a = c.attribute(DW_AT_data_member_location)) {
          if (auto v = constant_value(s_, a.get(), false)) {
            m.byte_offset = *v;
          } else if (auto block = block_value(s_, a.get())) {
            auto v2 = offset_expression(*block);
            m.offset_known = v2.has_value();
            m.byte_offset = v2.value_or(0);
          } else {
            m.offset_known = false;
          }
        }
        t.members.push_back(std::move(m));
        break;
      }
      case DW_TAG_template_type_parameter:
      case DW_TAG_template_value_parameter: {
        template_parameter p;
        p.name = c.string(DW_AT_name).value_or("");
        auto type = reference(child.get(), DW_AT_type);
        p.type = type ? type : &void_;
        if (c.tag() == DW_TAG_template_value_parameter) {
          if (auto v = constant_value(s_, child.get(), DW_AT_const_value))
            p.value = static_cast<std::int64_t>(*v);
        }
        t.template_parameters.push_back(std::move(p));
        break;
      }
      default:
        break;
    }
    child = c.next_sibling();
  }
}

void type_graph::fill_member(type_info& t, Dwarf_Die die) {
  die_reader c(s_, die);
  member_info m;
  m.name = c.string(DW_AT_name).value_or("");
  auto type = reference(die, DW_AT_type);
  m.type = type ? type : &void_;
  m.is_artificial = c.flag(DW_AT_artificial);
  // DWARF 4 static data members: a declaration inside the class.
  if (c.flag(DW_AT_declaration) || c.flag(DW_AT_external)) {
    m.is_static = true;
    m.offset_known = false;
    t.members.push_back(std::move(m));
    return;
  }
  if (auto a = c.attribute(DW_AT_data_member_location)) {
    if (auto v = constant_value(s_, a.get(), false)) {
      m.byte_offset = *v;
    } else if (auto block = block_value(s_, a.get())) {
      auto v2 = offset_expression(*block);
      m.offset_known = v2.has_value();
      m.byte_offset = v2.value_or(0);
    } else {
      m.offset_known = false;
    }
  }
  if (auto bits = constant_value(s_, die, DW_AT_bit_size)) {
    m.bit_size = static_cast<std::uint32_t>(*bits);
    std::uint64_t total = m.byte_offset * 8;
    if (auto dbo = constant_value(s_, die, DW_AT_data_bit_offset)) {
      total += *dbo;
    } else if (auto bo = constant_value(s_, die, DW_AT_bit_offset)) {
      // DWARF 2-4 count from the most significant bit of a storage unit of
      // DW_AT_byte_size bytes; on a little-endian target the field's lowest
      // bit is storage_bits - bit_offset - bit_size above the unit's start.
      if (auto storage = constant_value(s_, die, DW_AT_byte_size)) {
        total += *storage * 8 - *bo - *bits;
      } else {
        pending_bitfields_.push_back({&t, t.members.size(), *bo});
      }
    }
    m.byte_offset = total / 8;
    m.bit_offset = static_cast<std::uint32_t>(total % 8);
  }
  t.members.push_back(std::move(m));
}

void type_graph::fill_enumeration(type_info& t, Dwarf_Die die) {
  die_reader d(s_, die);
  t.target = reference(die, DW_AT_type);
  auto& bits = enum_form_bits_[&t];
  bool negative = false;
  die_ptr child = d.first_child();
  while (child) {
    die_reader c(s_, child.get());
    if (c.tag() == DW_TAG_enumerator) {
      enumerator_info e;
      e.name = c.string(DW_AT_name).value_or("");
      unsigned form_bits = 0;  // 0: the form already fixed the sign
      if (auto a = c.attribute(DW_AT_const_value)) {
        const auto form = form_of(s_, a.get());
        form_bits = form == DW_FORM_data1   ? 8
                    : form == DW_FORM_data2 ? 16
                    : form == DW_FORM_data4 ? 32
                                            : 0;
        auto v = constant_value(s_, a.get(), false).value_or(0);
        e.value = static_cast<std::int64_t>(v);
        if (is_signed_form(form) && e.value < 0) negative = true;
      }
      bits.push_back(form_bits);
      t.enumerators.push_back(std::move(e));
    }
    child = c.next_sibling();
  }
  enum_saw_negative_[&t] = negative;
}

void type_graph::fill_array(type_info& t, Dwarf_Die die) {
  die_reader d(s_, die);
  t.kind = type_kind::array;
  auto element = reference(die, DW_AT_type);
  if (!element) element = &void_;
  die_ptr child = d.first_child();
  while (child) {
    die_reader c(s_, child.get());
    const auto tag = c.tag();
    if (tag == DW_TAG_subrange_type || tag == DW_TAG_enumeration_type) {
      std::optional<std::uint64_t> count = constant_value(s_, child.get(), DW_AT_count);
      if (!count) {
        // Bounds given as expressions or references (VLAs) stay unknown.
        auto upper = constant_value(s_, child.get(), DW_AT_upper_bound, true);
        auto lower = constant_value(s_, child.get(), DW_AT_lower_bound, true).value_or(0);
        if (upper) {
          auto n = static_cast<std::int64_t>(*upper) - static_cast<std::int64_t>(lower) + 1;
          count = n < 0 ? 0 : static_cast<std::uint64_t>(n);
        }
      }
      t.dimensions.push_back(count);
    }
    child = c.next_sibling();
  }
  if (t.dimensions.empty()) t.dimensions.push_back(std::nullopt);
  // a[i] of a multi-dimensional array is itself an array: one synthetic node
  // per inner dimension, so every level has a type to display and read.
  type_info* outer = &t;
  for (std::size_t k = 1; k < t.dimensions.size(); ++k) {
    auto inner = std::make_unique<type_info>();
    inner->kind = type_kind::array;
    inner->dimensions.assign(t.dimensions.begin() + static_cast<std::ptrdiff_t>(k),
                             t.dimensions.end());
    outer->target = inner.get();
    outer = inner.get();
    fresh_.push_back(inner.get());
    synthetic_.push_back(std::move(inner));
  }
  outer->target = element;
}

void type_graph::fill_subroutine(type_info& t, Dwarf_Die die) {
  die_reader d(s_, die);
  t.kind = type_kind::subroutine;
  auto ret = reference(die, DW_AT_type);
  t.target = ret ? ret : &void_;
  prototyped_[&t] = d.flag(DW_AT_prototyped);
  die_ptr child = d.first_child();
  while (child) {
    die_reader c(s_, child.get());
    if (c.tag() == DW_TAG_formal_parameter) {
      if (t.parameters.empty() && c.flag(DW_AT_artificial)) methods_.insert(&t);
      auto p = reference(child.get(), DW_AT_type);
      t.parameters.push_back(p ? p : &void_);
    } else if (c.tag() == DW_TAG_unspecified_parameters) {
      t.is_variadic = true;
    }
    child = c.next_sibling();
  }
}

namespace {

std::optional<std::uint64_t> size_of(type_info* t, int depth) {
  if (t->byte_size || depth > max_chain) return t->byte_size;
  switch (t->kind) {
    case type_kind::typedef_:
    case type_kind::const_:
    case type_kind::volatile_:
    case type_kind::restrict_:
    case type_kind::atomic:
    case type_kind::enumeration:
      if (t->target) t->byte_size = size_of(const_cast<type_info*>(t->target), depth + 1);
      break;
    case type_kind::array:
      if (t->dimensions.front() && t->target) {
        if (auto element = size_of(const_cast<type_info*>(t->target), depth + 1))
          t->byte_size = *t->dimensions.front() * *element;
      }
      break;
    case type_kind::ptr_to_member: {
      // A pointer to member function is a (function, this-adjustment) pair.
      auto target = strip_cv_typedefs(t->target);
      t->byte_size =
          target && target->kind == type_kind::subroutine ? 2 * address_size : address_size;
      break;
    }
    default:
      break;
  }
  return t->byte_size;
}

}  // namespace

void type_graph::finish(const std::vector<type_info*>& fresh) {
  for (auto* t : fresh) {
    if (t->kind != type_kind::enumeration) continue;
    const auto* underlying = strip_cv_typedefs(t->target);
    if (underlying) {
      t->is_signed = underlying->is_signed;
      t->encoding = underlying->encoding;
    } else {
      t->is_signed = enum_saw_negative_[t];
      t->encoding = t->is_signed ? encoding::signed_ : encoding::unsigned_;
    }
    const auto& bits = enum_form_bits_[t];
    for (std::size_t i = 0; i < t->enumerators.size() && i < bits.size(); ++i) {
      auto& v = t->enumerators[i].value;
      const auto b = bits[i];
      if (t->is_signed && b != 0 && ((static_cast<std::uint64_t>(v) >> (b - 1)) & 1))
        v = static_cast<std::int64_t>(static_cast<std::uint64_t>(v) | (~std::uint64_t{0} << b));
    }
  }
  for (auto* t : fresh) size_of(t, 0);
  for (const auto& p : pending_bitfields_) {
    auto& m = p.owner->members[p.member];
    auto storage = m.type ? m.type->byte_size : std::nullopt;
    if (!storage || !m.bit_size) continue;
    std::uint64_t total =
        m.byte_offset * 8 + m.bit_offset + *storage * 8 - p.dwarf_bit_offset - *m.bit_size;
    m.byte_offset = total / 8;
    m.bit_offset = static_cast<std::uint32_t>(total % 8);
  }
  pending_bitfields_.clear();
  const type_name_facts facts{own_name_, prototyped_, methods_};
  for (auto* t : fresh) t->name = type_name(t, facts);
  for (auto* t : fresh)
    for (auto& m : t->members)
      if (m.is_base && m.name.empty() && m.type) m.name = m.type->name;
}

}  // namespace int3::dwarf
