// frame_registers: a frame's registers by DWARF number, the floating-point
// and vector ones included, over made-up register blocks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <vector>

#include "engine/arch/arch.hpp"
#include "engine/values/frame_registers.hpp"

using namespace int3;
using engine::current_arch;

namespace {

const engine::register_info& fp_named(std::string_view name) {
  const auto& table = current_arch().fp_registers;
  auto it = std::find_if(table.begin(), table.end(),
                         [&](const engine::register_info& r) { return r.name == name; });
  REQUIRE(it != table.end());
  return *it;
}

engine::registers general_with(int dwarf_id, std::uint64_t value) {
  std::vector<std::byte> block(current_arch().register_block_size);
  auto regs = engine::registers::from_block(block);
  REQUIRE(regs.set_by_dwarf(dwarf_id, value));
  return regs;
}

// A floating-point block whose `reg` holds bytes 1, 2, 3, ... up to its size.
std::vector<std::byte> fp_block_with(const engine::register_info& reg) {
  std::vector<std::byte> block(current_arch().fp_register_block_size, std::byte{0xee});
  for (std::size_t i = 0; i < reg.size; ++i) block[reg.offset + i] = std::byte(i + 1);
  return block;
}

std::uint64_t bit(int reg) {
  return std::uint64_t(1) << reg;
}

}  // namespace

TEST_CASE("the innermost frame reads vector registers whole, in part and by word", "[registers]") {
  const auto& vec = fp_named("xmm1");
  int loads = 0;
  engine::frame_registers regs(general_with(current_arch().sp_dwarf_id, 0x7ffe0000), ~0ull, true,
                               [&]() -> std::optional<std::vector<std::byte>> {
                                 ++loads;
                                 return fp_block_with(vec);
                               });
  const auto id = static_cast<std::uint16_t>(vec.dwarf_id);

  std::vector<std::byte> whole(vec.size);
  REQUIRE(regs.read_bytes(id, whole));
  for (std::size_t i = 0; i < whole.size(); ++i) CHECK(whole[i] == std::byte(i + 1));
  // A float is the low four bytes; the block is read once per frame.
  std::vector<std::byte> low(4);
  REQUIRE(regs.read_bytes(id, low));
  CHECK(low == std::vector<std::byte>{std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}});
  CHECK(regs.read(id) == 0x0807060504030201ull);
  CHECK(loads == 1);
  CHECK_FALSE(regs.lost(id));
  // General-purpose registers come from the unwound block as before.
  CHECK(regs.read(static_cast<std::uint16_t>(current_arch().sp_dwarf_id)) == 0x7ffe0000u);
}

TEST_CASE("an x87 register is its own size, zero beyond it", "[registers]") {
  const auto& st = fp_named("st0");
  engine::frame_registers regs(general_with(current_arch().sp_dwarf_id, 1), ~0ull, true,
                               [&] { return std::optional(fp_block_with(st)); });
  std::vector<std::byte> wide(16, std::byte{0xff});
  REQUIRE(regs.read_bytes(static_cast<std::uint16_t>(st.dwarf_id), wide));
  for (std::size_t i = 0; i < wide.size(); ++i)
    CHECK(wide[i] == (i < st.size ? std::byte(i + 1) : std::byte{0}));
}

TEST_CASE("callers know only what the unwinder recovered, never vector registers", "[registers]") {
  const auto& vec = fp_named("xmm0");
  const int kept = current_arch().callee_saved_dwarf_ids.front();
  int loads = 0;
  engine::frame_registers caller(general_with(kept, 42), bit(kept), false, [&] {
    ++loads;
    return std::optional(fp_block_with(vec));
  });
  CHECK(caller.read(static_cast<std::uint16_t>(kept)) == 42u);
  std::vector<std::byte> out(8);
  CHECK_FALSE(caller.read_bytes(static_cast<std::uint16_t>(vec.dwarf_id), out));
  CHECK(caller.lost(static_cast<std::uint16_t>(vec.dwarf_id)));
  CHECK(loads == 0);
  // A register the unwinder did not recover is the callee's.
  const int other = kept == 0 ? 1 : 0;
  CHECK_FALSE(caller.read(static_cast<std::uint16_t>(other)));
  CHECK(caller.lost(static_cast<std::uint16_t>(other)));
  CHECK_FALSE(caller.write(static_cast<std::uint16_t>(kept), 1));
}

TEST_CASE("without a floating-point block those registers are unavailable, not lost",
          "[registers]") {
  const auto& vec = fp_named("xmm2");
  engine::frame_registers regs(general_with(current_arch().sp_dwarf_id, 1), ~0ull, true,
                               [] { return std::optional<std::vector<std::byte>>(); });
  std::vector<std::byte> out(8);
  CHECK_FALSE(regs.read_bytes(static_cast<std::uint16_t>(vec.dwarf_id), out));
  CHECK_FALSE(regs.lost(static_cast<std::uint16_t>(vec.dwarf_id)));
}

TEST_CASE("writing a vector register's low word keeps the rest of it", "[registers]") {
  const auto& vec = fp_named("xmm3");
  std::vector<std::byte> stored;
  engine::frame_registers regs(
      general_with(current_arch().sp_dwarf_id, 1), ~0ull, true,
      [&] { return std::optional(fp_block_with(vec)); },
      {{}, [&](std::span<const std::byte> block) { stored.assign(block.begin(), block.end()); }});
  REQUIRE(regs.write(static_cast<std::uint16_t>(vec.dwarf_id), 0x1122334455667788ull));
  REQUIRE(stored.size() == current_arch().fp_register_block_size);
  std::uint64_t low = 0;
  std::memcpy(&low, stored.data() + vec.offset, 8);
  CHECK(low == 0x1122334455667788ull);
  CHECK(stored[vec.offset + 8] == std::byte{9});
  CHECK(stored[vec.offset + 15] == std::byte{16});
  // Later reads see the write.
  CHECK(regs.read(static_cast<std::uint16_t>(vec.dwarf_id)) == 0x1122334455667788ull);
  // No writer for general-purpose registers: not writable here.
  CHECK_FALSE(regs.write(static_cast<std::uint16_t>(current_arch().sp_dwarf_id), 2));
}
