#pragma once

#include <string>
#include <vector>

#include "adapter/breakpoint_store.hpp"

namespace int3::dap {

class session;

// How a replace-all of breakpoints (setBreakpoints, setFunctionBreakpoints)
// reaches the engine: at once when the program is stopped, or running and
// the engine can interrupt it without a stop the user sees; otherwise at the
// program's next stop. Made before the store's replace, applied after it.
class breakpoint_change {
 public:
  explicit breakpoint_change(session& s);

  // The message of new entries: why they are not in the engine yet, or "".
  const std::string& pending_message() const;

  // Takes the entries `result` removed out of the engine and binds the
  // store's new ones (or defers the removals). Returns the ids whose state
  // changed that `result` does not name: those need a breakpoint event, the
  // request's own entries are answered in its response.
  std::vector<int> apply(breakpoint_store& store, const breakpoint_store::replace_result& result);

 private:
  session& session_;
  bool engine_ready_;
};

}  // namespace int3::dap
