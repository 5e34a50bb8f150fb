#include <catch2/catch.hpp>

#include <algorithm>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "tests/dwarf/fixture_facts.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/support/markers.hpp"

using namespace int3;
using dwarf::type_kind;

namespace {

const std::string types_c = test::fixture_source("types.c");
const std::string types_cpp = test::fixture_source("types.cpp");

struct program {
  std::unique_ptr<dwarf::elf_file> elf;
  std::unique_ptr<dwarf::debug_info> info;
  std::string binary;

  explicit program(const std::string& name)
      : elf(dwarf::elf_file::open(test::fixture_binary(name))),
        info(dwarf::debug_info::load(*elf)),
        binary(test::fixture_binary(name)) {}

  std::uint64_t fact(const std::string& key, int base = 10) const {
    return test::fact(binary, key, base);
  }

  dwarf::frame_scopes scopes_at_marker(const std::string& source, std::string_view marker) const {
    auto r = info->resolve_line(source, test::line_of(source, marker));
    REQUIRE(r.result == dwarf::line_resolution::status::ok);
    auto scopes = info->scopes_at(r.addresses.front());
    REQUIRE(scopes);
    return *scopes;
  }
};

const dwarf::member_info& member(const dwarf::type_info* t, std::string_view name) {
  REQUIRE(t);
  auto it = std::find_if(t->members.begin(), t->members.end(),
                         [&](const dwarf::member_info& m) { return m.name == name; });
  INFO(t->name << " has no member " << name);
  REQUIRE(it != t->members.end());
  return *it;
}

const dwarf::variable_info& variable(const std::vector<dwarf::variable_info>& vars,
                                     std::string_view name) {
  auto it = std::find_if(vars.begin(), vars.end(),
                         [&](const dwarf::variable_info& v) { return v.name == name; });
  INFO("no variable " << name);
  REQUIRE(it != vars.end());
  return *it;
}

std::int64_t enumerator(const dwarf::type_info* t, std::string_view name) {
  auto it = std::find_if(t->enumerators.begin(), t->enumerators.end(),
                         [&](const dwarf::enumerator_info& e) { return e.name == name; });
  INFO(t->name << " has no enumerator " << name);
  REQUIRE(it != t->enumerators.end());
  return it->value;
}

// The bits a bitfield member covers, as a mask over the structure's first
// eight bytes: what the fixture prints after setting the field to all ones.
std::uint64_t bit_mask(const dwarf::member_info& m) {
  REQUIRE(m.bit_size);
  const auto shift = m.byte_offset * 8 + m.bit_offset;
  return ((std::uint64_t{1} << *m.bit_size) - 1) << shift;
}

}  // namespace

TEST_CASE("C structures: names, sizes and member offsets match the compiler", "[dwarf][types]") {
  for (const auto& name : test::fixture_matrix("types_c")) {
    INFO(name);
    program p(name);

    const auto* point = p.info->find_type("struct point");
    REQUIRE(point);
    CHECK(point->kind == type_kind::structure);
    CHECK(point->name == "struct point");
    CHECK(point->byte_size == p.fact("sizeof(point)"));
    CHECK(member(point, "y").byte_offset == p.fact("offsetof(point,y)"));
    CHECK(p.info->find_type("point") == point);

    const auto* rect = p.info->find_type("struct rect");
    REQUIRE(rect);
    CHECK(member(rect, "br").byte_offset == p.fact("offsetof(rect,br)"));
    CHECK(member(rect, "br").type == point);
    CHECK(member(rect, "label").byte_offset == p.fact("offsetof(rect,label)"));
    CHECK(member(rect, "label").type->name == "const char *");

    const auto* shape = p.info->find_type("struct shape");
    REQUIRE(shape);
    CHECK(shape->byte_size == p.fact("sizeof(shape)"));
    for (const char* field : {"n", "color", "grid", "op", "f", "nested", "tail"})
      CHECK(member(shape, field).byte_offset ==
            p.fact("offsetof(shape," + std::string(field) + ")"));
    CHECK(member(shape, "color").type->name == "enum color");
    CHECK(member(shape, "n").type->name == "union number");
    CHECK(member(shape, "nested").type->name == "struct {...}");
    CHECK(member(member(shape, "nested").type, "inner_b").byte_offset == 8);

    const auto& grid = *member(shape, "grid").type;
    CHECK(grid.kind == type_kind::array);
    CHECK(grid.name == "int [2][3]");
    CHECK(grid.dimensions == std::vector<std::optional<std::uint64_t>>{2, 3});
    CHECK(grid.byte_size == 24u);
    REQUIRE(grid.target);
    CHECK(grid.target->name == "int [3]");
    CHECK(grid.target->byte_size == 12u);
    CHECK(grid.target->target->name == "int");

    const auto& tail = *member(shape, "tail").type;
    CHECK(tail.name == "char []");
    CHECK(tail.dimensions == std::vector<std::optional<std::uint64_t>>{std::nullopt});
    CHECK_FALSE(tail.byte_size);

    const auto& op = *member(shape, "op").type;
    CHECK(op.name == "int (*)(int, int)");
    CHECK(op.kind == type_kind::pointer);
    REQUIRE(op.target->kind == type_kind::subroutine);
    CHECK(op.target->parameters.size() == 2);
    CHECK(op.target->target->name == "int");
  }
}

TEST_CASE("unions, enums and bitfields", "[dwarf][types]") {
  for (const auto& name : test::fixture_matrix("types_c")) {
    INFO(name);
    program p(name);

    const auto* number = p.info->find_type("union number");
    REQUIRE(number);
    CHECK(number->kind == type_kind::union_);
    CHECK(number->byte_size == p.fact("sizeof(number)"));
    for (const auto& m : number->members) CHECK(m.byte_offset == 0);
    CHECK(member(number, "bytes").type->name == "unsigned char [4]");

    const auto* color = p.info->find_type("enum color");
    REQUIRE(color);
    CHECK(color->kind == type_kind::enumeration);
    CHECK(color->is_signed);
    CHECK(enumerator(color, "red") == 0);
    CHECK(enumerator(color, "green") == 5);
    CHECK(enumerator(color, "blue") == -3);
    const auto* mask = p.info->find_type("enum mask");
    REQUIRE(mask);
    CHECK_FALSE(mask->is_signed);
    CHECK(static_cast<std::uint64_t>(enumerator(mask, "mask_high")) == 0x80000000u);

    const auto* flags = p.info->find_type("struct flags");
    REQUIRE(flags);
    CHECK(flags->byte_size == p.fact("sizeof(flags)"));
    for (const char* field : {"a", "b", "c", "e"}) {
      INFO(field);
      CHECK(bit_mask(member(flags, field)) == p.fact("bits(flags," + std::string(field) + ")", 16));
    }
    CHECK(*member(flags, "b").bit_size == 3);
    CHECK(*member(flags, "c").bit_size == 5);
    CHECK_FALSE(member(flags, "d").bit_size);
    CHECK(member(flags, "d").byte_offset == p.fact("offsetof(flags,d)"));
  }
}

TEST_CASE("base types, typedefs, qualifiers and a cyclic list", "[dwarf][types]") {
  for (const auto& name : test::fixture_matrix("types_c", "_O0_")) {
    INFO(name);
    program p(name);
    auto scopes = p.scopes_at_marker(types_c, "many");
    const auto& params = scopes.frames.back().parameters;
    auto base = [&](std::string_view param) {
      const auto* t = dwarf::strip_typedefs(variable(params, param).type);
      REQUIRE(t->kind == type_kind::base);
      return t;
    };
    CHECK(base("c")->byte_size == 1u);
    CHECK(base("sc")->is_signed);
    CHECK_FALSE(base("uc")->is_signed);
    CHECK(base("us")->byte_size == 2u);
    CHECK(base("ll")->byte_size == 8u);
    CHECK(base("ull")->encoding == dwarf::encoding::unsigned_);
    CHECK(base("f")->encoding == dwarf::encoding::float_);
    CHECK(base("d")->byte_size == 8u);
    CHECK(base("ld")->byte_size == p.fact("sizeof(long_double)"));
    CHECK(base("b")->encoding == dwarf::encoding::boolean);
    CHECK(variable(params, "col").type->name == "enum color");
    CHECK(variable(params, "pp").type->name == "struct point *");

    auto main_scopes = p.scopes_at_marker(types_c, "main");
    auto globals = p.info->unit_globals(
        p.info->resolve_line(types_c, test::line_of(types_c, "main")).addresses.front());
    CHECK(variable(globals, "volatile_ptr").type->name == "volatile int *const");
    CHECK(variable(globals, "greeting").type->name == "const char *");
    CHECK(variable(globals, "matrix").type->name == "int [3][4]");
    CHECK(variable(globals, "binop").type->name == "int (*)(int, int)");
    const auto* counted = variable(globals, "counted").type;
    CHECK(counted->kind == type_kind::typedef_);
    CHECK(counted->name == "counter_t");
    CHECK(counted->byte_size == 8u);
    CHECK(dwarf::strip_typedefs(counted)->kind == type_kind::base);
    CHECK(variable(globals, "sink").type->kind == type_kind::volatile_);
    // DW_TAG_atomic_type is new in DWARF 5; version 4 drops the qualifier.
    const bool d5 = name.ends_with("_d5");
    CHECK(variable(globals, "atomic_counter").type->name == (d5 ? "_Atomic int" : "int"));
    CHECK(variable(globals, "atomic_counter").type->byte_size == 4u);
    CHECK(variable(globals, "restricted_ptr").type->name == "int *restrict");
    CHECK(dwarf::strip_cv_typedefs(variable(globals, "sink").type)->name == "int");

    // struct node { int value; struct node* next; }: the graph loops back.
    const auto* node = p.info->find_type("struct node");
    REQUIRE(node);
    const auto& next = member(node, "next");
    CHECK(next.type->kind == type_kind::pointer);
    CHECK(next.type->target == node);
    CHECK(next.type->name == "struct node *");
    CHECK(variable(globals, "list_head").type->target == node);
    CHECK(variable(main_scopes.frames.back().locals, "text").type->name == "char [6]");
  }
}

TEST_CASE("C++ classes: bases, virtual tables, static members, enum class", "[dwarf][types]") {
  for (const auto& name : test::fixture_matrix("types_cpp")) {
    INFO(name);
    program p(name);
    const auto* rect = p.info->find_type("geo::rect");
    REQUIRE(rect);
    CHECK(rect->kind == type_kind::class_);
    CHECK(rect->name == "geo::rect");
    CHECK(rect->byte_size == p.fact("sizeof(rect)"));
    REQUIRE_FALSE(rect->members.empty());
    const auto& base = rect->members.front();
    CHECK(base.is_base);
    CHECK(base.byte_offset == 0);
    CHECK(base.type->name == "geo::shape");
    CHECK(base.name == "geo::shape");
    CHECK(member(rect, "tl_").byte_offset == p.fact("offsetof(rect,tl_)"));
    CHECK(member(rect, "br_").byte_offset == p.fact("offsetof(rect,br_)"));
    CHECK(member(rect, "u_").byte_offset == p.fact("offsetof(rect,u_)"));
    CHECK(member(rect, "tl_").type->name == "geo::point");

    const auto* unit = member(rect, "u_").type;
    CHECK(unit->kind == type_kind::enumeration);
    CHECK(unit->name == "geo::unit");
    CHECK(unit->byte_size == 1u);
    CHECK_FALSE(unit->is_signed);
    CHECK(enumerator(unit, "cm") == 10);
    CHECK(enumerator(unit, "m") == 100);

    const auto* shape = base.type;
    const auto vptr = std::find_if(shape->members.begin(), shape->members.end(),
                                   [](const dwarf::member_info& m) { return m.is_artificial; });
    REQUIRE(vptr != shape->members.end());
    CHECK(vptr->name.starts_with("_vptr"));
    CHECK(vptr->byte_offset == 0);
    CHECK(member(shape, "count").is_static);
    CHECK(member(shape, "name_").byte_offset == 8);

    // std::string: gcc describes it; clang at -O0 only declares it
    // (libstdc++ declares the instance extern) and no unit defines it.
    const auto* text = dwarf::strip_typedefs(member(shape, "name_").type);
    const auto* complete = p.info->complete_type(text);
    if (name.find("_gcc_") != std::string::npos) CHECK_FALSE(complete->is_declaration);
    if (name.find("_clang_O0_") != std::string::npos) CHECK(text->is_declaration);
    if (complete->is_declaration) {
      CHECK(complete == text);
    } else {
      CHECK(complete->byte_size == p.fact("sizeof(string)"));
      CHECK(member(complete, "_M_dataplus").byte_offset == 0);
    }
    CHECK(text->name ==
          "std::__cxx11::basic_string<char, std::char_traits<char>, "
          "std::allocator<char> >");
  }
}

TEST_CASE("C++ templates, references, this and library types", "[dwarf][types]") {
  for (const auto& name : test::fixture_matrix("types_cpp", "_O0_")) {
    INFO(name);
    program p(name);
    auto main_scopes = p.scopes_at_marker(types_cpp, "main");
    const auto& locals = main_scopes.frames.back().locals;

    const auto* buf = variable(locals, "buf").type;
    CHECK(buf->name == "geo::fixed_buffer<double, 3>");
    REQUIRE(buf->template_parameters.size() == 2);
    CHECK(buf->template_parameters[0].name == "T");
    CHECK(buf->template_parameters[0].type->name == "double");
    CHECK(buf->template_parameters[1].name == "N");
    CHECK(buf->template_parameters[1].value == 3);
    CHECK(member(buf, "items").type->name == "double [3]");

    const auto* numbers = dwarf::strip_typedefs(variable(locals, "numbers").type);
    CHECK(numbers->name == "std::vector<int, std::allocator<int> >");
    REQUIRE_FALSE(numbers->template_parameters.empty());
    CHECK(numbers->template_parameters.front().type->name == "int");
    CHECK(p.info->find_type("std::vector<int, std::allocator<int> >") != nullptr);

    CHECK(dwarf::strip_typedefs(variable(locals, "ages").type)
              ->name.starts_with("std::map<std::__cxx11::basic_string<char"));
    CHECK(dwarf::strip_typedefs(variable(locals, "owned").type)->name ==
          "std::unique_ptr<geo::rect, std::default_delete<geo::rect> >");
    CHECK(dwarf::strip_typedefs(variable(locals, "shared").type)->name ==
          "std::shared_ptr<geo::point>");
    const auto* nothing = dwarf::strip_typedefs(variable(locals, "nothing").type);
    CHECK(nothing->kind == type_kind::unspecified);
    CHECK(nothing->name == "decltype(nullptr)");
    CHECK(variable(locals, "r").type->name == "const geo::rect &");
    CHECK(variable(locals, "u").type->name == "geo::unit");

    auto refs = p.scopes_at_marker(types_cpp, "refs").frames.back().parameters;
    CHECK(variable(refs, "lref").type->name == "int &");
    CHECK(variable(refs, "rref").type->name == "int &&");
    CHECK(variable(refs, "cref").type->name == "const geo::point &");

    auto area = p.scopes_at_marker(types_cpp, "rect area").frames.back();
    CHECK(area.function == "geo::rect::area");
    REQUIRE_FALSE(area.parameters.empty());
    const auto& self = area.parameters.front();
    CHECK(self.name == "this");
    CHECK(self.is_artificial);
    const auto* this_type = dwarf::strip_cv_typedefs(self.type);
    REQUIRE(this_type->kind == type_kind::pointer);
    CHECK(dwarf::strip_cv_typedefs(this_type->target)->name == "geo::rect");

    auto globals = p.info->unit_globals(
        p.info->resolve_line(types_cpp, test::line_of(types_cpp, "main")).addresses.front());
    CHECK(variable(globals, "callback").type->name == "void (*)(int)");
    const auto* member_ptr = variable(globals, "member_ptr").type;
    CHECK(member_ptr->kind == type_kind::ptr_to_member);
    CHECK(member_ptr->name == "int geo::point::*");
    CHECK(member_ptr->containing->name == "geo::point");
    CHECK(member_ptr->byte_size == 8u);
    const auto* method_ptr = variable(globals, "method_ptr").type;
    CHECK(method_ptr->kind == type_kind::ptr_to_member);
    CHECK(method_ptr->target->kind == type_kind::subroutine);
    CHECK(method_ptr->byte_size == 16u);  // function and this-adjustment
    CHECK(method_ptr->name.starts_with("double (geo::shape::*)("));
  }
}

TEST_CASE("find_type: qualified names, keywords and misses", "[dwarf][types]") {
  program c("types_c_gcc_O0_pie_d5");
  CHECK(c.info->find_type("struct point")->kind == type_kind::structure);
  CHECK(c.info->find_type("counter_t")->kind == type_kind::typedef_);
  CHECK(c.info->find_type("struct no_such_type") == nullptr);
  program cpp("types_cpp_clang_O0_nopie_d4");
  CHECK(cpp.info->find_type("geo::point")->name == "geo::point");
  CHECK(cpp.info->find_type("point") == nullptr);  // only its qualified name
  CHECK(cpp.info->find_type("geo::unit")->kind == type_kind::enumeration);
  // Asking twice returns the same node: types are read once and kept.
  CHECK(cpp.info->find_type("geo::rect") == cpp.info->find_type("geo::rect"));
}

TEST_CASE("a declaration is completed from the unit that defines the type", "[dwarf][types]") {
  auto elf = dwarf::elf_file::open(INT3_DWARF_SPLIT_FIXTURE);
  auto info = dwarf::debug_info::load(*elf);
  const std::string source = INT3_DWARF_SPLIT_SOURCE;
  auto r = info->resolve_line(source, test::line_of(source, "measure"));
  REQUIRE(r.result == dwarf::line_resolution::status::ok);
  auto scopes = info->scopes_at(r.addresses.front());
  REQUIRE(scopes);
  const auto& w = variable(scopes->frames.back().parameters, "w");
  REQUIRE(w.type->kind == type_kind::pointer);
  const auto* declared = w.type->target;
  CHECK(declared->name == "widget");
  CHECK(declared->is_declaration);
  CHECK(declared->members.empty());
  const auto* complete = info->complete_type(declared);
  REQUIRE(complete != declared);
  CHECK_FALSE(complete->is_declaration);
  CHECK(complete->name == "widget");
  CHECK(complete->byte_size == 16u);
  CHECK(member(complete, "size").byte_offset == 8);
  CHECK(info->find_type("widget") == complete);
  CHECK(info->complete_type(complete) == complete);
}
