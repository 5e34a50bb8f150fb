// Resuming a thread from a breakpoint site without a second ptrace stop: the
// instruction under the trap is run by the tracer (site_emulation.hpp) and
// the trap stays in place, so no other thread has to be stopped for it.
// Instructions the tracer cannot run exactly keep the single-step path.
#include <sys/uio.h>

#include <spdlog/spdlog.h>

#include "engine/disassembler.hpp"
#include "engine/site_emulation.hpp"
#include "engine/target_impl.hpp"

namespace int3::engine {

bool target_impl::execute_site_in_tracer(thread_record& t) {
  if (!enabled_site_at(regs(t.tid).pc()) || !execute_in_tracer(t)) return false;
  t.needs_step_over = false;
  return true;
}

bool target_impl::execute_in_tracer(thread_record& t) {
  // A fault to deliver must reach the handler before the instruction runs,
  // as it does with the single step; other signals are delivered after it.
  if (t.fault_pending()) return false;
  registers r = regs(t.tid);
  virt_addr pc = r.pc();
  auto code = read_memory(pc, disassembler::max_instruction_size());
  // process_vm_readv/writev honour page protections, as the CPU would;
  // /proc/<pid>/mem would write a read-only page. A range holding one of our
  // traps (code read or written as data) is left to the CPU.
  auto plain_data = [this](std::uint64_t address, std::size_t size) {
    auto end = sites_.lower_bound({address + size});
    for (auto it = sites_.lower_bound({address}); it != end; ++it)
      if (it->second.enabled()) return false;
    return true;
  };
  pid_t tid = t.tid;
  emulation_memory memory{
      [tid, plain_data](std::uint64_t address, std::span<std::byte> into) {
        iovec local{into.data(), into.size()};
        iovec remote{reinterpret_cast<void*>(address), into.size()};
        return plain_data(address, into.size()) &&
               process_vm_readv(tid, &local, 1, &remote, 1, 0) == static_cast<ssize_t>(into.size());
      },
      [tid, plain_data](std::uint64_t address, std::span<const std::byte> data) {
        iovec local{const_cast<std::byte*>(data.data()), data.size()};
        iovec remote{reinterpret_cast<void*>(address), data.size()};
        return plain_data(address, data.size()) &&
               process_vm_writev(tid, &local, 1, &remote, 1, 0) ==
                   static_cast<ssize_t>(data.size());
      }};
  bool memory_allowed = watch_.watches.empty();
  if (!emulate_site_instruction(code, r, memory, memory_allowed)) {
    spdlog::trace("thread {}: {:#x} is stepped", tid, pc.value);
    return false;
  }
  r.write_before_resume(t.tid);
  return true;
}

}  // namespace int3::engine
