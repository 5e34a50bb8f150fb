// debug_info reads units on first need (by file for resolve_line, by
// address for the rest). Whatever order the queries come in, the answers
// must be those of a fully read program: these tests compare the two.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>

#include "dwarf/address_ranges_section.hpp"
#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/function_names.hpp"
#include "dwarf/program_index.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/dwarf/loaded_program.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

test::loaded_program load(const std::string& path, bool everything) {
  return test::load_program(path, everything);
}

std::uint32_t line_count(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::uint32_t n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

void compare_lazy_with_full(const std::string& binary, const std::vector<std::string>& sources) {
  INFO(binary);
  auto full = load(binary, true);
  std::size_t addresses_checked = 0;
  for (const auto& source : sources) {
    INFO(source);
    const auto lines = line_count(source);
    REQUIRE(lines > 0);
    for (std::uint32_t line = 1; line <= lines; ++line) {
      INFO("line " << line);
      // A fresh lazy instance per query: nothing read before helps it.
      auto lazy = load(binary, false);
      auto want = full.info->resolve_line(source, line);
      auto got = lazy.info->resolve_line(source, line);
      REQUIRE(got.result == want.result);
      CHECK(got.actual_line == want.actual_line);
      CHECK(got.path == want.path);
      CHECK(got.addresses == want.addresses);
      for (auto a : want.addresses) {
        auto by_address = load(binary, false);
        const auto* fn_want = full.info->function_at(a);
        const auto* fn_got = by_address.info->function_at(a);
        REQUIRE((fn_want == nullptr) == (fn_got == nullptr));
        if (fn_want) CHECK(fn_got->name == fn_want->name);
        auto by_line = load(binary, false);
        auto e_want = full.info->line_entry_at(a);
        auto e_got = by_line.info->line_entry_at(a);
        REQUIRE(e_want.has_value() == e_got.has_value());
        if (e_want) {
          CHECK(e_got->location.line == e_want->location.line);
          CHECK(e_got->location.path == e_want->location.path);
          CHECK(e_got->end == e_want->end);
          CHECK(e_got->address == e_want->address);
        }
        ++addresses_checked;
      }
    }
  }
  CHECK(addresses_checked > 0);
}

const std::string split_dir = INT3_DWARF_SPLIT_DIR;
const std::vector<std::string> split_sources = {
    split_dir + "/split_a.cpp", split_dir + "/split_b.cpp", split_dir + "/split_widget.hpp"};

}  // namespace

TEST_CASE("lazily read units answer as a fully read program (clang, no aranges)", "[dwarf][lazy]") {
  compare_lazy_with_full(INT3_DWARF_SPLIT_FIXTURE, split_sources);
}

TEST_CASE("lazily read units answer as a fully read program (gcc, with aranges)", "[dwarf][lazy]") {
  compare_lazy_with_full(INT3_DWARF_SPLIT_GCC_FIXTURE, split_sources);
}

TEST_CASE("lazily read units answer as a fully read program (every loop build)", "[dwarf][lazy]") {
  for (const auto& name : test::fixture_matrix("loop"))
    compare_lazy_with_full(test::fixture_binary(name), {test::fixture_source("loop.c")});
}

TEST_CASE(".debug_aranges names the unit of every function gcc compiled", "[dwarf][lazy]") {
  auto elf = dwarf::elf_file::open(INT3_DWARF_SPLIT_GCC_FIXTURE);
  auto section = elf->section_data(".debug_aranges");
  REQUIRE(section);
  auto ranges = dwarf::read_address_ranges_section(*section);
  // Two units, each with its own set.
  REQUIRE(ranges.size() >= 2);
  std::set<std::uint64_t> units;
  for (const auto& r : ranges) {
    CHECK(r.low < r.high);
    units.insert(r.unit_offset);
  }
  CHECK(units.size() == 2);
  auto mains = elf->symbols_named("main");
  REQUIRE(mains.size() == 1);
  bool covered = false;
  for (const auto& r : ranges)
    covered |= r.low <= mains[0].address.value && mains[0].address.value < r.high;
  CHECK(covered);
}

TEST_CASE("a truncated .debug_aranges keeps what was read before the damage", "[dwarf][lazy]") {
  auto elf = dwarf::elf_file::open(INT3_DWARF_SPLIT_GCC_FIXTURE);
  auto section = *elf->section_data(".debug_aranges");
  auto whole = dwarf::read_address_ranges_section(section);
  REQUIRE(!whole.empty());
  for (std::size_t cut = 0; cut < section.size(); ++cut) {
    auto part = dwarf::read_address_ranges_section(section.first(cut));
    REQUIRE(part.size() <= whole.size());
    for (std::size_t i = 0; i < part.size(); ++i) CHECK(part[i].low == whole[i].low);
  }
}

TEST_CASE("a C++ function name reads only the units its mangled symbols are in",
          "[dwarf][lazy][functions]") {
  auto elf = dwarf::elf_file::open(INT3_DWARF_SPLIT_GCC_FIXTURE);
  auto index = dwarf::program_index::open(*elf);
  REQUIRE(index->units.size() == 2);
  // The .cpp files the loaded units were compiled from (DWARF 5 names the
  // primary file twice, as file 0 and 1).
  auto loaded_units = [&] {
    std::set<std::string> files;
    for (const auto& u : index->units)
      if (u.loaded)
        for (auto f : u.files)
          if (f < index->files.size() && index->files.path(f).ends_with(".cpp"))
            files.insert(index->files.path(f));
    return files;
  };
  // Mangled as _Z7measureP6widget: no symbol carries the plain name.
  CHECK(elf->symbols_named("measure").empty());
  CHECK_FALSE(index->load_units_of_function(dwarf::function_name_query("widget::measure")));
  CHECK(loaded_units().empty());
  CHECK(index->load_units_of_function(dwarf::function_name_query("measure(widget*)")));
  auto files = loaded_units();
  REQUIRE(files.size() == 1);
  CHECK(files.begin()->ends_with("split_b.cpp"));
  REQUIRE(index->functions.named("measure").size() == 1);

  // Through debug_info: the same answer as a fully read program.
  auto lazy = load(INT3_DWARF_SPLIT_GCC_FIXTURE, false);
  auto full = load(INT3_DWARF_SPLIT_GCC_FIXTURE, true);
  dwarf::function_name_query query("measure");
  auto got = lazy.info->functions_matching(query);
  auto want = full.info->functions_named("measure");
  REQUIRE(got.size() == 1);
  REQUIRE(want.size() == 1);
  CHECK(got.front()->entry == want.front()->entry);
  CHECK(lazy.info->inlined_entries(query, got).empty());  // -O0 inlines nothing
  CHECK(lazy.info->functions_matching(dwarf::function_name_query("no_such_function")).empty());
}

TEST_CASE("a stack trace's frames at a pc are those the full scopes give, without variables",
          "[lazy]") {
  for (const char* fixture : {"funcs_gcc_O2", "funcs_clang_O2", "funcs_gcc_O0"}) {
    INFO(fixture);
    // Two readers: the frames-only one must not answer from the full one's cache.
    auto light = test::load_program(test::fixture_binary(fixture), false);
    auto full = test::load_program(test::fixture_binary(fixture), false);
    std::size_t compared = 0, inlined = 0;
    for (const auto& symbol : light.elf->symbols_containing("")) {
      for (std::uint64_t pc = symbol.address.value; pc < symbol.address.value + symbol.size; ++pc) {
        auto frames = light.info->inline_frames_at({pc});
        auto scopes = full.info->scopes_at({pc});
        REQUIRE(frames.has_value() == scopes.has_value());
        if (!frames) continue;
        REQUIRE(frames->frames.size() == scopes->frames.size());
        for (std::size_t i = 0; i < frames->frames.size(); ++i) {
          const auto& a = frames->frames[i];
          const auto& b = scopes->frames[i];
          INFO(std::hex << pc << " frame " << i);
          CHECK(a.function == b.function);
          CHECK(a.is_inlined == b.is_inlined);
          CHECK(a.call_site.has_value() == b.call_site.has_value());
          if (a.call_site && b.call_site) {
            CHECK(a.call_site->path == b.call_site->path);
            CHECK(a.call_site->line == b.call_site->line);
          }
          CHECK(a.locals.empty());
          CHECK(a.parameters.empty());
        }
        inlined += frames->frames.size() > 1;
        ++compared;
      }
    }
    CHECK(compared > 100);
    if (std::string(fixture).ends_with("O2")) CHECK(inlined > 0);
  }
}
