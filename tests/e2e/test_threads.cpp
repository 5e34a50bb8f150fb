// Threads the program starts after launch are announced (thread events)
// and named in `threads`.

#include <set>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

std::vector<json> thread_events(const dap_client& client, const std::string& reason) {
  std::vector<json> out;
  for (const auto& m : client.transcript())
    if (m.value("event", "") == "thread" && m["body"].value("reason", "") == reason)
      out.push_back(m);
  return out;
}

}  // namespace

TEST_CASE("thread events announce every thread started and exited", "[e2e][threads]") {
  e2e_client client;
  client.initialize();
  client.launch(launch_config("threads", {{"args", {"2"}}}));
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 0);

  auto started = thread_events(client, "started");
  auto exited = thread_events(client, "exited");
  std::set<std::int64_t> started_ids, exited_ids;
  for (const auto& e : started) started_ids.insert(e["body"]["threadId"].get<std::int64_t>());
  for (const auto& e : exited) exited_ids.insert(e["body"]["threadId"].get<std::int64_t>());
  CHECK(started.size() == 4);
  CHECK(started_ids.size() == 4);
  CHECK(exited_ids == started_ids);
  // Each thread is announced before it is said to be gone, and all before
  // the program's end.
  const auto& transcript = client.transcript();
  std::size_t exited_at = transcript.size();
  for (std::size_t i = 0; i < transcript.size(); ++i)
    if (transcript[i].value("event", "") == "exited") exited_at = i;
  for (std::int64_t tid : started_ids) {
    std::size_t start_at = transcript.size(), end_at = transcript.size();
    for (std::size_t i = 0; i < transcript.size(); ++i) {
      const auto& m = transcript[i];
      if (m.value("event", "") != "thread" || m["body"]["threadId"] != tid) continue;
      (m["body"]["reason"] == "started" ? start_at : end_at) = i;
    }
    CHECK(start_at < end_at);
    CHECK(end_at < exited_at);
  }
}

TEST_CASE("threads are listed with their names while stopped", "[e2e][threads]") {
  e2e_client client;
  const std::string src = source_path("threads.c");
  start_with_breakpoints(client, launch_config("threads", {{"args", {"1"}}}), src,
                         {line_of(src, "thread body")});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json threads = client.threads()["body"]["threads"];
  INFO(threads.dump());
  CHECK(threads.size() >= 2);
  bool found = false;
  for (const auto& t : threads) {
    // /proc/<pid>/task/<tid>/comm, with the id the adapter adds.
    CHECK(t.value("name", "").rfind("threads", 0) == 0);
    found = found || t["id"] == tid;
  }
  CHECK(found);
  // The stopped thread was announced before its stop.
  bool announced = false;
  for (const auto& m : client.transcript()) {
    if (m.value("event", "") == "stopped") break;
    announced = announced || (m.value("event", "") == "thread" && m["body"]["threadId"] == tid);
  }
  CHECK(announced);
  client.request_ok("terminate");
  client.wait_terminated();
}
