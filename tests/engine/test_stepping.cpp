// Source-line stepping on loop.c.
#include <algorithm>

#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

const std::string loop_c = test::fixture_source("loop.c");

struct stopped_at {
  std::unique_ptr<engine::target> target;
  pid_t tid = 0;
};

// Launched and stopped at a marker, with that breakpoint removed again.
stopped_at stop_at(const std::string& fixture, const std::string& marker) {
  stopped_at s{test::launch(fixture)};
  auto status = s.target->create_line_breakpoint(loop_c, test::line_of(loop_c, marker));
  REQUIRE(status.verified);
  auto stop = test::continue_to_stop(*s.target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  s.target->remove_breakpoint(status.id);
  s.tid = stop.tid;
  return s;
}

engine::stack_frame top(engine::target& target, pid_t tid) {
  return target.stack(tid, 1).at(0);
}

}  // namespace

TEST_CASE("step_over a call stays in the function and goes to the next line", "[step]") {
  auto s = stop_at("loop_gcc_O0_pie_d5", "call square");
  s.target->step_over(s.tid);
  CHECK(s.target->is_running());
  auto stop = test::next_stop(*s.target);
  REQUIRE(stop.kind == engine::stop_kind::step);
  auto frame = top(*s.target, s.tid);
  CHECK(frame.function == "sum_squares");
  CHECK(test::frame_line(frame) == test::line_of(loop_c, "for header"));

  // And again: the loop goes round to the call.
  s.target->step_over(s.tid);
  REQUIRE(test::next_stop(*s.target).kind == engine::stop_kind::step);
  CHECK(test::frame_line(top(*s.target, s.tid)) == test::line_of(loop_c, "call square"));
}

TEST_CASE("step_over over printf (PLT, libc) reaches the next line of main", "[step]") {
  auto s = stop_at("loop_gcc_O0_pie_d5", "call sum");
  auto call_line = test::line_of(loop_c, "call sum");
  s.target->step_over(s.tid);
  REQUIRE(test::next_stop(*s.target).kind == engine::stop_kind::step);
  auto after_sum = test::frame_line(top(*s.target, s.tid));
  CHECK(after_sum > call_line);
  // The printf line: over it with step_in too, as there is no line info inside.
  s.target->step_in(s.tid);
  REQUIRE(test::next_stop(*s.target).kind == engine::stop_kind::step);
  auto frame = top(*s.target, s.tid);
  CHECK(frame.function == "main");
  CHECK(test::frame_line(frame) > after_sum);
}

TEST_CASE("step_in enters square after its prologue", "[step]") {
  auto fixture = GENERATE(as<std::string>{}, "loop_gcc_O0_pie_d5", "loop_clang_O0_nopie_d5");
  INFO(fixture);
  auto s = stop_at(fixture, "call square");
  s.target->step_in(s.tid);
  auto stop = test::next_stop(*s.target);
  REQUIRE(stop.kind == engine::stop_kind::step);
  auto frames = s.target->stack(s.tid, 2);
  CHECK(frames.at(0).function == "square");
  CHECK(test::frame_line(frames.at(0)) == test::line_of(loop_c, "square body"));
  CHECK(frames.at(1).function == "sum_squares");
}

TEST_CASE("step_out returns to the caller's line", "[step]") {
  auto fixture = GENERATE(as<std::string>{}, "loop_gcc_O0_pie_d5", "loop_nofp_O2");
  INFO(fixture);
  auto s = stop_at(fixture, "square body");
  s.target->step_out(s.tid);
  auto stop = test::next_stop(*s.target);
  REQUIRE(stop.kind == engine::stop_kind::step);
  auto frame = top(*s.target, s.tid);
  CHECK(frame.function == "sum_squares");
  CHECK(test::frame_line(frame) == test::line_of(loop_c, "call square"));
}

TEST_CASE("a breakpoint inside a stepped-over call wins", "[step]") {
  auto s = stop_at("loop_gcc_O0_pie_d5", "call square");
  auto inside = s.target->create_line_breakpoint(loop_c, test::line_of(loop_c, "square body"));
  REQUIRE(inside.verified);
  s.target->step_over(s.tid);
  auto stop = test::next_stop(*s.target);
  CHECK(stop.kind == engine::stop_kind::breakpoint);
  CHECK(stop.breakpoint_ids == std::vector<int>{inside.id});
  // The abandoned step left no site behind.
  CHECK(s.target->breakpoint_sites().size() == 1);
}

TEST_CASE("step_instruction moves one instruction", "[step]") {
  auto s = stop_at("loop_gcc_O0_pie_d5", "square body");
  auto before = top(*s.target, s.tid).pc;
  s.target->step_instruction(s.tid);
  auto stop = test::next_stop(*s.target);
  CHECK(stop.kind == engine::stop_kind::step);
  auto after = top(*s.target, s.tid).pc;
  CHECK(after > before);
  CHECK(after.value - before.value < 16);
}

TEST_CASE("stepping to the end of the program reports its exit", "[step]") {
  auto s = stop_at("loop_gcc_O0_pie_d5", "return");
  // Out of main (into libc, no line info) and on: the exit is what comes.
  for (int i = 0; i < 10; ++i) {
    s.target->step_over(s.tid);
    auto stop = test::next_stop(*s.target);
    if (stop.kind == engine::stop_kind::exited) {
      CHECK(stop.exit_code == 0);
      return;
    }
    REQUIRE(stop.kind == engine::stop_kind::step);
  }
  FAIL("the program did not end");
}

TEST_CASE("step_in from main to the end visits square once per call", "[step]") {
  auto fixture = GENERATE(as<std::string>{}, "loop_gcc_O0_pie_d5", "loop_gcc_O2_pie_d5",
                          "loop_clang_O2_nopie_d5", "loop_nofp_O2");
  INFO(fixture);
  auto target = test::launch(fixture);
  target->run_to_entry();
  auto stop = test::next_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::entry);
  int in_square = 0;
  std::string previous;
  for (int i = 0; i < 200; ++i) {
    auto frame = top(*target, stop.tid);
    INFO("step " << i << ": " << frame.function << ":" << test::frame_line(frame));
    if (frame.function == "square" && previous != "square") ++in_square;
    previous = frame.function;
    CHECK((frame.function == "main" || frame.function == "sum_squares" ||
           frame.function == "square" || frame.location == std::nullopt));
    target->step_in(stop.tid);
    stop = test::next_stop(*target);
    if (stop.kind == engine::stop_kind::exited) break;
    REQUIRE(stop.kind == engine::stop_kind::step);
  }
  CHECK(stop.kind == engine::stop_kind::exited);
  CHECK(in_square == 3);
}

TEST_CASE("step_over from main to the end never enters a callee", "[step]") {
  auto fixture = GENERATE(as<std::string>{}, "loop_gcc_O0_nopie_d5", "loop_clang_O0_pie_d5");
  INFO(fixture);
  auto target = test::launch(fixture);
  target->run_to_entry();
  auto stop = test::next_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::entry);
  std::vector<std::uint32_t> lines;
  for (int i = 0; i < 50; ++i) {
    auto frame = top(*target, stop.tid);
    if (frame.location) {
      CHECK(frame.function == "main");
      lines.push_back(test::frame_line(frame));
    }
    target->step_over(stop.tid);
    stop = test::next_stop(*target);
    if (stop.kind == engine::stop_kind::exited) break;
    REQUIRE(stop.kind == engine::stop_kind::step);
  }
  CHECK(stop.kind == engine::stop_kind::exited);
  // Down main's lines, in order: call sum, the printfs, return.
  CHECK(std::is_sorted(lines.begin(), lines.end()));
  CHECK(std::find(lines.begin(), lines.end(), test::line_of(loop_c, "call sum")) != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), test::line_of(loop_c, "return")) != lines.end());
}
