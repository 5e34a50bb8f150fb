// The disassemblyFlavor launch option and memoryReference on variables and
// evaluate results.

#include <string>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

const std::string source = source_path("machine.c");

// Launches `machine` with `extra` launch keys and stops at `marker`.
json stop_at(e2e_client& client, const std::string& marker, const json& extra = json::object()) {
  start_with_breakpoints(client, launch_config("machine", extra), source,
                         {line_of(source, marker)});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  return client.stack_trace(
      stopped["body"]["threadId"].get<std::int64_t>())["body"]["stackFrames"][0];
}

std::string disassembly_text(e2e_client& client, const json& frame) {
  json rows =
      client.request_ok("disassemble", {{"memoryReference", frame["instructionPointerReference"]},
                                        {"instructionOffset", -4},
                                        {"instructionCount", 12}})["body"]["instructions"];
  std::string text;
  for (const auto& row : rows) text += row["instruction"].get<std::string>() + "\n";
  return text;
}

// The bytes readMemory returns, as "78 56 34 12".
std::string read_hex(e2e_client& client, const std::string& reference, int count) {
  json body =
      client.request_ok("readMemory", {{"memoryReference", reference}, {"count", count}})["body"];
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string data = body.value("data", ""), out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : data) {
    if (c == '=') break;
    buffer = (buffer << 6) | static_cast<unsigned>(alphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      char byte[4];
      std::snprintf(byte, sizeof byte, "%02x", (buffer >> bits) & 0xff);
      if (!out.empty()) out += ' ';
      out += byte;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("disassemblyFlavor att shows AT&T syntax; Intel is the default", "[e2e][machine]") {
  SECTION("att") {
    e2e_client client;
    json frame = stop_at(client, "write watched", {{"disassemblyFlavor", "att"}});
    std::string text = disassembly_text(client, frame);
    INFO(text);
    CHECK(contains(text, "%rbp"));
  }
  SECTION("default") {
    e2e_client client;
    json frame = stop_at(client, "write watched");
    std::string text = disassembly_text(client, frame);
    INFO(text);
    CHECK(contains(text, "rbp"));
    CHECK_FALSE(contains(text, "%rbp"));
  }
}

TEST_CASE("an unknown disassemblyFlavor is a launch error naming the key", "[e2e][machine]") {
  e2e_client client;
  client.initialize();
  json error = client.request_error(
      "launch", {{"program", fixture_binary("machine")}, {"disassemblyFlavor", "masm"}});
  CHECK(contains(error.dump(), "disassemblyFlavor"));
}

TEST_CASE("readMemory at a variable's memoryReference returns the bytes the program holds",
          "[e2e][machine]") {
  e2e_client client;
  json frame = stop_at(client, "print");
  json scopes = client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
  std::int64_t globals = 0;
  for (const auto& s : scopes)
    if (s["name"] == "Globals") globals = s["variablesReference"];
  REQUIRE(globals != 0);
  json vars =
      client.request_ok("variables", {{"variablesReference", globals}})["body"]["variables"];
  json machine_value, machine_bytes;
  for (const auto& v : vars) {
    if (v["name"] == "machine_value") machine_value = v;
    if (v["name"] == "machine_bytes") machine_bytes = v;
  }
  REQUIRE(machine_value.contains("memoryReference"));
  CHECK(read_hex(client, machine_value["memoryReference"], 4) == "78 56 34 12");
  REQUIRE(machine_bytes.contains("memoryReference"));
  CHECK(read_hex(client, machine_bytes["memoryReference"], 4) == "10 21 32 43");

  // A pointer's reference is where it points (the DAP spec's reading), so
  // "View Binary Data" on &machine_value opens at machine_value.
  json pointer = client.request_ok(
      "evaluate", {{"expression", "&machine_value"}, {"frameId", frame["id"]}})["body"];
  REQUIRE(pointer.contains("memoryReference"));
  CHECK(pointer["memoryReference"] == machine_value["memoryReference"]);
  // A value computed by the expression lives nowhere.
  json sum = client.request_ok(
      "evaluate", {{"expression", "machine_value + 1"}, {"frameId", frame["id"]}})["body"];
  CHECK_FALSE(sum.contains("memoryReference"));
}
