// Line breakpoints: resolution, hits on every compiler and optimisation
// level, the bytes in memory, ids, shared sites and the load bias.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine/error.hpp"
#include "engine/target_impl.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

const std::string loop_c = test::fixture_source("loop.c");

// addr2line as the oracle outside the engine: file:line of a file address.
std::uint32_t addr2line(const std::string& binary, std::uint64_t file_address) {
  char command[512];
  std::snprintf(command, sizeof command, "addr2line -e '%s' 0x%llx", binary.c_str(),
                static_cast<unsigned long long>(file_address));
  FILE* pipe = popen(command, "r");
  REQUIRE(pipe);
  char text[1024] = {};
  if (!std::fgets(text, sizeof text, pipe)) text[0] = 0;
  pclose(pipe);
  std::string out(text);
  auto colon = out.rfind(':');
  if (colon == std::string::npos) return 0;
  try {
    return static_cast<std::uint32_t>(std::stoul(out.substr(colon + 1)));
  } catch (const std::exception&) {
    return 0;
  }
}

std::uint64_t bias_of(const engine::target& target) {
  return dynamic_cast<const engine::target_impl&>(target).load_bias();
}

// Runs `fixture` to its end with a breakpoint at "square body"; returns the
// number of hits, each checked for its pc and line.
int run_square_hits(const std::string& fixture, bool addr2line_takes_non_stmt_row = false) {
  INFO(fixture);
  const auto line = test::line_of(loop_c, "square body");
  auto target = test::launch(fixture);
  auto status = target->create_line_breakpoint(loop_c, line);
  REQUIRE(status.verified);
  CHECK(status.id == 1);
  CHECK(status.line == line);
  CHECK(std::filesystem::path(status.path).filename() == "loop.c");
  REQUIRE_FALSE(target->breakpoint_sites().empty());

  int hits = 0;
  for (;;) {
    auto stop = test::continue_to_stop(*target);
    if (stop.kind != engine::stop_kind::breakpoint) {
      CHECK(stop.kind == engine::stop_kind::exited);
      CHECK(stop.exit_code == 0);
      break;
    }
    ++hits;
    CHECK(stop.breakpoint_ids == std::vector<int>{1});
    CHECK(stop.tid == target->pid());
    auto frames = target->stack(stop.tid, 1);
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].function == "square");
    // The pc is one of our sites, and both DWARF and addr2line put it on the line.
    auto sites = target->breakpoint_sites();
    CHECK(std::find(sites.begin(), sites.end(), frames[0].pc) != sites.end());
    CHECK(test::frame_line(frames[0]) == line);
    // addr2line reports the last row at an address; gcc -O2 puts a non-statement
    // row of line 7 after the statement row of line 8 there, so it says 7.
    if (!addr2line_takes_non_stmt_row)
      CHECK(addr2line(test::fixture_binary(fixture), frames[0].pc.value - bias_of(*target)) ==
            line);
  }
  return hits;
}

}  // namespace

TEST_CASE("a breakpoint at 'square body' is hit once per call at the right line", "[breakpoint]") {
  auto fixture = GENERATE(as<std::string>{}, "loop_gcc_O0_pie_d5", "loop_gcc_O0_nopie_d4",
                          "loop_clang_O0_pie_d5", "loop_clang_O0_nopie_d4", "loop_relative");
  CHECK(run_square_hits(fixture) == 3);
}

TEST_CASE("a breakpoint at 'square body' is hit in optimised code", "[breakpoint]") {
  auto fixture = GENERATE(as<std::string>{}, "loop_clang_O2_pie_d5", "loop_clang_O2_nopie_d4");
  CHECK(run_square_hits(fixture) == 3);  // square is noinline
}

// gcc -O2 puts two rows at square's first address: line 8 (is_stmt) then
// line 7 (not is_stmt); the stop must show the statement's line, as gdb does.
TEST_CASE("a breakpoint at 'square body' in gcc -O2 code stops at that line",
          "[breakpoint]") {
  auto fixture =
      GENERATE(as<std::string>{}, "loop_gcc_O2_pie_d5", "loop_gcc_O2_nopie_d5", "loop_nofp_O2");
  CHECK(run_square_hits(fixture, true) == 3);
}

TEST_CASE("our trap byte is in memory but read_memory shows the program's byte", "[breakpoint]") {
  auto target = test::launch("loop_gcc_O0_pie_d5");
  pid_t pid = target->pid();
  const auto line = test::line_of(loop_c, "square body");
  REQUIRE(target->create_line_breakpoint(loop_c, line).verified);
  auto sites = target->breakpoint_sites();
  REQUIRE(sites.size() == 1);
  engine::virt_addr site = sites[0];

  auto original = target->read_memory(site, 4);
  REQUIRE(original.size() == 4);
  CHECK(original[0] != std::byte{0xCC});
  auto raw = test::raw_memory(pid, site, 4);
  CHECK(raw[0] == std::byte{0xCC});
  CHECK(std::equal(raw.begin() + 1, raw.end(), original.begin() + 1));
  // A read that starts before the site and ends after it is patched too.
  auto around = target->read_memory(site + -2, 5);
  CHECK(around[2] == original[0]);

  // Once hit, still hidden; then removed, the byte is back and the program
  // runs to its end.
  REQUIRE(test::continue_to_stop(*target).kind == engine::stop_kind::breakpoint);
  CHECK(target->read_memory(site, 1)[0] == original[0]);
  target->remove_breakpoint(1);
  CHECK(target->breakpoint_sites().empty());
  CHECK(test::raw_memory(pid, site, 1)[0] == original[0]);
  auto stop = test::continue_to_stop(*target);
  CHECK(stop.kind == engine::stop_kind::exited);
}

TEST_CASE("unresolvable breakpoints say why, and ids are never reused", "[breakpoint]") {
  auto target = test::launch("loop_gcc_O0_pie_d5");
  auto past_end = test::line_of(loop_c, "return") + 100;
  auto none = target->create_line_breakpoint(loop_c, past_end);
  CHECK(none.id == 1);
  CHECK_FALSE(none.verified);
  CHECK(none.message == "no code at or after line " + std::to_string(past_end) + " of loop.c");

  auto elsewhere = target->create_line_breakpoint("/somewhere/else/other.c", 3);
  CHECK(elsewhere.id == 2);
  CHECK_FALSE(elsewhere.verified);
  CHECK(elsewhere.message == "/somewhere/else/other.c is not part of loop_gcc_O0_pie_d5");

  auto good = target->create_line_breakpoint(loop_c, test::line_of(loop_c, "call square"));
  CHECK(good.id == 3);
  CHECK(good.verified);
  target->remove_breakpoint(3);
  auto again = target->create_line_breakpoint(loop_c, test::line_of(loop_c, "call square"));
  CHECK(again.id == 4);
  CHECK(again.verified);
  CHECK_FALSE(target->breakpoint_sites().empty());

  // A line with no code moves to the next line that has some.
  auto blank = target->create_line_breakpoint(loop_c, test::line_of(loop_c, "blank before sum"));
  CHECK(blank.verified);
  CHECK(blank.line == test::line_of(loop_c, "call sum"));
}

TEST_CASE("a program without debug information says so", "[breakpoint]") {
  auto target = test::launch("loop_nodebug");
  CHECK_FALSE(target->has_debug_info());
  auto status = target->create_line_breakpoint(loop_c, test::line_of(loop_c, "square body"));
  CHECK_FALSE(status.verified);
  CHECK(status.message == "loop_nodebug has no debug information (compile with -g)");
  CHECK(test::continue_to_stop(*target).kind == engine::stop_kind::exited);
}

TEST_CASE("two breakpoints on one line share one site", "[breakpoint]") {
  auto target = test::launch("loop_gcc_O0_nopie_d5");
  pid_t pid = target->pid();
  const auto line = test::line_of(loop_c, "square body");
  auto first = target->create_line_breakpoint(loop_c, line);
  auto second = target->create_line_breakpoint(loop_c, line);
  REQUIRE((first.verified && second.verified));
  auto sites = target->breakpoint_sites();
  REQUIRE(sites.size() == 1);
  // Written once: the saved byte is the program's, not our own trap.
  CHECK(target->read_memory(sites[0], 1)[0] != std::byte{0xCC});

  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  CHECK(stop.breakpoint_ids == std::vector<int>{first.id, second.id});

  target->remove_breakpoint(first.id);
  CHECK(test::raw_memory(pid, sites[0], 1)[0] == std::byte{0xCC});
  stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  CHECK(stop.breakpoint_ids == std::vector<int>{second.id});
  target->remove_breakpoint(second.id);
  CHECK(test::raw_memory(pid, sites[0], 1)[0] != std::byte{0xCC});
  CHECK(test::continue_to_stop(*target).kind == engine::stop_kind::exited);
}

TEST_CASE("the PIE load bias is real and matches /proc/<pid>/maps", "[breakpoint]") {
  SECTION("PIE") {
    auto target = test::launch("loop_gcc_O0_pie_d5");
    std::uint64_t bias = bias_of(*target);
    CHECK(bias != 0);
    CHECK(bias % 4096 == 0);
    // The program's first mapping (file offset 0) starts at the bias.
    std::ifstream maps("/proc/" + std::to_string(target->pid()) + "/maps");
    std::string line;
    bool found = false;
    auto binary = std::filesystem::canonical(test::fixture_binary("loop_gcc_O0_pie_d5"));
    while (std::getline(maps, line)) {
      if (line.find(binary.string()) == std::string::npos) continue;
      std::istringstream fields(line);
      std::string range, perms, offset;
      fields >> range >> perms >> offset;
      if (std::stoull(offset, nullptr, 16) != 0) continue;
      CHECK(std::stoull(range.substr(0, range.find('-')), nullptr, 16) == bias);
      found = true;
      break;
    }
    CHECK(found);
    // Sites are where DWARF says plus the bias.
    REQUIRE(target->create_line_breakpoint(loop_c, test::line_of(loop_c, "square body")).verified);
    auto site = target->breakpoint_sites().at(0);
    CHECK(addr2line(binary.string(), site.value - bias) == test::line_of(loop_c, "square body"));
  }
  SECTION("not PIE") {
    auto target = test::launch("loop_gcc_O0_nopie_d5");
    CHECK(bias_of(*target) == 0);
  }
}

TEST_CASE("run_to_entry stops at main", "[breakpoint]") {
  // gcc -O2 puts main's prologue_end row on the argc > 1 branch, never taken here.
  auto fixture = GENERATE(as<std::string>{}, "loop_gcc_O0_pie_d5", "loop_clang_O2_nopie_d5",
                          "loop_gcc_O2_pie_d5", "loop_nodebug");
  INFO(fixture);
  auto target = test::launch(fixture);
  target->run_to_entry();
  auto stop = test::next_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::entry);
  auto frames = target->stack(stop.tid, 1);
  // Without DWARF, the ELF entry point.
  CHECK(frames.at(0).function == (fixture == "loop_nodebug" ? "_start" : "main"));
  if (fixture != "loop_nodebug") {
    CHECK(test::frame_line(frames.at(0)) > test::line_of(loop_c, "call square"));
    CHECK(test::frame_line(frames.at(0)) <= test::line_of(loop_c, "call sum"));
  }
  // The entry site was ours alone: it is gone.
  CHECK(target->breakpoint_sites().empty());
  CHECK(test::continue_to_stop(*target).kind == engine::stop_kind::exited);
}
