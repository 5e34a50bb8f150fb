// The capstone wrapper on bytes whose decoding the ISA manuals fix.

#include <catch2/catch.hpp>

#include <vector>

#include "engine/disassembler.hpp"

using int3::engine::asm_syntax;
using int3::engine::disassembler;

namespace {
std::vector<std::byte> bytes(std::initializer_list<unsigned> values) {
  std::vector<std::byte> out;
  for (unsigned v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}
}  // namespace

TEST_CASE("the disassembler decodes a prologue in Intel and AT&T syntax", "[disassembler]") {
  // push rbp; mov rbp, rsp; mov eax, 0x2a; ret
  auto code = bytes({0x55, 0x48, 0x89, 0xe5, 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3});
  disassembler intel(asm_syntax::intel);
  auto rows = intel.decode(code, {0x1000}, 100);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].address.value == 0x1000);
  CHECK(rows[0].text() == "push rbp");
  CHECK(rows[1].address.value == 0x1001);
  CHECK(rows[1].text() == "mov rbp, rsp");
  CHECK(rows[1].bytes.size() == 3);
  CHECK(rows[2].text() == "mov eax, 0x2a");
  CHECK(rows[3].text() == "ret");

  disassembler att(asm_syntax::att);
  auto att_rows = att.decode(code, {0x1000}, 100);
  REQUIRE(att_rows.size() == 4);
  CHECK(att_rows[1].text() == "movq %rsp, %rbp");
  CHECK(att_rows[2].text() == "movl $0x2a, %eax");
}

TEST_CASE("the disassembler stops at a count and at bytes that decode to nothing",
          "[disassembler]") {
  disassembler d;
  auto code = bytes({0x90, 0x90, 0x90, 0x90});
  CHECK(d.decode(code, {0}, 2).size() == 2);
  // A truncated mov (b8 needs four immediate bytes).
  auto cut = bytes({0x90, 0xb8, 0x01});
  auto rows = d.decode(cut, {0}, 10);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].text() == "nop");
  CHECK(d.decode({}, {0}, 10).empty());
}

TEST_CASE("relative branches are shown at their target address", "[disassembler]") {
  disassembler d;
  // call rel32 0 -> the next instruction; jmp rel8 -2 -> itself.
  auto code = bytes({0xe8, 0x00, 0x00, 0x00, 0x00, 0xeb, 0xfe});
  auto rows = d.decode(code, {0x401000}, 10);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].text() == "call 0x401005");
  CHECK(rows[1].text() == "jmp 0x401005");
}
