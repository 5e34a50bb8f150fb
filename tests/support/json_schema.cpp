#include "tests/support/json_schema.hpp"

#include <cmath>
#include <fstream>
#include <stdexcept>

namespace int3::test {

using nlohmann::json;

namespace {

// Deep enough for the DAP schema; a cycle of $refs without data would
// otherwise recurse until the stack overflows.
constexpr int max_depth = 64;

bool has_type(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    // As in JSON Schema draft 6+: 3.0 is an integer, 3.5 is not.
    if (value.is_number_integer()) return true;
    if (!value.is_number_float()) return false;
    double d = value.get<double>();
    return std::isfinite(d) && std::floor(d) == d;
  }
  throw std::invalid_argument("json_schema: unknown type '" + type + "'");
}

std::string type_name(const json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number_float()) return "number";
  return value.type_name();
}

std::string short_dump(const json& value) {
  std::string text = value.dump();
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

}  // namespace

json_schema::json_schema(json document) : document_(std::move(document)) {
  if (!document_.is_object()) throw std::invalid_argument("json_schema: document is not an object");
}

json_schema json_schema::from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("json_schema: cannot open " + path);
  return json_schema(json::parse(in));
}

bool json_schema::has_definition(std::string_view name) const {
  auto defs = document_.find("definitions");
  return defs != document_.end() && defs->contains(std::string(name));
}

std::vector<std::string> json_schema::validate(const json& instance,
                                               std::string_view definition) const {
  if (!has_definition(definition))
    throw std::invalid_argument("json_schema: no definition '" + std::string(definition) + "'");
  return validate_schema(instance, document_["definitions"][std::string(definition)]);
}

std::vector<std::string> json_schema::validate_schema(const json& instance,
                                                      const json& schema) const {
  std::vector<std::string> errors;
  check(instance, schema, "$", errors, 0);
  return errors;
}

const json& json_schema::resolve(const std::string& ref) const {
  if (ref.rfind("#/", 0) != 0)
    throw std::invalid_argument("json_schema: only local $refs are supported: " + ref);
  json::json_pointer pointer(ref.substr(1));
  if (!document_.contains(pointer))
    throw std::invalid_argument("json_schema: dangling $ref " + ref);
  return document_.at(pointer);
}

void json_schema::check(const json& instance, const json& schema, const std::string& path,
                        std::vector<std::string>& errors, int depth) const {
  if (depth > max_depth)
    throw std::invalid_argument("json_schema: $ref nesting too deep at " + path);
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) errors.push_back(path + ": no value is allowed here");
    return;
  }
  if (auto ref = schema.find("$ref"); ref != schema.end())
    check(instance, resolve(ref->get<std::string>()), path, errors, depth + 1);

  if (auto all = schema.find("allOf"); all != schema.end())
    for (const auto& sub : *all) check(instance, sub, path, errors, depth + 1);

  if (auto one = schema.find("oneOf"); one != schema.end()) {
    std::size_t matches = 0;
    std::vector<std::string> first_errors;
    for (const auto& sub : *one) {
      std::vector<std::string> sub_errors;
      check(instance, sub, path, sub_errors, depth + 1);
      if (sub_errors.empty())
        ++matches;
      else if (first_errors.empty())
        first_errors = std::move(sub_errors);
    }
    if (matches != 1) {
      std::string what = path + ": matches " + std::to_string(matches) + " of the " +
                         std::to_string(one->size()) + " oneOf alternatives (exactly one needed)";
      if (matches == 0 && !first_errors.empty()) what += "; first alternative: " + first_errors[0];
      errors.push_back(what);
    }
  }

  if (auto type = schema.find("type"); type != schema.end()) {
    bool ok = false;
    if (type->is_string()) {
      ok = has_type(instance, type->get<std::string>());
    } else {
      for (const auto& t : *type) ok = ok || has_type(instance, t.get<std::string>());
    }
    if (!ok) {
      // Further keywords would only repeat the same mistake in other words.
      errors.push_back(path + ": expected " +
                       (type->is_string() ? type->get<std::string>() : type->dump()) + ", got " +
                       type_name(instance) + " " + short_dump(instance));
      return;
    }
  }

  if (auto values = schema.find("enum"); values != schema.end()) {
    bool found = false;
    for (const auto& v : *values) found = found || v == instance;
    if (!found)
      errors.push_back(path + ": " + short_dump(instance) + " is not one of " + values->dump());
  }

  if (instance.is_number()) {
    double value = instance.get<double>();
    if (auto min = schema.find("minimum"); min != schema.end() && value < min->get<double>())
      errors.push_back(path + ": " + instance.dump() + " is below the minimum " + min->dump());
    if (auto max = schema.find("maximum"); max != schema.end() && value > max->get<double>())
      errors.push_back(path + ": " + instance.dump() + " is above the maximum " + max->dump());
  }

  if (instance.is_array()) {
    if (auto items = schema.find("items"); items != schema.end())
      for (std::size_t i = 0; i < instance.size(); ++i)
        check(instance[i], *items, path + "[" + std::to_string(i) + "]", errors, depth + 1);
  }

  if (instance.is_object()) check_object(instance, schema, path, errors, depth);
}

void json_schema::check_object(const json& instance, const json& schema, const std::string& path,
                               std::vector<std::string>& errors, int depth) const {
  if (auto required = schema.find("required"); required != schema.end())
    for (const auto& key : *required)
      if (!instance.contains(key.get<std::string>()))
        errors.push_back(path + ": missing required property '" + key.get<std::string>() + "'");

  auto properties = schema.find("properties");
  auto additional = schema.find("additionalProperties");
  for (const auto& [key, value] : instance.items()) {
    const std::string child = path + "." + key;
    if (properties != schema.end() && properties->contains(key)) {
      check(value, (*properties)[key], child, errors, depth + 1);
    } else if (additional != schema.end()) {
      if (additional->is_boolean() && !additional->get<bool>())
        errors.push_back(path + ": unexpected property '" + key + "'");
      else
        check(value, *additional, child, errors, depth + 1);
    }
  }
}

}  // namespace int3::test
