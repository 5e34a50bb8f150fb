#include "engine/disassembler.hpp"

#include <capstone/capstone.h>

#include <cstring>

#include "engine/error.hpp"

namespace int3::engine {

disassembler::disassembler(asm_syntax syntax) {
  capstone_target cpu = current_capstone_target();
  csh handle = 0;
  if (cs_err e = cs_open(static_cast<cs_arch>(cpu.arch), static_cast<cs_mode>(cpu.mode), &handle);
      e != CS_ERR_OK)
    error::send(std::string("cannot start the disassembler: ") + cs_strerror(e));
  handle_ = handle;
  if (syntax == asm_syntax::att) {
    if (!cpu.has_att_syntax) {
      cs_close(&handle);
      error::send("AT&T syntax exists only for x86");
    }
    cs_option(handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
  }
}

disassembler::~disassembler() {
  csh handle = handle_;
  cs_close(&handle);
}

std::vector<instruction> disassembler::decode(std::span<const std::byte> code, virt_addr start,
                                              std::size_t max_count) const {
  std::vector<instruction> out;
  if (code.empty() || max_count == 0) return out;
  cs_insn* insn = cs_malloc(handle_);
  if (!insn) error::send("the disassembler is out of memory");
  const auto* data = reinterpret_cast<const std::uint8_t*>(code.data());
  std::size_t size = code.size();
  std::uint64_t address = start.value;
  while (out.size() < max_count && cs_disasm_iter(handle_, &data, &size, &address, insn)) {
    instruction i;
    i.address = {insn->address};
    i.bytes.resize(insn->size);
    std::memcpy(i.bytes.data(), insn->bytes, insn->size);
    i.mnemonic = insn->mnemonic;
    i.operands = insn->op_str;
    out.push_back(std::move(i));
  }
  cs_free(insn, 1);
  return out;
}

std::size_t disassembler::max_instruction_size() {
  return current_capstone_target().max_instruction_size;
}

}  // namespace int3::engine
