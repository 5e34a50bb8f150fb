// The hit filter (target::set_hit_filter) and the condition scope it
// evaluates in, over thread_hits.c: four threads call tick(id, i) `n` times
// each and exit 1 when a total is off, so a lost or doubled hit shows.
#include <sched.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "engine/expr/evaluator.hpp"
#include "engine/expr/parser.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

// Whether `text` holds in thread `tid`'s innermost frame; fails the test
// when it cannot be decided.
bool holds(const engine::target& target, pid_t tid, const std::string& text) {
  auto parsed = engine::expr::parse(text);
  REQUIRE(parsed);
  auto scope = target.condition_scope(tid);
  auto truth = engine::expr::evaluate_condition(*parsed.root, *scope);
  INFO(text << ": " << truth.error);
  REQUIRE(truth.holds);
  return *truth.holds;
}

}  // namespace

TEST_CASE("a hit filter sees every hit once and stops only where it says", "[hitfilter]") {
  const auto source = test::fixture_source("thread_hits.c");
  auto target = test::launch(test::launch_spec{"thread_hits", {"100"}, {}, -1});
  REQUIRE(target->create_line_breakpoint(source, test::line_of(source, "tick")).verified);
  int seen = 0;
  target->set_hit_filter([&](engine::stop_event& hit) {
    ++seen;
    if (!holds(*target, hit.tid, "id == 2 && i == 50")) return engine::hit_verdict::go_on;
    hit.description = "filtered";
    return engine::hit_verdict::stop;
  });

  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  CHECK(stop.description == "filtered");
  CHECK(seen >= 51);
  // The stopped frame, read through the scope the filter used.
  auto scope = target->condition_scope(stop.tid);
  auto i = scope->lookup("i");
  REQUIRE(i);
  CHECK(i->as_signed() == 50);
  CHECK(scope->read_register("rdi") == 2u);  // -O0: tick's first argument is still there
  auto total = scope->lookup("total");       // a global
  REQUIRE(total);
  CHECK(total->element(2)->as_signed() == 49 * 50 / 2);
  CHECK_FALSE(scope->lookup("nosuch"));

  // Hits that arrived while the others were stopped come again, so each of
  // the 400 reaches the filter exactly once.
  target->set_hit_filter([&](engine::stop_event&) {
    ++seen;
    return engine::hit_verdict::go_on;
  });
  auto end = test::continue_to_stop(*target);
  REQUIRE(end.kind == engine::stop_kind::exited);
  CHECK(end.exit_code == 0);
  CHECK(seen == 400);
}

namespace {

cpu_set_t cpus_of(pid_t tid) {
  cpu_set_t set;
  CPU_ZERO(&set);
  REQUIRE(sched_getaffinity(tid, sizeof set, &set) == 0);
  return set;
}

// A hit filter that counts hits and, at the 1000th, records on how many
// CPUs the hitting thread may run (checking they are the tracer's); it
// stops at hit `stop_at`, or never when that is 0.
engine::hit_filter counting_filter(int& hits, int& cpus_while_hot, int stop_at) {
  return [&hits, &cpus_while_hot, stop_at](engine::stop_event& hit) {
    if (++hits == 1000) {
      cpu_set_t now = cpus_of(hit.tid);
      cpus_while_hot = CPU_COUNT(&now);
      cpu_set_t tracer_now = cpus_of(0);
      CHECK(CPU_EQUAL(&now, &tracer_now));
    }
    return hits == stop_at ? engine::hit_verdict::stop : engine::hit_verdict::go_on;
  };
}

}  // namespace

TEST_CASE("a thread passing a breakpoint fast shares the tracer's CPU until the user sees a stop",
          "[hitfilter]") {
  const auto source = test::fixture_source("loop.c");
  auto target = test::launch(test::launch_spec{"loop_gcc_O0_pie_d5", {"3000"}, {}, -1});
  auto bp = target->create_line_breakpoint(source, test::line_of(source, "square body"));
  REQUIRE(bp.verified);
  const cpu_set_t tracer_before = cpus_of(0);
  const cpu_set_t program_before = cpus_of(target->pid());
  int hits = 0;
  int cpus_while_hot = 0;
  target->set_hit_filter(counting_filter(hits, cpus_while_hot, 2000));
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  CHECK(hits == 2000);
  CHECK(cpus_while_hot == 1);
  // Given back: the program runs where it ran before, the tracer too.
  cpu_set_t program_after = cpus_of(stop.tid);
  cpu_set_t tracer_after = cpus_of(0);
  CHECK(CPU_EQUAL(&program_after, &program_before));
  CHECK(CPU_EQUAL(&tracer_after, &tracer_before));

  target->set_hit_filter({});
  target->remove_breakpoint(bp.id);
  auto end = test::continue_to_stop(*target);
  CHECK(end.kind == engine::stop_kind::exited);
}

TEST_CASE("a pinned thread gets its CPU set back when its hits stop, while it runs on",
          "[hitfilter]") {
  const auto source = test::fixture_source("burst.c");
  auto target = test::launch(test::launch_spec{"burst", {"3000", "60"}, {}, -1});
  REQUIRE(target->create_line_breakpoint(source, test::line_of(source, "burst hit")).verified);
  const cpu_set_t tracer_before = cpus_of(0);
  const cpu_set_t program_before = cpus_of(target->pid());
  int hits = 0;
  int cpus_while_hot = 0;
  target->set_hit_filter(counting_filter(hits, cpus_while_hot, 0));
  target->resume();
  // The burst ends and the program spins on without hits: the pin must go
  // without any stop. The deadline only keeps a failure from hanging.
  bool restored = false;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
       !restored && std::chrono::steady_clock::now() < deadline;) {
    test::run_for(*target, std::chrono::milliseconds(20));
    cpu_set_t program_now = cpus_of(target->pid());
    cpu_set_t tracer_now = cpus_of(0);
    restored = hits == 3000 && CPU_EQUAL(&program_now, &program_before) &&
               CPU_EQUAL(&tracer_now, &tracer_before);
  }
  CHECK(hits == 3000);
  CHECK(cpus_while_hot == 1);
  CHECK(restored);
  CHECK(target->is_running());
}
