#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace int3::dap {

// A frame that could not be read as JSON. The transport has already skipped
// past it, so the next well-formed frame is served normally.
struct bad_frame {
  std::string problem;
  // A well-formed but oversized request keeps these, so it can still get
  // an error response instead of silence.
  std::optional<int> seq = std::nullopt;
  std::optional<std::string> command = std::nullopt;
};

using incoming_message = std::variant<nlohmann::json, bad_frame>;

// The base protocol's framing ("Content-Length: N\r\n\r\n" + N bytes of
// JSON) over a pair of file descriptors, which it does not own. Reading is
// split in two so an event loop can drive it: receive() takes what one read
// returns, next() hands out the complete messages. It also owns the seq of
// everything the adapter sends.
class transport {
 public:
  // Larger frames are refused: a client that sends one is broken, and
  // trusting the header would let it make us allocate without bound.
  static constexpr std::size_t max_content_length = 64 * 1024 * 1024;
  static constexpr std::size_t max_header_length = 64 * 1024;
  // The parsed form of JSON is many times its text (a million-element
  // setBreakpoints is 12 MB of text and over 200 MB parsed): values past
  // this many are not kept and the message is refused.
  static constexpr std::size_t max_json_values = 100'000;

  transport(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {}
  transport(const transport&) = delete;
  transport& operator=(const transport&) = delete;

  int input_fd() const { return in_fd_; }

  // Reads once from the input (call when it is readable). False at the end
  // of the input or on a read error, which ends the conversation too.
  bool receive();
  // The next complete message among those received.
  std::optional<incoming_message> next();
  // Blocks until a message is complete; nullopt at the end of the input.
  std::optional<incoming_message> read();

  // Stamps the next seq into `message` and writes one frame, blocking until
  // it is all written. After a write error (the client went away) further
  // writes are dropped and closed() says so.
  void write(nlohmann::json message);
  // The same with a "body" member given as JSON text already.
  void write(nlohmann::json message, std::string_view body_text);
  bool closed() const { return closed_; }
  // The seq the next write() stamps (a reverse request's, to match its reply).
  int next_seq() const { return next_seq_; }

 private:
  std::optional<incoming_message> frame_error(std::string problem, std::size_t skip);
  bool resynchronise();
  void consume(std::size_t count);

  int in_fd_;
  int out_fd_;
  std::string buffer_;
  std::size_t begin_ = 0;   // start of the unconsumed part of buffer_
  bool resyncing_ = false;  // skipping to the next "Content-Length" after a bad frame
  bool closed_ = false;
  int next_seq_ = 1;
};

}  // namespace int3::dap
