#include "engine/core_target.hpp"

#include <elf.h>

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "engine/code_lookup.hpp"
#include "engine/register_groups.hpp"
#include "engine/signals.hpp"
#include "engine/values/core_frame.hpp"
#include "engine/values/frame_lookup.hpp"

namespace int3::engine {
namespace {

constexpr const char* not_in_core = "not available in a core file";

// The executable the core was made from: the file mapped at its entry point
// (AT_ENTRY), else the mapped file named like NT_PRPSINFO's command.
std::optional<std::filesystem::path> program_named_by(const core_file& core) {
  if (auto entry = core.auxv_entry(AT_ENTRY)) {
    for (const auto& m : core.mappings())
      if (m.start <= *entry && *entry < m.end) return m.path;
  }
  // pr_fname holds at most 15 characters of the name.
  if (!core.command().empty()) {
    for (const auto& m : core.mappings())
      if (m.path.filename().string().rfind(core.command(), 0) == 0) return m.path;
  }
  return std::nullopt;
}

// Where the program was loaded: AT_ENTRY - e_entry; without an auxiliary
// vector, where its ELF header was mapped (position-independent programs
// are linked at 0).
std::uint64_t load_bias_of(const core_file& core, const dwarf::elf_file& program) {
  if (auto entry = core.auxv_entry(AT_ENTRY)) return *entry - program.entry().value;
  if (!program.is_pie()) return 0;
  std::error_code ec;
  for (const auto& m : core.mappings())
    if (m.file_offset == 0 && std::filesystem::equivalent(m.path, program.path(), ec))
      return m.start;
  return 0;
}

}  // namespace

std::unique_ptr<target> target::open_core(const std::filesystem::path& core_path,
                                          const std::optional<std::filesystem::path>& program) {
  auto core = core_file::open(core_path);
  if (core->machine() != current_arch().elf_machine)
    error::send(
        fmt::format("{} comes from another kind of machine (ELF machine {}); int3 reads "
                    "{} core files",
                    core_path.string(), core->machine(), current_arch().name));
  std::optional<std::filesystem::path> path = program;
  bool from_core = false;
  if (!path || path->empty()) {
    path = program_named_by(*core);
    if (!path)
      error::send(core_path.string() +
                  " does not say which program it comes from; name it with \"program\"");
    from_core = true;
  }
  auto elf = dwarf::elf_file::open(*path);
  std::uint64_t bias = load_bias_of(*core, *elf);
  spdlog::info("core {} of {} (pid {}, {} threads, load bias {:#x})", core_path.string(),
               path->string(), core->pid(), core->threads().size(), bias);
  return std::make_unique<core_target>(std::move(core), std::move(elf), bias, from_core);
}

core_target::core_target(std::unique_ptr<core_file> core, std::unique_ptr<dwarf::elf_file> program,
                         std::uint64_t load_bias, bool program_from_core)
    : core_(std::move(core)) {
  origin_.core = core_->path();
  origin_.program = program->path();
  origin_.program_from_core = program_from_core;
  origin_.command_line = core_->arguments();
  modules_.reset_fixed(std::move(program), load_bias, core_->mappings());
}

void core_target::refuse(const char* what) {
  error::send(std::string(what) + " is " + not_in_core);
}

bool core_target::has_debug_info() const {
  return modules_.main().debug() != nullptr;
}

breakpoint_status core_target::unavailable() {
  breakpoint_status status;
  status.id = next_breakpoint_id_++;
  status.message = std::string("breakpoints are ") + not_in_core;
  return status;
}

breakpoint_status core_target::create_line_breakpoint(const std::string&, std::uint32_t) {
  return unavailable();
}

breakpoint_status core_target::create_address_breakpoint(virt_addr) {
  return unavailable();
}

breakpoint_status core_target::create_function_breakpoint(const std::string&) {
  return unavailable();
}

stop_event core_target::crash() const {
  stop_event event;
  event.kind = stop_kind::signal;
  const core_thread& first = core_->threads().front();
  event.tid = first.tid;
  auto info = core_->signal();
  event.signal = info ? info->number : first.signal;
  event.description = signal_name(event.signal) + " (" + signal_description(event.signal) + ")";
  if (info && has_fault_address(event.signal)) {
    event.fault_address = virt_addr{info->address};
    event.description += fmt::format(" at {:#x}", info->address);
  }
  return event;
}

std::optional<stop_event> core_target::poll_stop() {
  if (crash_reported_ || ended_) return std::nullopt;
  crash_reported_ = true;
  return crash();
}

stop_event core_target::wait_stop() {
  if (auto stop = poll_stop()) return *stop;
  refuse("waiting for the program");
}

std::vector<thread_info> core_target::threads() const {
  std::vector<thread_info> out;
  // The kernel keeps no per-thread name in a core: each gets the program's.
  for (const auto& t : core_->threads()) out.push_back({t.tid, core_->command()});
  return out;
}

const core_thread& core_target::thread(pid_t tid) const {
  const auto& all = core_->threads();
  auto it =
      std::find_if(all.begin(), all.end(), [tid](const core_thread& t) { return t.tid == tid; });
  if (it == all.end()) error::send("no thread " + std::to_string(tid) + " in the core file");
  return *it;
}

read_word_fn core_target::word_reader() const {
  const core_file* core = core_.get();
  return [core](std::uint64_t address) -> std::optional<std::uint64_t> {
    std::uint64_t word = 0;
    if (core->read(address, std::as_writable_bytes(std::span(&word, 1))) != sizeof word)
      return std::nullopt;
    return word;
  };
}

std::vector<stack_frame> core_target::stack(pid_t tid, std::size_t max_frames) const {
  unwinder u(modules_, word_reader());
  auto frames = u.describe(u.unwind(registers::from_block(thread(tid).registers), max_frames));
  // Inlined calls add frames: the limit counts the frames a user sees.
  if (max_frames != 0 && frames.size() > max_frames) frames.resize(max_frames);
  return frames;
}

std::vector<std::byte> core_target::read_memory(virt_addr address, std::size_t size) const {
  std::vector<std::byte> data(size);
  std::size_t done = core_->read(address.value, data);
  if (done == 0 && size > 0)
    error::send(
        fmt::format("cannot read memory at {:#x}: the core file does not hold it", address.value));
  data.resize(done);
  return data;
}

frame_variables core_target::variables(pid_t tid, std::size_t frame_index) const {
  unwinder u(modules_, word_reader());
  auto where = find_frame(u, registers::from_block(thread(tid).registers), frame_index, tid);
  const unwound_frame& f = where.frame();

  // Floating-point registers hold values of the innermost frame only.
  std::optional<std::vector<std::byte>> fp_registers;
  const auto& notes = thread(tid).register_notes;
  if (auto fp = notes.find(current_arch().fp_register_note);
      fp != notes.end() && where.at.physical == 0)
    fp_registers = fp->second;
  auto context = std::make_shared<core_frame>(
      *core_, f.regs, f.known_registers, f.cfa.value, f.owner,
      function_namer(modules_, word_reader(), f.regs), std::move(fp_registers));
  return read_frame_variables(where, std::move(context));
}

code_address_info core_target::describe_code(virt_addr address) const {
  return describe_code_at(modules_, address);
}

std::vector<register_group> core_target::register_groups(pid_t tid) const {
  const core_thread& t = thread(tid);
  return saved_register_groups(t.registers, t.register_notes);
}

}  // namespace int3::engine
