#pragma once

// What every end-to-end test shares: a dap_client wired into Catch2, the
// fixture names and a few user-level flows.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/dap_client.hpp"
#include "tests/support/markers.hpp"
#include "tests/support/proc_oracle.hpp"

namespace int3::test {

// Options whose failures are Catch2 FAILs.
dap_client_options e2e_options(dap_client_options base = {});

// A dap_client for a Catch2 test case. Protocol violations FAIL the test.
// The destructor ends the adapter, kills any debuggee it left behind (and
// says so), and when the test case failed prints the adapter log tail, keeps
// the work directory and prints the command that reruns the test (rr's habit).
class e2e_client : public dap_client {
 public:
  explicit e2e_client(dap_client_options options = {});
  ~e2e_client() override;

 private:
  std::size_t failures_at_start_;
};

// Assertion failures seen by the listener (main.cpp) in this process so far.
std::size_t failed_assertions();
void note_failed_assertion();

// The absolute editor path of tests/fixtures/<name>.
inline std::string source_path(const std::string& name) {
  return fixture_source(name);
}

// {"program": ..., plus extras}: the launch configuration a user writes.
json launch_config(const std::string& fixture, const json& extra = json::object());

// The ids of a setBreakpoints response, in order.
std::vector<std::int64_t> breakpoint_ids(const json& set_breakpoints_response);

// initialize → initialized → launch → setBreakpoints(path, lines) →
// configurationDone: VS Code's order. Returns the setBreakpoints response.
json start_with_breakpoints(dap_client& client, const json& launch, const std::string& path,
                            const std::vector<std::uint32_t>& lines);

// Waits for `exited` then `terminated`, failing on any stop in between.
// Returns the exit code.
std::int64_t expect_run_to_exit(dap_client& client);

// True if `haystack` contains `needle`.
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace int3::test
