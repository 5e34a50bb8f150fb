#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace int3::dap {

// RFC 4648 base64, as readMemory and writeMemory carry bytes.
std::string base64_encode(std::span<const std::byte> data);
// nullopt for text that is not base64 (padding optional, no whitespace).
std::optional<std::vector<std::byte>> base64_decode(std::string_view text);

}  // namespace int3::dap
