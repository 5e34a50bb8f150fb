#include <catch2/catch.hpp>

#include "dwarf/call_frame.hpp"
#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

// x86-64 DWARF register numbers (System V psABI, figure 3.36).
constexpr std::uint16_t rbp = 6, rsp = 7, return_address = 16;

void check_entry_row(const dwarf::unwind_row& row) {
  CHECK(row.cfa.how == dwarf::cfa_rule::kind::register_offset);
  CHECK(row.cfa.reg == rsp);
  CHECK(row.cfa.offset == 8);
  CHECK(row.return_address_register == return_address);
  auto ra = row.registers.find(return_address);
  REQUIRE(ra != row.registers.end());
  CHECK(ra->second.how == dwarf::register_rule::kind::offset);
  CHECK(ra->second.offset == -8);
}

dwarf::elf_symbol only_symbol(const dwarf::elf_file& elf, std::string_view name) {
  auto found = elf.symbols_named(name);
  REQUIRE(found.size() >= 1);
  return found.front();
}

}  // namespace

TEST_CASE("every build has CFI for main, with CFA = rsp+8 at its entry", "[dwarf][cfi]") {
  auto names = test::fixture_matrix("loop");
  for (auto& n : test::fixture_matrix("shapes")) names.push_back(n);
  for (const auto* extra : {"loop_nodebug", "loop_relative", "loop_nofp_O2"})
    names.push_back(extra);
  for (const auto& name : names) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto cfi = dwarf::call_frame_info::load(*elf);
    for (const auto* fname : {"main", "_start"}) {
      INFO(fname);
      auto sym = only_symbol(*elf, fname);
      auto row = cfi->row_at(sym.address);
      REQUIRE(row);
      if (std::string_view(fname) == "main") check_entry_row(*row);
      // Every byte of the function is covered.
      CHECK(cfi->row_at(sym.address + static_cast<std::int64_t>(sym.size - 1)));
    }
    CHECK_FALSE(cfi->row_at({0}));
  }
}

TEST_CASE("with a frame pointer the CFA moves to rbp after the prologue", "[dwarf][cfi]") {
  for (const auto& name : test::fixture_matrix("loop", "_O0_")) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto info = dwarf::debug_info::load(*elf);
    auto cfi = dwarf::call_frame_info::load(*elf);
    const auto& main = *info->functions_named("main").front();
    auto row = cfi->row_at(info->prologue_end(main));
    REQUIRE(row);
    CHECK(row->cfa.reg == rbp);
    CHECK(row->cfa.offset == 16);
    auto saved_rbp = row->registers.find(rbp);
    REQUIRE(saved_rbp != row->registers.end());
    CHECK(saved_rbp->second.how == dwarf::register_rule::kind::offset);
    CHECK(saved_rbp->second.offset == -16);
    // After `push rbp` (one byte) and before `mov rbp, rsp`: rsp-based, 16.
    auto after_push = cfi->row_at(main.entry + 1);
    REQUIRE(after_push);
    CHECK(after_push->cfa.reg == rsp);
    CHECK(after_push->cfa.offset == 16);
  }
}

TEST_CASE("without a frame pointer the CFA stays rsp-based", "[dwarf][cfi]") {
  auto elf = dwarf::elf_file::open(test::fixture_binary("loop_nofp_O2"));
  auto cfi = dwarf::call_frame_info::load(*elf);
  auto main = only_symbol(*elf, "main");
  bool grew = false;
  for (std::uint64_t offset = 0; offset < main.size; ++offset) {
    auto row = cfi->row_at(main.address + static_cast<std::int64_t>(offset));
    REQUIRE(row);
    CHECK(row->cfa.how == dwarf::cfa_rule::kind::register_offset);
    CHECK(row->cfa.reg == rsp);
    CHECK(row->cfa.offset >= 8);
    if (row->cfa.offset > 8) grew = true;
  }
  CHECK(grew);  // main calls printf, so it adjusts rsp somewhere
}

TEST_CASE("CFI from .debug_frame when there is no .eh_frame entry", "[dwarf][cfi]") {
  // Built by tests/dwarf/CMakeLists.txt with -fno-asynchronous-unwind-tables:
  // the program's own functions are described only in .debug_frame.
  auto elf = dwarf::elf_file::open(INT3_DWARF_DEBUG_FRAME_FIXTURE);
  REQUIRE(elf->section_data(".debug_frame"));
  auto cfi = dwarf::call_frame_info::load(*elf);
  for (const auto* fname : {"main", "sum_squares", "square"}) {
    INFO(fname);
    auto sym = only_symbol(*elf, fname);
    auto row = cfi->row_at(sym.address);
    REQUIRE(row);
    check_entry_row(*row);
    auto later = cfi->row_at(sym.address + static_cast<std::int64_t>(sym.size - 2));
    REQUIRE(later);
  }
}

TEST_CASE("libc has CFI for its functions without any debug info", "[dwarf][cfi]") {
  const std::string libc = "/lib/x86_64-linux-gnu/libc.so.6";
  if (!std::filesystem::exists(libc)) {
    WARN("skipped: no " << libc);
    return;
  }
  auto elf = dwarf::elf_file::open(libc);
  auto cfi = dwarf::call_frame_info::load(*elf);
  for (const auto* fname : {"printf", "malloc", "fopen", "qsort", "write"}) {
    INFO(fname);
    auto sym = only_symbol(*elf, fname);
    auto row = cfi->row_at(sym.address);
    REQUIRE(row);
    check_entry_row(*row);
    for (std::uint64_t offset = 0; offset < sym.size; ++offset)
      REQUIRE(cfi->row_at(sym.address + static_cast<std::int64_t>(offset)));
  }
  auto info = dwarf::debug_info::load(*elf);
  CHECK_FALSE(info->has_line_info());
}
