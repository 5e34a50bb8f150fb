// Core files read by the engine: the threads, stack, variables and memory
// of a program that died, from cores the kernel and gdb wrote.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "dwarf/elf_file.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/core_dump.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

constexpr int threads_in_fixture = 4;  // main and three workers

// Where the program was loaded, from where frame 0's function is.
std::uint64_t load_bias(const engine::target& target, const engine::stack_frame& frame,
                        const std::string& program) {
  auto code = target.describe_code(frame.pc);
  REQUIRE(code.function_start.has_value());
  auto elf = dwarf::elf_file::open(program);
  auto symbols = elf->symbols_named("fault");
  REQUIRE(symbols.size() == 1);
  return code.function_start->value - symbols[0].address.value;
}

// nm, not our ELF reader, says where the global is.
std::uint64_t global_address(const std::string& program, std::uint64_t bias) {
  std::string command = "nm -P '" + program + "'";
  std::unique_ptr<FILE, int (*)(FILE*)> nm(popen(command.c_str(), "r"), pclose);
  REQUIRE(nm);
  char line[512];
  while (std::fgets(line, sizeof line, nm.get())) {
    char name[256], kind[8];
    unsigned long long address = 0;
    if (std::sscanf(line, "%255s %7s %llx", name, kind, &address) == 3 &&
        std::string(name) == "core_global")
      return address + bias;
  }
  FAIL("nm does not list core_global in " << program);
  return 0;
}

void check_crash(engine::target& target, const std::string& program) {
  const auto source = test::fixture_source("core_crash.c");
  auto stop = target.poll_stop();
  REQUIRE(stop.has_value());
  CHECK(stop->kind == engine::stop_kind::signal);
  CHECK(stop->signal == SIGSEGV);
  CHECK(stop->description == "SIGSEGV (Segmentation fault) at 0x0");
  CHECK_FALSE(target.poll_stop().has_value());  // one crash, reported once

  auto threads = target.threads();
  CHECK(threads.size() == threads_in_fixture);
  CHECK(std::any_of(threads.begin(), threads.end(),
                    [&](const engine::thread_info& t) { return t.tid == target.pid(); }));
  CHECK(stop->tid != target.pid());  // a worker died, not main

  auto frames = target.stack(stop->tid, 0);
  REQUIRE(frames.size() >= 2);
  CHECK(frames[0].function == "fault");
  CHECK(test::frame_line(frames[0]) == test::line_of(source, "fault"));
  CHECK(frames[1].function == "worker");
  // main waits in pthread_join: its stack reaches main through the C library.
  auto main_frames = target.stack(target.pid(), 0);
  CHECK(std::any_of(main_frames.begin(), main_frames.end(),
                    [](const engine::stack_frame& f) { return f.function == "main"; }));

  auto vars = target.variables(stop->tid, 0);
  auto marker = std::find_if(vars.locals.begin(), vars.locals.end(),
                             [](const engine::value& v) { return v.name() == "local_marker"; });
  REQUIRE(marker != vars.locals.end());
  CHECK(marker->summary() == "4243");

  auto at = global_address(program, load_bias(target, frames[0], program));
  auto bytes = target.read_memory({at}, 4);
  REQUIRE(bytes.size() == 4);
  std::uint32_t value = 0;
  std::memcpy(&value, bytes.data(), 4);
  CHECK(value == 0x1234abcdu);

  // Code is readable though cores leave it out: it comes from the file.
  CHECK(target.read_memory(frames[0].pc, 16).size() == 16);
}

}  // namespace

TEST_CASE("a kernel core shows where and how a program died", "[core]") {
  auto fixture = GENERATE(as<std::string>{}, "core_crash_gcc_O0_pie", "core_crash_gcc_O2_nopie",
                          "core_crash_clang_O0_nopie", "core_crash_clang_O2_pie");
  INFO(fixture);
  test::core_dump core(fixture, {});
  auto target = engine::target::open_core(core.path(), core.program());
  check_crash(*target, core.program().string());
  REQUIRE(target->core().has_value());
  CHECK_FALSE(target->core()->program_from_core);
}

TEST_CASE("a core made by gdb reads the same", "[core]") {
  if (!test::core_dump::gdb_available()) {
    WARN("gdb is not installed (scripts/install-deps.sh installs it)");
    return;
  }
  test::core_dump core("core_crash_gcc_O0_pie", {}, test::core_maker::gdb);
  REQUIRE(core.made_by() == test::core_maker::gdb);
  auto target = engine::target::open_core(core.path(), core.program());
  check_crash(*target, core.program().string());
}

TEST_CASE("without a program the core names it", "[core]") {
  test::core_dump core("core_crash_gcc_O0_pie", {});
  auto target = engine::target::open_core(core.path(), std::nullopt);
  REQUIRE(target->core().has_value());
  CHECK(target->core()->program_from_core);
  CHECK(std::filesystem::equivalent(target->core()->program, core.program()));
  CHECK(target->stack(target->poll_stop()->tid, 1).at(0).function == "fault");
}

TEST_CASE("nothing runs or changes in a core", "[core]") {
  test::core_dump core("core_crash_gcc_O0_pie", {});
  auto target = engine::target::open_core(core.path(), core.program());
  auto tid = target->poll_stop()->tid;
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(target->resume(), Contains("not available in a core file"));
  CHECK_THROWS_WITH(target->step_over(tid), Contains("not available in a core file"));
  CHECK_THROWS_WITH(target->pause(), Contains("not available in a core file"));
  std::byte zero{0};
  CHECK_THROWS_WITH(target->write_memory(target->stack(tid, 1).at(0).cfa, {&zero, 1}),
                    Contains("not available in a core file"));
  const auto source = test::fixture_source("core_crash.c");
  auto bp = target->create_line_breakpoint(source, test::line_of(source, "join"));
  CHECK_FALSE(bp.verified);
  CHECK_THAT(bp.message, Contains("not available in a core file"));
  // Registers come from the notes: rip in the first group is the crash pc.
  auto groups = target->register_groups(tid);
  REQUIRE_FALSE(groups.empty());
  CHECK(groups.size() >= 3);  // general purpose, segment, x87/SSE from NT_FPREGSET
}

TEST_CASE("a file that is not a core is refused with a reason", "[core]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(engine::target::open_core(test::fixture_binary("crash"), std::nullopt),
                    Contains("not a core file"));
  CHECK_THROWS_WITH(engine::target::open_core("/nonexistent/core", std::nullopt),
                    Contains("cannot open the core file"));
}
