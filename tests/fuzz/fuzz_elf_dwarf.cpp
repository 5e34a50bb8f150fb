// libFuzzer target: ELF and DWARF loading of arbitrary (mostly mutated
// fixture) files, then the queries the engine makes. A corrupt file may
// only ever produce dwarf::error; anything else escaping is a bug.

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "dwarf/call_frame.hpp"
#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/error.hpp"

namespace {

// libdwarf opens files by name, so the input lives in a memfd and is named
// through /proc; nothing touches the disk.
class memory_file {
 public:
  memory_file(const std::uint8_t* data, std::size_t size)
      : fd_(::memfd_create("int3-fuzz-elf", MFD_CLOEXEC)) {
    if (fd_ < 0) __builtin_trap();
    std::size_t done = 0;
    while (done < size) {
      auto n = ::write(fd_, data + done, size - done);
      if (n <= 0) __builtin_trap();
      done += static_cast<std::size_t>(n);
    }
  }
  ~memory_file() { ::close(fd_); }
  memory_file(const memory_file&) = delete;
  memory_file& operator=(const memory_file&) = delete;
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

void query_debug_info(const int3::dwarf::elf_file& elf) {
  using namespace int3::dwarf;
  auto info = debug_info::load(elf);
  (void)info->has_line_info();
  const file_addr probes[] = {elf.entry(), {elf.entry().value + 4}, {0x1139}, {0x401136}};
  for (auto pc : probes) {
    (void)info->line_entry_at(pc);
    if (const auto* fn = info->function_at(pc)) (void)info->prologue_end(*fn);
    // Scopes read DIEs lazily, so corruption may only surface here.
    try {
      (void)info->scopes_at(pc);
      (void)info->unit_globals(pc);
    } catch (const error&) {
    }
  }
  for (const char* file : {"loop.c", "tiny.c", "/x/y.c"}) {
    for (std::uint32_t line : {1u, 5u, 12u, 1000u}) (void)info->resolve_line(file, line);
  }
  for (const auto* fn : info->functions_named("main")) (void)info->prologue_end(*fn);
  try {
    (void)info->globals_named("counter");
    if (const auto* t = info->find_type("struct point")) (void)info->complete_type(t);
    (void)info->find_type("int");
  } catch (const error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace int3::dwarf;
  memory_file file(data, size);
  std::unique_ptr<elf_file> elf;
  try {
    elf = elf_file::open(file.path());
  } catch (const error&) {
    return 0;  // refused with a message: the expected outcome for most inputs
  }
  (void)elf->symbol_at(elf->entry());
  (void)elf->symbols_named("main");
  try {
    auto cfi = call_frame_info::load(*elf);
    for (auto pc : {elf->entry(), file_addr{elf->entry().value + 16}, file_addr{0x1139}})
      (void)cfi->row_at(pc);
  } catch (const error&) {
  }
  try {
    query_debug_info(*elf);
  } catch (const error&) {
  }
  return 0;
}
