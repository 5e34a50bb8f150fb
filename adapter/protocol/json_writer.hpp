#pragma once

// JSON text written straight from typed protocol structs, for the few
// bodies that are large and sent often (a thousand stack frames at every
// stop of a deep recursion): building an nlohmann::json tree of them and
// dumping it was ~90% of the adapter's work for such a stackTrace. A body
// type opts in by having write_json(json_writer&, const T&); its to_json
// stays, and the tests hold the two to the same JSON.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace int3::dap::protocol {

class json_writer {
 public:
  explicit json_writer(std::string& out) : out_(out) {}

  // Room for `bytes` more, when a writer knows roughly what it will write.
  void reserve(std::size_t bytes) { out_.reserve(out_.size() + bytes); }

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The key of the next member of the current object.
  void key(std::string_view name);

  void value(std::int64_t number);
  void value(bool flag);
  // Escaped as JSON requires; bytes that are not UTF-8 become U+FFFD, as
  // the transport's dump does for nlohmann values.
  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(int number) { value(static_cast<std::int64_t>(number)); }

  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }
  template <class T>
  void optional_member(std::string_view name, const std::optional<T>& v) {
    if (v) member(name, *v);
  }

 private:
  void separate();  // the comma before a value that is not the first
  void string(std::string_view text);

  std::string& out_;
  std::vector<bool> first_;  // per open object/array: nothing written yet
  bool after_key_ = false;
};

template <class T>
concept json_writable = requires(json_writer& w, const T& v) {
  write_json(w, v);
};

// The JSON text of a body that has a writer.
template <json_writable T>
std::string written_json(const T& value) {
  std::string out;
  json_writer writer(out);
  write_json(writer, value);
  return out;
}

}  // namespace int3::dap::protocol
