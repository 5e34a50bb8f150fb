#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace int3::dap::protocol {

using json = nlohmann::json;

// Module.
struct module {
  /// The file's path: stable while it stays loaded, and what stack frames
  /// give as moduleId.
  std::string id;
  std::string name;
  std::optional<std::string> path;
  /// "Symbols loaded" (it has DWARF) or "No symbols".
  std::optional<std::string> symbolStatus;
  /// Where it is mapped, "0x7f0000001000-0x7f0000005000".
  std::optional<std::string> addressRange;
};
void to_json(json& j, const module& m);

// ModulesArguments.
struct modules_arguments {
  std::uint32_t startModule = 0;
  /// 0: all modules.
  std::uint32_t moduleCount = 0;
};
void from_json(const json& j, modules_arguments& a);

// ModulesResponse body.
struct modules_response_body {
  std::vector<module> modules;
  std::optional<int> totalModules;
};
void to_json(json& j, const modules_response_body& b);

// ModuleEvent body.
struct module_event_body {
  /// "new", "changed" or "removed".
  std::string reason;
  protocol::module module;
};
void to_json(json& j, const module_event_body& b);

}  // namespace int3::dap::protocol
