#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapter/breakpoint_registry.hpp"
#include "engine/target.hpp"

namespace int3::dap {

// The function breakpoints of a session (setFunctionBreakpoints). Entries
// are dap_breakpoints, so conditions and hit counts work as for source
// ones: `path` and `line` say where the function's first copy stops once
// verified, `requested_line` is unused. Replace-all keeps the id and the
// engine breakpoint of every name that stays. Ids start at `first_id` so
// they never meet source or instruction breakpoint ids in one event.
class function_breakpoint_registry : public breakpoint_store {
 public:
  static constexpr int first_id = 2'000'000;

  function_breakpoint_registry() : breakpoint_store(first_id) {}

  // One id per requested name, in request order (nullopt for a name that
  // repeats an earlier one of the same request).
  replace_result replace(const std::vector<std::string>& names, const std::string& pending_message);

  const std::string& name_of(int id) const { return names_.at(id); }

  std::vector<int> bind_pending(engine::target& target) override;
  // A status the engine reported later (exec, a library loaded): the id
  // when the client has not seen that state yet, nullopt when it has or
  // the engine id is none of ours.
  std::optional<int> apply(const engine::breakpoint_status& status);

  void unbind_all(const std::string& message);

 private:
  void take_status(dap_breakpoint& entry, const engine::breakpoint_status& status) const;

  std::map<int, std::string> names_;  // by id
  std::vector<int> order_;            // the last request's ids
};

}  // namespace int3::dap
