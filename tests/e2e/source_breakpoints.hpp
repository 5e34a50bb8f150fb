#pragma once

// Sessions that start with source breakpoints carrying more than a line
// (condition, hitCondition, logMessage), as a user sets them in an editor.

#include <string>

#include "tests/e2e/e2e.hpp"

namespace int3::test {

// initialize → launch → setBreakpoints(`path`, each of `breakpoints` a DAP
// SourceBreakpoint) → configurationDone: VS Code's order. Returns the
// breakpoints as the adapter answered them.
inline json start_with_source_breakpoints(dap_client& client, const json& launch,
                                          const std::string& path, const json& breakpoints) {
  client.initialize();
  client.launch(launch);
  json set = client.request_ok("setBreakpoints",
                               {{"source", {{"path", path}}}, {"breakpoints", breakpoints}});
  client.configuration_done();
  REQUIRE(set["body"]["breakpoints"].size() == breakpoints.size());
  return set["body"]["breakpoints"];
}

}  // namespace int3::test
