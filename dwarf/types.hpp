#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace int3::dwarf {

struct type_info;

enum class type_kind {
  base,              // int, char, double, bool...: `encoding` and `byte_size`
  pointer,           // target: the pointee (the void type for void *)
  reference,         // target: the referent
  rvalue_reference,  // target: the referent
  const_,            // target: the qualified type
  volatile_,
  restrict_,
  atomic,
  typedef_,     // target: the aliased type
  enumeration,  // target: the underlying type when DWARF names one
  array,        // target: the type of a[i]; dimensions: every bound
  structure,
  class_,
  union_,
  subroutine,     // target: the return type; parameters; is_variadic
  void_,          // the absent type: void, the target of void *
  unspecified,    // decltype(nullptr) and other DW_TAG_unspecified_type
  ptr_to_member,  // target: the member's type; containing: the class
  unknown,        // a tag int3 does not model (Fortran strings, sets...)
};

// DW_ATE_* base type encodings (DWARF 5 table 7.11), for base types and the
// underlying type of enumerations.
namespace encoding {
inline constexpr unsigned address = 0x1, boolean = 0x2, complex_float = 0x3, float_ = 0x4,
                          signed_ = 0x5, signed_char = 0x6, unsigned_ = 0x7, unsigned_char = 0x8,
                          UTF = 0x10;
}  // namespace encoding

// A data member, base class or static member of a structure, class or union.
struct member_info {
  std::string name;  // empty for anonymous struct/union members and base classes
  const type_info* type = nullptr;
  // Offset of the member's first byte from the start of the object. For a
  // virtual base it is not a constant: `offset_known` is false.
  std::uint64_t byte_offset = 0;
  bool offset_known = true;
  // Bitfields: the value is `bit_size` bits starting `bit_offset` bits above
  // the least significant bit of the little-endian bytes at byte_offset
  // (DWARF 5 DW_AT_data_bit_offset; DWARF 4 DW_AT_bit_offset is converted).
  std::optional<std::uint32_t> bit_size;
  std::uint32_t bit_offset = 0;
  bool is_base = false;          // DW_TAG_inheritance
  bool is_virtual_base = false;  // virtual inheritance
  bool is_static = false;        // static data member: not part of the object
  bool is_artificial = false;    // compiler-made (_vptr.shape)
};

struct enumerator_info {
  std::string name;
  // Two's complement bits; read as unsigned when the enumeration is unsigned.
  std::int64_t value = 0;
};

// A template argument of a class instance: a type (T = int) or a value (N = 3).
struct template_parameter {
  std::string name;
  const type_info* type = nullptr;
  std::optional<std::int64_t> value;  // template_value_parameter constants
};

// One node of a program's type graph. Nodes are owned by debug_info and live
// as long as it does; they are read lazily, on the first query that reaches
// them, and shared (a pointer identifies a type within one debug_info).
// The graph may be cyclic (struct node { node* next; }), so walkers must not
// recurse through pointers without a bound.
struct type_info {
  type_kind kind = type_kind::unknown;
  // As a C or C++ programmer writes it: "const char *", "int [3][4]",
  // "struct point" (C), "geo::rect" (C++), "void (*)(int)".
  std::string name;
  // Bytes an object of this type takes; typedefs and qualifiers take their
  // target's, arrays element size * count. nullopt when unknown (declarations,
  // flexible arrays, functions).
  std::optional<std::uint64_t> byte_size;
  unsigned encoding = 0;  // DW_ATE_* (base types; enumerations: of the underlying type)
  const type_info* target = nullptr;
  const type_info* containing = nullptr;  // ptr_to_member: the class

  // structure, class_, union_
  std::vector<member_info> members;
  std::vector<template_parameter> template_parameters;
  // A declaration only (DW_AT_declaration): no members or size here; see
  // debug_info::complete_type for the definition.
  bool is_declaration = false;

  std::vector<enumerator_info> enumerators;  // enumeration
  bool is_signed = false;                    // enumeration, base: signed arithmetic

  // array: one entry per dimension, outermost first; nullopt for an unknown
  // bound (flexible array member, extern int a[], a VLA).
  std::vector<std::optional<std::uint64_t>> dimensions;

  // subroutine
  std::vector<const type_info*> parameters;
  bool is_variadic = false;

  std::uint64_t die_offset = 0;  // .debug_info offset; 0 for synthetic nodes

  bool is_aggregate() const {
    return kind == type_kind::structure || kind == type_kind::class_ || kind == type_kind::union_;
  }
  bool is_pointer_like() const {
    return kind == type_kind::pointer || kind == type_kind::reference ||
           kind == type_kind::rvalue_reference;
  }
};

// Follows typedefs (and cv-qualifiers when asked) to the type that says how
// to read the bytes. Bounded, so a malformed cyclic chain ends.
const type_info* strip_typedefs(const type_info* t);
const type_info* strip_cv_typedefs(const type_info* t);

}  // namespace int3::dwarf
