#pragma once

// The variables and setVariable requests' arguments and bodies.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace int3::dap::protocol {

using json = nlohmann::json;

// Variable.
struct variable {
  std::string name;
  std::string value;
  std::optional<std::string> type;
  std::optional<std::string> evaluateName;
  /// > 0: the variable has children, fetched with `variables`.
  int variablesReference = 0;
  std::optional<int> namedVariables;
  std::optional<int> indexedVariables;
  std::optional<std::string> memoryReference;
};
void to_json(json& j, const variable& v);

// VariablesArguments.
struct variables_arguments {
  int variablesReference = 0;
  /// "indexed" or "named"; absent: both.
  std::optional<std::string> filter;
  std::uint32_t start = 0;
  /// 0: all.
  std::uint32_t count = 0;
  /// format.hex.
  bool hex = false;
};
void from_json(const json& j, variables_arguments& a);

struct variables_response_body {
  std::vector<variable> variables;
};
void to_json(json& j, const variables_response_body& b);

// SetVariableArguments.
struct set_variable_arguments {
  int variablesReference = 0;
  std::string name;
  std::string value;
  bool hex = false;
};
void from_json(const json& j, set_variable_arguments& a);

struct set_variable_response_body {
  std::string value;
  std::optional<std::string> type;
  int variablesReference = 0;
  std::optional<int> namedVariables;
  std::optional<int> indexedVariables;
};
void to_json(json& j, const set_variable_response_body& b);

}  // namespace int3::dap::protocol
