// Progress events for long DWARF reads, as a client that shows them sees
// them: a function breakpoint on a name no ELF symbol carries makes the
// adapter read the compile units that mention the name (here "int", which
// every unit does, and no function has), which it announces with
// progressStart, progressUpdate and progressEnd around the work, before the
// response.

#include <set>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

// The messages of `client` from the first one after `from` on.
std::vector<json> received_since(const dap_client& client, std::size_t from) {
  const auto& all = client.transcript();
  return {all.begin() + static_cast<std::ptrdiff_t>(std::min(from, all.size())), all.end()};
}

bool is_progress(const json& message) {
  return message.value("type", "") == "event" &&
         message.value("event", "").rfind("progress", 0) == 0;
}

void set_unknown_function_breakpoint(dap_client& client) {
  json set = client.request_ok("setFunctionBreakpoints",
                               {{"breakpoints", json::array({{{"name", "int"}}})}});
  REQUIRE(set["body"]["breakpoints"].size() == 1);
  CHECK(set["body"]["breakpoints"][0]["verified"] == false);
}

}  // namespace

TEST_CASE("reading the units that mention a name is shown as progress to a client that asks",
          "[progress]") {
  e2e_client client;
  client.initialize({{"supportsProgressReporting", true}});
  client.launch(launch_config("funcs_gcc_O0"));
  std::size_t before = client.transcript().size();
  set_unknown_function_breakpoint(client);

  std::vector<json> progress;
  bool answered = false;
  for (const auto& m : received_since(client, before)) {
    if (m.value("type", "") == "response" && m.value("command", "") == "setFunctionBreakpoints")
      answered = true;
    if (!is_progress(m)) continue;
    CHECK_FALSE(answered);  // the work happens before the answer
    progress.push_back(m);
  }
  REQUIRE(progress.size() >= 2);
  CHECK(progress.front()["event"] == "progressStart");
  CHECK(progress.back()["event"] == "progressEnd");
  const json& start = progress.front()["body"];
  CHECK_FALSE(start.value("title", "").empty());
  const std::string id = start.value("progressId", "");
  CHECK_FALSE(id.empty());
  for (const auto& m : progress) {
    CHECK(m["body"]["progressId"] == id);
    if (m["body"].contains("percentage")) {
      CHECK(m["body"]["percentage"].get<int>() >= 0);
      CHECK(m["body"]["percentage"].get<int>() <= 100);
    }
  }
  for (std::size_t i = 1; i + 1 < progress.size(); ++i)
    CHECK(progress[i]["event"] == "progressUpdate");

  // Read once: the same question again is answered from the index, silently.
  before = client.transcript().size();
  set_unknown_function_breakpoint(client);
  for (const auto& m : received_since(client, before)) CHECK_FALSE(is_progress(m));
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 0);
}

TEST_CASE("a client that does not ask for progress gets no progress events", "[progress]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("funcs_gcc_O0"));
  set_unknown_function_breakpoint(client);
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 0);
  for (const auto& m : client.transcript()) CHECK_FALSE(is_progress(m));
}
