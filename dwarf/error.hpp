#pragma once

#include <stdexcept>
#include <string>

namespace int3::dwarf {

// Thrown for files that cannot be read or are not what we support (not ELF,
// 32-bit, corrupt). Expected outcomes (no code at a line) are values instead.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  [[noreturn]] static void send(const std::string& what) { throw error(what); }
};

}  // namespace int3::dwarf
