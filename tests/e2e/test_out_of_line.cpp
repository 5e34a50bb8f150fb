// Breakpoints on instructions the tracer does not emulate, as a user of the
// disassembly view meets them in a PIE program: an instruction breakpoint
// on a `rep stosb` stops once each time the program runs it (a single step
// runs one of its 100,000 iterations, so stepping it in place would stop
// there again and again), and the program computes what it computes alone.

#include <cstdio>
#include <memory>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

std::string native_output(const std::string& fixture) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(fixture_binary(fixture).c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buffer[256];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

}  // namespace

TEST_CASE("an instruction breakpoint on a rep instruction stops once per run of it",
          "[e2e][out_of_line]") {
  const std::string fixture = GENERATE("out_of_line_gcc_O0_pie", "out_of_line_clang_O2_pie");
  INFO(fixture);
  const std::string expected = native_output(fixture);
  REQUIRE(contains(expected, "checksum "));
  const std::string src = source_path("out_of_line.c");
  e2e_client client;
  start_with_breakpoints(client, launch_config(fixture), src, {line_of(src, "fill")});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json top = client.stack_trace(tid)["body"]["stackFrames"][0];
  json code =
      client.request_ok("disassemble", {{"memoryReference", top["instructionPointerReference"]},
                                        {"instructionCount", 40}})["body"]["instructions"];
  std::string rep;
  for (const auto& insn : code) {
    if (insn.value("instruction", "").rfind("rep", 0) == 0) {
      rep = insn["address"];
      break;
    }
  }
  REQUIRE_FALSE(rep.empty());
  json set = client.request_ok("setInstructionBreakpoints",
                               {{"breakpoints", {{{"instructionReference", rep}}}}})["body"];
  REQUIRE(set["breakpoints"][0]["verified"] == true);
  client.set_breakpoints(src, {});

  // At -O2 the line's first instruction may be the rep itself: that stop
  // is the first run's.
  int stops = std::stoull(top["instructionPointerReference"].get<std::string>(), nullptr, 0) ==
                      std::stoull(rep, nullptr, 0)
                  ? 1
                  : 0;
  for (;;) {
    client.continue_(tid);
    json next = client.expect_one_of({"stopped", "exited"});
    if (next["event"] == "exited") {
      CHECK(next["body"]["exitCode"] == 0);
      break;
    }
    ++stops;
    REQUIRE(stops <= 3);
    tid = next["body"]["threadId"].get<std::int64_t>();
    json at = client.stack_trace(tid)["body"]["stackFrames"][0];
    CHECK(std::stoull(at["instructionPointerReference"].get<std::string>(), nullptr, 0) ==
          std::stoull(rep, nullptr, 0));
    CHECK(at["name"] == "fill");
  }
  CHECK(stops == 3);
  client.wait_terminated();
  CHECK(contains(client.output("stdout"), expected));
}
