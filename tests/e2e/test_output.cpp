// What the program prints, how it is started, and how it ends, as the user
// sees them in the debug console.

#include <unistd.h>

#include <filesystem>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;
namespace fs = std::filesystem;

namespace {

json run_output_fixture(dap_client& client, const json& extra) {
  client.initialize();
  client.launch(launch_config("output", extra));
  client.configuration_done();
  json exited = client.wait_exited();
  client.wait_terminated();
  return exited;
}

}  // namespace

TEST_CASE("arguments reach the program verbatim with no shell in between", "[e2e][output]") {
  e2e_client client;
  json exited = run_output_fixture(client, {{"args", {"a b", "$(x)", ";", "q\"uote", "*"}}});
  CHECK(exited["body"]["exitCode"] == 0);
  const std::string out = client.output("stdout");
  INFO("stdout: " << out);
  CHECK(contains(out, "arg[1]=a b\n"));
  CHECK(contains(out, "arg[2]=$(x)\n"));
  CHECK(contains(out, "arg[3]=;\n"));
  CHECK(contains(out, "arg[4]=q\"uote\n"));
  CHECK(contains(out, "arg[5]=*\n"));
  CHECK_FALSE(contains(out, "arg[6]"));
  CHECK(contains(out, "INT3-FIXTURE-DONE\n"));
}

TEST_CASE("env is merged over the adapter's environment", "[e2e][output]") {
  // INT3_EXIT_CODE comes from the adapter's own environment, INT3_TEST_VAR
  // from the launch configuration: both must reach the program.
  dap_client_options options;
  options.adapter_env = {{"INT3_EXIT_CODE", "3"}};
  e2e_client client(options);
  json exited = run_output_fixture(client, {{"env", {{"INT3_TEST_VAR", "hello"}}}});
  CHECK(contains(client.output("stdout"), "env=hello\n"));
  CHECK(exited["body"]["exitCode"] == 3);
}

TEST_CASE("the exit code reaches the user", "[e2e][output]") {
  e2e_client client;
  json exited = run_output_fixture(client, {{"env", {{"INT3_EXIT_CODE", "7"}}}});
  CHECK(exited["body"]["exitCode"] == 7);
}

TEST_CASE("cwd is honoured", "[e2e][output]") {
  const fs::path dir =
      fs::canonical(fs::temp_directory_path()) / ("int3-e2e-cwd-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  e2e_client client;
  json exited = run_output_fixture(client, {{"cwd", dir.string()}});
  CHECK(contains(client.output("stdout"), "cwd=" + dir.string() + "\n"));
  fs::remove(dir);
}

TEST_CASE("stdout and stderr arrive with their own categories", "[e2e][output]") {
  e2e_client client;
  run_output_fixture(client, {{"args", {"x"}}});
  const std::string out = client.output("stdout");
  const std::string err = client.output("stderr");
  INFO("stdout: " << out << "\nstderr: " << err);
  CHECK(contains(out, "arg[1]=x\n"));
  CHECK(contains(err, "to-stderr\n"));
  CHECK_FALSE(contains(out, "to-stderr"));
  CHECK_FALSE(contains(err, "arg[1]"));
}

TEST_CASE("a lot of output keeps the protocol intact", "[e2e][output]") {
  // ~600 KiB of program output through the adapter: any byte of it on the
  // adapter's stdout would break the framing, which the client checks.
  std::vector<std::string> args;
  for (int i = 0; i < 6000; ++i)
    args.push_back("line-" + std::to_string(i) + "-" + std::string(80, char('a' + i % 26)));
  e2e_client client;
  json exited = run_output_fixture(client, {{"args", args}});
  CHECK(exited["body"]["exitCode"] == 0);
  const std::string out = client.output("stdout");
  std::size_t at = 0;
  bool in_order = true;
  for (std::size_t i = 0; i < args.size() && in_order; ++i) {
    std::string expected = "arg[" + std::to_string(i + 1) + "]=" + args[i] + "\n";
    auto found = out.find(expected, at);
    if (found == std::string::npos) {
      in_order = false;
      FAIL_CHECK("missing or out of order: " << expected);
    }
    at = found + expected.size();
  }
  CHECK(contains(out, "INT3-FIXTURE-DONE\n"));
}
