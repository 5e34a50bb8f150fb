// Faults stop the program first and kill it on the next resume.
#include <signal.h>
#include <unistd.h>

#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;
using namespace std::chrono_literals;

TEST_CASE("a SIGSEGV is shown, then delivered", "[signal]") {
  const auto crash_c = test::fixture_source("crash.c");
  auto target = test::launch("crash");
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::signal);
  CHECK(stop.signal == SIGSEGV);
  REQUIRE(stop.fault_address.has_value());
  CHECK(stop.fault_address->value == 0);
  CHECK(stop.description == "SIGSEGV (Segmentation fault) at 0x0");
  auto frames = target->stack(stop.tid, 1);
  CHECK(frames.at(0).function == "main");
  CHECK(test::frame_line(frames.at(0)) == test::line_of(crash_c, "fault"));

  stop = test::continue_to_stop(*target);
  CHECK(stop.kind == engine::stop_kind::killed);
  CHECK(stop.signal == SIGSEGV);
  CHECK(stop.description == "killed by signal SIGSEGV (Segmentation fault)");
  CHECK(target->has_ended());
}

TEST_CASE("abort() is shown as SIGABRT without an address", "[signal]") {
  auto target = test::launch({"crash", {"abort"}, {}, -1});
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::signal);
  CHECK(stop.signal == SIGABRT);
  CHECK_FALSE(stop.fault_address.has_value());
  CHECK(stop.description == "SIGABRT (Aborted)");
  stop = test::continue_to_stop(*target);
  CHECK(stop.kind == engine::stop_kind::killed);
  CHECK(stop.signal == SIGABRT);
}

TEST_CASE("pause stops a running program and it can go on", "[signal]") {
  auto target = test::launch({"threads", {"1000000000"}, {}, -1});
  target->resume();
  CHECK(target->is_running());
  CHECK_FALSE(target->poll_stop().has_value());
  test::run_for(*target, 50ms);  // into main's pthread_join, the workers into their loops
  target->pause();
  auto stop = test::next_stop(*target);
  CHECK(stop.kind == engine::stop_kind::pause);
  CHECK(stop.tid == target->pid());
  CHECK_FALSE(target->is_running());
  // Everything is stopped: every thread can show its stack, the main thread
  // from inside the C library (its CFI) up to main.
  for (const auto& thread : target->threads()) CHECK_FALSE(target->stack(thread.tid, 4).empty());
  auto frames = target->stack(target->pid(), 0);
  bool in_main = false;
  for (const auto& frame : frames) in_main |= frame.function == "main";
  CHECK(in_main);
  CHECK(target->threads().size() == 5);
  target->kill();
  CHECK(target->has_ended());
}

TEST_CASE("signals that are not faults go to the program without a stop", "[signal]") {
  auto target = test::launch({"threads", {"1000000000"}, {}, -1});
  target->resume();
  // Ignored by default: the program runs on.
  REQUIRE(::kill(target->pid(), SIGCHLD) == 0);
  REQUIRE(::kill(target->pid(), SIGWINCH) == 0);
  test::run_for(*target, 50ms);
  CHECK(target->is_running());
  // Fatal by default: the program dies of it, as it would without us.
  REQUIRE(::kill(target->pid(), SIGUSR1) == 0);
  auto stop = test::next_stop(*target);
  CHECK(stop.kind == engine::stop_kind::killed);
  CHECK(stop.signal == SIGUSR1);
}

TEST_CASE("a SIGSTOP from outside shows as a pause, and nothing is left stopped", "[signal]") {
  auto target = test::launch({"threads", {"1000000000"}, {}, -1});
  target->resume();
  test::run_for(*target, 20ms);
  REQUIRE(::kill(target->pid(), SIGSTOP) == 0);
  auto stop = test::next_stop(*target);
  CHECK(stop.kind == engine::stop_kind::pause);
  // Resumed, it really runs: a pause of ours is a pause and not SIGSTOP's.
  target->resume();
  test::run_for(*target, 20ms);
  target->pause();
  CHECK(test::next_stop(*target).kind == engine::stop_kind::pause);
}
