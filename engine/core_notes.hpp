#pragma once

// The architecture-specific notes of an ELF core file, decoded into
// arch-neutral values (engine/arch/<arch>/core_notes_<arch>.cpp).

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace int3::engine {

// NT_PRSTATUS: one thread.
struct prstatus_note {
  pid_t tid = 0;
  int signal = 0;                    // pr_cursig
  std::vector<std::byte> registers;  // pr_reg: the block registers::from_block takes
};

// NT_PRPSINFO: the process.
struct prpsinfo_note {
  pid_t pid = 0;
  std::string command;    // pr_fname: the executable's name, at most 15 characters
  std::string arguments;  // pr_psargs: the start of the command line
};

// nullopt: the note is too short to be one of these.
std::optional<prstatus_note> decode_prstatus(std::span<const std::byte> desc);
std::optional<prpsinfo_note> decode_prpsinfo(std::span<const std::byte> desc);

}  // namespace int3::engine
