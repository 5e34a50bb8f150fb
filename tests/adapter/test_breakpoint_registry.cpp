// The registry's diff keeps ids stable across setBreakpoints calls, and its
// engine side respects the engine's need for a stopped program.

#include <catch2/catch.hpp>

#include "adapter/breakpoint_registry.hpp"
#include "tests/adapter/fake_target.hpp"

using int3::dap::breakpoint_registry;
using int3::test::fake_target;

namespace {
std::vector<int> ids_of(const breakpoint_registry::replace_result& r) {
  std::vector<int> out;
  for (const auto& id : r.ids) out.push_back(id.value_or(0));
  return out;
}
}  // namespace

TEST_CASE("registry keeps ids of lines that stay", "[breakpoint_registry]") {
  breakpoint_registry registry;
  auto first = registry.replace("/src/a.c", {10, 20, 30}, "pending");
  auto ids = ids_of(first);
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] != ids[1]);
  CHECK(ids[1] != ids[2]);

  auto second = registry.replace("/src/a.c", {30, 40, 10}, "pending");
  auto again = ids_of(second);
  CHECK(again[0] == ids[2]);  // 30 kept its id
  CHECK(again[2] == ids[0]);  // 10 kept its id
  CHECK(again[1] > ids[2]);   // 40 is new
  REQUIRE(second.removed.size() == 1);
  CHECK(second.removed[0].requested_line == 20);
  CHECK(registry.find(ids[1]) == nullptr);
  // Request order, not line order.
  CHECK(registry.ids_of("/src/a.c") == again);
}

TEST_CASE("registry clears a source with an empty list", "[breakpoint_registry]") {
  breakpoint_registry registry;
  registry.replace("/src/a.c", {1, 2}, "pending");
  auto other = ids_of(registry.replace("/src/b.c", {5}, "pending"));
  auto cleared = registry.replace("/src/a.c", {}, "pending");
  CHECK(cleared.ids.empty());
  CHECK(cleared.removed.size() == 2);
  CHECK(registry.ids_of("/src/a.c").empty());
  CHECK(registry.ids() == other);
}

TEST_CASE("registry treats lexically equal paths as one source", "[breakpoint_registry]") {
  breakpoint_registry registry;
  auto a = ids_of(registry.replace("/src/./a.c", {3}, "pending"));
  auto b = ids_of(registry.replace("/src/x/../a.c", {3}, "pending"));
  CHECK(a == b);
}

TEST_CASE("registry answers a repeated line once", "[breakpoint_registry]") {
  breakpoint_registry registry;
  auto r = registry.replace("/src/a.c", {7, 7}, "pending");
  REQUIRE(r.ids.size() == 2);
  CHECK(r.ids[0].has_value());
  CHECK_FALSE(r.ids[1].has_value());
}

TEST_CASE("registry binds pending entries and reports changes", "[breakpoint_registry]") {
  breakpoint_registry registry;
  fake_target target;
  auto ids = ids_of(registry.replace("/src/a.c", {6, 8, 99}, "pending: not launched"));
  CHECK(registry.find(ids[0])->message == "pending: not launched");

  auto changed = registry.bind_pending(target);
  CHECK(changed == ids);
  const auto* slid = registry.find(ids[0]);
  CHECK(slid->verified);
  CHECK(slid->line == 8);  // slid from 6 to the next line with code
  CHECK(slid->message.empty());
  const auto* missing = registry.find(ids[2]);
  CHECK_FALSE(missing->verified);
  CHECK(missing->line == 99);
  CHECK_THAT(missing->message, Catch::Contains("no code"));
  CHECK(registry.id_for_engine(*slid->engine_id) == ids[0]);

  // Nothing left to bind: no engine calls, no changes.
  auto calls = target.calls->size();
  CHECK(registry.bind_pending(target).empty());
  CHECK(target.calls->size() == calls);
}

TEST_CASE("registry turns an engine failure into that entry's message", "[breakpoint_registry]") {
  breakpoint_registry registry;
  fake_target target;
  target.set_running(true);  // the fake refuses, as ptrace would
  auto ids = ids_of(registry.replace("/src/a.c", {8}, "pending"));
  CHECK(registry.bind_pending(target) == ids);
  CHECK_THAT(registry.find(ids[0])->message, Catch::Contains("running"));
  CHECK_FALSE(registry.find(ids[0])->verified);
}

TEST_CASE("registry defers removals and forgets everything at the end", "[breakpoint_registry]") {
  breakpoint_registry registry;
  fake_target target;
  auto ids = ids_of(registry.replace("/src/a.c", {8, 10}, "pending"));
  registry.bind_pending(target);
  int engine_id = *registry.find(ids[0])->engine_id;

  auto r = registry.replace("/src/a.c", {10}, "pending");
  REQUIRE(r.removed.size() == 1);
  registry.defer_removal(*r.removed[0].engine_id);
  CHECK(registry.removal_deferred(engine_id));
  registry.remove_deferred(target);
  CHECK_FALSE(registry.removal_deferred(engine_id));
  CHECK(target.live_breakpoints.count(engine_id) == 0);

  registry.unbind_all("pending again");
  const auto* left = registry.find(ids[1]);
  CHECK_FALSE(left->engine_id.has_value());
  CHECK_FALSE(left->verified);
  CHECK(left->line == 10);
  CHECK(left->message == "pending again");
}
