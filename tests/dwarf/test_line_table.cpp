#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/program_index.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/dwarf/readelf_oracle.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

std::vector<std::string> line_table_binaries() {
  auto names = test::fixture_matrix("loop");
  for (auto& n : test::fixture_matrix("shapes", "_d5")) names.push_back(n);
  names.push_back("loop_relative");
  names.push_back("loop_nofp_O2");
  return names;
}

}  // namespace

TEST_CASE("every is_stmt row readelf decodes is in our line table", "[dwarf][lines]") {
  if (!test::readelf_available()) {
    WARN("skipped: readelf not installed");
    return;
  }
  for (const auto& name : line_table_binaries()) {
    INFO(name);
    const auto path = test::fixture_binary(name);
    auto elf = dwarf::elf_file::open(path);
    auto index = dwarf::program_index::build(*elf);
    std::multiset<std::pair<std::uint64_t, std::uint32_t>> ours;
    for (const auto& row : index->lines.rows())
      if (row.is_stmt() && !row.ends_sequence()) ours.insert({row.address, row.line});

    auto theirs = test::readelf_decoded_lines(path);
    std::size_t stmt_rows = 0;
    for (const auto& row : theirs) {
      if (!row.is_stmt || row.end_sequence) continue;
      ++stmt_rows;
      INFO("address 0x" << std::hex << row.address << std::dec << " line " << row.line);
      CHECK(ours.count({row.address, row.line}) > 0);
    }
    CHECK(stmt_rows > 10);
    CHECK(ours.size() == stmt_rows);
  }
}

TEST_CASE("line_entry_at gives the statement row at an address and nothing between sequences",
          "[dwarf][lines]") {
  if (!test::readelf_available()) {
    WARN("skipped: readelf not installed");
    return;
  }
  for (const auto& name : line_table_binaries()) {
    INFO(name);
    const auto path = test::fixture_binary(name);
    auto elf = dwarf::elf_file::open(path);
    auto info = dwarf::debug_info::load(*elf);
    REQUIRE(info->has_line_info());
    auto rows = test::readelf_decoded_lines(path);

    // Within a sequence the row that covers an address is the last is_stmt row
    // there (else the last row); rows at the end_sequence address cover nothing.
    std::map<std::uint64_t, std::uint32_t> last_line, sequence;
    std::set<std::uint64_t> has_stmt;
    std::set<std::uint64_t> sequence_ends, sequence_starts;
    for (const auto& row : rows) {
      if (row.end_sequence) {
        sequence_ends.insert(row.address);
        sequence.erase(sequence.lower_bound(row.address), sequence.end());
        last_line.insert(sequence.begin(), sequence.end());
        sequence.clear();
        continue;
      }
      if (sequence.empty()) {
        sequence_starts.insert(row.address);
        has_stmt.clear();
      }
      if (row.is_stmt || !has_stmt.count(row.address)) sequence[row.address] = row.line;
      if (row.is_stmt) has_stmt.insert(row.address);
    }
    for (const auto& [address, line] : last_line) {
      INFO("address 0x" << std::hex << address);
      auto entry = info->line_entry_at({address});
      REQUIRE(entry);
      CHECK(entry->location.line == line);
      CHECK(entry->address.value == address);
      CHECK(entry->end.value > address);
      // Inside the range the same entry holds.
      auto inside = info->line_entry_at({entry->end.value - 1});
      REQUIRE(inside);
      CHECK(inside->address == entry->address);
    }
    for (auto end : sequence_ends) {
      if (sequence_starts.count(end) || last_line.count(end)) continue;
      INFO("end 0x" << std::hex << end);
      CHECK_FALSE(info->line_entry_at({end}));
    }
  }
}

TEST_CASE("line entries carry absolute normalised paths and columns", "[dwarf][lines]") {
  const auto source = test::fixture_source("loop.c");
  const auto line = test::line_of(source, "call square");
  for (const auto& name :
       {"loop_gcc_O0_pie_d5", "loop_gcc_O0_nopie_d4", "loop_clang_O0_pie_d5", "loop_relative"}) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto info = dwarf::debug_info::load(*elf);
    auto r = info->resolve_line(source, line);
    REQUIRE(r.result == dwarf::line_resolution::status::ok);
    auto entry = info->line_entry_at(r.addresses.front());
    REQUIRE(entry);
    CHECK(entry->location.path == source);
    CHECK(entry->location.line == line);
    CHECK(entry->location.column > 0);
    CHECK(entry->is_stmt);
  }
}

TEST_CASE("a binary without debug info loads with no line info", "[dwarf][lines]") {
  auto elf = dwarf::elf_file::open(test::fixture_binary("loop_nodebug"));
  auto info = dwarf::debug_info::load(*elf);
  CHECK_FALSE(info->has_line_info());
  auto main = elf->symbols_named("main");
  REQUIRE(main.size() == 1);
  CHECK_FALSE(info->line_entry_at(main.front().address));
  CHECK_FALSE(info->location_at(main.front().address));
  CHECK(info->function_at(main.front().address) == nullptr);
  CHECK(info->functions_named("main").empty());
}
