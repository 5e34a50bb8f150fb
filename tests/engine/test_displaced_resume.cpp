// Resuming from a breakpoint site with the instruction run by the tracer
// (engine/displaced_resume.cpp): the program is the oracle for what it
// computes, the CPU (a real single step) for each emulated instruction.
#include <signal.h>

#include <cstdio>
#include <map>
#include <set>

#include "dwarf/elf_file.hpp"
#include "engine/disassembler.hpp"
#include "engine/instruction_relocation.hpp"
#include "engine/registers.hpp"
#include "engine/site_emulation.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

const char* const fixtures[] = {"displaced_gcc_O0", "displaced_gcc_O2", "displaced_clang_O0",
                                "displaced_clang_O2"};

// What the program prints run without a debugger.
std::string native_output(const std::string& fixture, const std::string& arg = "") {
  std::string command = "'" + test::fixture_binary(fixture) + "' " + arg;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  CHECK(pclose(pipe) == 0);
  return out;
}

// Every instruction of the named functions (non-PIE fixtures: symbol
// addresses are the running ones).
std::vector<engine::instruction> instructions_of(engine::target& target, const std::string& fixture,
                                                 const std::vector<std::string>& functions) {
  auto elf = dwarf::elf_file::open(test::fixture_binary(fixture));
  engine::disassembler decoder;
  std::vector<engine::instruction> out;
  for (const auto& name : functions) {
    auto symbols = elf->symbols_named(name);
    REQUIRE(symbols.size() == 1);
    engine::virt_addr start{symbols[0].address.value};
    auto code = target.read_memory(start, symbols[0].size);
    auto decoded = decoder.decode(code, start, code.size());
    REQUIRE_FALSE(decoded.empty());
    out.insert(out.end(), decoded.begin(), decoded.end());
  }
  return out;
}

void break_on_each(engine::target& target, const std::vector<engine::instruction>& code) {
  for (const auto& insn : code) REQUIRE(target.create_address_breakpoint(insn.address).verified);
}

}  // namespace

TEST_CASE("a site on every instruction changes nothing the program computes", "[displaced]") {
  const std::string fixture = GENERATE(from_range(std::begin(fixtures), std::end(fixtures)));
  INFO(fixture);
  const std::string expected = native_output(fixture);
  REQUIRE_THAT(expected, Catch::StartsWith("checksum "));
  test::output_pipe out;
  auto target = test::launch({fixture, {}, {}, out.write_end()});
  auto code = instructions_of(*target, fixture, {"mix", "twist"});
  break_on_each(*target, code);
  int hits = 0;
  for (;;) {
    auto stop = test::continue_to_stop(*target);
    if (stop.kind != engine::stop_kind::breakpoint) {
      CHECK(test::kind_name(stop.kind) == "exited");
      CHECK(stop.exit_code == 0);
      break;
    }
    ++hits;
    REQUIRE(hits < 100000);
  }
  CHECK(hits > 40 * 10);
  CHECK(out.read_all() == expected);
}

namespace {

// Stops at each instruction of mix and twist, runs it in the tracer on copies
// and steps the CPU over it: registers, flags and the stored bytes must
// agree. Returns the kinds of instruction emulated ("mov", "mov rip", ...).
std::set<std::string> compare_with_cpu(const std::string& fixture) {
  INFO(fixture);
  auto target = test::launch(fixture);
  auto code = instructions_of(*target, fixture, {"mix", "twist"});
  std::map<std::uint64_t, std::string> text;
  for (const auto& insn : code) text[insn.address.value] = insn.text();
  break_on_each(*target, code);

  std::set<std::string> emulated;
  int compared = 0;
  auto stop = test::continue_to_stop(*target);
  // The first few rounds of mix's loop cover every instruction.
  while (stop.kind == engine::stop_kind::breakpoint && compared < 600) {
    auto before = engine::registers::read(stop.tid);
    std::string insn = text.at(before.pc().value);
    INFO(insn << " at " << std::hex << before.pc().value);
    std::optional<std::pair<std::uint64_t, std::vector<std::byte>>> stored;
    engine::emulation_memory memory{
        [&](std::uint64_t address, std::span<std::byte> into) {
          auto data = target->read_memory({address}, into.size());
          std::copy(data.begin(), data.end(), into.begin());
          return data.size() == into.size();
        },
        [&](std::uint64_t address, std::span<const std::byte> data) {
          stored.emplace(address, std::vector<std::byte>(data.begin(), data.end()));
          return true;
        }};
    auto emulated_regs = before;
    auto bytes = target->read_memory(before.pc(), engine::disassembler::max_instruction_size());
    bool ran = engine::emulate_site_instruction(bytes, emulated_regs, memory, true);

    target->step_instruction(stop.tid);
    stop = test::next_stop(*target);
    REQUIRE(test::kind_name(stop.kind) == "step");
    if (ran) {
      ++compared;
      emulated.insert(insn.substr(0, insn.find(' ')) +
                      (insn.find("rip") != std::string::npos ? " rip" : ""));
      auto after = engine::registers::read(stop.tid);
      for (int id : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}) {
        INFO("register " << id);
        CHECK(*emulated_regs.by_dwarf(id) == *after.by_dwarf(id));
      }
      constexpr std::uint64_t status_flags = 0x8d5;
      CHECK((*emulated_regs.by_dwarf(49) & status_flags) == (*after.by_dwarf(49) & status_flags));
      if (stored)
        CHECK(target->read_memory({stored->first}, stored->second.size()) == stored->second);
    }
    stop = test::continue_to_stop(*target);
  }
  CHECK(compared > 100);
  target->kill();
  return emulated;
}

}  // namespace

TEST_CASE("the tracer runs a site's instruction exactly as the CPU does", "[displaced]") {
  std::set<std::string> emulated;
  for (const char* fixture : fixtures) emulated.merge(compare_with_cpu(fixture));
  for (const char* kind : {"push", "pop", "call", "ret", "mov", "add", "sub", "cmp", "lea", "test",
                           "xor", "movzx", "movsxd", "cmovne", "cdqe"}) {
    INFO(kind);
    CHECK(emulated.count(kind) == 1);
  }
  bool rip_relative = false, branch = false;
  for (const auto& kind : emulated) {
    rip_relative = rip_relative || kind.ends_with(" rip");
    branch = branch || (kind[0] == 'j' && !kind.starts_with("jmp"));
  }
  CHECK(rip_relative);
  CHECK(branch);
}

TEST_CASE("four threads hitting one site lose no hit", "[displaced]") {
  const std::string fixture = GENERATE("displaced_gcc_O0", "displaced_clang_O2");
  INFO(fixture);
  const std::string expected = native_output(fixture, "threads");
  const auto source = test::fixture_source("displaced.c");
  test::output_pipe out;
  auto target = test::launch({fixture, {"threads"}, {}, out.write_end()});
  REQUIRE(target->create_line_breakpoint(source, test::line_of(source, "thread tick")).verified);
  int hits = 0;
  for (;;) {
    auto stop = test::continue_to_stop(*target);
    if (stop.kind != engine::stop_kind::breakpoint) {
      CHECK(test::kind_name(stop.kind) == "exited");
      break;
    }
    ++hits;
    REQUIRE(hits <= 1200);
  }
  CHECK(out.read_all() == expected);
  CHECK(expected == "hits " + std::to_string(hits) + "\n");
}

TEST_CASE("a fault on an instruction under a site is reported at the site", "[displaced]") {
  const std::string fixture = GENERATE(from_range(std::begin(fixtures), std::end(fixtures)));
  INFO(fixture);
  auto target = test::launch({fixture, {"fault"}, {}, -1});
  break_on_each(*target, instructions_of(*target, fixture, {"poke"}));
  std::optional<engine::virt_addr> last_site;
  for (;;) {
    auto stop = test::continue_to_stop(*target);
    if (stop.kind != engine::stop_kind::breakpoint) {
      REQUIRE(test::kind_name(stop.kind) == "signal");
      CHECK(stop.signal == SIGSEGV);
      CHECK(stop.fault_address == engine::virt_addr{0});
      auto frames = target->stack(stop.tid, 2);
      REQUIRE_FALSE(frames.empty());
      REQUIRE(last_site);
      CHECK(frames[0].pc == *last_site);
      CHECK(frames[0].function == "poke");
      break;
    }
    last_site = target->stack(stop.tid, 1).at(0).pc;
  }
  target->kill();
}

// ---- out of line (engine/out_of_line.cpp): instructions not emulated

namespace {

const char* const out_of_line_fixtures[] = {"out_of_line_gcc_O0", "out_of_line_gcc_O2",
                                            "out_of_line_clang_O0", "out_of_line_clang_O2"};

// The instructions of `function` whose mnemonic starts with one of `kinds`.
std::vector<engine::instruction> instructions_named(engine::target& target,
                                                    const std::string& fixture,
                                                    const std::string& function,
                                                    const std::vector<std::string>& kinds) {
  std::vector<engine::instruction> out;
  for (const auto& insn : instructions_of(target, fixture, {function}))
    for (const auto& kind : kinds)
      if (insn.mnemonic.starts_with(kind)) out.push_back(insn);
  return out;
}

// `size` bytes at link-time address `at` of the ELF's .text (non-PIE: where they run).
std::vector<std::byte> raw_memory_of_elf(const dwarf::elf_file& elf, engine::virt_addr at,
                                         std::size_t size) {
  auto text = elf.section_data(".text");
  auto base = elf.section_address(".text");
  REQUIRE(text);
  REQUIRE(base);
  REQUIRE(at.value >= base->value);
  REQUIRE(at.value - base->value + size <= text->size());
  auto from = text->begin() + static_cast<std::ptrdiff_t>(at.value - base->value);
  return {from, from + static_cast<std::ptrdiff_t>(size)};
}

}  // namespace

TEST_CASE("a breakpoint on a rep instruction stops once each time the program runs it",
          "[displaced]") {
  const std::string fixture =
      GENERATE(from_range(std::begin(out_of_line_fixtures), std::end(out_of_line_fixtures)));
  INFO(fixture);
  const std::string expected = native_output(fixture);
  REQUIRE_THAT(expected, Catch::StartsWith("checksum "));
  test::output_pipe out;
  auto target = test::launch({fixture, {}, {}, out.write_end()});
  auto rep = instructions_named(*target, fixture, "fill", {"rep"});
  REQUIRE(rep.size() == 1);
  REQUIRE(target->create_address_breakpoint(rep[0].address).verified);
  auto elf = dwarf::elf_file::open(test::fixture_binary(fixture));
  const engine::virt_addr entry{elf->entry().value};  // non-PIE: as it runs
  const auto entry_code = raw_memory_of_elf(*elf, entry, 32);
  int stops = 0;
  for (;;) {
    auto stop = test::continue_to_stop(*target);
    if (stop.kind != engine::stop_kind::breakpoint) {
      CHECK(test::kind_name(stop.kind) == "exited");
      break;
    }
    ++stops;
    REQUIRE(stops <= 3);  // a step of one iteration would stop here 100,000 times
    CHECK(target->stack(stop.tid, 1).at(0).pc == rep[0].address);
    // The scratch area the copy ran in holds the program's own code again.
    CHECK(test::raw_memory(target->pid(), entry, entry_code.size()) == entry_code);
  }
  CHECK(stops == 3);
  CHECK(out.read_all() == expected);
}

TEST_CASE("four threads passing sites on a shift and a multiply lose no hit and compute the same",
          "[displaced]") {
  const std::string fixture =
      GENERATE(from_range(std::begin(out_of_line_fixtures), std::end(out_of_line_fixtures)));
  INFO(fixture);
  const std::string expected = native_output(fixture);
  test::output_pipe out;
  auto target = test::launch({fixture, {}, {}, out.write_end()});
  auto sites = instructions_named(*target, fixture, "shuffle", {"shl", "sal", "imul", "shr"});
  REQUIRE(sites.size() >= 2);
  std::map<std::uint64_t, int> hits;
  for (const auto& insn : sites) {
    REQUIRE(target->create_address_breakpoint(insn.address).verified);
    hits[insn.address.value] = 0;
  }
  target->set_hit_filter([&](engine::stop_event& hit) {
    auto pc = target->condition_scope(hit.tid)->read_register("rip");
    REQUIRE(pc);
    ++hits.at(*pc);
    return engine::hit_verdict::go_on;
  });
  auto end = test::continue_to_stop(*target);
  CHECK(test::kind_name(end.kind) == "exited");
  CHECK(end.exit_code == 0);
  for (const auto& [at, count] : hits) {
    INFO(std::hex << at);
    CHECK(count == 4 * 300);
  }
  CHECK(out.read_all() == expected);
}

TEST_CASE("an instruction relocated for out-of-line execution keeps its pc-relative target",
          "[displaced]") {
  auto bytes = [](std::initializer_list<int> list) {
    std::vector<std::byte> out;
    for (int b : list) out.push_back(static_cast<std::byte>(b));
    return out;
  };
  // mov rax, [rip+0x10] at 0x401000 reads 0x401017; from 0x402000 the
  // displacement must be 0x401017 - 0x402007 = -0xff0.
  auto load =
      engine::relocate_instruction(bytes({0x48, 0x8b, 0x05, 0x10, 0, 0, 0}), 0x401000, 0x402000);
  REQUIRE(load);
  CHECK(load->length == 7);
  CHECK(load->bytes == bytes({0x48, 0x8b, 0x05, 0x10, 0xf0, 0xff, 0xff}));
  // Out of reach of a 32-bit displacement: refused, not wrapped.
  CHECK_FALSE(engine::relocate_instruction(bytes({0x48, 0x8b, 0x05, 0x10, 0, 0, 0}), 0x7f0000001000,
                                           0x401000));
  // No pc-relative operand: the same bytes anywhere.
  auto rep = engine::relocate_instruction(bytes({0xf3, 0xaa, 0x90}), 0x7f0000001000, 0x401000);
  REQUIRE(rep);
  CHECK(rep->bytes == bytes({0xf3, 0xaa}));
  auto shl = engine::relocate_instruction(bytes({0x48, 0xc1, 0xe0, 0x03}), 0x1000, 0x2000);
  REQUIRE(shl);
  CHECK(shl->bytes == bytes({0x48, 0xc1, 0xe0, 0x03}));
  // Control transfers and kernel entries stay where they are.
  for (const auto& code : {bytes({0xe8, 1, 0, 0, 0}), bytes({0xc3}), bytes({0xeb, 0}),
                           bytes({0x0f, 0x05}), bytes({0xff, 0xd0}), bytes({0x74, 2}),
                           bytes({0xe2, 0xfe}), bytes({0xcc}), bytes({0x0f, 0x0b})})
    CHECK_FALSE(engine::relocate_instruction(code, 0x1000, 0x2000));
}

TEST_CASE("a watch on bytes a rep instruction under a breakpoint writes fires in the copy",
          "[displaced]") {
  const std::string fixture = GENERATE("out_of_line_gcc_O0", "out_of_line_clang_O2");
  INFO(fixture);
  const std::string expected = native_output(fixture);
  test::output_pipe out;
  auto target = test::launch({fixture, {}, {}, out.write_end()});
  auto rep = instructions_named(*target, fixture, "fill", {"rep"});
  REQUIRE(rep.size() == 1);
  REQUIRE(target->create_address_breakpoint(rep[0].address).verified);
  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  auto buffer = target->condition_scope(stop.tid)->lookup("buffer");
  REQUIRE(buffer);
  REQUIRE(buffer->address());
  const engine::virt_addr watched{*buffer->address() + 50000};
  REQUIRE(target->create_watchpoint({watched, 1, engine::watch_access::write}).verified);

  // Each run of fill: the breakpoint, then the watch in the middle of the
  // rep (which then goes on where it was).
  std::vector<std::string> seen{test::kind_name(stop.kind)};
  for (;;) {
    stop = test::continue_to_stop(*target);
    seen.push_back(test::kind_name(stop.kind));
    if (stop.kind == engine::stop_kind::exited) break;
    REQUIRE(seen.size() <= 7);
    CHECK(target->stack(stop.tid, 1).at(0).pc == rep[0].address);
  }
  CHECK(seen == std::vector<std::string>{"breakpoint", "data breakpoint", "breakpoint",
                                         "data breakpoint", "breakpoint", "data breakpoint",
                                         "exited"});
  CHECK(out.read_all() == expected);
}
