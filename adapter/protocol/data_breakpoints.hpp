#pragma once

// Arguments and bodies of dataBreakpointInfo and setDataBreakpoints
// (handlers/data_breakpoints.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/protocol/types.hpp"

namespace int3::dap::protocol {

using json = nlohmann::json;

// DataBreakpointInfoArguments.
struct data_breakpoint_info_arguments {
  /// The container of `name`: a scope or a variable with children.
  std::optional<int> variablesReference;
  /// A child of variablesReference; without it an expression, or with
  /// asAddress an address.
  std::string name;
  std::optional<int> frameId;
  /// How many bytes to watch from `name`'s address (supportsDataBreakpointBytes).
  std::optional<std::uint32_t> bytes;
  bool asAddress = false;
};
void from_json(const json& j, data_breakpoint_info_arguments& a);

struct data_breakpoint_info_response_body {
  /// null: nothing to watch there; `description` says why.
  std::optional<std::string> dataId;
  std::string description;
  std::optional<std::vector<std::string>> accessTypes;
  std::optional<bool> canPersist;
};
void to_json(json& j, const data_breakpoint_info_response_body& b);

// DataBreakpoint.
struct data_breakpoint {
  std::string dataId;
  /// "read", "write" or "readWrite"; write when absent.
  std::string accessType = "write";
  std::optional<std::string> condition;
  std::optional<std::string> hitCondition;
};
void from_json(const json& j, data_breakpoint& b);

// SetDataBreakpointsArguments.
struct set_data_breakpoints_arguments {
  std::vector<data_breakpoint> breakpoints;
};
void from_json(const json& j, set_data_breakpoints_arguments& a);

struct set_data_breakpoints_response_body {
  std::vector<breakpoint> breakpoints;
};
void to_json(json& j, const set_data_breakpoints_response_body& b);

}  // namespace int3::dap::protocol
