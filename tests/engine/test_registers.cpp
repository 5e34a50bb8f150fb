// Registers through the arch table, checked against the unwinder and sites.
#include "engine/arch/arch.hpp"
#include "engine/registers.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

TEST_CASE("the arch table names pc, sp and fp by DWARF number", "[registers]") {
  const auto& arch = engine::current_arch();
  CHECK_FALSE(arch.trap_bytes.empty());
  CHECK(arch.register_block_size > 0);
  for (int id : {arch.pc_dwarf_id, arch.sp_dwarf_id, arch.fp_dwarf_id}) {
    int found = 0;
    for (const auto& r : arch.registers) {
      if (r.dwarf_id == id) ++found;
      CHECK(r.offset + r.size <= arch.register_block_size);
    }
    CHECK(found == 1);
  }
}

TEST_CASE("registers read and write a stopped thread", "[registers]") {
  const auto loop_c = test::fixture_source("loop.c");
  auto target = test::launch("loop_gcc_O0_pie_d5");
  REQUIRE(target->create_line_breakpoint(loop_c, test::line_of(loop_c, "square body")).verified);
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);

  auto regs = engine::registers::read(stop.tid);
  // After the trap the pc is back on the site.
  CHECK(regs.pc() == target->breakpoint_sites().at(0));
  CHECK(regs.by_dwarf(engine::current_arch().pc_dwarf_id) == regs.pc().value);
  CHECK(regs.sp() < target->stack(stop.tid, 1).at(0).cfa.value);
  CHECK_FALSE(regs.by_dwarf(9999).has_value());

  // A write is what the next read sees.
  auto changed = regs;
  changed.set_by_dwarf(engine::current_arch().fp_dwarf_id, 0x1234);
  changed.write(stop.tid);
  CHECK(engine::registers::read(stop.tid).fp() == 0x1234);
  regs.write(stop.tid);
  CHECK(engine::registers::read(stop.tid).fp() == regs.fp());
  CHECK(test::continue_to_stop(*target).kind == engine::stop_kind::breakpoint);
}
