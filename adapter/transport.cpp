#include "adapter/transport.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>

#include <spdlog/spdlog.h>

namespace int3::dap {

namespace {

constexpr std::string_view header_terminator = "\r\n\r\n";
constexpr std::string_view length_header = "content-length";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (from > haystack.size()) return std::string_view::npos;
  auto it = std::search(haystack.begin() + static_cast<std::ptrdiff_t>(from), haystack.end(),
                        needle.begin(), needle.end(), [](char x, char y) {
                          return std::tolower(static_cast<unsigned char>(x)) ==
                                 std::tolower(static_cast<unsigned char>(y));
                        });
  return it == haystack.end() ? std::string_view::npos
                              : static_cast<std::size_t>(it - haystack.begin());
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// What a header block says about the body that follows it.
struct header_result {
  std::optional<std::size_t> length;
  std::string problem;      // set when length is not
  bool had_length = false;  // a Content-Length line was there, even if bad
};

header_result parse_headers(std::string_view block) {
  header_result result;
  while (!block.empty()) {
    auto eol = block.find("\r\n");
    auto line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
    auto colon = line.find(':');
    // Other headers (Content-Type, ...) and stray lines are ignored: only the
    // length matters to the framing.
    if (colon == std::string_view::npos || !iequals(trim(line.substr(0, colon)), length_header)) {
      continue;
    }
    result.had_length = true;
    auto value = trim(line.substr(colon + 1));
    if (value.empty() || value.size() > 12 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      result.problem = "invalid Content-Length '" + std::string(value) + "'";
      return result;
    }
    auto length = std::stoull(std::string(value));
    if (length > transport::max_content_length) {
      result.problem = "Content-Length " + std::string(value) + " exceeds the limit of " +
                       std::to_string(transport::max_content_length) + " bytes";
      return result;
    }
    result.length = static_cast<std::size_t>(length);
  }
  if (!result.length && result.problem.empty()) result.problem = "header without Content-Length";
  return result;
}

// Counts the values of a JSON text without building it, and stops counting
// (aborting the parse) once there are more than `limit`.
class value_counter : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit value_counter(std::size_t limit) : limit_(limit) {}
  bool too_many() const { return count_ > limit_; }

  bool null() override { return add(); }
  bool boolean(bool) override { return add(); }
  bool number_integer(number_integer_t) override { return add(); }
  bool number_unsigned(number_unsigned_t) override { return add(); }
  bool number_float(number_float_t, const string_t&) override { return add(); }
  bool string(string_t&) override { return add(); }
  bool binary(binary_t&) override { return add(); }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return add(); }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return add(); }
  // The DOM parse that follows reports the error with its position.
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool add() { return ++count_ <= limit_; }
  std::size_t limit_;
  std::size_t count_ = 0;
};

// Parses `body` when it holds at most transport::max_json_values values.
// A bigger message is refused, keeping only its top-level scalars (seq,
// command) for the error response. Counting first matters: nlohmann's
// callback parser rescans a container on every element it closes, which is
// quadratic for a long array of objects (a million-line setBreakpoints took
// seconds before any check could refuse it).
incoming_message parse_bounded(std::string_view body) {
  using json = nlohmann::json;
  value_counter counter(transport::max_json_values);
  json::sax_parse(body, &counter);
  if (!counter.too_many()) return json::parse(body);
  // Only the top level is built: every nested container is skipped whole.
  auto top_level_only = [](int depth, json::parse_event_t event, json&) {
    if (depth == 0) return true;
    return depth == 1 && event != json::parse_event_t::object_start &&
           event != json::parse_event_t::array_start;
  };
  json message = json::parse(body, top_level_only);
  bad_frame bad{"message refused: more than " + std::to_string(transport::max_json_values) +
                " JSON values"};
  if (message.is_object()) {
    auto seq = message.find("seq");
    if (seq != message.end() && seq->is_number_integer() && *seq > 0 &&
        *seq <= std::numeric_limits<int>::max())
      bad.seq = seq->get<int>();
    auto command = message.find("command");
    if (command != message.end() && command->is_string()) bad.command = command->get<std::string>();
  }
  return bad;
}

}  // namespace

bool transport::receive() {
  // Only what arrived is appended: growing buffer_ by a whole chunk before
  // the read would zero it for every message (a third of a step's time).
  constexpr std::size_t chunk = 64 * 1024;
  char block[chunk];
  for (;;) {
    auto n = ::read(in_fd_, block, chunk);
    if (n > 0) buffer_.append(block, static_cast<std::size_t>(n));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
    spdlog::error("reading the DAP input failed: {}", std::strerror(errno));
    return false;
  }
}

std::optional<incoming_message> transport::next() {
  if (resyncing_ && !resynchronise()) return std::nullopt;
  std::string_view data = std::string_view(buffer_).substr(begin_);
  auto header_end = data.find(header_terminator);
  if (header_end == std::string_view::npos) {
    if (data.size() > max_header_length) return frame_error("header too long", 1);
    return std::nullopt;
  }
  auto header = parse_headers(data.substr(0, header_end));
  if (!header.length) {
    // A bad length makes the body's extent unknown: skip the whole block. A
    // block without a length may be junk glued before a good header, so the
    // search for the next header starts just after its first byte.
    return frame_error(header.problem,
                       header.had_length ? header_end + header_terminator.size() : 1);
  }
  auto body_start = header_end + header_terminator.size();
  if (data.size() - body_start < *header.length) return std::nullopt;
  auto body = data.substr(body_start, *header.length);
  incoming_message message;
  try {
    message = parse_bounded(body);
  } catch (const nlohmann::json::parse_error& e) {
    message = bad_frame{std::string("invalid JSON: ") + e.what()};
  }
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("<-- {}", body);
  }
  consume(body_start + *header.length);
  return message;
}

std::optional<incoming_message> transport::frame_error(std::string problem, std::size_t skip) {
  spdlog::warn("bad DAP frame: {}; skipping to the next Content-Length", problem);
  consume(skip);
  resyncing_ = true;
  return bad_frame{std::move(problem)};
}

bool transport::resynchronise() {
  std::string_view data = std::string_view(buffer_).substr(begin_);
  auto at = ifind(data, length_header, 0);
  if (at == std::string_view::npos) {
    // Keep a tail that could be the start of a header split across reads.
    auto keep = length_header.size() - 1;
    if (data.size() > keep) consume(data.size() - keep);
    return false;
  }
  consume(at);
  resyncing_ = false;
  return true;
}

void transport::consume(std::size_t count) {
  begin_ += count;
  if (begin_ == buffer_.size()) {
    buffer_.clear();
    begin_ = 0;
  } else if (begin_ > 1024 * 1024 && begin_ > buffer_.size() / 2) {
    buffer_.erase(0, begin_);
    begin_ = 0;
  }
}

std::optional<incoming_message> transport::read() {
  for (;;) {
    if (auto message = next()) return message;
    pollfd pfd{in_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, -1) < 0 && errno != EINTR) return std::nullopt;
    if (!receive()) return next();
  }
}

void transport::write(nlohmann::json message) {
  write(std::move(message), {});
}

void transport::write(nlohmann::json message, std::string_view body_text) {
  if (closed_) return;
  message["seq"] = next_seq_++;
  // Replace, not throw: a debuggee's output may be any bytes, and one bad
  // byte must not cost the message.
  auto text = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string frame = "Content-Length: ";
  frame.reserve(32 + text.size() + body_text.size() + 8);
  if (body_text.empty()) {
    frame += std::to_string(text.size()) + "\r\n\r\n";
    frame += text;
  } else {
    // The envelope is an object: its closing brace moves after the body.
    text.pop_back();
    std::string_view member = text.size() > 1 ? ",\"body\":" : "\"body\":";
    frame += std::to_string(text.size() + member.size() + body_text.size() + 1) + "\r\n\r\n";
    frame += text;
    frame += member;
    frame += body_text;
    frame += '}';
  }
  if (spdlog::should_log(spdlog::level::debug))
    spdlog::debug("--> {}", std::string_view(frame).substr(frame.find("\r\n\r\n") + 4));
  std::string_view rest = frame;
  while (!rest.empty()) {
    auto n = ::write(out_fd_, rest.data(), rest.size());
    if (n > 0) {
      rest.remove_prefix(static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd pfd{out_fd_, POLLOUT, 0};
      ::poll(&pfd, 1, -1);
    } else {
      spdlog::error("writing to the DAP client failed: {}", std::strerror(errno));
      closed_ = true;
      return;
    }
  }
}

}  // namespace int3::dap
