#include "engine/values/process_frame.hpp"

#include <sys/uio.h>

#include "engine/error.hpp"
#include "engine/modules.hpp"

namespace int3::engine {

process_frame::process_frame(pid_t pid, pid_t tid, registers regs, std::uint64_t known_registers,
                             bool is_top, std::uint64_t cfa, const module* owner, writer write,
                             symbolizer symbols)
    : pid_(pid),
      tid_(tid),
      regs_(std::move(regs)),
      known_(known_registers),
      is_top_(is_top),
      cfa_(cfa),
      owner_(owner),
      write_(std::move(write)),
      symbols_(std::move(symbols)) {}

void process_frame::set_frame_base(std::span<const std::byte> expression) {
  frame_base_ = expression.empty() ? std::nullopt : dwarf::evaluate_frame_base(expression, *this);
}

std::optional<std::uint64_t> process_frame::read_register(std::uint16_t reg) const {
  if (reg >= 64 || !((known_ >> reg) & 1)) return std::nullopt;
  return regs_.by_dwarf(reg);
}

bool process_frame::read_memory(std::uint64_t address, std::span<std::byte> out) const {
  return read_some(address, out) == out.size();
}

std::optional<std::uint64_t> process_frame::call_frame_cfa() const {
  if (cfa_ == 0) return std::nullopt;
  return cfa_;
}

std::uint64_t process_frame::relocate(std::uint64_t file_address) const {
  return owner_ ? owner_->to_virt({file_address}).value : file_address;
}

const dwarf::debug_info* process_frame::debug() const {
  return owner_ ? owner_->debug() : nullptr;
}

std::size_t process_frame::read_some(std::uint64_t address, std::span<std::byte> out) const {
  std::size_t done = 0;
  // process_vm_readv stops at the first unreadable page; retrying from there
  // would fail again, so one partial answer is final.
  while (done < out.size()) {
    iovec local{out.data() + done, out.size() - done};
    iovec remote{reinterpret_cast<void*>(address + done), out.size() - done};
    ssize_t n = process_vm_readv(pid_, &local, 1, &remote, 1, 0);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

void process_frame::write_memory(std::uint64_t address, std::span<const std::byte> data) {
  write_(address, data);
}

bool process_frame::write_register(std::uint16_t dwarf_register, std::uint64_t value) {
  if (!is_top_) return false;
  if (!regs_.set_by_dwarf(dwarf_register, value)) return false;
  regs_.write(tid_);
  return true;
}

bool process_frame::register_lost(std::uint16_t reg) const {
  // Beyond the 64 tracked registers (vector registers) callers know nothing.
  return !is_top_ && (reg >= 64 || !((known_ >> reg) & 1));
}

std::string process_frame::symbol_at(std::uint64_t address) const {
  return symbols_(address);
}

}  // namespace int3::engine
