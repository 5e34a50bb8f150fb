// engine/stop_cache: fetched once per stop, dropped when the program changes;
// and through it, a target's stack and variables follow the program.

#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "engine/ptrace_calls.hpp"
#include "engine/stop_cache.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3::engine;

namespace {

// A fake program: 3 readable pages from 0x10000, counting every fetch.
struct fake_program {
  int register_fetches = 0;
  int memory_fetches = 0;
  std::uint64_t memory_base = 0x10000;
  std::vector<std::byte> memory = std::vector<std::byte>(3 * 4096);

  stop_cache cache() {
    return stop_cache(
        [this](pid_t) {
          ++register_fetches;
          std::vector<std::byte> block(current_arch().register_block_size, std::byte{0});
          return registers::from_block(block);
        },
        [this](std::uint64_t address, std::span<std::byte> out) -> std::size_t {
          ++memory_fetches;
          if (address < memory_base || address >= memory_base + memory.size()) return 0;
          std::size_t n = std::min(out.size(), memory_base + memory.size() - address);
          std::memcpy(out.data(), memory.data() + (address - memory_base), n);
          return n;
        });
  }
  void put(std::uint64_t address, std::uint64_t word) {
    std::memcpy(memory.data() + (address - memory_base), &word, sizeof word);
  }
};

}  // namespace

TEST_CASE("stop cache: registers are fetched once per stop", "[engine][stop_cache]") {
  fake_program program;
  auto cache = program.cache();
  cache.regs(7);
  cache.regs(7);
  CHECK(program.register_fetches == 1);
  cache.regs(8);
  CHECK(program.register_fetches == 2);
  // Anything that may change the program (a restart, a write) drops them.
  sys::note_change();
  cache.regs(7);
  CHECK(program.register_fetches == 3);
}

TEST_CASE("stop cache: memory is read a page at a time, words across pages too",
          "[engine][stop_cache]") {
  fake_program program;
  program.put(0x10008, 0x1122334455667788);
  program.put(0x10ffc, 0xaabbccddeeff0011);  // straddles the first two pages
  auto cache = program.cache();
  CHECK(cache.read_word(0x10008) == 0x1122334455667788u);
  CHECK(cache.read_word(0x10010) == 0u);
  CHECK(program.memory_fetches == 1);
  CHECK(cache.read_word(0x10ffc) == 0xaabbccddeeff0011u);
  CHECK(program.memory_fetches == 2);
  // Past the end of what is mapped: unreadable, also half a word.
  CHECK(cache.read_word(0x12ffc) == std::nullopt);
  CHECK(cache.read_word(0x20000) == std::nullopt);

  program.put(0x10008, 42);
  CHECK(cache.read_word(0x10008) == 0x1122334455667788u);  // the same stop
  sys::note_change();
  CHECK(cache.read_word(0x10008) == 42u);
}

// ---- on a real program: target_impl's stack() and variables() through the cache

namespace {

struct stopped_program {
  std::unique_ptr<target> program;
  pid_t tid = 0;
};

stopped_program stop_at(const std::string& fixture, const std::string& source,
                        const std::string& marker) {
  const auto path = int3::test::fixture_source(source);
  stopped_program s{int3::test::launch(fixture), 0};
  REQUIRE(s.program->create_line_breakpoint(path, int3::test::line_of(path, marker)).verified);
  auto stop = int3::test::continue_to_stop(*s.program);
  REQUIRE(stop.kind == stop_kind::breakpoint);
  s.tid = stop.tid;
  return s;
}

std::string value_of(const std::vector<value>& values, const std::string& name) {
  for (const auto& v : values)
    if (v.name() == name) return v.summary();
  FAIL("no variable " << name);
  return {};
}

}  // namespace

TEST_CASE("stop cache: stack and variables follow writes and the next stop",
          "[engine][stop_cache]") {
  auto s = stop_at("loop_gcc_O0_pie_d5", "loop.c", "square body");
  auto frames = s.program->stack(s.tid, 20);
  REQUIRE(frames.size() >= 3);
  CHECK(frames[0].function == "square");
  CHECK(frames[1].function == "sum_squares");
  auto vars = s.program->variables(s.tid, 0);
  CHECK(value_of(vars.arguments, "x") == "0");
  CHECK(value_of(s.program->variables(s.tid, 1).locals, "i") == "0");

  // A write through the target, then one through a value: each is seen.
  auto address = vars.arguments.front().address();
  REQUIRE(address);
  const std::int32_t five = 5;
  s.program->write_memory({*address}, std::as_bytes(std::span(&five, 1)));
  CHECK(value_of(s.program->variables(s.tid, 0).arguments, "x") == "5");
  s.program->variables(s.tid, 0).arguments.front().assign("7");
  CHECK(value_of(s.program->variables(s.tid, 0).arguments, "x") == "7");

  // The next stop has its own frames and values.
  auto stop = int3::test::continue_to_stop(*s.program);
  REQUIRE(stop.kind == stop_kind::breakpoint);
  CHECK(value_of(s.program->variables(s.tid, 0).arguments, "x") == "1");
  CHECK(value_of(s.program->variables(s.tid, 1).locals, "i") == "1");
  auto again = s.program->stack(s.tid, 20);
  REQUIRE(again.size() == frames.size());
  CHECK(again[0].function == "square");
  CHECK(again[1].location->line == frames[1].location->line);
}

TEST_CASE("stop cache: deeper pages extend the frames already unwound", "[engine][stop_cache]") {
  auto s = stop_at("recurse", "recurse.c", "dive");
  for (int hit = 0; hit < 30; ++hit) int3::test::continue_to_stop(*s.program);
  // dive(30) is on top: frame i is dive(30 - i).
  auto first = s.program->stack(s.tid, 5);
  auto deeper = s.program->stack(s.tid, 25);
  auto all = s.program->stack(s.tid, 0);
  REQUIRE(first.size() == 5);
  REQUIRE(deeper.size() == 25);
  REQUIRE(all.size() >= 32);  // 31 dive calls and main
  for (std::size_t i = 0; i < deeper.size(); ++i) {
    INFO("frame " << i);
    CHECK(deeper[i].function == all[i].function);
    CHECK(deeper[i].pc == all[i].pc);
    CHECK(deeper[i].cfa == all[i].cfa);
    CHECK(deeper[i].index == i);
    if (i < first.size()) CHECK(first[i].cfa == all[i].cfa);
  }
  CHECK(all[31].function == "main");
  CHECK(value_of(s.program->variables(s.tid, 20).arguments, "n") == "10");
  CHECK(value_of(s.program->variables(s.tid, 0).arguments, "n") == "30");
}
