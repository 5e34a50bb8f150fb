#pragma once

#include <sys/types.h>

#include <string>

#include <nlohmann/json.hpp>

namespace int3::dap::protocol {

using json = nlohmann::json;

// int3's attach arguments. Keys it does not know (program, type, name, ...)
// are ignored.
struct attach_arguments {
  /// The process to attach to: `processId` (VS Code's ${command:pickProcess}
  /// gives a string) or `pid`, a number or a numeric string.
  pid_t processId = 0;
  /// Report a stop right after attaching instead of letting the program run.
  bool stopOnEntry = false;
  /// disassemble's syntax: "intel" (the default) or "att".
  std::string disassemblyFlavor = "intel";
};
void from_json(const json& j, attach_arguments& a);

}  // namespace int3::dap::protocol
