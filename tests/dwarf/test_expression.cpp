#include <catch2/catch.hpp>

#include <cstring>
#include <initializer_list>
#include <map>

#include "dwarf/error.hpp"
#include "dwarf/expression.hpp"
#include "dwarf/expression_ops.hpp"
#include "dwarf/location_list.hpp"

using namespace int3;
using dwarf::simple_location;
using kind = dwarf::simple_location::kind;

namespace {

// Hand-assembled expressions: every operand byte spelt out, as the DWARF 5
// standard encodes it (little-endian, LEB128).
std::vector<std::byte> bytes(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

class fake_frame : public dwarf::expression_context {
 public:
  std::map<std::uint16_t, std::uint64_t> registers;
  std::map<std::uint64_t, std::uint8_t> memory;
  std::optional<std::uint64_t> base, cfa, tls_base;
  std::uint64_t bias = 0;

  void store64(std::uint64_t address, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) memory[address + i] = static_cast<std::uint8_t>(value >> (8 * i));
  }

  std::optional<std::uint64_t> read_register(std::uint16_t reg) const override {
    auto it = registers.find(reg);
    if (it == registers.end()) return std::nullopt;
    return it->second;
  }
  bool read_memory(std::uint64_t address, std::span<std::byte> out) const override {
    for (std::size_t i = 0; i < out.size(); ++i) {
      auto it = memory.find(address + i);
      if (it == memory.end()) return false;
      out[i] = static_cast<std::byte>(it->second);
    }
    return true;
  }
  std::optional<std::uint64_t> frame_base() const override { return base; }
  std::optional<std::uint64_t> call_frame_cfa() const override { return cfa; }
  std::uint64_t relocate(std::uint64_t file_address) const override { return file_address + bias; }
  std::optional<std::uint64_t> tls_address(std::uint64_t offset) const override {
    if (!tls_base) return std::nullopt;
    return *tls_base + offset;
  }
};

dwarf::location eval_ok(std::initializer_list<int> expr, const fake_frame& frame = fake_frame()) {
  auto e = bytes(expr);
  auto r = dwarf::evaluate_location(e, frame);
  INFO("error: " << r.error);
  REQUIRE(r);
  return *r.value;
}

std::string eval_error(std::initializer_list<int> expr, const fake_frame& frame = fake_frame()) {
  auto e = bytes(expr);
  auto r = dwarf::evaluate_location(e, frame);
  REQUIRE_FALSE(r);
  CHECK_FALSE(r.error.empty());
  return r.error;
}

// The value an expression ending in DW_OP_stack_value computes.
std::uint64_t value_of(std::initializer_list<int> expr, const fake_frame& frame = fake_frame()) {
  auto l = eval_ok(expr, frame);
  REQUIRE_FALSE(l.is_composite());
  REQUIRE(l.whole.where == kind::implicit_value);
  REQUIRE(l.whole.value.size() == 8);
  std::uint64_t v = 0;
  std::memcpy(&v, l.whole.value.data(), 8);
  return v;
}

constexpr int stack_value = 0x9f;

}  // namespace

TEST_CASE("literals and constants push their operands", "[dwarf][expression]") {
  CHECK(value_of({0x30, stack_value}) == 0);                      // lit0
  CHECK(value_of({0x4f, stack_value}) == 31);                     // lit31
  CHECK(value_of({0x08, 200, stack_value}) == 200);               // const1u
  CHECK(value_of({0x09, 0xff, stack_value}) == ~0ull);            // const1s -1
  CHECK(value_of({0x0a, 0x34, 0x12, stack_value}) == 0x1234);     // const2u
  CHECK(value_of({0x0b, 0xfe, 0xff, stack_value}) == ~0ull - 1);  // const2s -2
  CHECK(value_of({0x0c, 0x78, 0x56, 0x34, 0x12, stack_value}) == 0x12345678);
  CHECK(value_of({0x0d, 0xfd, 0xff, 0xff, 0xff, stack_value}) == ~0ull - 2);  // const4s -3
  CHECK(value_of({0x0e, 1, 2, 3, 4, 5, 6, 7, 8, stack_value}) == 0x0807060504030201);
  CHECK(value_of({0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, stack_value}) == ~0ull);
  CHECK(value_of({0x10, 0xac, 0x02, stack_value}) == 300);          // constu uleb 300
  CHECK(value_of({0x11, 0xd4, 0x7d, stack_value}) == ~0ull - 299);  // consts sleb -300
}

TEST_CASE("DW_OP_addr is relocated by the load bias", "[dwarf][expression]") {
  fake_frame f;
  f.bias = 0x5000;
  auto l = eval_ok({0x03, 0x00, 0x10, 0, 0, 0, 0, 0, 0}, f);
  CHECK(l.whole.where == kind::memory);
  CHECK(l.whole.address == 0x6000);
}

TEST_CASE("register, base-register, frame-base and CFA operations", "[dwarf][expression]") {
  fake_frame f;
  f.registers = {{6, 0x7ffe0000}, {7, 0x1000}};
  f.base = 0x8000;
  f.cfa = 0x9000;

  auto reg = eval_ok({0x53}, f);  // DW_OP_reg3
  CHECK(reg.whole.where == kind::in_register);
  CHECK(reg.whole.reg == 3);
  auto regx = eval_ok({0x90, 17}, f);  // DW_OP_regx 17 (xmm0)
  CHECK(regx.whole.where == kind::in_register);
  CHECK(regx.whole.reg == 17);

  auto breg = eval_ok({0x76, 0x70}, f);  // DW_OP_breg6 -16
  CHECK(breg.whole.where == kind::memory);
  CHECK(breg.whole.address == 0x7ffe0000 - 16);
  CHECK(eval_ok({0x92, 7, 8}, f).whole.address == 0x1008);       // DW_OP_bregx 7 +8
  CHECK(eval_ok({0x91, 0x6c}, f).whole.address == 0x8000 - 20);  // DW_OP_fbreg -20
  CHECK(eval_ok({0x9c}, f).whole.address == 0x9000);             // DW_OP_call_frame_cfa
  CHECK(value_of({0xa5, 6, 0, stack_value}, f) == 0x7ffe0000);   // DW_OP_regval_type

  CHECK_THAT(eval_error({0x75, 0}, f), Catch::Contains("register 5"));
  fake_frame bare;
  CHECK_THAT(eval_error({0x91, 0x70}, bare), Catch::Contains("frame base"));
  CHECK_THAT(eval_error({0x9c}, bare), Catch::Contains("canonical frame address"));
}

TEST_CASE("stack operations", "[dwarf][expression]") {
  CHECK(value_of({0x31, 0x12, 0x22, stack_value}) == 2);           // 1 dup plus
  CHECK(value_of({0x31, 0x32, 0x13, stack_value}) == 1);           // 1 2 drop
  CHECK(value_of({0x31, 0x32, 0x14, stack_value}) == 1);           // 1 2 over
  CHECK(value_of({0x31, 0x32, 0x33, 0x15, 2, stack_value}) == 1);  // 1 2 3 pick 2
  CHECK(value_of({0x31, 0x32, 0x16, stack_value}) == 1);           // 1 2 swap
  CHECK(value_of({0x31, 0x32, 0x16, 0x13, stack_value}) == 2);     // 1 2 swap drop
  // 1 2 3 rot -> 3 1 2 (top is 2, then 1, then 3)
  CHECK(value_of({0x31, 0x32, 0x33, 0x17, stack_value}) == 2);
  CHECK(value_of({0x31, 0x32, 0x33, 0x17, 0x13, stack_value}) == 1);
  CHECK(value_of({0x31, 0x32, 0x33, 0x17, 0x13, 0x13, stack_value}) == 3);
}

TEST_CASE("arithmetic and logic", "[dwarf][expression]") {
  const int minus6[] = {0x11, 0x7a};                       // consts -6
  CHECK(value_of({0x35, 0x33, 0x22, stack_value}) == 8);   // 5 + 3
  CHECK(value_of({0x35, 0x33, 0x1c, stack_value}) == 2);   // 5 - 3
  CHECK(value_of({0x35, 0x33, 0x1e, stack_value}) == 15);  // 5 * 3
  CHECK(value_of({minus6[0], minus6[1], 0x34, 0x1b, stack_value}) ==
        static_cast<std::uint64_t>(-1));                                         // -6 / 4 (signed)
  CHECK(value_of({0x37, 0x33, 0x1d, stack_value}) == 1);                         // 7 mod 3
  CHECK(value_of({0x3c, 0x3a, 0x1a, stack_value}) == 8);                         // 12 & 10
  CHECK(value_of({0x3c, 0x3a, 0x21, stack_value}) == 14);                        // 12 | 10
  CHECK(value_of({0x3c, 0x3a, 0x27, stack_value}) == 6);                         // 12 ^ 10
  CHECK(value_of({0x30, 0x20, stack_value}) == ~0ull);                           // not 0
  CHECK(value_of({0x35, 0x1f, stack_value}) == static_cast<std::uint64_t>(-5));  // neg
  CHECK(value_of({minus6[0], minus6[1], 0x19, stack_value}) == 6);               // abs
  CHECK(value_of({0x31, 0x34, 0x24, stack_value}) == 16);                        // 1 << 4
  CHECK(value_of({0x40, 0x32, 0x25, stack_value}) == 4);                         // 16 >> 2
  CHECK(value_of({minus6[0], minus6[1], 0x31, 0x26, stack_value}) ==
        static_cast<std::uint64_t>(-3));                           // -6 >>a 1
  CHECK(value_of({0x31, 0x23, 0xe7, 0x07, stack_value}) == 1000);  // plus_uconst 999
  CHECK(value_of({0x35, 0xa8, 0x00, stack_value}) == 5);           // convert to generic
  CHECK_THAT(eval_error({0x35, 0x30, 0x1b}), Catch::Contains("division by zero"));
  CHECK_THAT(eval_error({0x35, 0x30, 0x1d}), Catch::Contains("modulo by zero"));
}

TEST_CASE("comparisons are signed", "[dwarf][expression]") {
  const std::initializer_list<int> minus1_1 = {0x09, 0xff, 0x31};  // -1 1
  auto cmp = [&](int op) {
    std::vector<int> e(minus1_1);
    e.push_back(op);
    e.push_back(stack_value);
    auto b = std::vector<std::byte>();
    for (int v : e) b.push_back(static_cast<std::byte>(v));
    auto r = dwarf::evaluate_location(b, fake_frame());
    REQUIRE(r);
    std::uint64_t v = 0;
    std::memcpy(&v, r.value->whole.value.data(), 8);
    return v;
  };
  CHECK(cmp(0x2d) == 1);  // -1 < 1
  CHECK(cmp(0x2b) == 0);  // -1 > 1
  CHECK(cmp(0x2c) == 1);  // le
  CHECK(cmp(0x2a) == 0);  // ge
  CHECK(cmp(0x29) == 0);  // eq
  CHECK(cmp(0x2e) == 1);  // ne
}

TEST_CASE("skip and bra move through the expression", "[dwarf][expression]") {
  // lit1 bra +1 (over lit7) lit9 stack_value
  CHECK(value_of({0x31, 0x28, 0x01, 0x00, 0x37, 0x39, stack_value}) == 9);
  // lit0 bra +1: not taken
  auto l = eval_ok({0x30, 0x28, 0x01, 0x00, 0x37, 0x39, 0x22, stack_value});
  std::uint64_t v = 0;
  std::memcpy(&v, l.whole.value.data(), 8);
  CHECK(v == 16);
  // skip +1 over lit7
  CHECK(value_of({0x2f, 0x01, 0x00, 0x37, 0x39, stack_value}) == 9);
  // A counted loop: 3; do { 1 minus dup } while (top); ends at 0.
  CHECK(value_of({0x33, 0x31, 0x1c, 0x12, 0x28, 0xfa, 0xff, stack_value}) == 0);
}

TEST_CASE("dereferences read memory through the context", "[dwarf][expression]") {
  fake_frame f;
  f.store64(0x1000, 0x1122334455667788);
  f.registers[7] = 0x1000;
  CHECK(value_of({0x77, 0x00, 0x06, stack_value}, f) == 0x1122334455667788);  // breg7 deref
  CHECK(value_of({0x77, 0x00, 0x94, 2, stack_value}, f) == 0x7788);           // deref_size 2
  CHECK(value_of({0x77, 0x00, 0xa6, 4, 0, stack_value}, f) == 0x55667788);    // deref_type
  auto l = eval_ok({0x77, 0x00, 0x06}, f);  // a pointer variable's target
  CHECK(l.whole.where == kind::memory);
  CHECK(l.whole.address == 0x1122334455667788);
  CHECK_THAT(eval_error({0x0a, 0x00, 0x20, 0x06}, f), Catch::Contains("cannot read memory"));
  CHECK_THAT(eval_error({0x77, 0x00, 0x94, 9}, f), Catch::Contains("dereference of 9 bytes"));
}

TEST_CASE("implicit values and stack values have no storage", "[dwarf][expression]") {
  auto l = eval_ok({0x9e, 4, 1, 2, 3, 4});  // DW_OP_implicit_value 4 bytes
  CHECK(l.whole.where == kind::implicit_value);
  CHECK(l.whole.value == bytes({1, 2, 3, 4}));
  auto s = eval_ok({0x08, 42, stack_value});
  CHECK(s.whole.where == kind::implicit_value);
  CHECK(s.whole.value == bytes({42, 0, 0, 0, 0, 0, 0, 0}));
  CHECK(eval_ok({}).is_optimized_out());
}

TEST_CASE("pieces assemble an object from several places", "[dwarf][expression]") {
  fake_frame f;
  f.base = 0x8000;
  // reg3 piece 4, fbreg -8 piece 4
  auto l = eval_ok({0x53, 0x93, 4, 0x91, 0x78, 0x93, 4}, f);
  REQUIRE(l.is_composite());
  REQUIRE(l.pieces.size() == 2);
  CHECK(l.pieces[0].where.where == kind::in_register);
  CHECK(l.pieces[0].where.reg == 3);
  CHECK(l.pieces[0].bit_size == 32);
  CHECK(l.pieces[1].where.where == kind::memory);
  CHECK(l.pieces[1].where.address == 0x8000 - 8);
  CHECK(l.pieces[1].bit_size == 32);

  // gcc's `char text[] = "types"` at -O2: a known first byte, the rest gone.
  auto text = eval_ok({0x08, 116, stack_value, 0x93, 1, 0x93, 5});
  REQUIRE(text.pieces.size() == 2);
  CHECK(text.pieces[0].where.where == kind::implicit_value);
  CHECK(text.pieces[0].where.value.front() == std::byte{116});
  CHECK(text.pieces[0].bit_size == 8);
  CHECK(text.pieces[1].where.where == kind::optimized_out);
  CHECK(text.pieces[1].bit_size == 40);

  // reg0 bit_piece 3 bits at offset 5
  auto bits = eval_ok({0x50, 0x9d, 3, 5});
  REQUIRE(bits.pieces.size() == 1);
  CHECK(bits.pieces[0].bit_size == 3);
  CHECK(bits.pieces[0].bit_offset == 5);

  CHECK_THAT(eval_error({0x53, 0x93, 4, 0x54}), Catch::Contains("last piece"));
}

TEST_CASE("entry values and implicit pointers come back optimized out", "[dwarf][expression]") {
  // DW_OP_entry_value(DW_OP_reg5) DW_OP_stack_value: what gcc/clang -O2 emit.
  CHECK(eval_ok({0xa3, 1, 0x55, stack_value}).is_optimized_out());
  CHECK(eval_ok({0xf3, 1, 0x55, stack_value}).is_optimized_out());  // GNU spelling
  auto l = eval_ok({0xa3, 1, 0x55, stack_value, 0x93, 4, 0x53, 0x93, 4});
  REQUIRE(l.pieces.size() == 2);
  CHECK(l.pieces[0].where.where == kind::optimized_out);
  CHECK(l.pieces[1].where.where == kind::in_register);
  CHECK(eval_ok({0xa0, 0x10, 0, 0, 0, 0}).is_optimized_out());  // implicit_pointer
}

TEST_CASE("thread-local addresses come from the context", "[dwarf][expression]") {
  fake_frame f;
  f.tls_base = 0x7f0000000000;
  for (int op : {0x9b, 0xe0}) {  // form_tls_address, GNU_push_tls_address
    auto e = bytes({0x0e, 0x10, 0, 0, 0, 0, 0, 0, 0, op});
    auto r = dwarf::evaluate_location(e, f);
    REQUIRE(r);
    CHECK(r.value->whole.where == kind::memory);
    CHECK(r.value->whole.address == 0x7f0000000010);
    CHECK_FALSE(dwarf::evaluate_location(e, fake_frame()));
  }
}

TEST_CASE("push_first seeds the stack for call-frame rules", "[dwarf][expression]") {
  auto e = bytes({0x23, 8});  // plus_uconst 8
  auto r = dwarf::evaluate_location(e, fake_frame(), 0x100);
  REQUIRE(r);
  CHECK(r.value->whole.address == 0x108);
}

TEST_CASE("frame base values: a register's contents or an address", "[dwarf][expression]") {
  fake_frame f;
  f.registers[6] = 0x7ffe1000;
  f.cfa = 0x7ffe1010;
  CHECK(dwarf::evaluate_frame_base(bytes({0x56}), f) == 0x7ffe1000u);  // clang: DW_OP_reg6
  CHECK(dwarf::evaluate_frame_base(bytes({0x9c}), f) == 0x7ffe1010u);  // gcc: call_frame_cfa
  CHECK_FALSE(dwarf::evaluate_frame_base(bytes({0x57}), f));           // rdi unknown
}

TEST_CASE("malformed expressions are errors, never crashes", "[dwarf][expression]") {
  CHECK_THAT(eval_error({0x0c, 0x01, 0x02}), Catch::Contains("malformed"));  // const4u cut short
  CHECK_THAT(eval_error({0xff}), Catch::Contains("malformed or unknown"));
  CHECK_THAT(eval_error({0x10}), Catch::Contains("malformed"));        // uleb missing
  CHECK_THAT(eval_error({0x10, 0x80}), Catch::Contains("malformed"));  // uleb unterminated
  CHECK_THAT(eval_error({0x31, 0x22}), Catch::Contains("underflow"));
  CHECK_THAT(eval_error({0x13}), Catch::Contains("underflow"));
  CHECK_THAT(eval_error({0x31, 0x15, 5}), Catch::Contains("underflow"));  // pick past the bottom
  CHECK_THAT(eval_error({0x53, 0x31}), Catch::Contains("follows a register"));
  CHECK_THAT(eval_error({0x2f, 0x10, 0x00}), Catch::Contains("branch outside"));
  CHECK_THAT(eval_error({0x2f, 0x00, 0x80}), Catch::Contains("branch outside"));
  CHECK_THAT(eval_error({0x98, 0x00, 0x00}), Catch::Contains("unsupported"));  // call2
  CHECK_THAT(eval_error({0xa1, 0x00}), Catch::Contains("not rewritten"));      // addrx
  CHECK_THAT(eval_error({0x9e, 10, 1}), Catch::Contains("malformed"));  // implicit_value too short
  CHECK_THAT(eval_error({0x90, 0x80, 0x80, 0x04}), Catch::Contains("out of range"));  // regx 65536
}

TEST_CASE("evaluation is bounded in steps and stack", "[dwarf][expression]") {
  // skip -3: jumps to itself forever.
  CHECK_THAT(eval_error({0x2f, 0xfd, 0xff}), Catch::Contains("10000 operations"));
  // lit0, then dup and skip back: the stack grows until its bound.
  CHECK_THAT(eval_error({0x30, 0x12, 0x2f, 0xfc, 0xff}), Catch::Contains("stack overflow"));
}

TEST_CASE("address-table operations are rewritten to plain operands", "[dwarf][expression]") {
  auto resolve = [](std::uint64_t index) -> std::optional<std::uint64_t> {
    if (index == 0) return 0x4010;
    return std::nullopt;
  };
  // lit7, lit1, bra +2 (over addrx 0), stack_value: the branch must still
  // skip exactly the (now 9-byte) DW_OP_addr.
  auto original = bytes({0x37, 0x31, 0x28, 0x02, 0x00, 0xa1, 0x00, stack_value});
  CHECK(dwarf::has_address_indexes(original));
  auto rewritten = dwarf::rewrite_address_indexes(original, resolve);
  REQUIRE(rewritten);
  CHECK(*rewritten ==
        bytes({0x37, 0x31, 0x28, 0x09, 0x00, 0x03, 0x10, 0x40, 0, 0, 0, 0, 0, 0, stack_value}));
  CHECK_FALSE(dwarf::has_address_indexes(*rewritten));
  CHECK(value_of({0x37, 0x31, 0x28, 0x09, 0x00, 0x03, 0x10, 0x40, 0, 0, 0, 0, 0, 0, stack_value}) ==
        7);
  // constx becomes const8u; an unknown index is refused.
  CHECK(*dwarf::rewrite_address_indexes(bytes({0xa2, 0x00}), resolve) ==
        bytes({0x0e, 0x10, 0x40, 0, 0, 0, 0, 0, 0}));
  CHECK_FALSE(dwarf::rewrite_address_indexes(bytes({0xa1, 0x05}), resolve));
  CHECK_FALSE(dwarf::rewrite_address_indexes(bytes({0xa1}), resolve));
}

TEST_CASE("DWARF 4 .debug_loc lists with base-address selection", "[dwarf][location_list]") {
  auto section = bytes({
      0xaa,  // padding: the list starts at 1
      0x10, 0,    0,    0,    0,    0,    0,    0,
      0x20, 0,    0,    0,    0,    0,    0,    0,     // [base+0x10, base+0x20)
      1,    0,    0x55,                                // len 1: DW_OP_reg5
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,  // base address selection
      0x00, 0x30, 0,    0,    0,    0,    0,    0,     //   new base 0x3000
      0x00, 0,    0,    0,    0,    0,    0,    0,
      0x08, 0,    0,    0,    0,    0,    0,    0,  // [0x3000, 0x3008)
      2,    0,    0x91, 0x70,                       // len 2: fbreg -16
      0,    0,    0,    0,    0,    0,    0,    0,
      0,    0,    0,    0,    0,    0,    0,    0,  // end of list
  });
  auto list = dwarf::parse_debug_loc(section, 1, 0x1000);
  REQUIRE(list.size() == 2);
  CHECK(list[0].low == 0x1010);
  CHECK(list[0].high == 0x1020);
  CHECK(std::vector<std::byte>(list[0].expression.begin(), list[0].expression.end()) ==
        bytes({0x55}));
  CHECK(list[1].low == 0x3000);
  CHECK(list[1].high == 0x3008);
  CHECK(list[1].expression.size() == 2);
  CHECK(dwarf::entry_at(list, 0x1018)->low == 0x1010);
  CHECK(dwarf::entry_at(list, 0x3004)->low == 0x3000);
  CHECK_FALSE(dwarf::entry_at(list, 0x1020));
  // Cut before its end-of-list entry: corrupt, so it throws.
  CHECK_THROWS_AS(dwarf::parse_debug_loc(std::span(section).first(30), 1, 0), dwarf::error);
}

TEST_CASE("DWARF 5 .debug_loclists entry kinds", "[dwarf][location_list]") {
  auto section = bytes({
      0x09, 0x01, 0x02,                          // GNU view pair: ignored
      0x04, 0x10, 0x20, 0x01, 0x55,              // offset_pair [base+0x10, base+0x20): reg5
      0x06, 0x00, 0x50, 0,    0,    0, 0, 0, 0,  // base_address 0x5000
      0x04, 0x00, 0x04, 0x01, 0x54,              // offset_pair [0x5000, 0x5004): reg4
      0x01, 0x00,                                // base_addressx 0 (-> 0x9000)
      0x04, 0x00, 0x02, 0x01, 0x53,              // offset_pair [0x9000, 0x9002): reg3
      0x03, 0x01, 0x08, 0x01, 0x52,              // startx_length [index 1, +8): reg2
      0x02, 0x00, 0x01, 0x01, 0x51,              // startx_endx [0x9000, 0xa000): reg1
      0x07, 0x00, 0x70, 0,    0,    0, 0, 0, 0,  // start_end [0x7000, 0x7010)
      0x10, 0x70, 0,    0,    0,    0, 0, 0, 0x01, 0x50,  //   reg0
      0x08, 0x00, 0x80, 0,    0,    0, 0, 0, 0,    0x04,  // start_length [0x8000, +4)
      0x01, 0x56,                                         //   reg6
      0x02, 0x00, 0x07, 0x01, 0x57,  // startx_endx with an unknown index: dropped
      0x05, 0x01, 0x5f,              // default_location: reg15
      0x00,                          // end_of_list
  });
  auto address_at = [](std::uint64_t index) -> std::optional<std::uint64_t> {
    if (index == 0) return 0x9000;
    if (index == 1) return 0xa000;
    return std::nullopt;
  };
  auto list = dwarf::parse_debug_loclists(section, 0, 0x1000, address_at);
  REQUIRE(list.size() == 8);
  auto reg_of = [](const dwarf::location_list_entry& e) {
    return static_cast<int>(e.expression.front()) - 0x50;
  };
  CHECK((list[0].low == 0x1010 && list[0].high == 0x1020 && reg_of(list[0]) == 5));
  CHECK((list[1].low == 0x5000 && list[1].high == 0x5004 && reg_of(list[1]) == 4));
  CHECK((list[2].low == 0x9000 && list[2].high == 0x9002 && reg_of(list[2]) == 3));
  CHECK((list[3].low == 0xa000 && list[3].high == 0xa008 && reg_of(list[3]) == 2));
  CHECK((list[4].low == 0x9000 && list[4].high == 0xa000 && reg_of(list[4]) == 1));
  CHECK((list[5].low == 0x7000 && list[5].high == 0x7010 && reg_of(list[5]) == 0));
  CHECK((list[6].low == 0x8000 && list[6].high == 0x8004 && reg_of(list[6]) == 6));
  CHECK((list[7].is_default && reg_of(list[7]) == 15));
  CHECK(reg_of(*dwarf::entry_at(list, 0x7008)) == 0);
  CHECK(reg_of(*dwarf::entry_at(list, 0x9001)) == 3);   // the first entry holding pc wins
  CHECK(reg_of(*dwarf::entry_at(list, 0x2000)) == 15);  // else the default

  CHECK_THROWS_AS(dwarf::parse_debug_loclists(bytes({0x0a}), 0, 0, address_at), dwarf::error);
  CHECK_THROWS_AS(dwarf::parse_debug_loclists(bytes({0x04, 0x10}), 0, 0, address_at), dwarf::error);
}

TEST_CASE("DW_FORM_loclistx goes through the unit's offset table", "[dwarf][location_list]") {
  // A table at 12 (after a header we do not read) with two offsets.
  auto section = bytes({0,    0, 0, 0, 0,    0, 0, 0, 0, 0, 0, 0,  //
                        0x08, 0, 0, 0, 0x20, 0, 0, 0});
  CHECK(dwarf::loclistx_offset(section, 12, 0) == 20);
  CHECK(dwarf::loclistx_offset(section, 12, 1) == 44);
  CHECK_THROWS_AS(dwarf::loclistx_offset(section, 12, 2), dwarf::error);
}
