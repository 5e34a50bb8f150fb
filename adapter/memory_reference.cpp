#include "adapter/memory_reference.hpp"

#include <charconv>
#include <cinttypes>
#include <cstdio>

#include "adapter/errors.hpp"
#include "dwarf/types.hpp"

namespace int3::dap {

std::string memory_reference(std::uint64_t address) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%" PRIx64, address);
  return text;
}

std::uint64_t parse_memory_reference(const std::string& text, std::int64_t offset,
                                     const std::string& key) {
  std::string_view digits = text;
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    digits.remove_prefix(2);
    base = 16;
  }
  std::uint64_t address = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), address, base);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty())
    throw protocol_error(key, "'" + text + "' is not a memory reference (expected \"0x...\")");
  return address + static_cast<std::uint64_t>(offset);
}

std::optional<std::string> value_memory_reference(const engine::value& v) {
  const dwarf::type_info* type = dwarf::strip_cv_typedefs(v.type());
  if (type && type->is_pointer_like()) {
    if (auto target = v.as_unsigned(); target && *target != 0) return memory_reference(*target);
  }
  if (auto address = v.address()) return memory_reference(*address);
  return std::nullopt;
}

}  // namespace int3::dap
