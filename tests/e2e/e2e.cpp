#include "tests/e2e/e2e.hpp"

#include <atomic>
#include <exception>
#include <sstream>

namespace int3::test {

namespace {
std::atomic<std::size_t> failures{0};
}  // namespace

void note_failed_assertion() {
  ++failures;
}
std::size_t failed_assertions() {
  return failures.load();
}

dap_client_options e2e_options(dap_client_options base) {
  base.on_failure = [](const std::string& what) { FAIL(what); };
  return base;
}

e2e_client::e2e_client(dap_client_options options)
    : dap_client(e2e_options(std::move(options))), failures_at_start_(failed_assertions()) {}

e2e_client::~e2e_client() {
  // The debuggee is the adapter's child: find it before the adapter goes
  // and the kernel reparents it.
  std::vector<process_guard> debuggees;
  for (pid_t child : children_of(adapter_pid())) debuggees.emplace_back(child);
  auto late = shutdown_quietly();

  std::ostringstream report;
  for (auto& d : debuggees) {
    // The kernel kills a PTRACE_O_EXITKILL tracee asynchronously; give it time.
    if (wait_until_gone(d.pid(), std::chrono::seconds(3))) continue;
    const char state = process_state(d.pid()).value_or('?');
    if (d.kill_if_alive())
      report << "debuggee " << d.pid() << " outlived int3-dap (state " << state
             << "); the test killed it\n";
  }
  for (const auto& what : late) FAIL_CHECK("while the adapter shut down: " << what);

  const bool failed = failed_assertions() != failures_at_start_ || std::uncaught_exceptions() > 0;
  if (failed) {
    keep_work_dir();
    report << log_tail(80) << "logs kept in " << work_dir() << "\n"
           << "rerun: " << INT3_E2E_BINARY << " \""
           << Catch::getResultCapture().getCurrentTestName() << "\"\n";
  }
  if (!report.str().empty()) WARN(report.str());
}

json launch_config(const std::string& fixture, const json& extra) {
  json config = {{"program", fixture_binary(fixture)}};
  config.update(extra);
  return config;
}

std::vector<std::int64_t> breakpoint_ids(const json& response) {
  std::vector<std::int64_t> ids;
  if (!response.contains("body")) return ids;
  for (const auto& b : response["body"].value("breakpoints", json::array()))
    ids.push_back(b.value("id", std::int64_t{-1}));
  return ids;
}

json start_with_breakpoints(dap_client& client, const json& launch, const std::string& path,
                            const std::vector<std::uint32_t>& lines) {
  client.initialize();
  client.launch(launch);
  json response = client.set_breakpoints(path, lines);
  client.configuration_done();
  return response;
}

std::int64_t expect_run_to_exit(dap_client& client) {
  json exited = client.wait_exited();
  auto stray = client.maybe_event("stopped", std::chrono::milliseconds(0));
  CHECK_FALSE(stray.has_value());
  if (stray) UNSCOPED_INFO("unexpected stop before exit: " << stray->dump());
  client.wait_terminated();
  if (!exited.contains("body")) return -1;
  return exited["body"].value("exitCode", std::int64_t{-1});
}

}  // namespace int3::test
