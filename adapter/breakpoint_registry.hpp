#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace int3::engine {
class target;
}

namespace int3::dap {

struct breakpoint_behaviour;  // adapter/breakpoint_conditions.hpp

// Why an entry is not in the engine yet, as the client is told.
inline const std::string pending_before_launch = "pending: the program is not launched yet";
// The engine needs a stopped program to write traps and cannot yet stop one
// without the client seeing a stop, so a change made while the program runs
// waits for the next stop, when a breakpoint event reports it.
inline const std::string pending_while_running =
    "cannot change breakpoints while running yet; it will be set when the program next stops";

// One source breakpoint as the client knows it. Its DAP id outlives the
// engine breakpoint behind it: it exists before launch, survives
// setBreakpoints calls that keep its line, and is reported again when the
// engine resolves it.
struct dap_breakpoint {
  int id = 0;
  std::string path;  // the client's path, as it sent it
  std::uint32_t requested_line = 0;
  std::optional<int> engine_id;  // set while the engine holds it
  bool verified = false;
  std::uint32_t line = 0;  // where it landed; the requested line until verified
  std::string message;     // why it is not verified
  // condition, hitCondition and logMessage, compiled; null for a plain one.
  std::shared_ptr<const breakpoint_behaviour> behaviour;
  std::uint64_t hits = 0;  // hits whose condition held, for hitCondition

  // Whether the client would see a difference between the two.
  bool same_state(const dap_breakpoint& other) const {
    return verified == other.verified && line == other.line && message == other.message;
  }
};

// path -> line -> dap_breakpoint, with setBreakpoints' replace-all turned
// into a diff so unchanged lines keep their id and their engine breakpoint
// (GDB breakpoint.py, lldb-dap source_breakpoints). The engine side is done
// only when the program is stopped, since ptrace needs a stopped tracee.
class breakpoint_registry {
 public:
  struct replace_result {
    // One per requested line, in request order. nullopt: the line repeats
    // an earlier one of the same request.
    std::vector<std::optional<int>> ids;
    // Entries that are no longer requested, with their engine ids.
    std::vector<dap_breakpoint> removed;
  };

  // Makes `lines` (1-based) the breakpoints of `path`. New entries start
  // unverified with `pending_message`.
  replace_result replace(const std::string& path, const std::vector<std::uint32_t>& lines,
                         const std::string& pending_message);

  const dap_breakpoint* find(int id) const;
  dap_breakpoint* find_mutable(int id);
  // Gives `id` its condition, hitCondition and logMessage. A change of any
  // of them starts the hit count again; the same ones keep it.
  void set_behaviour(int id, std::shared_ptr<const breakpoint_behaviour> behaviour);
  std::optional<int> id_for_engine(int engine_id) const;
  std::vector<int> ids() const;  // every id, oldest first
  std::vector<int> ids_of(const std::string& path) const;

  // Asks the engine for each entry that has none yet. A failure is that
  // entry's message, never the caller's exception. Returns the ids whose
  // state the client has not seen.
  std::vector<int> bind_pending(engine::target& target);
  // How an editor path becomes the program's (launch.json sourceMap) when
  // the engine is asked; entries keep the editor's path.
  void set_engine_path(std::function<std::string(const std::string&)> to_engine) {
    to_engine_ = std::move(to_engine);
  }

  // An engine breakpoint whose entry went away while the program ran; it is
  // removed at the next stop, and a hit on it before then is not reported.
  void defer_removal(int engine_id) { deferred_removals_.insert(engine_id); }
  bool removal_deferred(int engine_id) const { return deferred_removals_.count(engine_id) != 0; }
  void remove_deferred(engine::target& target);

  // After the program has gone: nothing is bound, every entry is pending
  // again with `message`.
  void unbind_all(const std::string& message);

  // Sets the message of entries that are waiting for the engine.
  void set_pending_message(const std::string& message);

 private:
  static std::string key(const std::string& path);

  std::map<int, dap_breakpoint> by_id_;
  std::map<std::string, std::vector<int>> by_path_;  // ids in request order
  std::set<int> deferred_removals_;
  int next_id_ = 1;
  std::function<std::string(const std::string&)> to_engine_;
};

}  // namespace int3::dap
