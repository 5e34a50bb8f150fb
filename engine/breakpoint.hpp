#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/address.hpp"
#include "engine/target.hpp"

namespace int3::engine {

class module;

// A breakpoint as the user set it, file and line; it owns zero or more
// sites (sdb line_breakpoint, Delve LogicalBreakpoint). Resolving again after
// new code is loaded (exec) gives it new sites under the same id.
class line_breakpoint {
 public:
  line_breakpoint(int id, std::string path, std::uint32_t line)
      : id_(id), path_(std::move(path)), line_(line) {}

  int id() const { return id_; }
  const std::string& requested_path() const { return path_; }
  std::uint32_t requested_line() const { return line_; }

  // Looks the line up in the program's DWARF: the status to show and the
  // addresses that need a site (empty when unverified).
  struct resolution {
    breakpoint_status status;
    std::vector<virt_addr> addresses;
  };
  resolution resolve(const module& program) const;

  const std::vector<virt_addr>& sites() const { return sites_; }
  void set_sites(std::vector<virt_addr> sites) { sites_ = std::move(sites); }

 private:
  int id_;
  std::string path_;
  std::uint32_t line_;
  std::vector<virt_addr> sites_;
};

}  // namespace int3::engine
