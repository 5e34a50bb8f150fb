#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
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
class function_breakpoint_registry {
 public:
  static constexpr int first_id = 2'000'000;

  struct replace_result {
    // One per requested name, in request order; nullopt for a name that
    // repeats an earlier one of the same request.
    std::vector<std::optional<int>> ids;
    std::vector<dap_breakpoint> removed;  // with their engine ids
  };
  replace_result replace(const std::vector<std::string>& names, const std::string& pending_message);

  const dap_breakpoint* find(int id) const;
  dap_breakpoint* find_mutable(int id);
  const std::string& name_of(int id) const { return names_.at(id); }
  void set_behaviour(int id, std::shared_ptr<const breakpoint_behaviour> behaviour);
  std::optional<int> id_for_engine(int engine_id) const;

  // As breakpoint_registry::bind_pending: asks the engine for each entry
  // that has no engine breakpoint; returns the ids whose state changed.
  std::vector<int> bind_pending(engine::target& target);
  // A status the engine reported later (exec, a library loaded): the id
  // when the client has not seen that state yet, nullopt when it has or
  // the engine id is none of ours.
  std::optional<int> apply(const engine::breakpoint_status& status);

  void defer_removal(int engine_id) { deferred_removals_.insert(engine_id); }
  bool removal_deferred(int engine_id) const { return deferred_removals_.count(engine_id) != 0; }
  void remove_deferred(engine::target& target);
  void unbind_all(const std::string& message);

 private:
  void take_status(dap_breakpoint& entry, const engine::breakpoint_status& status) const;

  std::map<int, dap_breakpoint> by_id_;
  std::map<int, std::string> names_;  // by id
  std::vector<int> order_;            // the last request's ids
  std::set<int> deferred_removals_;
  int next_id_ = first_id;
};

}  // namespace int3::dap
