#include <catch2/catch.hpp>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/support/markers.hpp"

using namespace int3;
using status = dwarf::line_resolution::status;

namespace {

const std::string loop_c = test::fixture_source("loop.c");
const std::string shapes_cpp = test::fixture_source("shapes.cpp");

}  // namespace

TEST_CASE("the address of 'call square' is in sum_squares on that line", "[dwarf][functions]") {
  const auto line = test::line_of(loop_c, "call square");
  for (const auto& name : test::fixture_matrix("loop", "_O0_")) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto info = dwarf::debug_info::load(*elf);
    auto r = info->resolve_line(loop_c, line);
    REQUIRE(r.result == status::ok);
    for (auto a : r.addresses) {
      auto loc = info->location_at(a);
      REQUIRE(loc);
      CHECK(loc->line == line);
      CHECK(loc->path == loop_c);
      const auto* fn = info->function_at(a);
      REQUIRE(fn);
      CHECK(fn->name == "sum_squares");
      CHECK(fn->ranges.front().contains(a));
    }
  }
}

TEST_CASE("main is found by name with its entry, prologue and declaration", "[dwarf][functions]") {
  const auto main_line = test::line_containing(loop_c, "int main(int argc");
  const auto return_line = test::line_of(loop_c, "return");
  auto names = test::fixture_matrix("loop");
  names.push_back("loop_relative");
  names.push_back("loop_nofp_O2");
  for (const auto& name : names) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto info = dwarf::debug_info::load(*elf);
    auto mains = info->functions_named("main");
    REQUIRE(mains.size() == 1);
    const auto& main = *mains.front();
    CHECK(main.name == "main");
    CHECK(main.entry == elf->symbols_named("main").front().address);
    CHECK(info->function_at(main.entry) == &main);
    REQUIRE(main.declaration);
    CHECK(main.declaration->path == loop_c);
    CHECK(main.declaration->line == main_line);

    const auto body = info->prologue_end(main);
    CHECK(body > main.entry);
    CHECK(info->function_at(body) == &main);
    if (name.find("_O0_") != std::string::npos || name == "loop_relative") {
      auto loc = info->location_at(body);
      REQUIRE(loc);
      CHECK(loc->path == loop_c);
      CHECK(loc->line > main_line);
      CHECK(loc->line <= return_line);
    }
  }
}

TEST_CASE("functions are found by plain and qualified names", "[dwarf][functions]") {
  auto elf = dwarf::elf_file::open(test::fixture_binary("loop_clang_O0_nopie_d5"));
  auto info = dwarf::debug_info::load(*elf);
  for (const auto* fname : {"square", "sum_squares", "main"}) {
    INFO(fname);
    auto found = info->functions_named(fname);
    REQUIRE(found.size() == 1);
    CHECK(found.front()->name == fname);
  }
  CHECK(info->functions_named("nope").empty());
  CHECK(info->function_at({0}) == nullptr);
}

TEST_CASE("C++ member functions get qualified names", "[dwarf][functions]") {
  const auto line = test::line_of(shapes_cpp, "rect area");
  for (const auto& name : test::fixture_matrix("shapes", "_O0_")) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto info = dwarf::debug_info::load(*elf);
    auto r = info->resolve_line(shapes_cpp, line);
    REQUIRE(r.result == status::ok);
    CHECK(r.actual_line == line);
    for (auto a : r.addresses) {
      const auto* fn = info->function_at(a);
      REQUIRE(fn);
      CHECK(fn->name == "geo::rect::area");
      CHECK(fn->linkage_name == "_ZNK3geo4rect4areaEv");
      REQUIRE(fn->declaration);
      CHECK(fn->declaration->path == shapes_cpp);
    }
    auto by_qualified = info->functions_named("geo::rect::area");
    REQUIRE(by_qualified.size() == 1);
    CHECK(info->functions_named("area") == by_qualified);
    CHECK(info->functions_named("_ZNK3geo4rect4areaEv") == by_qualified);

    // The template instance and main, with its call line inside it.
    auto accumulate = info->resolve_line(shapes_cpp, test::line_of(shapes_cpp, "accumulate"));
    REQUIRE(accumulate.result == status::ok);
    CHECK_THAT(info->function_at(accumulate.addresses.front())->name,
               Catch::Matchers::StartsWith("geo::accumulate_area"));
    auto call = info->resolve_line(shapes_cpp, test::line_of(shapes_cpp, "main call"));
    REQUIRE(call.result == status::ok);
    CHECK(info->function_at(call.addresses.front())->name == "main");
  }
}

TEST_CASE("a function split into hot and cold parts has several ranges", "[dwarf][functions]") {
  // gcc -O2 moves main's exception path to .text.unlikely (DW_AT_ranges).
  for (const auto& name : test::fixture_matrix("shapes", "gcc_O2")) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto info = dwarf::debug_info::load(*elf);
    auto mains = info->functions_named("main");
    REQUIRE(mains.size() == 1);
    const auto& main = *mains.front();
    REQUIRE(main.ranges.size() >= 2);
    CHECK(main.entry == elf->symbols_named("main").front().address);
    for (const auto& r : main.ranges) {
      CHECK(r.low < r.high);
      CHECK(info->function_at(r.low) == &main);
      CHECK(info->function_at(r.high + -1) == &main);
    }
  }
}
