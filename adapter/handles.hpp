#pragma once

#include <map>
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
  explicit handle_table(int first = 1000) : next_(first) {}

  int insert(T value) {
    int id = next_++;
    values_.emplace(id, std::move(value));
    return id;
  }
  std::optional<T> find(int id) const {
    auto it = values_.find(id);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  void reset() { values_.clear(); }
  std::size_t size() const { return values_.size(); }

 private:
  int next_;
  std::map<int, T> values_;
};

}  // namespace int3::dap
