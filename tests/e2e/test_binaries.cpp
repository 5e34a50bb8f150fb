// Programs in unusual shapes: no or partial debug information, compressed
// debug sections, mixed DWARF versions, and files that are no program we
// can debug. Each either works or fails to launch with a clear message.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
namespace fs = std::filesystem;

namespace {

// A scratch directory for derived binaries, removed at the end of the test.
struct work_dir {
  fs::path path = fs::temp_directory_path() / ("int3-e2e-binaries-" + std::to_string(::getpid()) +
                                               "-" + std::to_string(std::rand()));
  work_dir() { fs::create_directories(path); }
  ~work_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  fs::path operator/(const std::string& name) const { return path / name; }
};

void run(const std::string& command) {
  INFO("command: " << command);
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
}

// A copy of the loop fixture passed through `tool` (e.g. "strip -s").
fs::path derived_loop(const work_dir& dir, const std::string& name, const std::string& tool) {
  const fs::path out = dir / name;
  fs::copy_file(fixture_binary("loop_gcc_O0_pie_d5"), out);
  if (!tool.empty()) run(tool + " '" + out.string() + "'");
  return out;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string error_text(const json& response) {
  std::string text = response.value("message", "");
  if (response.contains("body") && response["body"].contains("error"))
    text += "\n" + response["body"]["error"].value("format", "");
  return lower(text);
}

void write_file(const fs::path& path, const std::string& bytes, bool executable) {
  std::ofstream(path, std::ios::binary) << bytes;
  if (executable) fs::permissions(path, fs::perms::owner_all);
}

// Launches `program` with a breakpoint on loop.c's square body; returns the
// setBreakpoints answer for that one line, after the program ran to its end.
json breakpoint_then_run(const fs::path& program) {
  e2e_client client;
  const std::string src = source_path("loop.c");
  json set = start_with_breakpoints(client, json{{"program", program.string()}}, src,
                                    {line_of(src, "square body")});
  REQUIRE(set["body"]["breakpoints"].size() == 1);
  json bp = set["body"]["breakpoints"][0];
  if (bp["verified"] == true) {
    json stopped = client.wait_stopped();
    CHECK(stopped["body"]["reason"] == "breakpoint");
    client.set_breakpoints(src, {});
    client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  } else {
    CHECK(bp.value("message", "") != "");
  }
  CHECK(expect_run_to_exit(client) == 0);
  return bp;
}

}  // namespace

TEST_CASE("a stripped program runs and says why its breakpoints cannot bind",
          "[e2e][binaries]") {
  work_dir dir;
  json bp = breakpoint_then_run(derived_loop(dir, "loop_stripped", "strip -s"));
  CHECK(bp["verified"] == false);
}

TEST_CASE("a program without .debug_line runs and its breakpoints are unverified",
          "[e2e][binaries]") {
  work_dir dir;
  json bp = breakpoint_then_run(
      derived_loop(dir, "loop_no_line", "objcopy --remove-section .debug_line"));
  CHECK(bp["verified"] == false);
}

TEST_CASE("compressed debug sections (gcc -gz) are read", "[e2e][binaries]") {
  work_dir dir;
  json bp = breakpoint_then_run(
      derived_loop(dir, "loop_gz", "objcopy --compress-debug-sections=zlib-gabi"));
  CHECK(bp["verified"] == true);
}

TEST_CASE("DWARF 4 and DWARF 5 units in one program both bind", "[e2e][binaries]") {
  work_dir dir;
  write_file(dir / "main4.c",
             "int helper(int);\n"
             "int main(void) {\n"
             "  int r = helper(2); /* BREAK: main4 */\n"
             "  return r == 4 ? 0 : 1;\n"
             "}\n",
             false);
  write_file(dir / "helper5.c",
             "int helper(int x) {\n"
             "  return x * x; /* BREAK: helper5 */\n"
             "}\n",
             false);
  const std::string d = dir.path.string();
  run("cd '" + d + "' && gcc -g -gdwarf-4 -O0 -c main4.c && gcc -g -gdwarf-5 -O0 -c helper5.c" +
      " && gcc -o mixed main4.o helper5.o");

  e2e_client client;
  const std::string main_src = (dir / "main4.c").string();
  const std::string helper_src = (dir / "helper5.c").string();
  client.initialize();
  client.launch({{"program", (dir / "mixed").string()}});
  json a = client.set_breakpoints(main_src, {line_of(main_src, "main4")});
  json b = client.set_breakpoints(helper_src, {line_of(helper_src, "helper5")});
  CHECK(a["body"]["breakpoints"][0]["verified"] == true);
  CHECK(b["body"]["breakpoints"][0]["verified"] == true);
  client.configuration_done();
  for (const auto& [src, marker] :
       {std::pair{main_src, "main4"}, std::pair{helper_src, "helper5"}}) {
    json stopped = client.wait_stopped();
    const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
    json top = client.stack_trace(tid, 1)["body"]["stackFrames"][0];
    CHECK(top["line"] == line_of(src, marker));
    client.continue_(tid);
  }
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("files that are no x86-64 ELF program fail to launch with a clear message",
          "[e2e][binaries]") {
  work_dir dir;
  std::string loop;
  {
    std::ifstream in(fixture_binary("loop_gcc_O0_pie_d5"), std::ios::binary);
    loop.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::string elf32 = loop;
  elf32[4] = 1;  // EI_CLASS = ELFCLASS32
  struct bad_file {
    std::string name;
    std::string bytes;
    std::vector<std::string> any_of;
  };
  const bad_file bad = GENERATE_COPY(values<bad_file>({
      {"garbage", std::string(4096, '\x5a'), {"not an elf", "exec format"}},
      {"truncated", loop.substr(0, 1000), {"truncated", "exec format"}},
      {"elf32", elf32, {"32-bit", "not supported"}},
      {"empty", "", {"not an elf", "exec format", "empty"}},
  }));
  INFO("file: " << bad.name);
  const fs::path program = dir / bad.name;
  write_file(program, bad.bytes, true);

  e2e_client client;
  client.initialize();
  json response = client.request_error("launch", {{"program", program.string()}});
  const std::string text = error_text(response);
  INFO("error shown: " << text);
  CHECK(std::any_of(bad.any_of.begin(), bad.any_of.end(),
                    [&](auto& w) { return contains(text, w); }));
  CHECK(children_of(client.adapter_pid()).empty());
  // The session goes on: a good program launches after the bad one.
  client.launch(launch_config("loop_gcc_O0_pie_d5"));
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 0);
}
