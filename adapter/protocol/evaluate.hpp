#pragma once

// The evaluate request's arguments and body.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace int3::dap::protocol {

using json = nlohmann::json;

// EvaluateArguments.
struct evaluate_arguments {
  /// The expression, in C/C++ syntax.
  std::string expression;
  /// The frame whose scope names are looked up in; absent: the top frame
  /// of the stopped thread.
  std::optional<int> frameId;
  /// "watch", "repl", "hover", "clipboard", "variables" or another string.
  std::optional<std::string> context;
  /// format.hex: integers in hexadecimal.
  bool hex = false;
};
void from_json(const json& j, evaluate_arguments& a);

// EvaluateResponse body.
struct evaluate_response_body {
  std::string result;
  std::optional<std::string> type;
  /// > 0: the result has children, fetched with `variables`.
  int variablesReference = 0;
  std::optional<int> namedVariables;
  std::optional<int> indexedVariables;
  std::optional<std::string> memoryReference;
};
void to_json(json& j, const evaluate_response_body& b);

}  // namespace int3::dap::protocol
