#include <capstone/capstone.h>

#include "engine/disassembler.hpp"

namespace int3::engine {

capstone_target current_capstone_target() {
  // The ISA caps an x86 instruction at 15 bytes.
  return {CS_ARCH_X86, CS_MODE_64, 15, true};
}

}  // namespace int3::engine
