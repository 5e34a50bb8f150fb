#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "adapter/handles.hpp"
#include "adapter/protocol/types.hpp"
#include "adapter/protocol/variables.hpp"

namespace int3::dap {

class session;

// The Registers scope of a frame: the general-purpose registers at the top,
// eflags with its bits as children, then Segment, x87, SSE and AVX groups.
// It shows the thread's registers as they are now, whichever frame asked.
// Its references live in their own numbering (from 1'000'000'000, far from
// variable_store's) and die with the frame id they came from.
class registers_scope {
 public:
  protocol::scope scope(session& s, int frame_id, pid_t tid);

  // nullopt: `reference` is none of ours.
  std::optional<std::vector<protocol::variable>> variables(session& s, int reference);
  bool owns(int reference) const { return reference >= first_reference; }
  // setVariable on a register or one of its bits: the new value as shown.
  protocol::variable set(session& s, int reference, const std::string& name,
                         const std::string& value);

 private:
  static constexpr int first_reference = 1'000'000'000;
  struct entry {
    int frame_id = 0;
    pid_t tid = 0;
    std::optional<std::size_t> group;           // unset: the scope itself
    std::optional<std::size_t> register_index;  // set: a register's fields/lanes
  };
  std::optional<entry> find(session& s, int reference) const;
  int add(entry e);

  handle_table<entry> handles_{first_reference};
};

}  // namespace int3::dap
