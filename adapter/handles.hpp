#pragma once

#include <deque>
#include <optional>

namespace int3::dap {

// Small integers handed to the client for things that live only while the
// program is stopped (frames; later variables). reset() on every resume
// invalidates them all; numbers are never reused within a session, so a
// stale id is reported as unknown instead of naming some other frame
// (Delve handles.go, lldb-dap WillContinue).
template <class T>
class handle_table {
 public:
  explicit handle_table(int first = 1000) : first_(first) {}

  // Ids are consecutive from the last reset on, so a table is a sequence
  // (a thousand frames per stackTrace are a thousand inserts).
  int insert(T value) {
    values_.push_back(std::move(value));
    return first_ + static_cast<int>(values_.size()) - 1;
  }
  std::optional<T> find(int id) const {
    if (id < first_ || id - first_ >= static_cast<int>(values_.size())) return std::nullopt;
    return values_[static_cast<std::size_t>(id - first_)];
  }
  void reset() {
    first_ += static_cast<int>(values_.size());
    values_.clear();
  }
  std::size_t size() const { return values_.size(); }

 private:
  int first_;  // the id of values_.front()
  std::deque<T> values_;
};

}  // namespace int3::dap
