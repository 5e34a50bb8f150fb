#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace int3::test {

// "Content-Length: N\r\n\r\n<body>" as the DAP base protocol defines it.
std::string frame_message(std::string_view body);

// Splits a byte stream into DAP message bodies. Bytes arrive in arbitrary
// chunks; next() yields a body once all of it is there. A header the adapter
// should never send (no Content-Length, a bad number) throws
// std::runtime_error, since that is a protocol violation by the peer.
class frame_reader {
 public:
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  std::optional<std::string> next();
  std::size_t buffered() const { return buffer_.size(); }

 private:
  std::string buffer_;
};

}  // namespace int3::test
