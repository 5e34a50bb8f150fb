#pragma once

#include <capstone/capstone.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace int3::engine {

// One capstone handle with operand details, opened on first use.
class detail_decoder {
 public:
  detail_decoder() {
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle_) != CS_ERR_OK) return;
    cs_option(handle_, CS_OPT_DETAIL, CS_OPT_ON);
    insn_ = cs_malloc(handle_);
  }
  ~detail_decoder() {
    if (insn_) cs_free(insn_, 1);
    if (handle_) cs_close(&handle_);
  }
  detail_decoder(const detail_decoder&) = delete;
  detail_decoder& operator=(const detail_decoder&) = delete;

  const cs_insn* decode(std::span<const std::byte> code, std::uint64_t address) {
    if (!insn_) return nullptr;
    const auto* data = reinterpret_cast<const std::uint8_t*>(code.data());
    std::size_t size = code.size();
    return cs_disasm_iter(handle_, &data, &size, &address, insn_) ? insn_ : nullptr;
  }

 private:
  csh handle_ = 0;
  cs_insn* insn_ = nullptr;
};

}  // namespace int3::engine
