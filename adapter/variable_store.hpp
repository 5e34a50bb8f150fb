#pragma once

#include <sys/types.h>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "adapter/handles.hpp"
#include "adapter/protocol/variables.hpp"
#include "engine/target.hpp"
#include "engine/values/value.hpp"

namespace int3::dap {

// What a variablesReference stands for until the program resumes: a scope
// of a frame, or a value with children. Frames' variables are read once per
// stop and shared by their scopes.
class variable_store {
 public:
  enum class scope_kind { arguments, locals, globals };

  // The scopes request: one reference per scope of frame (tid, index).
  int add_scope(std::shared_ptr<const engine::frame_variables> frame, scope_kind kind);
  // A value with children (variables, evaluate results); 0 when it has none.
  int add_value(const engine::value& v);

  // The children behind a reference, or nullopt when it is unknown (stale).
  // `filter`: "indexed", "named" or empty; count 0: all.
  std::optional<std::vector<engine::value>> children(int reference, const std::string& filter,
                                                     std::size_t start, std::size_t count) const;
  // One child by its name, for setVariable.
  std::optional<engine::value> child_named(int reference, const std::string& name) const;

  // The DAP form of a value (its reference added when it has children).
  protocol::variable describe(const engine::value& v, engine::format_options options);

  // Every resume: the references die with the stop.
  void reset() {
    handles_.reset();
    frames_.clear();
  }
  // Frames' variables cached by frame id for this stop.
  std::shared_ptr<const engine::frame_variables> frame(int frame_id) const;
  void keep_frame(int frame_id, std::shared_ptr<const engine::frame_variables> frame) {
    frames_[frame_id] = std::move(frame);
  }

 private:
  struct entry {
    std::shared_ptr<const engine::frame_variables> frame;
    scope_kind kind = scope_kind::locals;
    std::optional<engine::value> value;  // set: a value's children
  };
  std::vector<engine::value> scope_values(const entry& e) const;

  handle_table<entry> handles_;
  std::map<int, std::shared_ptr<const engine::frame_variables>> frames_;
};

}  // namespace int3::dap
