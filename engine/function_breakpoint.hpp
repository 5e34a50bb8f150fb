#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/address.hpp"
#include "engine/target.hpp"

namespace int3::engine {

class module;

// A breakpoint on a function by name: every overload, every out-of-line
// copy (after its prologue) and every inlined copy (at its entry). Like a
// line_breakpoint it owns zero or more sites and is resolved again after an
// exec under the same id.
class function_breakpoint {
 public:
  // by_symbol: `name` is an ELF symbol, stopped at its first instruction in
  // every module, debug info or not (target::create_symbol_breakpoint).
  enum class match { by_name, by_symbol };

  function_breakpoint(int id, std::string name, match how = match::by_name)
      : id_(id), name_(std::move(name)), how_(how) {}

  int id() const { return id_; }
  const std::string& name() const { return name_; }

  struct resolution {
    breakpoint_status status;  // path and line: where the first copy stops
    std::vector<virt_addr> addresses;
  };
  // Over every module with debug info, the program first; without a match
  // anywhere, the message names the program.
  resolution resolve(const std::vector<const module*>& modules) const;
  // by_symbol's resolve: the first instruction of each module's function
  // of that name, from the ELF symbol tables alone.
  resolution resolve_symbol(const std::vector<const module*>& modules) const;

  const std::vector<virt_addr>& sites() const { return sites_; }
  void set_sites(std::vector<virt_addr> sites) { sites_ = std::move(sites); }
  // What the client was last told, so a new resolution reports only changes.
  const std::optional<breakpoint_status>& last_status() const { return last_status_; }
  void set_last_status(breakpoint_status status) { last_status_ = std::move(status); }

 private:
  int id_;
  std::string name_;
  match how_;
  std::vector<virt_addr> sites_;
  std::optional<breakpoint_status> last_status_;
};

}  // namespace int3::engine
