// Type names as the programmer writes them (and as gcc, clang and gdb's
// `whatis` print them), for every build of the types fixtures: qualifiers
// over arrays, declarators that need parentheses, references, pointers to
// members. Spelling follows clang ("char *const"), where gdb writes
// "char * const".

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/type_name.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

struct expected_name {
  std::string variable;
  std::string name;
  std::string gcc_name = {};  // when gcc's DWARF says less than the source did
};
using expectations = std::vector<expected_name>;

const dwarf::type_info* global_type(const dwarf::debug_info& info, const std::string& name) {
  auto found = info.globals_named(name);
  INFO("no global " << name);
  REQUIRE_FALSE(found.empty());
  REQUIRE(found.front().type);
  return found.front().type;
}

void check_names(const std::string& stem, const expectations& expected) {
  for (const auto& build : test::fixture_matrix(stem)) {
    auto elf = dwarf::elf_file::open(test::fixture_binary(build));
    auto info = dwarf::debug_info::load(*elf);
    const bool gcc = build.find("_gcc_") != std::string::npos;
    for (const auto& e : expected) {
      INFO(build << ": " << e.variable);
      CHECK(global_type(*info, e.variable)->name ==
            (gcc && !e.gcc_name.empty() ? e.gcc_name : e.name));
    }
  }
}

}  // namespace

TEST_CASE("C type names: qualifiers, arrays, pointers and functions", "[dwarf][type_names]") {
  check_names("types_c", {
                             // gcc: const over the array and over its elements.
                             {"welcome", "const char [8]"},
                             {"const_grid", "const int [2][3]"},
                             {"volatile_row", "volatile int [4]"},
                             {"cv_int", "const volatile int"},
                             {"matrix", "int [3][4]"},
                             {"row_ptr", "int (*)[4]"},
                             {"name_list", "char *[3]"},
                             {"greeting", "const char *"},
                             {"ptr_to_const", "const char *"},
                             {"const_ptr", "char *const"},
                             {"const_ptr_to_const", "const char *const"},
                             {"ptr_to_volatile", "volatile char *"},
                             {"volatile_ptr_to_char", "char *volatile"},
                             {"volatile_ptr", "volatile int *const"},
                             {"ptr_to_const_ptr", "char *const *"},
                             {"ptr_to_ptr_to_const", "const char **"},
                             {"restricted_ptr", "int *restrict"},
                             {"parse_fn", "int (*)(int, char *)"},
                             {"binop", "int (*)(int, int)"},
                             {"handlers", "void (*[2])(void)"},
                             {"const_binop", "int (*const)(int, int)"},
                             {"array_getter", "char (*(*)(void))[5]"},
                             {"grid_rows", "int (*(*)[2])[3]"},
                             {"origin", "struct point"},
                             {"const_origin", "const struct point"},
                             {"point_ptrs", "struct point *[2]"},
                             {"list_head", "struct node *"},
                             {"const_number", "const union number"},
                             {"const_paint", "const enum color"},
                             {"counted", "counter_t"},
                             {"const_counted", "const counter_t"},
                             {"counters", "counter_t [2]"},
                             {"const_row_ptr", "const int (*)[3]"},
                             // gcc drops the typedef under a qualifier, as gdb shows.
                             {"const_triple", "const triple_t", "const int [3]"},
                             {"namer_fn", "const char *(*)(int)"},
                             {"printer", "int (*)(const char *, ...)"},
                             // gcc writes "short int", "long unsigned int"...
                             {"a_short", "short"},
                             {"an_ushort", "unsigned short"},
                             {"a_long", "long"},
                             {"an_ulong", "unsigned long"},
                             {"a_llong", "long long"},
                             {"an_ullong", "unsigned long long"},
                             {"an_schar", "signed char"},
                             {"an_uchar", "unsigned char"},
                             {"a_bool", "_Bool"},
                             {"a_ldouble", "long double"},
                         });
}

TEST_CASE("C++ type names: references, std::string, pointers to members", "[dwarf][type_names]") {
  check_names("types_cpp", {
                               {"welcome", "const char [8]"},
                               {"const_grid", "const int [2][3]"},
                               {"row", "int [4]"},
                               {"int_ref", "int &"},
                               {"const_int_ref", "const int &"},
                               {"int_rref", "int &&"},
                               {"row_ref", "int (&)[4]"},
                               {"row_ptr", "int (*)[4]"},
                               {"banner", "std::string"},
                               {"banner_ref", "const std::string &"},
                               {"banner_ptr", "const std::string *const"},
                               {"const_ptr_to_const", "const char *const"},
                               {"ptr_to_const_ptr", "char *const *"},
                               {"volatile_ptr_to_volatile", "volatile int *volatile"},
                               {"parse_fn", "int (*)(int, char *)"},
                               {"callback", "void (*)(int)"},
                               {"handlers", "void (*[2])()"},
                               {"const_corner", "const geo::point"},
                               {"point_ptrs", "geo::point *[2]"},
                               {"units", "geo::unit [2]"},
                               {"const_grid_ref", "const int (&)[2][3]"},
                               {"namer_fn", "const char *(*)(int)"},
                               {"printer", "int (*)(const char *, ...)"},
                               {"a_short", "short"},
                               {"an_ushort", "unsigned short"},
                               {"an_ulong", "unsigned long"},
                               {"a_llong", "long long"},
                               {"an_ullong", "unsigned long long"},
                               {"a_bool", "bool"},
                               {"member_ptr", "int geo::point::*"},
                               {"const_member_ptr", "int geo::point::*const"},
                               // The object parameter is `this`: the method's qualifier.
                               {"method_ptr", "double (geo::shape::*)() const"},
                           });
}

TEST_CASE("a row of a qualified multi-dimensional array keeps the qualifier",
          "[dwarf][type_names]") {
  for (const auto& stem : {"types_c", "types_cpp"}) {
    for (const auto& build : test::fixture_matrix(stem)) {
      INFO(build);
      auto elf = dwarf::elf_file::open(test::fixture_binary(build));
      auto info = dwarf::debug_info::load(*elf);
      const auto* grid = dwarf::strip_cv_typedefs(global_type(*info, "const_grid"));
      REQUIRE(grid->kind == dwarf::type_kind::array);
      REQUIRE(grid->target);
      CHECK(grid->target->name == "const int [3]");
      CHECK(grid->target->byte_size == 12u);
    }
  }
}

TEST_CASE("gcc's base type spellings read as clang and gdb write them", "[dwarf][type_names]") {
  CHECK(dwarf::base_type_name("long unsigned int") == "unsigned long");
  CHECK(dwarf::base_type_name("short int") == "short");
  CHECK(dwarf::base_type_name("__int128 unsigned") == "unsigned __int128");
  CHECK(dwarf::base_type_name("unsigned int") == "unsigned int");
  CHECK(dwarf::base_type_name("char") == "char");
}

TEST_CASE("a pointer to a type made up on the fly is named as a C declarator", "[type_names]") {
  CHECK(dwarf::pointer_name("int") == "int *");
  CHECK(dwarf::pointer_name("char *") == "char **");
  CHECK(dwarf::pointer_name("int [3][4]") == "int (*)[3][4]");
  CHECK(dwarf::pointer_name("const char [8]") == "const char (*)[8]");
  CHECK(dwarf::pointer_name("int (int, int)") == "int (*)(int, int)");
  CHECK(dwarf::pointer_name("int (*)(int, int)") == "int (**)(int, int)");
  CHECK(dwarf::pointer_name("int (*)[4]") == "int (**)[4]");
  CHECK(dwarf::pointer_name("std::vector<int (*)[4]>") == "std::vector<int (*)[4]> *");
  CHECK(dwarf::pointer_name("std::function<void (int)>") == "std::function<void (int)> *");
  CHECK(dwarf::pointer_name("") == "void *");
}
