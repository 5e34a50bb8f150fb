// The expression parser alone: no process, no DWARF.

#include <catch2/catch.hpp>

#include <string>

#include "engine/expr/parser.hpp"

namespace {

using int3::engine::expr::node;
using int3::engine::expr::node_kind;
using int3::engine::expr::parse;

// The tree as a Lisp-like string, so tests read as the structure they expect.
std::string show(const node& n) {
  auto kids = [&] {
    std::string out;
    for (const auto& k : n.operands) out += " " + show(*k);
    return out;
  };
  auto type = [&] { return n.type.base + std::string(n.type.pointer_depth, '*'); };
  switch (n.kind) {
    case node_kind::identifier:
      return n.text;
    case node_kind::reg:
      return "$" + n.text;
    case node_kind::integer:
      return std::to_string(n.integer) + (n.is_unsigned ? "u" : "") + (n.is_long ? "l" : "");
    case node_kind::character:
      return "'" + std::to_string(n.integer) + "'";
    case node_kind::floating:
      return "f" + std::to_string(n.floating);
    case node_kind::string:
      return "\"" + n.text + "\"";
    case node_kind::member:
      return "(" + n.op + show(*n.operands[0]) + " " + n.text + ")";
    case node_kind::index:
      return "([]" + kids() + ")";
    case node_kind::unary:
    case node_kind::binary:
    case node_kind::logical:
    case node_kind::assignment:
      return "(" + n.op + kids() + ")";
    case node_kind::conditional:
      return "(?" + kids() + ")";
    case node_kind::cast:
      return "(cast " + type() + kids() + ")";
    case node_kind::sizeof_type:
      return "(sizeof " + type() + ")";
    case node_kind::sizeof_expr:
      return "(sizeof" + kids() + ")";
  }
  return "?";
}

std::string tree(const std::string& text) {
  auto r = parse(text);
  INFO(text << " -> " << r.error);
  REQUIRE(r);
  return show(*r.root);
}

std::string error(const std::string& text) {
  auto r = parse(text);
  INFO(text);
  REQUIRE_FALSE(r);
  return r.error;
}

}  // namespace

TEST_CASE("expressions: names, literals and registers", "[expr]") {
  CHECK(tree("total") == "total");
  CHECK(tree("geo::registry_size") == "geo::registry_size");
  CHECK(tree("this") == "this");
  CHECK(tree("42") == "42");
  CHECK(tree("0x1f") == "31");
  CHECK(tree("017") == "15");
  CHECK(tree("10ul") == "10ul");
  CHECK(tree("'a'") == "'97'");
  CHECK(tree("'\\n'") == "'10'");
  CHECK(tree("1.5") == "f1.500000");
  CHECK(tree("2e3") == "f2000.000000");
  CHECK(tree("\"hi\\t\"") == "\"hi\t\"");
  CHECK(tree("$rip") == "$rip");
  CHECK(tree("true") == "1");
}

TEST_CASE("expressions: C precedence and associativity", "[expr]") {
  CHECK(tree("a + b * c") == "(+ a (* b c))");
  CHECK(tree("a - b - c") == "(- (- a b) c)");
  CHECK(tree("a << 2 + 1") == "(<< a (+ 2 1))");
  CHECK(tree("a < b == c > d") == "(== (< a b) (> c d))");
  CHECK(tree("a & b ^ c | d") == "(| (^ (& a b) c) d)");
  CHECK(tree("a || b && c") == "(|| a (&& b c))");
  CHECK(tree("a ? b : c ? d : e") == "(? a b (? c d e))");
  CHECK(tree("(a + b) * c") == "(* (+ a b) c)");
  CHECK(tree("i == 2") == "(== i 2)");
}

TEST_CASE("expressions: unary, postfix and member access", "[expr]") {
  CHECK(tree("-x") == "(- x)");
  CHECK(tree("!*p") == "(! (* p))");
  CHECK(tree("~&x") == "(~ (& x))");
  CHECK(tree("*p->next") == "(* (->p next))");
  CHECK(tree("a.b.c") == "(.(.a b) c)");
  CHECK(tree("argv[0]") == "([] argv 0)");
  CHECK(tree("m[1][2]") == "([] ([] m 1) 2)");
  CHECK(tree("-a[i].x") == "(- (.([] a i) x))");
}

TEST_CASE("expressions: casts and sizeof", "[expr]") {
  CHECK(tree("(int)x") == "(cast int x)");
  CHECK(tree("(unsigned long)x + 1") == "(+ (cast unsigned long x) 1)");
  CHECK(tree("(struct point*)p") == "(cast struct point* p)");
  CHECK(tree("(const char *)s") == "(cast char* s)");
  CHECK(tree("(point*)p") == "(cast point* p)");
  CHECK(tree("(geo::rect *)p") == "(cast geo::rect* p)");
  CHECK(tree("(uint32_t)x") == "(cast uint32_t x)");
  CHECK(tree("(a) + b") == "(+ a b)");
  CHECK(tree("(a)") == "a");
  CHECK(tree("sizeof(int)") == "(sizeof int)");
  CHECK(tree("sizeof(struct point)") == "(sizeof struct point)");
  CHECK(tree("sizeof x") == "(sizeof x)");
  CHECK(tree("sizeof(x) * 2") == "(* (sizeof x) 2)");
}

TEST_CASE("expressions: assignment is parsed so it can be refused", "[expr]") {
  CHECK(tree("x = 3") == "(= x 3)");
}

TEST_CASE("expressions: errors say what and where", "[expr]") {
  CHECK(error("(a + b") == "expected ')' at end of expression (column 7)");
  CHECK(error("f(1)") == "function calls are not supported at column 2");
  CHECK(error("a +") == "expected an expression at end of expression (column 4)");
  CHECK(error("a @ b") == "unexpected character '@' at column 3");
  CHECK(error("a b") == "unexpected 'b' at column 3");
  CHECK(error("p->") == "expected a member name after '->' at end of expression (column 4)");
  CHECK(error("\"abc") == "unterminated string at column 1");
  CHECK(error("12q") == "bad suffix 'q' on number at column 1");
  CHECK(error("") == "empty expression");
  CHECK(error("$") == "expected a register name after '$' at column 1");
  CHECK(error("(int") == "expected ')' at end of expression (column 5)");
  CHECK(error("a[1") == "expected ']' at end of expression (column 4)");
}
