#include "tests/support/dap_framing.hpp"

#include <charconv>
#include <stdexcept>

namespace int3::test {

namespace {

// Header field names are case-insensitive in the spirit of HTTP headers.
bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(text[i]) != lower(prefix[i])) return false;
  }
  return true;
}

}  // namespace

std::string frame_message(std::string_view body) {
  std::string framed = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  framed.append(body);
  return framed;
}

std::optional<std::string> frame_reader::next() {
  auto header_end = buffer_.find("\r\n\r\n");
  if (header_end == std::string::npos) {
    if (buffer_.size() > 4096)
      throw std::runtime_error("DAP framing: 4 KiB without a header terminator: " +
                               buffer_.substr(0, 200));
    return std::nullopt;
  }
  std::string_view headers(buffer_.data(), header_end);
  std::optional<std::size_t> length;
  while (!headers.empty()) {
    auto eol = headers.find("\r\n");
    std::string_view field = headers.substr(0, eol);
    headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
    constexpr std::string_view name = "Content-Length:";
    if (!starts_with_nocase(field, name)) continue;
    std::string_view value = field.substr(name.size());
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size())
      throw std::runtime_error("DAP framing: bad Content-Length header '" + std::string(field) +
                               "'");
    length = n;
  }
  if (!length)
    throw std::runtime_error("DAP framing: header without Content-Length: '" +
                             buffer_.substr(0, header_end) + "'");
  const std::size_t body_start = header_end + 4;
  if (buffer_.size() < body_start + *length) return std::nullopt;
  std::string body = buffer_.substr(body_start, *length);
  buffer_.erase(0, body_start + *length);
  return body;
}

}  // namespace int3::test
