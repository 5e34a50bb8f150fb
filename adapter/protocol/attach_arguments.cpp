#include "adapter/protocol/attach_arguments.hpp"

#include <charconv>
#include <string>

#include "adapter/errors.hpp"
#include "adapter/protocol/json_io.hpp"
#include "adapter/protocol/requests.hpp"

namespace int3::dap::protocol {
namespace {

pid_t read_pid(const json& value, const std::string& key) {
  if (value.is_number_integer()) {
    auto n = value.get<long long>();
    if (n > 0 && n <= 0x7fffffff) return static_cast<pid_t>(n);
    throw protocol_error(key, "expected a positive process id");
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    pid_t pid = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), pid);
    if (ec == std::errc() && end == text.data() + text.size() && pid > 0) return pid;
  }
  throw protocol_error(key,
                       "expected a process id (a number or a numeric string), got " + value.dump());
}

}  // namespace

void from_json(const json& j, attach_arguments& a) {
  bool found = false;
  for (const char* key : {"processId", "pid"}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    a.processId = read_pid(*it, key);
    found = true;
    break;
  }
  if (!found) throw protocol_error("processId", "missing, expected a process id");
  a.stopOnEntry = optional_or(j, "stopOnEntry", false);
  a.disassemblyFlavor = read_disassembly_flavor(j);
}

}  // namespace int3::dap::protocol
