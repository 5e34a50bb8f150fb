#pragma once

// The data breakpoints of a session: what each dataId handed out by
// dataBreakpointInfo names (so a hit can say "counter: 1 -> 2" in the
// variable's own type), and which watches the engine holds for
// setDataBreakpoints.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapter/breakpoint_store.hpp"
#include "engine/values/value.hpp"

namespace int3::dap {

// What a dataId watches and how to show its bytes.
struct watched_data {
  enum class shown_as { signed_int, unsigned_int, floating, boolean, hex };
  std::uint64_t address = 0;
  std::size_t size = 0;
  std::string name;  // the variable or expression; the address for asAddress
  shown_as format = shown_as::hex;

  static watched_data of_value(const engine::value& v, std::size_t size);
  // Bytes as the user reads the variable: "42", "-1", "3.5", "true", "0x2a".
  std::string show(const std::vector<std::byte>& bytes) const;
};

// "0x601040/4": address and size, readable by anyone.
std::string make_data_id(std::uint64_t address, std::size_t size);
// nullopt when `data_id` is not of that form.
std::optional<std::pair<std::uint64_t, std::size_t>> parse_data_id(const std::string& data_id);

class data_breakpoint_table {
 public:
  // Ids of a session's breakpoints share one space in `breakpoint` events
  // and stopped events' hitBreakpointIds: source ones count from 1,
  // instruction ones from 1,000,000, function ones from 2,000,000, and data
  // ones from here.
  static constexpr int first_id = 3'000'000;

  struct entry {
    int id = 0;         // the client's
    int engine_id = 0;  // 0: not placed (unverified)
    std::string data_id;
    std::string access_type;
    watched_data data;
    // condition and hitCondition as decide_hit judges them for source
    // breakpoints; only its id, behaviour and hits are used.
    dap_breakpoint rule;
  };

  void remember(const std::string& data_id, watched_data data) { described_[data_id] = data; }
  // What dataBreakpointInfo said about `data_id`, or what the id itself says.
  std::optional<watched_data> describe(const std::string& data_id) const;

  // The watches belong to one program: a restarted one starts without them.
  void bind(const void* program) {
    if (program != program_) entries_.clear();
    program_ = program;
  }
  int next_id() { return next_id_++; }
  std::vector<entry>& entries() { return entries_; }
  const entry* by_engine_id(int engine_id) const;
  // The rule of the watch with DAP id `id`, for decide_hit; null for none.
  dap_breakpoint* rule(int id);
  // The entry removed, when there was one (its frame returned).
  std::optional<entry> take_engine_id(int engine_id);

 private:
  std::map<std::string, watched_data> described_;
  std::vector<entry> entries_;
  int next_id_ = first_id;
  const void* program_ = nullptr;
};

}  // namespace int3::dap
