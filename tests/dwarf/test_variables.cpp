#include <catch2/catch.hpp>

#include <algorithm>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/expression.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/support/markers.hpp"

using namespace int3;
using how = dwarf::variable_location::kind;

namespace {

const std::string types_c = test::fixture_source("types.c");
const std::string types_cpp = test::fixture_source("types.cpp");

struct program {
  std::unique_ptr<dwarf::elf_file> elf;
  std::unique_ptr<dwarf::debug_info> info;

  explicit program(const std::string& name)
      : elf(dwarf::elf_file::open(test::fixture_binary(name))),
        info(dwarf::debug_info::load(*elf)) {}

  std::vector<dwarf::file_addr> marker(const std::string& source, std::string_view m) const {
    auto r = info->resolve_line(source, test::line_of(source, m));
    REQUIRE(r.result == dwarf::line_resolution::status::ok);
    return r.addresses;
  }
  dwarf::frame_scopes scopes(const std::string& source, std::string_view m) const {
    auto s = info->scopes_at(marker(source, m).front());
    REQUIRE(s);
    REQUIRE_FALSE(s->frames.empty());
    return *s;
  }
};

std::vector<std::string> names(const std::vector<dwarf::variable_info>& vars) {
  std::vector<std::string> out;
  for (const auto& v : vars) out.push_back(v.name);
  return out;
}

const dwarf::variable_info& variable(const std::vector<dwarf::variable_info>& vars,
                                     std::string_view name) {
  auto it = std::find_if(vars.begin(), vars.end(),
                         [&](const dwarf::variable_info& v) { return v.name == name; });
  INFO("no variable " << name);
  REQUIRE(it != vars.end());
  return *it;
}

// A frame whose registers and CFA are made up: enough to see where the
// DWARF puts each variable relative to the frame.
class made_up_frame : public dwarf::expression_context {
 public:
  static constexpr std::uint64_t cfa = 0x7ffe0000, rbp = cfa - 16, bias = 0x555555554000;
  std::optional<std::uint64_t> base;

  std::optional<std::uint64_t> read_register(std::uint16_t reg) const override {
    if (reg == 6) return rbp;       // DWARF 6 = rbp
    if (reg == 7) return cfa - 64;  // DWARF 7 = rsp
    return std::nullopt;
  }
  bool read_memory(std::uint64_t, std::span<std::byte>) const override { return false; }
  std::optional<std::uint64_t> frame_base() const override { return base; }
  std::optional<std::uint64_t> call_frame_cfa() const override { return cfa; }
  std::uint64_t relocate(std::uint64_t file_address) const override { return file_address + bias; }
};

}  // namespace

TEST_CASE("parameters come in declaration order, locals and static locals follow",
          "[dwarf][variables]") {
  const std::vector<std::string> expected = {"c",  "sc",  "uc", "s", "us", "i", "u",   "l", "ul",
                                             "ll", "ull", "f",  "d", "ld", "b", "col", "p", "pp"};
  for (const auto& name : test::fixture_matrix("types_c", "_O0_")) {
    INFO(name);
    program p(name);
    auto s = p.scopes(types_c, "many");
    REQUIRE(s.frames.size() == 1);
    const auto& frame = s.frames.front();
    CHECK(frame.function == "many");
    CHECK_FALSE(frame.is_inlined);
    CHECK(names(frame.parameters) == expected);
    for (const auto& v : frame.parameters) {
      INFO(v.name);
      CHECK(v.is_parameter);
      CHECK_FALSE(v.is_shadowed);
      CHECK(v.location.how == how::expression);
      CHECK_FALSE(v.location.bytes.empty());
    }
    CHECK(names(frame.locals) == std::vector<std::string>{"calls", "sum"});
    const auto& calls = variable(frame.locals, "calls");
    REQUIRE(calls.location.bytes.size() == 9);
    CHECK(calls.location.bytes.front() == std::byte{0x03});  // DW_OP_addr: a static
    const auto& sum = variable(frame.locals, "sum");
    REQUIRE(sum.declaration);
    CHECK(sum.declaration->path == types_c);
    CHECK(sum.declaration->line == test::line_containing(types_c, "long sum = "));
    CHECK_FALSE(s.frame_base.empty());
  }
}

TEST_CASE("locations evaluate relative to the frame, globals to the load bias",
          "[dwarf][variables]") {
  for (const auto& name : test::fixture_matrix("types_c", "_O0_")) {
    INFO(name);
    program p(name);
    auto s = p.scopes(types_c, "many");
    made_up_frame frame;
    frame.base = dwarf::evaluate_frame_base(s.frame_base, frame);
    REQUIRE(frame.base);
    for (const auto& v : s.frames.front().parameters) {
      INFO(v.name);
      auto r = dwarf::evaluate_location(v.location.bytes, frame);
      INFO(r.error);
      REQUIRE(r);
      REQUIRE(r.value->whole.where == dwarf::simple_location::kind::memory);
      // -O0 spills parameters to the frame, below the CFA or in the
      // caller's outgoing area above it (stack-passed arguments).
      CHECK(r.value->whole.address + 512 > made_up_frame::cfa);
      CHECK(r.value->whole.address < made_up_frame::cfa + 512);
    }
    auto globals = p.info->unit_globals(p.marker(types_c, "main").front());
    const auto& counter = variable(globals, "global_counter");
    auto r = dwarf::evaluate_location(counter.location.bytes, frame);
    REQUIRE(r);
    // The symbol table, read by binutils, is the oracle for the address.
    auto nm = test::run_command("nm " + test::fixture_binary(name) + " | grep ' global_counter$'");
    REQUIRE_FALSE(nm.empty());
    CHECK(r.value->whole.address == std::stoull(nm, nullptr, 16) + made_up_frame::bias);
  }
}

TEST_CASE("an inner block's variable shadows the outer one of the same name",
          "[dwarf][variables]") {
  for (const auto& name : test::fixture_matrix("types_c", "_O0_")) {
    INFO(name);
    program p(name);
    auto frame = p.scopes(types_c, "inner").frames.front();
    CHECK(frame.function == "shadow");
    // Innermost first: { int y } inside { int x } inside the body's y.
    REQUIRE(names(frame.locals) == std::vector<std::string>{"y", "x", "y"});
    CHECK_FALSE(frame.locals[0].is_shadowed);
    CHECK_FALSE(frame.locals[1].is_shadowed);
    CHECK(frame.locals[2].is_shadowed);
    REQUIRE(names(frame.parameters) == std::vector<std::string>{"x"});
    CHECK(frame.parameters[0].is_shadowed);
    CHECK(frame.locals[0].declaration->line == test::line_containing(types_c, "int y = x + 3;"));

    // Outside the blocks only the body's names are visible.
    auto outer = p.scopes(types_c, "walk").frames.front();
    CHECK(names(outer.parameters) == std::vector<std::string>{"head"});
    CHECK(names(outer.locals) == std::vector<std::string>{"n", "total"});
  }
}

TEST_CASE("inlined calls are frames of their own, innermost first", "[dwarf][variables]") {
  const auto call_line = test::line_containing(types_c, "return scaled(base, 3)");
  for (const auto& name : test::fixture_matrix("types_c")) {
    INFO(name);
    program p(name);
    auto s = p.scopes(types_c, "inlined");
    REQUIRE(s.frames.size() == 2);
    const auto& inlined = s.frames[0];
    CHECK(inlined.function == "scaled");
    CHECK(inlined.is_inlined);
    REQUIRE(inlined.call_site);
    CHECK(inlined.call_site->path == types_c);
    CHECK(inlined.call_site->line == call_line);
    CHECK(names(inlined.parameters) == std::vector<std::string>{"value", "factor"});
    CHECK(names(inlined.locals) == std::vector<std::string>{"product"});
    CHECK(s.frames[1].function == "use_inline");
    CHECK_FALSE(s.frames[1].is_inlined);
    CHECK(names(s.frames[1].parameters) == std::vector<std::string>{"seed"});
    CHECK(names(s.frames[1].locals) == std::vector<std::string>{"base"});
  }
}

TEST_CASE("optimised code: location lists resolve to the entry covering the pc",
          "[dwarf][variables]") {
  for (const auto& name : test::fixture_matrix("types_c", "_O2_")) {
    INFO(name);
    program p(name);
    const auto* walk = p.info->functions_named("walk").front();
    int from_list = 0, resolved = 0;
    // Every instruction start is not known here; every byte of the function
    // is a pc the lists must answer for without throwing.
    for (const auto& range : walk->ranges) {
      for (auto pc = range.low.value; pc < range.high.value; ++pc) {
        auto s = p.info->scopes_at({pc});
        REQUIRE(s);
        for (const auto& frame : s->frames)
          for (const auto* vars : {&frame.parameters, &frame.locals})
            for (const auto& v : *vars) {
              if (!v.location.from_list) continue;
              ++from_list;
              if (v.location.how != how::expression) continue;
              ++resolved;
              CHECK(v.location.valid_from.value <= pc);
              CHECK(pc < v.location.valid_to.value);
              CHECK_FALSE(v.location.bytes.empty());
            }
      }
    }
    CHECK(from_list > 0);
    CHECK(resolved > 0);
  }
}

TEST_CASE("globals and statics of the unit, and lookup by name", "[dwarf][variables]") {
  for (const auto& name : test::fixture_matrix("types_c", "_O0_")) {
    INFO(name);
    program p(name);
    auto globals = p.info->unit_globals(p.marker(types_c, "many").front());
    for (const char* g : {"global_counter", "file_static", "greeting", "origin", "matrix", "binop",
                          "list_head", "volatile_ptr", "counted", "sink"}) {
      INFO(g);
      const auto& v = variable(globals, g);
      CHECK(v.location.how == how::expression);
      REQUIRE(v.location.bytes.size() == 9);
      CHECK(v.location.bytes.front() == std::byte{0x03});  // DW_OP_addr (addrx rewritten)
      CHECK(v.declaration);
    }
    CHECK(variable(globals, "global_counter").is_external);
    CHECK_FALSE(variable(globals, "file_static").is_external);

    auto found = p.info->globals_named("origin");
    REQUIRE(found.size() == 1);
    CHECK(found.front().type->name == "struct point");
    CHECK(p.info->globals_named("no_such_global").empty());
    CHECK(p.info->globals_named("calls").empty());  // a static local is not a global
  }
}

TEST_CASE("C++ scopes: this, namespaces and qualified globals", "[dwarf][variables]") {
  for (const auto& name : test::fixture_matrix("types_cpp", "_O0_")) {
    INFO(name);
    program p(name);
    auto main_frame = p.scopes(types_cpp, "main").frames.back();
    CHECK(main_frame.function == "main");
    CHECK(names(main_frame.locals) == std::vector<std::string>{"text", "numbers", "ages", "owned",
                                                               "shared", "buf", "u", "nothing", "a",
                                                               "corner", "r", "area"});

    auto area = p.scopes(types_cpp, "rect area").frames.back();
    CHECK(names(area.parameters) == std::vector<std::string>{"this"});
    CHECK(area.parameters.front().is_artificial);
    CHECK(names(area.locals) == std::vector<std::string>{"w", "h"});

    auto refs = p.scopes(types_cpp, "refs").frames.back();
    CHECK(names(refs.parameters) == std::vector<std::string>{"lref", "rref", "cref"});

    auto globals = p.info->unit_globals(p.marker(types_cpp, "main").front());
    for (const char* g :
         {"geo::shape::count", "geo::detail::registry_size", "total_shapes", "banner", "callback"})
      CHECK(variable(globals, g).location.how == how::expression);
    CHECK_FALSE(variable(globals, "banner").is_external);

    auto count = p.info->globals_named("geo::shape::count");
    REQUIRE(count.size() == 1);
    CHECK(count.front().type->name == "int");
    CHECK(p.info->globals_named("registry_size").front().name == "geo::detail::registry_size");
    CHECK(p.info->globals_named("total_shapes").size() == 1);
  }
}

TEST_CASE("no scopes where there is no function or no DWARF", "[dwarf][variables]") {
  program p("types_c_gcc_O0_pie_d5");
  CHECK_FALSE(p.info->scopes_at({0}));
  CHECK(p.info->unit_globals({0}).empty());
  program bare("loop_nodebug");
  const auto main_address = bare.elf->symbols_named("main").front().address;
  CHECK_FALSE(bare.info->scopes_at(main_address));
  CHECK(bare.info->unit_globals(main_address).empty());
  CHECK(bare.info->globals_named("sink").empty());
  CHECK(bare.info->find_type("int") == nullptr);
}

TEST_CASE("repeated queries answer from the cache, identically", "[dwarf][variables]") {
  program p("types_cpp_gcc_O2_nopie_d5");
  const auto pc = p.marker(types_cpp, "refs").front();
  auto first = p.info->scopes_at(pc);
  auto second = p.info->scopes_at(pc);
  REQUIRE(first);
  REQUIRE(second);
  REQUIRE(first->frames.size() == second->frames.size());
  for (std::size_t i = 0; i < first->frames.size(); ++i) {
    CHECK(names(first->frames[i].parameters) == names(second->frames[i].parameters));
    for (std::size_t k = 0; k < first->frames[i].parameters.size(); ++k) {
      CHECK(first->frames[i].parameters[k].type == second->frames[i].parameters[k].type);
      CHECK(first->frames[i].parameters[k].location.bytes ==
            second->frames[i].parameters[k].location.bytes);
    }
  }
}
