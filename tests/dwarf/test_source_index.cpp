#include <catch2/catch.hpp>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/support/markers.hpp"

using namespace int3;
using status = dwarf::line_resolution::status;

namespace {

struct loaded {
  std::unique_ptr<dwarf::elf_file> elf;
  std::unique_ptr<dwarf::debug_info> info;
};

loaded load(const std::string& name) {
  loaded l;
  l.elf = dwarf::elf_file::open(test::fixture_binary(name));
  l.info = dwarf::debug_info::load(*l.elf);
  return l;
}

const std::string loop_c = test::fixture_source("loop.c");

}  // namespace

TEST_CASE("resolve_line finds 'call square' in every loop build", "[dwarf][source]") {
  const auto line = test::line_of(loop_c, "call square");
  for (const auto& name : test::fixture_matrix("loop")) {
    INFO(name);
    auto l = load(name);
    auto r = l.info->resolve_line(loop_c, line);
    REQUIRE(r.result == status::ok);
    CHECK(r.actual_line == line);
    CHECK(r.path == loop_c);
    REQUIRE(!r.addresses.empty());
    CHECK(std::is_sorted(r.addresses.begin(), r.addresses.end()));
    for (auto a : r.addresses) {
      const auto* fn = l.info->function_at(a);
      REQUIRE(fn);
      CHECK(fn->name == "sum_squares");
    }
  }
}

TEST_CASE("resolve_line slides a line without code to the next line with code", "[dwarf][source]") {
  const auto blank = test::line_of(loop_c, "blank before sum");
  const auto call = test::line_of(loop_c, "call sum");
  for (const auto& name : test::fixture_matrix("loop")) {
    INFO(name);
    auto l = load(name);
    auto r = l.info->resolve_line(loop_c, blank);
    REQUIRE(r.result == status::ok);
    CHECK(r.actual_line == call);
    CHECK(r.addresses == l.info->resolve_line(loop_c, call).addresses);
  }
}

TEST_CASE("resolve_line does not slide out of the space between functions", "[dwarf][source]") {
  // The blank line above sum_squares belongs to no function; sliding would
  // land in sum_squares, which is declared below it.
  const auto before = test::line_containing(loop_c, "int sum_squares(int n)") - 1;
  for (const auto& name : test::fixture_matrix("loop", "_O0_")) {
    INFO(name);
    auto l = load(name);
    CHECK(l.info->resolve_line(loop_c, before).result == status::no_code);
  }
}

TEST_CASE("a for-loop header has one address per code range at -O0", "[dwarf][source]") {
  const auto line = test::line_of(loop_c, "for header");
  for (const auto& name : test::fixture_matrix("loop", "gcc_O0")) {
    INFO(name);
    auto l = load(name);
    auto r = l.info->resolve_line(loop_c, line);
    REQUIRE(r.result == status::ok);
    CHECK(r.actual_line == line);
    CHECK(r.addresses.size() >= 2);
    for (auto a : r.addresses) CHECK(l.info->location_at(a)->line == line);
  }
}

TEST_CASE("a breakpoint on a function's opening line lands after its prologue", "[dwarf][source]") {
  const std::string source = INT3_DWARF_PROLOGUE_SOURCE;
  auto elf = dwarf::elf_file::open(INT3_DWARF_PROLOGUE_FIXTURE);
  auto info = dwarf::debug_info::load(*elf);

  SECTION("the line repeated right after the prologue: one address, past it") {
    const auto line = test::line_of(source, "fill open");
    const auto& fill = *info->functions_named("fill").front();
    auto r = info->resolve_line(source, line);
    REQUIRE(r.result == status::ok);
    CHECK(r.actual_line == line);
    REQUIRE(r.addresses.size() == 1);
    CHECK(r.addresses.front() > fill.entry);
    CHECK(r.addresses.front() == info->prologue_end(fill));
  }
  SECTION("a second run of the line later: both runs, none in the prologue") {
    const auto line = test::line_of(source, "count open");
    const auto& count = *info->functions_named("count").front();
    auto r = info->resolve_line(source, line);
    REQUIRE(r.result == status::ok);
    CHECK(r.addresses.size() == 2);
    for (auto a : r.addresses) {
      CHECK(a >= info->prologue_end(count));
      CHECK(info->function_at(a) == &count);
    }
  }
  SECTION("a line whose only code is the function entry keeps the entry") {
    const auto line = test::line_containing(loop_c, "int main(int argc");
    for (const auto& name : test::fixture_matrix("loop", "_O0_")) {
      INFO(name);
      auto loop = dwarf::elf_file::open(test::fixture_binary(name));
      auto loop_info = dwarf::debug_info::load(*loop);
      auto r = loop_info->resolve_line(loop_c, line);
      REQUIRE(r.result == status::ok);
      CHECK(r.actual_line == line);
      REQUIRE(r.addresses.size() == 1);
      CHECK(r.addresses.front() == loop_info->functions_named("main").front()->entry);
    }
  }
}

TEST_CASE("resolve_line reports lines and files it cannot use", "[dwarf][source]") {
  auto l = load("loop_gcc_O0_pie_d5");
  CHECK(l.info->resolve_line(loop_c, 100000).result == status::no_code);
  CHECK(l.info->resolve_line("/nonexistent/dir/zzz.c", 5).result == status::file_not_found);
  CHECK(l.info->resolve_line("zzz.c", 5).result == status::file_not_found);

  auto nodebug = load("loop_nodebug");
  CHECK(nodebug.info->resolve_line(loop_c, test::line_of(loop_c, "call square")).result ==
        status::no_debug_info);
}

TEST_CASE("resolve_line matches editor paths tolerantly", "[dwarf][source]") {
  const auto line = test::line_of(loop_c, "call square");
  const auto fixtures = std::filesystem::path(loop_c).parent_path();

  SECTION("a relative DW_AT_name with comp_dir") {
    auto l = load("loop_relative");
    auto r = l.info->resolve_line(loop_c, line);
    REQUIRE(r.result == status::ok);
    CHECK(r.path == loop_c);
    CHECK(r.actual_line == line);
  }

  auto l = load("loop_gcc_O0_pie_d5");
  const auto expected = l.info->resolve_line(loop_c, line).addresses;
  REQUIRE(!expected.empty());

  SECTION("a path with '..' and '.'") {
    auto odd = (fixtures / ".." / fixtures.filename() / "." / "loop.c").string();
    REQUIRE(odd.find("/../") != std::string::npos);
    auto r = l.info->resolve_line(odd, line);
    REQUIRE(r.result == status::ok);
    CHECK(r.addresses == expected);
  }
  SECTION("a path through a symlinked directory") {
    test::temp_dir dir;
    std::filesystem::create_directory_symlink(fixtures, dir.path() / "linked");
    auto r = l.info->resolve_line((dir.path() / "linked" / "loop.c").string(), line);
    REQUIRE(r.result == status::ok);
    CHECK(r.addresses == expected);
    CHECK(r.path == loop_c);
  }
  SECTION("a checkout elsewhere, matched by path suffix") {
    auto r = l.info->resolve_line("/home/someone/checkout/tests/fixtures/loop.c", line);
    REQUIRE(r.result == status::ok);
    CHECK(r.addresses == expected);
  }
}
