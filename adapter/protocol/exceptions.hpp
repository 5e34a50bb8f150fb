#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace int3::dap::protocol {

using json = nlohmann::json;

// SetExceptionBreakpointsArguments (filterOptions and exceptionOptions are
// not offered, so not read).
struct set_exception_breakpoints_arguments {
  std::vector<std::string> filters;
};
void from_json(const json& j, set_exception_breakpoints_arguments& a);

// ExceptionInfoArguments.
struct exception_info_arguments {
  int threadId = 0;
};
void from_json(const json& j, exception_info_arguments& a);

// ExceptionInfoResponse body.
struct exception_info_response_body {
  /// The signal's name, "SIGSEGV".
  std::string exceptionId;
  std::optional<std::string> description;
  /// int3 stops for a signal whenever its filter is on: "always".
  std::string breakMode = "always";
};
void to_json(json& j, const exception_info_response_body& b);

}  // namespace int3::dap::protocol
