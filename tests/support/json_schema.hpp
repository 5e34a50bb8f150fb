#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace int3::test {

// A JSON Schema validator for the subset of keywords the DAP schema uses:
// type, $ref ("#/..."), allOf, oneOf, properties, required, enum, items,
// additionalProperties, minimum, maximum. Annotations (description, format,
// _enum, title) are ignored, so an open "_enum" accepts any string.
class json_schema {
 public:
  explicit json_schema(nlohmann::json document);
  static json_schema from_file(const std::string& path);

  bool has_definition(std::string_view name) const;

  // Every violation as "<path>: <what>", path in "$.body.breakpoints[0].line"
  // form; empty when the instance is valid. Throws std::invalid_argument for
  // an unknown definition, since that is a bug in the test, not the adapter.
  std::vector<std::string> validate(const nlohmann::json& instance,
                                    std::string_view definition) const;
  // Validates against a schema fragment whose $refs resolve in this document.
  std::vector<std::string> validate_schema(const nlohmann::json& instance,
                                           const nlohmann::json& schema) const;

 private:
  void check(const nlohmann::json& instance, const nlohmann::json& schema, const std::string& path,
             std::vector<std::string>& errors, int depth) const;
  void check_object(const nlohmann::json& instance, const nlohmann::json& schema,
                    const std::string& path, std::vector<std::string>& errors, int depth) const;
  const nlohmann::json& resolve(const std::string& ref) const;

  nlohmann::json document_;
};

}  // namespace int3::test
