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

// Parses `body`, keeping at most transport::max_json_values values. Past
// that, only the top level's scalars (seq, type, command) are kept, so the
// refusal can name the request it answers.
incoming_message parse_bounded(std::string_view body) {
  using json = nlohmann::json;
  std::size_t values = 0;
  bool too_big = false;
  auto keep = [&](int depth, json::parse_event_t event, json&) {
    if (event == json::parse_event_t::value || event == json::parse_event_t::object_end ||
        event == json::parse_event_t::array_end) {
      if (++values > transport::max_json_values) too_big = true;
    }
    if (!too_big || depth == 0 || event == json::parse_event_t::key) return true;
    return depth == 1 && event == json::parse_event_t::value;
  };
  json message = json::parse(body, keep);
  if (!too_big) return message;
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
  constexpr std::size_t chunk = 256 * 1024;
  for (;;) {
    auto old_size = buffer_.size();
    buffer_.resize(old_size + chunk);
    auto n = ::read(in_fd_, buffer_.data() + old_size, chunk);
    buffer_.resize(old_size + (n > 0 ? static_cast<std::size_t>(n) : 0));
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
  if (closed_) return;
  message["seq"] = next_seq_++;
  // Replace, not throw: a debuggee's output may be any bytes, and one bad
  // byte must not cost the message.
  auto body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (spdlog::should_log(spdlog::level::debug)) spdlog::debug("--> {}", body);
  std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  frame += body;
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
