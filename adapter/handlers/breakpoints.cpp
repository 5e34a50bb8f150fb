// setBreakpoints, setExceptionBreakpoints, _int3_breakpointSites.

#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "adapter/breakpoint_change.hpp"
#include "adapter/breakpoint_conditions.hpp"
#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"

namespace int3::dap {

protocol::capabilities set_breakpoints_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsConditionalBreakpoints = true;
  c.supportsHitConditionalBreakpoints = true;
  c.supportsLogPoints = true;
  return c;
}

protocol::set_breakpoints_response_body set_breakpoints_handler::run(
    const protocol::set_breakpoints_arguments& args) {
  if (!args.source.path) {
    throw protocol_error("arguments.source.path",
                         "missing, expected string (sources without a path are not supported)");
  }
  auto& client = session_.client();
  std::string path = client.path_from_client(*args.source.path);

  std::vector<std::uint32_t> lines;
  if (args.breakpoints) {
    for (const auto& b : *args.breakpoints) lines.push_back(client.line_from_client(b.line));
  } else if (args.lines) {
    for (int line : *args.lines) lines.push_back(client.line_from_client(line));
  }

  breakpoint_change change(session_);
  auto& registry = session_.breakpoints();
  auto result = registry.replace(path, lines, change.pending_message());
  if (args.breakpoints) {
    for (std::size_t i = 0; i < result.ids.size(); ++i) {
      if (!result.ids[i]) continue;
      const auto& spec = (*args.breakpoints)[i];
      registry.set_behaviour(
          *result.ids[i],
          breakpoint_behaviour::compile(spec.condition.value_or(""), spec.hitCondition.value_or(""),
                                        spec.logMessage.value_or("")));
    }
  }
  for (int id : change.apply(registry, result)) session_.send_breakpoint_changed(id);

  protocol::set_breakpoints_response_body body;
  for (std::size_t i = 0; i < result.ids.size(); ++i) {
    if (result.ids[i]) {
      body.breakpoints.push_back(session_.describe_breakpoint(*registry.find(*result.ids[i])));
      continue;
    }
    protocol::breakpoint duplicate;
    duplicate.verified = false;
    duplicate.line = client.line_to_client(lines[i]);
    duplicate.message = "a breakpoint already exists on this line";
    duplicate.source = protocol::source{std::filesystem::path(path).filename().string(),
                                        client.path_to_client(path), std::nullopt};
    body.breakpoints.push_back(std::move(duplicate));
  }
  return body;
}

protocol::breakpoint_sites_body breakpoint_sites_handler::run(const protocol::empty_arguments&) {
  protocol::breakpoint_sites_body body;
  for (auto site : session_.target().breakpoint_sites()) {
    char text[32];
    std::snprintf(text, sizeof text, "0x%" PRIx64, site.value);
    body.sites.emplace_back(text);
  }
  return body;
}

}  // namespace int3::dap
