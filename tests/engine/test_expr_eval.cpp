// The expression evaluator over a fake frame: hand-made types and memory,
// no process.

#include <catch2/catch.hpp>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/expr/evaluator.hpp"
#include "engine/expr/parser.hpp"
#include "engine/expr/synthetic_types.hpp"

namespace {

using namespace int3;
using engine::value;
using engine::expr::evaluate;
namespace synthetic = engine::expr::synthetic;

constexpr std::uint64_t memory_base = 0x1000;

class fake_frame final : public engine::frame_context {
 public:
  std::vector<std::byte> memory = std::vector<std::byte>(256);
  std::map<std::uint16_t, std::uint64_t> registers;

  template <class T>
  void put(std::uint64_t address, T v) {
    std::memcpy(memory.data() + (address - memory_base), &v, sizeof v);
  }

  std::optional<std::uint64_t> read_register(std::uint16_t reg) const override {
    auto it = registers.find(reg);
    if (it == registers.end()) return std::nullopt;
    return it->second;
  }
  bool read_memory(std::uint64_t address, std::span<std::byte> out) const override {
    return read_some(address, out) == out.size();
  }
  const dwarf::debug_info* debug() const override { return nullptr; }
  std::size_t read_some(std::uint64_t address, std::span<std::byte> out) const override {
    std::size_t n = 0;
    for (; n < out.size(); ++n) {
      if (address + n < memory_base || address + n >= memory_base + memory.size()) break;
      out[n] = memory[address + n - memory_base];
    }
    return n;
  }
  void write_memory(std::uint64_t, std::span<const std::byte>) override {}
  bool write_register(std::uint16_t, std::uint64_t) override { return false; }
  std::string symbol_at(std::uint64_t) const override { return {}; }
};

dwarf::member_info member(std::string name, const dwarf::type_info* type, std::uint64_t offset) {
  dwarf::member_info m;
  m.name = std::move(name);
  m.type = type;
  m.byte_offset = offset;
  return m;
}

// struct point { int x; int y; }; struct node { int v; struct node *next; };
struct fixture_types {
  dwarf::type_info point, node, node_ptr, int_array;
  fixture_types() {
    const auto* int_t = synthetic::int_type(4, true);
    point.kind = dwarf::type_kind::structure;
    point.name = "struct point";
    point.byte_size = 8;
    point.members = {member("x", int_t, 0), member("y", int_t, 4)};
    node.kind = dwarf::type_kind::structure;
    node.name = "struct node";
    node.byte_size = 16;
    node_ptr.kind = dwarf::type_kind::pointer;
    node_ptr.name = "struct node *";
    node_ptr.byte_size = 8;
    node_ptr.target = &node;
    node.members = {member("v", int_t, 0), member("next", &node_ptr, 8)};
    int_array.kind = dwarf::type_kind::array;
    int_array.name = "int [4]";
    int_array.byte_size = 16;
    int_array.target = int_t;
    int_array.dimensions = {4};
  }
};

class fake_scope final : public engine::expr::scope {
 public:
  std::shared_ptr<fake_frame> frame_ = std::make_shared<fake_frame>();
  fixture_types types;
  std::map<std::string, std::pair<const dwarf::type_info*, std::uint64_t>> variables;

  fake_scope() {
    // int total = 7 at 0x1000; struct point pt = {3, -4} at 0x1008;
    // struct node a = {1, &b} at 0x1010, b = {2, 0} at 0x1020; node *head = &a at 0x1030;
    // int arr[4] = {10, 20, 30, 40} at 0x1040; double ratio = 0.5 at 0x1050;
    // unsigned char small = 200 at 0x1058
    frame_->put<std::int32_t>(0x1000, 7);
    frame_->put<std::int32_t>(0x1008, 3);
    frame_->put<std::int32_t>(0x100c, -4);
    frame_->put<std::int32_t>(0x1010, 1);
    frame_->put<std::uint64_t>(0x1018, 0x1020);
    frame_->put<std::int32_t>(0x1020, 2);
    frame_->put<std::uint64_t>(0x1028, 0);
    frame_->put<std::uint64_t>(0x1030, 0x1010);
    for (int i = 0; i < 4; ++i) frame_->put<std::int32_t>(0x1040 + 4 * i, 10 * (i + 1));
    frame_->put<double>(0x1050, 0.5);
    frame_->put<std::uint8_t>(0x1058, 200);
    frame_->registers[16] = 0x401000;  // rip on x86-64
    variables["total"] = {synthetic::int_type(4, true), 0x1000};
    variables["pt"] = {&types.point, 0x1008};
    variables["a"] = {&types.node, 0x1010};
    variables["head"] = {&types.node_ptr, 0x1030};
    variables["arr"] = {&types.int_array, 0x1040};
    variables["ratio"] = {synthetic::double_type(), 0x1050};
    variables["small"] = {synthetic::builtin("unsigned char"), 0x1058};
  }

  mutable std::vector<std::string> looked_up;  // by lookup(), in order

  std::optional<value> lookup(std::string_view name) const override {
    looked_up.emplace_back(name);
    return lookup_local(name);
  }
  // All of this fake's variables are the frame's own.
  std::optional<value> lookup_local(std::string_view name) const override {
    auto it = variables.find(std::string(name));
    if (it == variables.end()) return std::nullopt;
    return value::at_address(it->first, it->second.first, it->second.second, frame_);
  }
  const dwarf::type_info* find_type(std::string_view name) const override {
    if (name == "struct point" || name == "point") return &types.point;
    if (name == "struct node") return &types.node;
    return nullptr;
  }
  std::optional<std::uint64_t> read_register(std::string_view name) const override {
    if (name == "rip") return 0x401000;
    return std::nullopt;
  }
  std::shared_ptr<engine::frame_context> frame() const override { return frame_; }
};

std::string result(const std::string& text, bool hex = false) {
  fake_scope s;
  auto r = evaluate(text, s);
  INFO(text << " -> " << r.error);
  REQUIRE(r);
  return r.result->summary(engine::format_options{hex});
}

std::string type_of(const std::string& text) {
  fake_scope s;
  auto r = evaluate(text, s);
  INFO(text << " -> " << r.error);
  REQUIRE(r);
  return r.result->type_name();
}

std::string error(const std::string& text) {
  fake_scope s;
  auto r = evaluate(text, s);
  INFO(text);
  REQUIRE_FALSE(r);
  return r.error;
}

bool holds(const std::string& text) {
  fake_scope s;
  auto parsed = engine::expr::parse(text);
  REQUIRE(parsed);
  auto t = engine::expr::evaluate_condition(*parsed.root, s);
  INFO(text << " -> " << t.error);
  REQUIRE(t.holds);
  return *t.holds;
}

}  // namespace

TEST_CASE("evaluate: variables and arithmetic", "[expr]") {
  CHECK(result("total") == "7");
  CHECK(result("total + 1") == "8");
  CHECK(result("total * 2 - 3") == "11");
  CHECK(result("total / 2") == "3");
  CHECK(result("total % 4") == "3");
  CHECK(result("-total") == "-7");
  CHECK(result("~0") == "-1");
  CHECK(result("1 << 4 | 1") == "17");
  CHECK(result("small + 100") == "300");  // promoted to int, no wrap
  CHECK(result("ratio * 4") == "2");
  CHECK(type_of("ratio * 4") == "double");
  CHECK(type_of("total + 1L") == "long");
  CHECK(type_of("total + 1u") == "unsigned int");
  CHECK(result("-1 < 0u") == "0");  // the usual arithmetic conversions
  CHECK(result("'a' + 1") == "98");
}

TEST_CASE("evaluate: members, pointers and indexing", "[expr]") {
  CHECK(result("pt.x") == "3");
  CHECK(result("pt.y") == "-4");
  CHECK(result("pt.x + pt.y") == "-1");
  CHECK(result("head->v") == "1");
  CHECK(result("head->next->v") == "2");
  CHECK(result("(*head).v") == "1");
  CHECK(result("head.v") == "1");  // gdb's leniency
  CHECK(result("arr[2]") == "30");
  CHECK(result("*(arr + 3)") == "40");
  CHECK(result("&arr[1] - &arr[0]") == "1");
  CHECK(result("*&total") == "7");
  CHECK(result("head->next->next == 0") == "1");
  CHECK(result("(head + 1) - head") == "1");
}

TEST_CASE("evaluate: casts, sizeof and registers", "[expr]") {
  CHECK(result("(char)321") == "65 'A'");
  CHECK(result("(unsigned short)-1") == "65535");
  CHECK(result("(int)ratio") == "0");
  CHECK(result("(double)total / 2") == "3.5");
  CHECK(result("((struct point *)&pt)->y") == "-4");
  CHECK(result("(*(struct point *)0x1008).x") == "3");
  CHECK(result("sizeof(int)") == "4");
  CHECK(result("sizeof(struct point)") == "8");
  CHECK(result("sizeof arr") == "16");
  CHECK(result("sizeof(long)") == "8");
  CHECK(result("$rip", true) == "0x401000");
}

TEST_CASE("evaluate: logical operators short-circuit", "[expr]") {
  CHECK(result("0 && unknown_name") == "0");
  CHECK(result("1 || unknown_name") == "1");
  CHECK(result("total == 7 ? pt.x : pt.y") == "3");
  CHECK(holds("total == 7"));
  CHECK_FALSE(holds("total != 7"));
  CHECK(holds("head"));
  CHECK_FALSE(holds("head->next->next"));
}

TEST_CASE("an unknown name asks for `this` among the frame's own variables only", "[expr]") {
  // lookup() also searches every unit's globals: a big C++ program's every
  // unit mentions "this", so that would index them all after each typo.
  fake_scope s;
  auto r = evaluate("nosuch", s);
  CHECK_FALSE(r);
  CHECK(s.looked_up == std::vector<std::string>{"nosuch"});
}

TEST_CASE("evaluate: errors say what is wrong", "[expr]") {
  CHECK(error("foo") == "unknown name 'foo'");
  CHECK(error("total +") == "expected an expression at end of expression (column 8)");
  CHECK(error("pt.z") == "no member named 'z' in 'struct point'");
  CHECK(error("total / 0") == "division by zero");
  CHECK(error("pt + 1") == "'pt' of type 'struct point' is not a number");
  CHECK(error("*total") == "cannot dereference 'total' of type 'int'");
  CHECK(error("(struct nowhere *)0") == "unknown type 'struct nowhere'");
  CHECK(error("$xyz") == "unknown register '$xyz'");
  CHECK(error("total = 3") == "assignment is not supported in expressions (column 7)");
  CHECK(error("total[1]") == "cannot index 'total' of type 'int'");
}
