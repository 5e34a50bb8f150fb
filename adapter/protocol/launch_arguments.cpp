// Reading launch arguments: int3's own names plus the ones launch.json files
// written for cppdbg, codelldb, Delve and nvim-dap use. A known key with a
// value of the wrong shape is an error naming the key; unknown keys are
// ignored.

#include "adapter/protocol/json_io.hpp"
#include "adapter/protocol/requests.hpp"
#include "adapter/shell_words.hpp"

namespace int3::dap::protocol {

namespace {

// nvim-dap sends an empty Lua table as [] or {} whatever the key's type is.
bool is_empty_container(const json& value) {
  return (value.is_array() || value.is_object()) && value.empty();
}

const json* find_set(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

std::vector<std::string> read_args(const json& j) {
  const json* value = find_set(j, "args");
  if (!value || is_empty_container(*value)) return {};
  if (value->is_string()) {
    auto split = dap::split_shell_words(value->get<std::string>());
    if (split.error)
      throw protocol_error("args", *split.error + " in '" + value->get<std::string>() + "'");
    return split.words;
  }
  if (!value->is_array()) throw protocol_error("args", "expected array of strings or a string");
  try {
    return read_as<std::vector<std::string>>(*value);
  } catch (const protocol_error& e) {
    throw e.within("args");
  }
}

using env_map = std::map<std::string, std::optional<std::string>>;

void put_env_entry(env_map& out, const std::string& key, const json& value) {
  if (value.is_null()) {
    out[key] = std::nullopt;
  } else if (value.is_string()) {
    out[key] = value.get<std::string>();
  } else {
    throw protocol_error(key, "expected string or null (null unsets the variable)");
  }
}

// [{"name": "K", "value": "V"}] (cppdbg's `environment`) or ["K=V"].
void read_env_list(env_map& out, const json& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string where = "[" + std::to_string(i) + "]";
    if (item.is_string()) {
      const auto text = item.get<std::string>();
      auto eq = text.find('=');
      if (eq == 0 || eq == std::string::npos) {
        throw protocol_error(where, "expected \"NAME=VALUE\", got '" + text + "'");
      }
      out[text.substr(0, eq)] = text.substr(eq + 1);
    } else if (item.is_object()) {
      try {
        auto name = require<std::string>(item, "name");
        if (name.empty()) throw protocol_error("name", "must not be empty");
        put_env_entry(out, name, item.contains("value") ? item["value"] : json());
      } catch (const protocol_error& e) {
        throw e.within(where);
      }
    } else {
      throw protocol_error(where, "expected \"NAME=VALUE\" or {\"name\", \"value\"}");
    }
  }
}

void read_env_key(env_map& out, const json& j, const char* key) {
  const json* value = find_set(j, key);
  if (!value || is_empty_container(*value)) return;
  try {
    if (value->is_object()) {
      for (const auto& [name, item] : value->items()) put_env_entry(out, name, item);
    } else if (value->is_array()) {
      read_env_list(out, *value);
    } else {
      throw protocol_error({},
                           "expected an object of strings, or an array of \"NAME=VALUE\" "
                           "strings or {\"name\", \"value\"} objects");
    }
  } catch (const protocol_error& e) {
    throw e.within(key);
  }
}

bool read_bool_alias(const json& j, const char* key, const char* alias, bool fallback) {
  if (auto v = optional<bool>(j, key)) return *v;
  if (auto v = optional<bool>(j, alias)) return *v;
  return fallback;
}

std::string read_console(const json& j) {
  std::string console = "internalConsole";
  if (auto external = optional<bool>(j, "externalConsole"); external && *external) {
    console = "externalTerminal";
  }
  if (auto named = optional<std::string>(j, "console")) {
    if (*named != "internalConsole" && *named != "integratedTerminal" &&
        *named != "externalTerminal") {
      throw protocol_error(
          "console",
          "expected internalConsole, integratedTerminal or externalTerminal; got '" + *named + "'");
    }
    console = *named;
  }
  return console;
}

std::array<std::optional<std::string>, 3> read_stdio(const json& j) {
  std::array<std::optional<std::string>, 3> out;
  const json* value = find_set(j, "stdio");
  if (!value || is_empty_container(*value)) return out;
  if (value->is_string()) {
    // codelldb: one string names the file for all three streams.
    out.fill(value->get<std::string>());
    return out;
  }
  if (value->is_object()) {
    static const char* const names[] = {"stdin", "stdout", "stderr"};
    for (std::size_t i = 0; i < 3; ++i) {
      try {
        out[i] = optional<std::string>(*value, names[i]);
      } catch (const protocol_error& e) {
        throw e.within("stdio");
      }
    }
    return out;
  }
  if (!value->is_array() || value->size() > 3) {
    throw protocol_error("stdio",
                         "expected an array of up to three file names or nulls (stdin, stdout, "
                         "stderr)");
  }
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    if (item.is_null()) continue;
    if (!item.is_string()) {
      throw protocol_error("stdio[" + std::to_string(i) + "]", "expected string or null");
    }
    out[i] = item.get<std::string>();
  }
  return out;
}

using path_pairs = std::vector<std::pair<std::string, std::string>>;

// {from: to} (sourceMap, sourceFileMap; cppdbg also allows
// {from: {"editorPath": to}}) or [[from, to]] (codelldb's sourceMap as a
// list) or [{"from", "to"}] (Delve's substitutePath).
void read_path_map(path_pairs& out, const json& j, const char* key) {
  const json* value = find_set(j, key);
  if (!value || is_empty_container(*value)) return;
  try {
    if (value->is_object()) {
      for (const auto& [from, to] : value->items()) {
        if (to.is_string()) {
          out.emplace_back(from, to.get<std::string>());
        } else if (to.is_object()) {
          try {
            out.emplace_back(from, require<std::string>(to, "editorPath"));
          } catch (const protocol_error& e) {
            throw e.within(from);
          }
        } else {
          throw protocol_error(from, "expected string");
        }
      }
      return;
    }
    if (!value->is_array()) {
      throw protocol_error({},
                           "expected {\"from\": \"to\"}, [[\"from\", \"to\"]] or "
                           "[{\"from\", \"to\"}]");
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      const std::string where = "[" + std::to_string(i) + "]";
      if (item.is_array() && item.size() == 2 && item[0].is_string() && item[1].is_string()) {
        out.emplace_back(item[0].get<std::string>(), item[1].get<std::string>());
      } else if (item.is_object()) {
        try {
          out.emplace_back(require<std::string>(item, "from"), require<std::string>(item, "to"));
        } catch (const protocol_error& e) {
          throw e.within(where);
        }
      } else {
        throw protocol_error(where, "expected [\"from\", \"to\"] or {\"from\", \"to\"}");
      }
    }
  } catch (const protocol_error& e) {
    throw e.within(key);
  }
}

}  // namespace

std::string read_disassembly_flavor(const json& j) {
  auto flavor = optional<std::string>(j, "disassemblyFlavor");
  if (!flavor) return "intel";
  if (*flavor != "intel" && *flavor != "att")
    throw protocol_error("disassemblyFlavor",
                         "expected \"intel\" or \"att\", got '" + *flavor + "'");
  return *flavor;
}

void from_json(const json& j, launch_arguments& a) {
  a.coreFile = read_core_file(j);
  // A core names its program, so it may be left out then.
  a.program = a.coreFile ? optional<std::string>(j, "program").value_or("")
                         : require<std::string>(j, "program");
  a.args = read_args(j);
  a.cwd = optional<std::string>(j, "cwd");
  // Later keys win: cppdbg's list first, then env.
  read_env_key(a.env, j, "environment");
  read_env_key(a.env, j, "env");
  a.envFile = optional<std::string>(j, "envFile");
  a.stopOnEntry = read_bool_alias(j, "stopOnEntry", "stopAtEntry", false);
  a.console = read_console(j);
  a.stdio = read_stdio(j);
  read_path_map(a.sourceMap, j, "sourceMap");
  read_path_map(a.sourceMap, j, "sourceFileMap");
  read_path_map(a.sourceMap, j, "substitutePath");
  a.disassemblyFlavor = read_disassembly_flavor(j);
}

}  // namespace int3::dap::protocol
