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

// One breakpoint as the client knows it. Its DAP id outlives the engine
// breakpoint behind it: it exists before launch, survives replace-all
// requests that keep it, and is reported again when the engine resolves it.
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

// What source and function breakpoints share: entries by id, their
// behaviour, the link to the engine's ids, engine removals deferred while
// the program runs, and replace-all turned into a diff so that entries which
// stay keep their id and their engine breakpoint (GDB breakpoint.py,
// lldb-dap source_breakpoints). Each kind keys its entries its own way.
class breakpoint_store {
 public:
  struct replace_result {
    // One per requested key, in request order. nullopt: the key repeats an
    // earlier one of the same request.
    std::vector<std::optional<int>> ids;
    // Entries that are no longer requested, with their engine ids.
    std::vector<dap_breakpoint> removed;
  };

  const dap_breakpoint* find(int id) const;
  dap_breakpoint* find_mutable(int id);
  // Gives `id` its condition, hitCondition and logMessage. A change of any
  // of them starts the hit count again; the same ones keep it.
  void set_behaviour(int id, std::shared_ptr<const breakpoint_behaviour> behaviour);
  std::optional<int> id_for_engine(int engine_id) const;

  // Asks the engine for each entry that has none yet. A failure is that
  // entry's message, never the caller's exception. Returns the ids whose
  // state the client has not seen.
  virtual std::vector<int> bind_pending(engine::target& target) = 0;

  // An engine breakpoint whose entry went away while the program ran; it is
  // removed at the next stop, and a hit on it before then is not reported.
  void defer_removal(int engine_id) { deferred_removals_.insert(engine_id); }
  bool removal_deferred(int engine_id) const { return deferred_removals_.count(engine_id) != 0; }
  void remove_deferred(engine::target& target);

 protected:
  explicit breakpoint_store(int first_id) : next_id_(first_id) {}
  ~breakpoint_store() = default;
  breakpoint_store(const breakpoint_store&) = default;
  breakpoint_store& operator=(const breakpoint_store&) = default;

  // Replace-all: `keys` become the entries, those of `old_ids` whose key
  // (`key_of`) is requested again keep their entry, new keys get a new one
  // made by `make` (id already set), the rest are erased and returned.
  // `order` receives the ids in request order.
  template <class Key>
  replace_result replace_keys(const std::vector<Key>& keys, const std::vector<int>& old_ids,
                              const std::function<Key(int id)>& key_of,
                              const std::function<void(dap_breakpoint&, const Key&)>& make,
                              std::vector<int>& order);

  // Runs `ask` (which asks the engine for `entry`); an engine or DWARF
  // failure becomes the entry's message.
  static void ask_engine(dap_breakpoint& entry, const std::function<void()>& ask);

  // After the program has gone: nothing is bound, every entry is
  // unverified with `message`.
  void forget_engine(const std::string& message);

  std::map<int, dap_breakpoint> by_id_;

 private:
  std::set<int> deferred_removals_;
  int next_id_;
};

template <class Key>
breakpoint_store::replace_result breakpoint_store::replace_keys(
    const std::vector<Key>& keys, const std::vector<int>& old_ids,
    const std::function<Key(int id)>& key_of,
    const std::function<void(dap_breakpoint&, const Key&)>& make, std::vector<int>& order) {
  std::map<Key, int> old_by_key;
  for (int id : old_ids) old_by_key.emplace(key_of(id), id);
  replace_result result;
  order.clear();
  std::set<Key> seen;
  for (const auto& key : keys) {
    if (!seen.insert(key).second) {
      result.ids.push_back(std::nullopt);
      continue;
    }
    int id = 0;
    if (auto kept = old_by_key.find(key); kept != old_by_key.end()) {
      id = kept->second;
      old_by_key.erase(kept);
    } else {
      dap_breakpoint entry;
      entry.id = id = next_id_++;
      make(entry, key);
      by_id_.emplace(id, std::move(entry));
    }
    order.push_back(id);
    result.ids.push_back(id);
  }
  for (const auto& [key, id] : old_by_key) {
    result.removed.push_back(by_id_.at(id));
    by_id_.erase(id);
  }
  return result;
}

}  // namespace int3::dap
