// completion_context_at: what the console's text asks to complete.

#include <catch2/catch.hpp>

#include <string>

#include "adapter/completion_context.hpp"

using int3::dap::completion_context;
using int3::dap::completion_context_at;
using kind = completion_context::kind;

namespace {

completion_context at_end(const std::string& line) {
  auto c = completion_context_at(line, line.size());
  REQUIRE(c);
  return *c;
}

}  // namespace

TEST_CASE("a partial word completes as a name from where the word starts", "[completions]") {
  auto c = at_end("x + cou");
  CHECK(c.what == kind::name);
  CHECK(c.prefix == "cou");
  CHECK(c.start == 4);
  c = at_end("");
  CHECK(c.what == kind::name);
  CHECK(c.prefix.empty());
}

TEST_CASE("after . and -> the object is the postfix expression before it", "[completions]") {
  auto c = at_end("p->ne");
  CHECK(c.what == kind::member);
  CHECK(c.object == "p");
  CHECK(c.prefix == "ne");
  CHECK(c.start == 3);
  CHECK(at_end("1 + a[i + 1].b->").object == "a[i + 1].b");
  CHECK(at_end("(*pp).").object == "(*pp)");
  CHECK(at_end("f(s.").object == "s");
  CHECK(at_end("ns::var.x").object == "ns::var");
}

TEST_CASE("the cursor, not the end of the line, decides", "[completions]") {
  auto c = completion_context_at("pt.x + 1", 4);
  REQUIRE(c);
  CHECK(c->what == kind::member);
  CHECK(c->object == "pt");
  CHECK(c->prefix == "x");
  c = completion_context_at("abc", 99);
  REQUIRE(c);
  CHECK(c->prefix == "abc");
}

TEST_CASE("registers after $", "[completions]") {
  auto c = at_end("$r");
  CHECK(c.what == kind::reg);
  CHECK(c.prefix == "r");
  CHECK(c.start == 1);
}

TEST_CASE("numbers, literals, scopes and a dangling dot complete nothing", "[completions]") {
  CHECK_FALSE(completion_context_at("12", 2));
  CHECK_FALSE(completion_context_at("1.", 2));
  CHECK_FALSE(completion_context_at("\"abc.", 5));
  CHECK_FALSE(completion_context_at("'a", 2));
  CHECK_FALSE(completion_context_at("std::", 5));
  CHECK_FALSE(completion_context_at(".x", 2));
  CHECK_FALSE(completion_context_at("a) .", 4));
  CHECK_FALSE(completion_context_at("a >", 3));  // a trigger character, but no `->`
  CHECK(completion_context_at("a > ", 4));
  CHECK(completion_context_at("\"a.b\" + x", 9));
}
