#include "adapter/protocol/json_writer.hpp"

#include <charconv>

namespace int3::dap::protocol {
namespace {

// Length of the well-formed UTF-8 sequence at the start of `s`, 0 if none.
std::size_t utf8_sequence(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  auto continuation = [&](std::size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    // No overlong forms, no UTF-16 surrogates.
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;
    if (lead == 0xED && byte(1) > 0x9F) return 0;
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

void json_writer::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_ += ',';
  first_.back() = false;
}

void json_writer::begin_object() {
  separate();
  out_ += '{';
  first_.push_back(true);
}

void json_writer::end_object() {
  out_ += '}';
  first_.pop_back();
}

void json_writer::begin_array() {
  separate();
  out_ += '[';
  first_.push_back(true);
}

void json_writer::end_array() {
  out_ += ']';
  first_.pop_back();
}

void json_writer::key(std::string_view name) {
  separate();
  string(name);
  out_ += ':';
  after_key_ = true;
}

void json_writer::value(std::int64_t number) {
  separate();
  char text[24];
  auto end = std::to_chars(text, text + sizeof text, number).ptr;
  out_.append(text, end);
}

void json_writer::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
}

void json_writer::value(std::string_view text) {
  separate();
  string(text);
}

void json_writer::string(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t plain = 0;  // start of the run copied as it is
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = c < 0x80 ? 1 : utf8_sequence(text.substr(i));
    if (length > 1) {
      i += length;
      continue;
    }
    out_.append(text.substr(plain, i - plain));
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (c < 0x20) {
          out_ += "\\u00";
          out_ += hex[c >> 4];
          out_ += hex[c & 0xF];
        } else {
          out_ += "\xEF\xBF\xBD";  // not UTF-8
        }
    }
    ++i;
    plain = i;
  }
  out_.append(text.substr(plain));
  out_ += '"';
}

}  // namespace int3::dap::protocol
