// libFuzzer target: the DWARF location-expression evaluator on arbitrary
// bytes. Whatever the bytes, it must return a value or an error string:
// no exception, no crash, no unbounded loop or stack.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

#include "dwarf/expression.hpp"

namespace {

// A frame whose registers and memory are all known and small, so that
// DW_OP_deref and friends reach real data some of the time.
class fuzz_context final : public int3::dwarf::expression_context {
 public:
  std::optional<std::uint64_t> read_register(std::uint16_t reg) const override {
    if (reg >= 17) return std::nullopt;
    return base + reg * 8;
  }
  bool read_memory(std::uint64_t address, std::span<std::byte> out) const override {
    if (address < base || address - base > memory.size() ||
        out.size() > memory.size() - (address - base))
      return false;
    std::memcpy(out.data(), memory.data() + (address - base), out.size());
    return true;
  }
  std::optional<std::uint64_t> frame_base() const override { return base + 64; }
  std::optional<std::uint64_t> call_frame_cfa() const override { return base + 128; }
  std::uint64_t relocate(std::uint64_t file_address) const override {
    return file_address + 0x1000;
  }
  std::optional<std::uint64_t> tls_address(std::uint64_t offset) const override {
    return base + (offset & 0xff);
  }

  static constexpr std::uint64_t base = 0x7fff0000;
  std::array<std::byte, 256> memory{};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  fuzz_context context;
  // The memory holds the input itself: pointers the expression computes
  // from registers land in bytes the fuzzer controls.
  std::memcpy(context.memory.data(), data, std::min(size, context.memory.size()));
  // The first byte picks whether a CFA is pushed first (call-frame rules).
  const bool push = (data[0] & 1) != 0;
  std::span<const std::byte> expression(reinterpret_cast<const std::byte*>(data + 1), size - 1);
  auto result = int3::dwarf::evaluate_location(
      expression, context, push ? std::optional<std::uint64_t>(fuzz_context::base) : std::nullopt);
  if (!result && result.error.empty()) __builtin_trap();  // an error must say why
  (void)int3::dwarf::evaluate_frame_base(expression, context);
  return 0;
}
