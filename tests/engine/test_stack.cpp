// Backtraces through CFI (and without frame pointers) up into libc.
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

TEST_CASE("the stack at 'square body' is square <- sum_squares <- main", "[stack]") {
  auto fixture = GENERATE(as<std::string>{}, "loop_gcc_O0_pie_d5", "loop_gcc_O0_nopie_d4",
                          "loop_clang_O0_pie_d5", "loop_gcc_O2_pie_d5", "loop_clang_O2_nopie_d5",
                          "loop_nofp_O2");
  INFO(fixture);
  const auto loop_c = test::fixture_source("loop.c");
  auto target = test::launch(fixture);
  REQUIRE(target->create_line_breakpoint(loop_c, test::line_of(loop_c, "square body")).verified);
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);

  auto frames = target->stack(stop.tid, 0);
  REQUIRE(frames.size() >= 3);
  CHECK(frames[0].function == "square");
  CHECK(test::frame_line(frames[0]) == test::line_of(loop_c, "square body"));
  CHECK(frames[1].function == "sum_squares");
  CHECK(test::frame_line(frames[1]) == test::line_of(loop_c, "call square"));
  CHECK(frames[2].function == "main");
  CHECK(test::frame_line(frames[2]) == test::line_of(loop_c, "call sum"));
  for (std::size_t i = 0; i < frames.size(); ++i) {
    INFO("frame " << i << " " << frames[i].function << " in " << frames[i].module);
    CHECK(frames[i].index == i);
    if (i > 0) CHECK(frames[i].cfa > frames[i - 1].cfa);
  }
  CHECK(frames[0].module == fixture);
  // Past main: the C library's start-up code, and then the end.
  REQUIRE(frames.size() > 3);
  CHECK(frames[3].module.find("libc") != std::string::npos);
  CHECK(frames.size() < 10);

  // max_frames is honoured.
  CHECK(target->stack(stop.tid, 2).size() == 2);
}
