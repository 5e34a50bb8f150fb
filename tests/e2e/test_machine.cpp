// Machine-level views: disassembly checked against objdump, memory read
// against the ELF file's bytes, memory written and printed by the program.

#include <cstdio>
#include <map>
#include <memory>
#include <sstream>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
  return out;
}

std::uint64_t parse_address(const std::string& text) {
  return std::stoull(text, nullptr, 0);
}

// objdump -d -w: address -> "55 48 89 e5" for every instruction of `binary`.
std::map<std::uint64_t, std::string> objdump_bytes(const std::string& binary) {
  std::map<std::uint64_t, std::string> out;
  std::istringstream lines(run("objdump -d -w " + binary));
  std::string line;
  while (std::getline(lines, line)) {
    // "  401136:\t55                   \tpush   %rbp"
    auto colon = line.find(":\t");
    if (colon == std::string::npos || line.rfind("  ", 0) != 0) continue;
    std::uint64_t address = std::stoull(line.substr(0, colon), nullptr, 16);
    auto bytes_end = line.find('\t', colon + 2);
    std::string bytes = line.substr(
        colon + 2, bytes_end == std::string::npos ? std::string::npos : bytes_end - colon - 2);
    while (!bytes.empty() && bytes.back() == ' ') bytes.pop_back();
    out[address] = bytes;
  }
  return out;
}

// nm: the address of a symbol in a non-PIE binary.
std::uint64_t symbol_address(const std::string& binary, const std::string& name) {
  std::istringstream lines(run("nm " + binary));
  std::string address, kind, symbol;
  while (lines >> address >> kind >> symbol)
    if (symbol == name) return std::stoull(address, nullptr, 16);
  FAIL("no symbol " << name << " in " << binary);
  return 0;
}

std::string base64(const std::vector<unsigned char>& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned chunk = bytes[i] << 16;
    if (i + 1 < bytes.size()) chunk |= bytes[i + 1] << 8;
    if (i + 2 < bytes.size()) chunk |= bytes[i + 2];
    out += alphabet[(chunk >> 18) & 63];
    out += alphabet[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? alphabet[chunk & 63] : '=';
  }
  return out;
}

struct stopped_at {
  std::int64_t tid = 0;
  json top;  // the top stack frame
};

stopped_at stop_at_marker(dap_client& client, const std::string& fixture,
                          const std::string& marker) {
  const std::string src = source_path("machine.c");
  start_with_breakpoints(client, launch_config(fixture), src, {line_of(src, marker)});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  stopped_at at;
  at.tid = stopped["body"]["threadId"].get<std::int64_t>();
  at.top = client.stack_trace(at.tid)["body"]["stackFrames"][0];
  REQUIRE(at.top.contains("instructionPointerReference"));
  return at;
}

}  // namespace

TEST_CASE("initialize advertises the machine-level requests", "[e2e][machine]") {
  e2e_client client;
  json caps = client.initialize()["body"];
  CHECK(caps.value("supportsDisassembleRequest", false));
  CHECK(caps.value("supportsReadMemoryRequest", false));
  CHECK(caps.value("supportsWriteMemoryRequest", false));
  CHECK(caps.value("supportsSteppingGranularity", false));
}

TEST_CASE("disassemble around a breakpoint matches objdump, backwards too", "[e2e][machine]") {
  e2e_client client;
  const std::string binary = fixture_binary("machine_nopie");
  auto at = stop_at_marker(client, "machine_nopie", "write watched");
  const std::string ip = at.top["instructionPointerReference"];
  const std::uint64_t pc = parse_address(ip);

  json body = client.request_ok(
      "disassemble",
      {{"memoryReference", ip}, {"instructionOffset", -6}, {"instructionCount", 16}})["body"];
  const json& rows = body["instructions"];
  REQUIRE(rows.size() == 16);
  // Six instructions before the pc, decoded from the function's start: the
  // pc is row 6, exactly on a boundary.
  CHECK(parse_address(rows[6]["address"]) == pc);

  auto expected = objdump_bytes(binary);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("row " << i << ": " << rows[i].dump());
    std::uint64_t address = parse_address(rows[i]["address"]);
    REQUIRE(expected.count(address) == 1);
    // The byte under our breakpoint is the program's, not 0xcc.
    CHECK(rows[i].value("instructionBytes", "") == expected[address]);
    if (i + 1 < rows.size()) {
      std::size_t length = (rows[i]["instructionBytes"].get<std::string>().size() + 1) / 3;
      CHECK(parse_address(rows[i + 1]["address"]) == address + length);
    }
  }
  CHECK(rows[6].value("symbol", "") == "add_to_watched");
  CHECK(rows[6]["location"].value("path", "") == source_path("machine.c"));
  CHECK(rows[6].value("line", 0) ==
        static_cast<int>(line_of(source_path("machine.c"), "write watched")));

  // Far back: rows before the earliest known boundary are still answered.
  json far = client.request_ok(
      "disassemble",
      {{"memoryReference", ip}, {"instructionOffset", -40}, {"instructionCount", 50}})["body"];
  REQUIRE(far["instructions"].size() == 50);
  CHECK(parse_address(far["instructions"][40]["address"]) == pc);
  for (std::size_t i = 0; i < 50; ++i) {
    const json& row = far["instructions"][i];
    if (row.value("presentationHint", "") == "invalid") continue;
    std::uint64_t address = parse_address(row["address"]);
    INFO("far row " << i << ": " << row.dump());
    CHECK(expected.count(address) == 1);
  }

  // Forward from an offset, in the middle of the listing.
  json fwd = client.request_ok(
      "disassemble",
      {{"memoryReference", ip}, {"instructionOffset", 3}, {"instructionCount", 2}})["body"];
  CHECK(fwd["instructions"][0]["address"] == rows[9]["address"]);
}

TEST_CASE("readMemory of a global matches the ELF file's bytes", "[e2e][machine]") {
  e2e_client client;
  const std::string binary = fixture_binary("machine_nopie");
  stop_at_marker(client, "machine_nopie", "start");
  std::uint64_t address = symbol_address(binary, "machine_bytes");

  // objdump -s prints the section bytes as the file holds them.
  std::ostringstream cmd;
  cmd << "objdump -s -j .data --start-address=" << address << " --stop-address=" << address + 16
      << " " << binary;
  std::istringstream dump(run(cmd.str()));
  std::vector<unsigned char> file_bytes;
  std::string line;
  while (std::getline(dump, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first.empty() || first.find_first_not_of("0123456789abcdef") != std::string::npos ||
        std::stoull(first, nullptr, 16) < address - 16)
      continue;
    std::uint64_t at = std::stoull(first, nullptr, 16);
    for (int group = 0; group < 4; ++group) {
      std::string hex;
      if (!(words >> hex) || hex.size() != 8) break;
      for (std::size_t k = 0; k < 8; k += 2, ++at)
        if (at >= address && at < address + 16)
          file_bytes.push_back(
              static_cast<unsigned char>(std::stoul(hex.substr(k, 2), nullptr, 16)));
    }
  }
  REQUIRE(file_bytes.size() == 16);

  char ref[32];
  std::snprintf(ref, sizeof ref, "0x%llx", static_cast<unsigned long long>(address));
  json body = client.request_ok("readMemory", {{"memoryReference", ref}, {"count", 16}})["body"];
  CHECK(body["data"] == base64(file_bytes));
  CHECK(parse_address(body["address"]) == address);
  CHECK_FALSE(body.contains("unreadableBytes"));

  // With an offset, and where nothing is mapped.
  json shifted = client.request_ok("readMemory",
                                   {{"memoryReference", ref}, {"offset", 8}, {"count", 8}})["body"];
  CHECK(shifted["data"] ==
        base64(std::vector<unsigned char>(file_bytes.begin() + 8, file_bytes.end())));
  json unmapped =
      client.request_ok("readMemory", {{"memoryReference", "0x8"}, {"count", 32}})["body"];
  CHECK(unmapped.value("unreadableBytes", 0) == 32);
  CHECK_FALSE(unmapped.contains("data"));

  json bad = client.request_error("readMemory", {{"memoryReference", "main"}, {"count", 4}});
  CHECK(contains(bad.dump(), "memoryReference"));
}

TEST_CASE("readMemory never shows our breakpoint bytes", "[e2e][machine]") {
  e2e_client client;
  auto at = stop_at_marker(client, "machine", "write watched");
  std::string ip = at.top["instructionPointerReference"];
  json sites = client.request_ok("_int3_breakpointSites")["body"]["sites"];
  REQUIRE_FALSE(sites.empty());
  for (const auto& site : sites) {
    json body = client.request_ok("readMemory", {{"memoryReference", site}, {"count", 1}})["body"];
    CHECK(body["data"] != "zA==");  // 0xcc
  }
}

TEST_CASE("writeMemory changes what the program prints", "[e2e][machine]") {
  e2e_client client;
  const std::string binary = fixture_binary("machine_nopie");
  auto at = stop_at_marker(client, "machine_nopie", "start");
  std::uint64_t address = symbol_address(binary, "machine_value");
  char ref[32];
  std::snprintf(ref, sizeof ref, "0x%llx", static_cast<unsigned long long>(address));

  // 0x0badcafe, little-endian.
  int seq = client.request("writeMemory",
                           {{"memoryReference", ref}, {"data", base64({0xfe, 0xca, 0xad, 0x0b})}});
  json response = client.expect_response(seq);
  REQUIRE(response["success"] == true);
  CHECK(response["body"].value("bytesWritten", 0) == 4);
  json memory = client.expect_event("memory");
  CHECK(memory["body"]["count"] == 4);
  client.expect_event("invalidated");

  json back = client.request_ok("readMemory", {{"memoryReference", ref}, {"count", 4}})["body"];
  CHECK(back["data"] == base64({0xfe, 0xca, 0xad, 0x0b}));

  // Writing into unmapped memory fails, unless partial writes are allowed
  // and something was written.
  client.request_error("writeMemory", {{"memoryReference", "0x8"}, {"data", "AAAA"}});

  client.set_breakpoints(source_path("machine.c"), {});
  client.continue_(at.tid);
  expect_run_to_exit(client);
  CHECK(contains(client.output("stdout"), "value_before=0xbadcafe"));
  CHECK(contains(client.output("stdout"), "machine_value=0xbadcafe"));
}

namespace {

json find_named(const json& variables, const std::string& name) {
  for (const auto& v : variables)
    if (v["name"] == name) return v;
  FAIL("no variable " << name << " in " << variables.dump());
  return {};
}

json variables_of(dap_client& client, std::int64_t reference) {
  return client.request_ok("variables", {{"variablesReference", reference}})["body"]["variables"];
}

}  // namespace

TEST_CASE("the Registers scope shows and changes the thread's registers", "[e2e][machine]") {
  e2e_client client;
  auto at = stop_at_marker(client, "machine", "write watched");
  json scopes = client.request_ok("scopes", {{"frameId", at.top["id"]}})["body"]["scopes"];
  json registers = find_named(scopes, "Registers");
  CHECK(registers["expensive"] == true);
  json top = variables_of(client, registers["variablesReference"]);

  // rip is the frame's pc; rdi holds add_to_watched's argument, 1.
  std::uint64_t rip = parse_address(find_named(top, "rip")["value"]);
  CHECK(rip == parse_address(at.top["instructionPointerReference"]));
  CHECK(parse_address(find_named(top, "rdi")["value"]) == 1);
  for (const char* group : {"Segment", "x87", "SSE"}) {
    json g = find_named(top, group);
    CHECK(g["variablesReference"] > 0);
  }

  json eflags = find_named(top, "eflags");
  REQUIRE(eflags["variablesReference"] > 0);
  json bits = variables_of(client, eflags["variablesReference"]);
  CHECK(find_named(bits, "IF")["value"] == "1");

  // Set a register and a flag, and read them back.
  json set =
      client.request_ok("setVariable", {{"variablesReference", registers["variablesReference"]},
                                        {"name", "rax"},
                                        {"value", "0x1234"}})["body"];
  CHECK(parse_address(set["value"]) == 0x1234);
  std::string cf = find_named(bits, "CF")["value"];
  std::string flipped = cf == "1" ? "0" : "1";
  client.request_ok(
      "setVariable",
      {{"variablesReference", eflags["variablesReference"]}, {"name", "CF"}, {"value", flipped}});
  json sse = variables_of(client, find_named(top, "SSE")["variablesReference"]);
  client.request_ok("setVariable",
                    {{"variablesReference", find_named(top, "SSE")["variablesReference"]},
                     {"name", "xmm1"},
                     {"value", "0x3ff0000000000000"}});

  json again = variables_of(client, registers["variablesReference"]);
  CHECK(parse_address(find_named(again, "rax")["value"]) == 0x1234);
  json bits_again = variables_of(client, find_named(again, "eflags")["variablesReference"]);
  CHECK(find_named(bits_again, "CF")["value"] == flipped);
  json sse_again = variables_of(client, find_named(again, "SSE")["variablesReference"]);
  json xmm1 = find_named(sse_again, "xmm1");
  json lanes = variables_of(client, xmm1["variablesReference"]);
  CHECK(contains(find_named(lanes, "v2_double")["value"], "{1, 0}"));

  json bad =
      client.request_error("setVariable", {{"variablesReference", registers["variablesReference"]},
                                           {"name", "rax"},
                                           {"value", "lots"}});
  CHECK(contains(bad.dump(), "not a register value"));

  // After a resume the references are stale.
  client.set_breakpoints(source_path("machine.c"), {});
  client.continue_(at.tid);
  expect_run_to_exit(client);
}

TEST_CASE("an instruction breakpoint stops at its address until it is removed", "[e2e][machine]") {
  e2e_client client;
  const std::string binary = fixture_binary("machine_nopie");
  auto at = stop_at_marker(client, "machine_nopie", "start");
  std::uint64_t function = symbol_address(binary, "add_to_watched");
  char ref[32];
  std::snprintf(ref, sizeof ref, "0x%llx", static_cast<unsigned long long>(function));

  // The second instruction, by offset: push rbp is one byte.
  json set = client.request_ok("setInstructionBreakpoints",
                               {{"breakpoints",
                                 {{{"instructionReference", ref}, {"offset", 1}},
                                  {{"instructionReference", "0x8"}}}}})["body"];
  REQUIRE(set["breakpoints"].size() == 2);
  CHECK(set["breakpoints"][0]["verified"] == true);
  CHECK(parse_address(set["breakpoints"][0]["instructionReference"]) == function + 1);
  CHECK(set["breakpoints"][1]["verified"] == false);
  CHECK(set["breakpoints"][1].contains("message"));

  // Setting it again keeps its id.
  json again = client.request_ok(
      "setInstructionBreakpoints",
      {{"breakpoints", {{{"instructionReference", ref}, {"offset", 1}}}}})["body"];
  CHECK(again["breakpoints"][0]["id"] == set["breakpoints"][0]["id"]);

  client.set_breakpoints(source_path("machine.c"), {});
  client.continue_(at.tid);
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json top = client.stack_trace(tid)["body"]["stackFrames"][0];
  CHECK(parse_address(top["instructionPointerReference"]) == function + 1);
  CHECK(top["name"] == "add_to_watched");

  client.request_ok("setInstructionBreakpoints", {{"breakpoints", json::array()}});
  CHECK(client.request_ok("_int3_breakpointSites")["body"]["sites"].empty());
  client.continue_(tid);
  expect_run_to_exit(client);
}

TEST_CASE("stepping by instruction moves one instruction", "[e2e][machine]") {
  e2e_client client;
  auto at = stop_at_marker(client, "machine_nopie", "write watched");
  std::string ip = at.top["instructionPointerReference"];
  json rows = client.request_ok(
      "disassemble", {{"memoryReference", ip}, {"instructionCount", 2}})["body"]["instructions"];
  client.request_ok("next", {{"threadId", at.tid}, {"granularity", "instruction"}});
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "step");
  json top = client.stack_trace(at.tid)["body"]["stackFrames"][0];
  CHECK(top["instructionPointerReference"] == rows[1]["address"]);
}
