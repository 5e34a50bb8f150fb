// The CFI expression evaluator, on byte strings: no process needed.
#include <initializer_list>
#include <map>
#include <vector>

#include "engine/dwarf_expression.hpp"
#include "tests/engine/engine_helpers.hpp"

using namespace int3;

namespace {

std::vector<std::byte> bytes(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

struct machine {
  std::map<int, std::uint64_t> regs;
  std::map<std::uint64_t, std::uint64_t> memory;
  engine::expression_context context() const {
    return {[this](int r) -> std::optional<std::uint64_t> {
              auto it = regs.find(r);
              if (it == regs.end()) return std::nullopt;
              return it->second;
            },
            [this](std::uint64_t a) -> std::optional<std::uint64_t> {
              auto it = memory.find(a);
              if (it == memory.end()) return std::nullopt;
              return it->second;
            }};
  }
};

}  // namespace

TEST_CASE("the CFA expression of a PLT entry", "[expression]") {
  // DW_OP_breg7 8; DW_OP_breg16 0; DW_OP_lit15; DW_OP_and; DW_OP_lit11;
  // DW_OP_ge; DW_OP_lit3; DW_OP_shl; DW_OP_plus, as ld writes it.
  auto expression = bytes({0x77, 0x08, 0x80, 0x00, 0x3f, 0x1a, 0x3b, 0x2a, 0x33, 0x24, 0x22});
  machine m;
  m.regs[7] = 0x1000;
  m.regs[16] = 0x401026;  // before the push: offset 6 in the entry
  CHECK(engine::evaluate_dwarf_expression(expression, m.context(), std::nullopt) == 0x1008);
  m.regs[16] = 0x40102b;  // after it: offset 11
  CHECK(engine::evaluate_dwarf_expression(expression, m.context(), std::nullopt) == 0x1010);
}

TEST_CASE("expression operations", "[expression]") {
  machine m;
  m.regs[6] = 0x2000;
  m.memory[0x2010] = 0xdead;
  auto eval = [&](std::initializer_list<int> ops, std::optional<std::uint64_t> initial = {}) {
    return engine::evaluate_dwarf_expression(bytes(ops), m.context(), initial);
  };
  CHECK(eval({0x76, 0x10, 0x06}) == 0xdead);               // breg6 16; deref
  CHECK(eval({0x92, 0x06, 0x70}) == 0x2000 - 16);          // bregx 6 -16
  CHECK(eval({0x23, 0x08}, 0x100) == 0x108);               // plus_uconst 8 on the initial value
  CHECK(eval({0x08, 0xff}) == 0xff);                       // const1u
  CHECK(eval({0x09, 0xff}) == std::uint64_t(-1));          // const1s
  CHECK(eval({0x11, 0x7f}) == std::uint64_t(-1));          // consts -1 (sleb)
  CHECK(eval({0x10, 0x80, 0x01}) == 128);                  // constu 128 (uleb)
  CHECK(eval({0x35, 0x37, 0x1c}) == std::uint64_t(-2));    // lit5 lit7 minus
  CHECK(eval({0x35, 0x37, 0x16, 0x1c}) == 2);              // swap first
  CHECK(eval({0x31, 0x2f, 0x01, 0x00, 0x35, 0x30}) == 0);  // skip over lit5
  CHECK(eval({0x31, 0x28, 0x01, 0x00, 0x35, 0x32}) == 2);  // bra taken
  CHECK(eval({0x30, 0x28, 0x01, 0x00, 0x35}) == 5);        // bra not taken
  CHECK(eval({0x32, 0x9f}) == 2);                          // stack_value
  CHECK_FALSE(eval({0x75, 0x00}).has_value());             // breg5: no such register
  CHECK_FALSE(eval({0x1c}).has_value());                   // minus on an empty stack
  CHECK_FALSE(eval({0xe0}).has_value());                   // vendor op: unsupported
  CHECK_FALSE(eval({0x08}).has_value());                   // truncated operand
}
