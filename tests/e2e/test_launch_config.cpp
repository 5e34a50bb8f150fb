// launch.json habits from other adapters (cppdbg, codelldb, Delve, nvim-dap):
// each alias reaches the program as int3's own key would, sourceMap works
// both ways, and stdio goes to files.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
namespace fs = std::filesystem;

namespace {

// Runs the output fixture to its end; returns its exit code.
std::int64_t run_output(dap_client& client, const json& extra) {
  client.initialize();
  client.launch(launch_config("output", extra));
  client.configuration_done();
  return expect_run_to_exit(client);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("stopAtEntry is stopOnEntry", "[e2e][launch-config]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("loop_gcc_O0_pie_d5", {{"stopAtEntry", true}}));
  client.configuration_done();
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "entry");
  client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("environment as [{name, value}] reaches the program", "[e2e][launch-config]") {
  e2e_client client;
  run_output(client, {{"environment", {{{"name", "INT3_TEST_VAR"}, {"value", "from-list"}}}}});
  CHECK(contains(client.output("stdout"), "env=from-list\n"));
}

TEST_CASE("env as a list of K=V strings reaches the program", "[e2e][launch-config]") {
  e2e_client client;
  CHECK(run_output(client, {{"env", {"INT3_TEST_VAR=a=b", "INT3_EXIT_CODE=4"}}}) == 4);
  CHECK(contains(client.output("stdout"), "env=a=b\n"));
}

TEST_CASE("env null unsets a variable of the adapter's environment", "[e2e][launch-config]") {
  dap_client_options options;
  options.adapter_env = {{"INT3_TEST_VAR", "inherited"}};
  e2e_client client(options);
  run_output(client, {{"env", {{"INT3_TEST_VAR", nullptr}}}});
  CHECK(contains(client.output("stdout"), "env=(unset)\n"));
}

TEST_CASE("nvim-dap's empty tables for args and env are accepted", "[e2e][launch-config]") {
  e2e_client client;
  CHECK(run_output(client, {{"args", json::object()}, {"env", json::array()}}) == 0);
  const std::string out = client.output("stdout");
  CHECK_FALSE(contains(out, "arg[1]"));
  CHECK(contains(out, "INT3-FIXTURE-DONE\n"));
}

TEST_CASE("args as one string is split like a shell, without one", "[e2e][launch-config]") {
  e2e_client client;
  run_output(client, {{"args", R"(plain 'two words' "say \"hi\"" $HOME a\ b)"}});
  const std::string out = client.output("stdout");
  INFO(out);
  CHECK(contains(out, "arg[1]=plain\n"));
  CHECK(contains(out, "arg[2]=two words\n"));
  CHECK(contains(out, "arg[3]=say \"hi\"\n"));
  CHECK(contains(out, "arg[4]=$HOME\n"));
  CHECK(contains(out, "arg[5]=a b\n"));
  CHECK_FALSE(contains(out, "arg[6]"));
}

TEST_CASE("envFile is read relative to cwd and env wins over it", "[e2e][launch-config]") {
  e2e_client client;
  const fs::path dir = client.work_dir();
  write_file(dir / "test.env", "# settings\nexport INT3_EXIT_CODE=6\nINT3_TEST_VAR='from file'\n");
  CHECK(run_output(client, {{"cwd", dir.string()}, {"envFile", "test.env"}}) == 6);
  CHECK(contains(client.output("stdout"), "env=from file\n"));
}

TEST_CASE("env wins over envFile", "[e2e][launch-config]") {
  e2e_client client;
  const fs::path env_file = fs::path(client.work_dir()) / "test.env";
  write_file(env_file, "INT3_TEST_VAR=from-file\n");
  run_output(client, {{"envFile", env_file.string()}, {"env", {{"INT3_TEST_VAR", "from-env"}}}});
  CHECK(contains(client.output("stdout"), "env=from-env\n"));
}

TEST_CASE("a missing envFile is a launch error naming it", "[e2e][launch-config]") {
  e2e_client client;
  client.initialize();
  json response = client.request_error(
      "launch", launch_config("output", {{"envFile", "/nonexistent/int3.env"}}));
  CHECK(contains(response.dump(), "/nonexistent/int3.env"));
}

TEST_CASE("a known launch key of the wrong type is an error naming it", "[e2e][launch-config]") {
  e2e_client client;
  client.initialize();
  json response = client.request_error("launch", launch_config("output", {{"stopAtEntry", "yes"}}));
  CHECK(contains(response.value("message", ""), "arguments.stopAtEntry"));
  response = client.request_error("launch", launch_config("output", {{"env", 3}}));
  CHECK(contains(response.value("message", ""), "arguments.env"));
}

TEST_CASE("sourceMap maps stack frame paths to the editor's", "[e2e][launch-config]") {
  e2e_client client;
  const std::string src = source_path("loop.c");
  const std::string editor_dir = "/home/editor/project";
  const std::string build_dir = fs::path(src).parent_path().string();
  const auto line = line_of(src, "square body");
  client.initialize();
  client.launch(launch_config("loop_gcc_O0_pie_d5", {{"sourceMap", {{build_dir, editor_dir}}}}));
  // The editor shows the file where it has it; the breakpoint is set there.
  json set = client.set_breakpoints(editor_dir + "/loop.c", {line});
  CHECK(set["body"]["breakpoints"][0]["source"]["path"] == editor_dir + "/loop.c");
  client.configuration_done();
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  json frames = client.stack_trace(stopped["body"]["threadId"].get<std::int64_t>());
  json top = frames["body"]["stackFrames"][0];
  INFO(top.dump());
  CHECK(top["source"]["path"] == editor_dir + "/loop.c");
  CHECK(top["line"] == line);
}

TEST_CASE("substitutePath maps a breakpoint's editor path to the program's",
          "[e2e][launch-config]") {
  // The editor's name for the file shares no file name with the program's,
  // so only the mapping can make this breakpoint hit.
  e2e_client client;
  const std::string src = source_path("loop.c");
  const std::string editor_file = "/home/editor/renamed_loop.c";
  const auto line = line_of(src, "call square");
  client.initialize();
  client.launch(launch_config("loop_gcc_O0_pie_d5",
                              {{"substitutePath", {{{"from", src}, {"to", editor_file}}}}}));
  json set = client.set_breakpoints(editor_file, {line});
  CHECK(set["body"]["breakpoints"][0]["verified"] == true);
  client.configuration_done();
  json stopped = client.wait_stopped();
  CHECK(stopped["body"]["reason"] == "breakpoint");
  json frames = client.stack_trace(stopped["body"]["threadId"].get<std::int64_t>());
  CHECK(frames["body"]["stackFrames"][0]["source"]["path"] == editor_file);
}

TEST_CASE("without sourceMap an unknown file name gets no breakpoint", "[e2e][launch-config]") {
  // The control for the test above.
  e2e_client client;
  client.initialize();
  client.launch(launch_config("loop_gcc_O0_pie_d5"));
  json set = client.set_breakpoints("/home/editor/renamed_loop.c",
                                    {line_of(source_path("loop.c"), "call square")});
  CHECK(set["body"]["breakpoints"][0]["verified"] == false);
}

TEST_CASE("stdio sends stdout to a file relative to cwd, stderr stays an output event",
          "[e2e][launch-config]") {
  e2e_client client;
  const fs::path dir = client.work_dir();
  CHECK(run_output(client, {{"cwd", dir.string()},
                            {"args", {"x"}},
                            {"stdio", {nullptr, "out.txt", nullptr}}}) == 0);
  const std::string file = read_file(dir / "out.txt");
  CHECK(contains(file, "arg[1]=x\n"));
  CHECK(contains(file, "INT3-FIXTURE-DONE\n"));
  CHECK_FALSE(contains(client.output("stdout"), "arg[1]"));
  CHECK(contains(client.output("stderr"), "to-stderr\n"));
}

TEST_CASE("stdio reads stdin from a file and sends stderr to another", "[e2e][launch-config]") {
  // cat copies its stdin to stdout: what the file holds comes back as output.
  e2e_client client;
  const fs::path dir = client.work_dir();
  write_file(dir / "in.txt", "line from the input file\n");
  client.initialize();
  client.launch({{"program", "/bin/cat"},
                 {"cwd", dir.string()},
                 {"args", {"-", "/nonexistent-int3-file"}},
                 {"stdio", {"in.txt", nullptr, "err.txt"}}});
  client.configuration_done();
  expect_run_to_exit(client);
  CHECK(contains(client.output("stdout"), "line from the input file\n"));
  CHECK(contains(read_file(dir / "err.txt"), "nonexistent-int3-file"));
  CHECK_FALSE(contains(client.output("stderr"), "nonexistent-int3-file"));
}

TEST_CASE("an unopenable stdio file is a launch error naming it", "[e2e][launch-config]") {
  e2e_client client;
  client.initialize();
  json response =
      client.request_error("launch", launch_config("output", {{"stdio", {"/nonexistent/in.txt"}}}));
  CHECK(contains(response.dump(), "/nonexistent/in.txt"));
}
