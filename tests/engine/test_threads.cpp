// All-stop with four threads hitting one breakpoint: no hit lost or doubled.
#include <unistd.h>

#include <map>
#include <set>

#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

TEST_CASE("every hit of four threads on one breakpoint is reported", "[threads]") {
  const int iterations = GENERATE(5, 50);
  INFO(iterations << " iterations");
  const auto threads_c = test::fixture_source("threads.c");
  const auto line = test::line_of(threads_c, "thread body");
  test::output_pipe out;
  auto target = test::launch({"threads", {std::to_string(iterations)}, {}, out.write_end()});
  auto status = target->create_line_breakpoint(threads_c, line);
  REQUIRE(status.verified);

  std::map<pid_t, int> hits_by_thread;
  int hits = 0;
  std::size_t most_threads = 0;
  for (;;) {
    auto stop = test::continue_to_stop(*target);
    if (stop.kind != engine::stop_kind::breakpoint) {
      CHECK(stop.kind == engine::stop_kind::exited);
      CHECK(stop.exit_code == 0);
      break;
    }
    ++hits;
    ++hits_by_thread[stop.tid];
    CHECK(stop.breakpoint_ids == std::vector<int>{status.id});
    CHECK(stop.tid != target->pid());
    auto threads = target->threads();
    most_threads = std::max(most_threads, threads.size());
    std::set<pid_t> tids;
    for (const auto& t : threads) tids.insert(t.tid);
    CHECK(tids.count(stop.tid) == 1);
    CHECK(tids.count(target->pid()) == 1);
    // All stopped: the reporting thread is at the line, every other one can
    // be unwound.
    auto frames = target->stack(stop.tid, 2);
    REQUIRE_FALSE(frames.empty());
    CHECK(frames[0].function == "work");
    CHECK(test::frame_line(frames[0]) == line);
    for (const auto& t : threads) CHECK_FALSE(target->stack(t.tid, 1).empty());
    if (hits > 4 * iterations) break;  // doubled hits: stop early, the check below fails
  }
  CHECK(hits == 4 * iterations);
  CHECK(hits_by_thread.size() == 4);
  for (const auto& [tid, count] : hits_by_thread) CHECK(count == iterations);
  CHECK(most_threads == 5);
  CHECK_THAT(out.read_all(), Catch::Contains("INT3-FIXTURE-DONE"));
}

TEST_CASE("threads are listed with their names", "[threads]") {
  const auto threads_c = test::fixture_source("threads.c");
  auto target = test::launch({"threads", {"1"}, {}, -1});
  REQUIRE(
      target->create_line_breakpoint(threads_c, test::line_of(threads_c, "thread body")).verified);
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  auto threads = target->threads();
  REQUIRE(threads.size() == 5);
  for (const auto& t : threads) CHECK(t.name == "threads");
}

TEST_CASE("a breakpoint removed while threads run leaves no stray trap", "[threads]") {
  const auto threads_c = test::fixture_source("threads.c");
  auto target = test::launch({"threads", {"20000"}, {}, -1});
  auto status = target->create_line_breakpoint(threads_c, test::line_of(threads_c, "thread body"));
  REQUIRE(status.verified);
  // Let the threads hammer it for a while, then take it out under them.
  for (int i = 0; i < 20; ++i)
    REQUIRE(test::continue_to_stop(*target).kind == engine::stop_kind::breakpoint);
  target->resume();
  // No run_for here: the threads are stopped at hits nobody polled yet.
  usleep(2000);
  target->remove_breakpoint(status.id);
  auto stop = test::next_stop(*target);
  CHECK(stop.kind == engine::stop_kind::exited);
  CHECK(stop.exit_code == 0);  // and no thread lost or repeated an iteration
}

TEST_CASE("step_out in one thread while the others run through its return site",
          "[threads][step]") {
  const auto threads_c = test::fixture_source("threads.c");
  auto target = test::launch({"threads", {"2000"}, {}, -1});
  auto status = target->create_line_breakpoint(threads_c, test::line_of(threads_c, "thread body"));
  REQUIRE(status.verified);
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  target->remove_breakpoint(status.id);
  pid_t stepper = stop.tid;
  for (int i = 0; i < 20; ++i) {
    target->step_out(stepper);
    stop = test::next_stop(*target);
    REQUIRE(stop.kind == engine::stop_kind::step);
    CHECK(stop.tid == stepper);
    CHECK(target->stack(stepper, 1).at(0).function == "run");
    target->step_in(stepper);  // back into work() on the next iteration
    stop = test::next_stop(*target);
    REQUIRE(stop.kind == engine::stop_kind::step);
    CHECK(stop.tid == stepper);
    auto function = target->stack(stepper, 1).at(0).function;
    if (function != "work") break;  // this thread's loop ended
  }
  stop = test::continue_to_stop(*target);
  CHECK(stop.kind == engine::stop_kind::exited);
  CHECK(stop.exit_code == 0);
}
