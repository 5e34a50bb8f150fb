#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace int3::engine {

// A file the process had mapped (NT_FILE): [start, end) shows the file's
// bytes from file_offset on.
struct core_mapping {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t file_offset = 0;  // in bytes
  std::filesystem::path path;
};

// NT_SIGINFO: a signal and what caused it.
struct core_signal {
  int number = 0;
  int code = 0;
  std::uint64_t address = 0;  // si_addr: meaningful for faults
};

// One thread as the core recorded it.
struct core_thread {
  pid_t tid = 0;
  int signal = 0;                    // pr_cursig
  std::vector<std::byte> registers;  // general purpose, as registers::from_block takes it
  // The register notes that follow its NT_PRSTATUS (NT_FPREGSET,
  // NT_X86_XSTATE, ...), by note type.
  std::map<std::uint32_t, std::vector<std::byte>> register_notes;
  std::optional<core_signal> signal_info;  // gdb writes one per thread
};

// An ELF core file (from the kernel or gdb's gcore): its threads, the
// process's mappings and its memory. Memory the core did not save but a
// mapped file holds (code, read-only data) is read from that file, as it is
// on disk now.
class core_file {
 public:
  // Throws engine::error: unreadable, not an ELF core, not 64-bit.
  static std::unique_ptr<core_file> open(const std::filesystem::path& path);
  ~core_file();
  core_file(const core_file&) = delete;
  core_file& operator=(const core_file&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::uint16_t machine() const { return machine_; }
  pid_t pid() const { return pid_; }
  const std::string& command() const { return command_; }      // pr_fname
  const std::string& arguments() const { return arguments_; }  // pr_psargs
  // In note order: the kernel and gdb put the thread that got the signal first.
  const std::vector<core_thread>& threads() const { return threads_; }
  // The signal that ended the process (the first thread's, when gdb wrote
  // one per thread); nullopt in cores without NT_SIGINFO.
  std::optional<core_signal> signal() const;
  const std::vector<core_mapping>& mappings() const { return mappings_; }
  std::optional<std::uint64_t> auxv_entry(std::uint64_t type) const;

  // Up to out.size() bytes from `address`; returns how many could be read
  // (stops at the first byte neither the core nor a mapped file holds).
  std::size_t read(std::uint64_t address, std::span<std::byte> out) const;

 private:
  struct segment {
    std::uint64_t vaddr = 0, memsz = 0, filesz = 0, offset = 0;
  };
  struct mapped;  // a read-only mmap of a whole file

  core_file() = default;
  void read_notes(std::span<const std::byte> notes);
  std::span<const std::byte> file_bytes(const std::filesystem::path& path) const;
  // How many bytes at `address` (at most `size`) one source holds; copies them.
  std::size_t read_piece(std::uint64_t address, std::span<std::byte> out) const;

  std::filesystem::path path_;
  std::unique_ptr<mapped> image_;
  std::uint16_t machine_ = 0;
  pid_t pid_ = 0;
  std::string command_, arguments_;
  std::vector<core_thread> threads_;
  std::optional<core_signal> signal_;
  std::vector<core_mapping> mappings_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> auxv_;
  std::vector<segment> segments_;  // PT_LOAD, by vaddr
  mutable std::map<std::filesystem::path, std::unique_ptr<mapped>> files_;
};

}  // namespace int3::engine
