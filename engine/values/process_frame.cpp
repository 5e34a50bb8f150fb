#include "engine/values/process_frame.hpp"

#include <sys/uio.h>

#include <spdlog/spdlog.h>

#include "engine/error.hpp"

namespace int3::engine {
namespace {

frame_registers::fp_loader fp_reader(pid_t tid) {
  return [tid]() -> std::optional<std::vector<std::byte>> {
    std::vector<std::byte> block(current_arch().fp_register_block_size);
    try {
      current_arch().read_fp_registers(tid, block);
    } catch (const error& e) {
      // The variables of the frame still show; those in these registers
      // say they are unavailable.
      spdlog::debug("no floating-point registers of thread {}: {}", tid, e.what());
      return std::nullopt;
    }
    return block;
  };
}

}  // namespace

process_frame::process_frame(pid_t pid, pid_t tid, registers regs, std::uint64_t known_registers,
                             bool is_top, std::uint64_t cfa, const module* owner, writer write,
                             symbolizer symbols)
    : unwound_context(frame_registers(std::move(regs), known_registers, is_top, fp_reader(tid),
                                      {[tid](const registers& r) { r.write(tid); },
                                       [tid](std::span<const std::byte> block) {
                                         current_arch().write_fp_registers(tid, block);
                                       }}),
                      cfa, owner, std::move(symbols)),
      pid_(pid),
      write_(std::move(write)) {}

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
  return regs_.write(dwarf_register, value);
}

}  // namespace int3::engine
