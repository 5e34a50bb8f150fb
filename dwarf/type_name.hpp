#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "dwarf/types.hpp"

namespace int3::dwarf {

// What the type graph knows about a node beyond type_info, for naming it.
struct type_name_facts {
  // Named kinds (base, typedef, struct, enum...): "unsigned int", "geo::rect",
  // "struct point" in C.
  const std::unordered_map<const type_info*, std::string>& own_names;
  // Subroutines declared with a prototype (C): "(void)" rather than "()".
  const std::unordered_map<const type_info*, bool>& prototyped;
  // Subroutines whose first parameter is the artificial `this`: the type of
  // a member function, named "() const" after the object parameter.
  const std::unordered_set<const type_info*>& methods;
};

// `t` as a C or C++ programmer writes it (and gcc, clang and gdb print it):
// "const char *const", "int (*)[4]", "void (*[2])(void)", "const int [2][3]"
// (a qualifier over an array qualifies its elements, C11 6.7.3p9), "int &&",
// "double (geo::shape::*)() const".
std::string type_name(const type_info* t, const type_name_facts& facts);

// The name of a pointer to a type named `pointee`, composed as a C
// declarator: "char **", "int (*)[4]" for an array, "int (*)(int)" for a
// function, "int (**)(int)" for a pointer to one. For types made up on the
// fly (`&x` in an expression) that DWARF has no node for.
std::string pointer_name(std::string_view pointee);

// A base type's DW_AT_name in the spelling clang writes and gdb prints, so a
// gcc build and a clang build show the same name: gcc's "long unsigned int"
// is "unsigned long".
std::string base_type_name(std::string_view dwarf_name);

}  // namespace int3::dwarf
