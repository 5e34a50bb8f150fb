#include <sys/procfs.h>

#include <cstring>

#include "engine/core_notes.hpp"

namespace int3::engine {
namespace {

// The kernel's fixed-size character fields end at their first NUL, if any.
std::string text_field(const char* field, std::size_t size) {
  return std::string(field, strnlen(field, size));
}

}  // namespace

std::optional<prstatus_note> decode_prstatus(std::span<const std::byte> desc) {
  if (desc.size() < sizeof(elf_prstatus)) return std::nullopt;
  elf_prstatus status;
  std::memcpy(&status, desc.data(), sizeof status);
  prstatus_note note;
  note.tid = status.pr_pid;
  note.signal = status.pr_cursig;
  const auto* regs = reinterpret_cast<const std::byte*>(&status.pr_reg);
  note.registers.assign(regs, regs + sizeof status.pr_reg);
  return note;
}

std::optional<prpsinfo_note> decode_prpsinfo(std::span<const std::byte> desc) {
  if (desc.size() < sizeof(elf_prpsinfo)) return std::nullopt;
  elf_prpsinfo info;
  std::memcpy(&info, desc.data(), sizeof info);
  prpsinfo_note note;
  note.pid = info.pr_pid;
  note.command = text_field(info.pr_fname, sizeof info.pr_fname);
  note.arguments = text_field(info.pr_psargs, sizeof info.pr_psargs);
  while (!note.arguments.empty() && note.arguments.back() == ' ') note.arguments.pop_back();
  return note;
}

}  // namespace int3::engine
