#pragma once

// The variables pane as the formatter tests drive it: stop at a marker,
// read Locals, expand a variable (optionally a page of it), find one by name.

#include <string>

#include "tests/e2e/e2e.hpp"

namespace int3::test {

// The children of `reference`; `extra` adds filter/start/count.
inline json variables(e2e_client& client, const json& reference, json extra = json::object()) {
  extra["variablesReference"] = reference;
  return client.request_ok("variables", extra)["body"]["variables"];
}

inline json named(const json& list, const std::string& name) {
  for (const auto& v : list)
    if (v.value("name", "") == name) return v;
  FAIL("no variable " << name << " in " << list.dump());
  return {};
}

struct stopped_frame {
  std::int64_t tid = 0;
  json scopes;  // of the top frame
};

// Launches `fixture` and stops at `marker` of `source`: the thread and the
// top frame's scopes.
inline stopped_frame stop_at(e2e_client& client, const std::string& fixture,
                             const std::string& source, const std::string& marker) {
  const std::string src = source_path(source);
  start_with_breakpoints(client, launch_config(fixture), src, {line_of(src, marker)});
  json stopped = client.wait_stopped();
  REQUIRE(stopped["body"]["reason"] == "breakpoint");
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE(!frames.empty());
  return {tid, client.request_ok("scopes", {{"frameId", frames[0]["id"]}})["body"]["scopes"]};
}

// The same, returning the top frame's Locals.
inline json locals_at(e2e_client& client, const std::string& fixture, const std::string& source,
                      const std::string& marker) {
  auto at = stop_at(client, fixture, source, marker);
  return variables(client, named(at.scopes, "Locals")["variablesReference"]);
}

}  // namespace int3::test
