// libstdc++ containers over DAP: summaries, indexedVariables and paging
// with start/count, as VS Code asks for them; corrupt values answer.

#include "tests/e2e/locals_view.hpp"

using namespace int3::test;

TEST_CASE("deque, array, variant and tuple page over DAP", "[e2e][formatters]") {
  e2e_client client;
  json locals = locals_at(client, "containers_gcc_O0", "containers.cpp", "containers");

  json queue = named(locals, "queue");
  CHECK(queue["value"] == "size=305");
  CHECK(queue["indexedVariables"] == 305);
  json tail = variables(client, queue["variablesReference"],
                        {{"filter", "indexed"}, {"start", 300}, {"count", 5}});
  REQUIRE(tail.size() == 5);
  CHECK(tail[0]["name"] == "[300]");
  CHECK(tail[4]["value"] == "299");

  json quad = named(locals, "quad");
  CHECK(quad["value"] == "size=4");
  CHECK(quad["indexedVariables"] == 4);

  json with_text = named(locals, "with_text");
  CHECK(with_text["value"] == "\"picked\"");
  json held = variables(client, with_text["variablesReference"]);
  CHECK(named(held, "index")["value"] == "1");
  CHECK(named(held, "value")["value"] == "\"picked\"");

  json triple = named(locals, "triple");
  CHECK(triple["value"] == "{1, 2.5, \"three\"}");
  CHECK(named(variables(client, triple["variablesReference"]), "[1]")["value"] == "2.5");

  CHECK(named(locals, "entry")["value"] == "{first=5, second=\"five\"}");
  CHECK(named(locals, "chain")["value"] == "size=3");
  CHECK(named(locals, "primes")["value"] == "size=5");
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}

TEST_CASE("a cyclic list, an unmapped pointer and a garbage vector answer over DAP",
          "[e2e][formatters]") {
  e2e_client client;
  json locals = locals_at(client, "containers_gcc_O0", "containers.cpp", "containers");
  // Twenty levels down the a -> b -> a cycle, one request per level.
  json node = named(locals, "a");
  for (int i = 0; i < 20; ++i) {
    REQUIRE(node["variablesReference"].get<std::int64_t>() > 0);
    node = named(variables(client, node["variablesReference"]), "next");
  }
  json dangling = named(locals, "dangling");
  json pointee = variables(client, dangling["variablesReference"]);
  REQUIRE(pointee.size() == 1);
  CHECK(contains(pointee[0]["value"].get<std::string>(), "<cannot read memory at 0x"));

  json wild = named(locals, "wild");
  CHECK(wild["value"] == "size=50000000");
  // A reference: its page answers at once (tests/engine/test_formatters.cpp
  // checks the elements themselves).
  json page = variables(client, wild["variablesReference"], {{"start", 1000}, {"count", 3}});
  CHECK(page.size() <= 3);
  CHECK(named(locals, "looped")["value"] == "<invalid forward_list: cyclic>");
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}
