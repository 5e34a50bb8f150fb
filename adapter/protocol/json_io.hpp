#pragma once

// Readers that check the shape of incoming JSON and name the offending path
// in their errors ("arguments.breakpoints[2].line: expected integer"), and
// put_optional, which leaves absent optionals out instead of writing null.

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/errors.hpp"

namespace int3::dap::protocol {

using json = nlohmann::json;

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_string_map : std::false_type {};
template <class T>
struct is_string_map<std::map<std::string, T>> : std::true_type {};
}  // namespace detail

// What a value of type T must look like in JSON, as an error message says it.
template <class T>
std::string expected_name() {
  if constexpr (std::is_same_v<T, bool>) {
    return "boolean";
  } else if constexpr (std::is_integral_v<T>) {
    return "integer";
  } else if constexpr (std::is_floating_point_v<T>) {
    return "number";
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "string";
  } else if constexpr (std::is_same_v<T, json>) {
    return "value";
  } else if constexpr (detail::is_vector<T>::value) {
    return "array of " + expected_name<typename T::value_type>() + "s";
  } else if constexpr (detail::is_string_map<T>::value) {
    return "object of " + expected_name<typename T::mapped_type>() + "s";
  } else {
    return "object";
  }
}

// Reads `value` as a T, or throws protocol_error with a path relative to it.
// Structs are read by their from_json(const json&, T&), found by ADL, which
// uses require/optional in turn.
template <class T>
T read_as(const json& value) {
  auto mismatch = [] { return protocol_error({}, "expected " + expected_name<T>()); };
  if constexpr (std::is_same_v<T, json>) {
    return value;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!value.is_boolean()) throw mismatch();
    return value.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    if (!value.is_number_integer()) throw mismatch();
    bool fits = value.is_number_unsigned()
                    ? value.get<std::uint64_t>() <=
                          static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                    : value.get<std::int64_t>() >= std::numeric_limits<T>::min() &&
                          value.get<std::int64_t>() <= std::numeric_limits<T>::max();
    if (!fits) throw protocol_error({}, "integer out of range");
    return value.get<T>();
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!value.is_number()) throw mismatch();
    return value.get<T>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!value.is_string()) throw mismatch();
    return value.get<std::string>();
  } else if constexpr (detail::is_vector<T>::value) {
    if (!value.is_array()) throw mismatch();
    T out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
      try {
        out.push_back(read_as<typename T::value_type>(value[i]));
      } catch (const protocol_error& e) {
        throw e.within("[" + std::to_string(i) + "]");
      }
    }
    return out;
  } else if constexpr (detail::is_string_map<T>::value) {
    if (!value.is_object()) throw mismatch();
    T out;
    for (const auto& [key, item] : value.items()) {
      try {
        out.emplace(key, read_as<typename T::mapped_type>(item));
      } catch (const protocol_error& e) {
        throw e.within(key);
      }
    }
    return out;
  } else {
    if (!value.is_object()) throw mismatch();
    T out{};
    from_json(value, out);
    return out;
  }
}

// The member `key` of `object`, which must be there.
template <class T>
T require(const json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end()) throw protocol_error(key, "missing, expected " + expected_name<T>());
  try {
    return read_as<T>(*it);
  } catch (const protocol_error& e) {
    throw e.within(key);
  }
}

// The member `key` of `object`; absent and null both read as nullopt.
template <class T>
std::optional<T> optional(const json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  try {
    return read_as<T>(*it);
  } catch (const protocol_error& e) {
    throw e.within(key);
  }
}

template <class T>
T optional_or(const json& object, const std::string& key, T fallback) {
  return optional<T>(object, key).value_or(std::move(fallback));
}

// Writes `value` under `key` only when it holds something: the spec's
// optional fields are absent rather than null.
template <class T>
void put_optional(json& object, const std::string& key, const std::optional<T>& value) {
  if (value) object[key] = *value;
}

}  // namespace int3::dap::protocol
