// The launch keys that name a core file: int3's coreFile and the names
// cppdbg (coreDumpPath) and codelldb-style configurations (coreFilePath) use.

#include "adapter/protocol/json_io.hpp"
#include "adapter/protocol/requests.hpp"

namespace int3::dap::protocol {

std::optional<std::string> read_core_file(const json& j) {
  for (std::string_view key : core_launch_keys) {
    auto value = optional<std::string>(j, std::string(key));
    if (value && !value->empty()) return value;
  }
  return std::nullopt;
}

}  // namespace int3::dap::protocol
