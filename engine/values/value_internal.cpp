#include "engine/values/value_internal.hpp"

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "dwarf/debug_info.hpp"

namespace int3::engine {

const dwarf::type_info* resolve_type(const dwarf::type_info* t, const frame_context* frame) {
  t = dwarf::strip_cv_typedefs(t);
  if (t && t->is_declaration && frame && frame->debug()) {
    if (const auto* full = frame->debug()->complete_type(t)) t = dwarf::strip_cv_typedefs(full);
  }
  return t;
}

std::uint64_t type_size(const dwarf::type_info* t, const frame_context* frame) {
  const auto* r = resolve_type(t, frame);
  if (!r) return 0;
  if (r->byte_size) return *r->byte_size;
  // Pointers and nullptr_t without a DW_AT_byte_size are a word.
  if (r->is_pointer_like() || r->kind == dwarf::type_kind::unspecified) return 8;
  return 0;
}

namespace {

// Bits [offset, offset+count) of `from` into `out` at bit `at`.
void copy_bits(const std::vector<std::byte>& from, std::uint64_t offset, std::uint64_t count,
               std::vector<std::byte>& out, std::uint64_t at) {
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t src = offset + i, dst = at + i;
    if (src / 8 >= from.size() || dst / 8 >= out.size()) return;
    bool bit = (static_cast<unsigned>(from[src / 8]) >> (src % 8)) & 1;
    if (bit) out[dst / 8] |= std::byte(1u << (dst % 8));
  }
}

std::optional<std::vector<std::byte>> read_simple(const dwarf::simple_location& where,
                                                  std::size_t size, const frame_context& frame,
                                                  std::string& error) {
  using k = dwarf::simple_location::kind;
  std::vector<std::byte> out(size);
  switch (where.where) {
    case k::memory: {
      if (frame.read_some(where.address, out) != size) {
        error = "<cannot read memory at " + hex_text(where.address) + ">";
        return std::nullopt;
      }
      return out;
    }
    case k::in_register: {
      if (!frame.read_register_bytes(where.reg, out)) {
        error = frame.register_lost(where.reg)
                    ? "<optimized out>"
                    : "<register " + std::to_string(where.reg) + " unavailable>";
        return std::nullopt;
      }
      return out;
    }
    case k::implicit_value:
      std::memcpy(out.data(), where.value.data(), std::min(size, where.value.size()));
      return out;
    case k::optimized_out:
      break;
  }
  error = "<optimized out>";
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<std::byte>> read_location(const value_location& location,
                                                    std::size_t size, const frame_context& frame,
                                                    std::string& error) {
  if (!location.where) {
    error = location.error.empty() ? "<no location>" : location.error;
    return std::nullopt;
  }
  const auto& loc = *location.where;
  if (!loc.is_composite()) return read_simple(loc.whole, size, frame, error);
  std::vector<std::byte> out(size);
  std::uint64_t at = 0;
  for (const auto& piece : loc.pieces) {
    std::size_t piece_bytes = (piece.bit_offset + piece.bit_size + 7) / 8;
    auto bytes = read_simple(piece.where, piece_bytes, frame, error);
    if (!bytes) return std::nullopt;
    copy_bits(*bytes, piece.bit_offset, piece.bit_size, out, at);
    at += piece.bit_size;
  }
  return out;
}

std::string hex_text(std::uint64_t v) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%" PRIx64, v);
  return text;
}

bool is_char_type(const dwarf::type_info* t) {
  return t && t->kind == dwarf::type_kind::base && t->byte_size == 1u &&
         (t->encoding == dwarf::encoding::signed_char ||
          t->encoding == dwarf::encoding::unsigned_char || t->encoding == dwarf::encoding::UTF);
}

namespace {

// Length of the valid UTF-8 sequence at `at`, 0 if none: the text goes out
// as JSON, which must be valid UTF-8, so anything else is escaped.
std::size_t utf8_length(std::string_view s, std::size_t at) {
  auto b = static_cast<unsigned char>(s[at]);
  std::size_t n = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
  if (n == 0 || at + n > s.size()) return 0;
  for (std::size_t i = 1; i < n; ++i)
    if ((static_cast<unsigned char>(s[at + i]) & 0xc0) != 0x80) return 0;
  return n;
}

}  // namespace

std::string quote(std::string_view bytes, bool truncated) {
  std::string out = "\"";
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    char c = bytes[at];
    if (static_cast<unsigned char>(c) >= 0x80) {
      if (std::size_t n = utf8_length(bytes, at)) {
        out.append(bytes.substr(at, n));
        at += n - 1;
        continue;
      }
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\x%02x", static_cast<unsigned char>(c));
          out += esc;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  if (truncated) out += "...";
  return out;
}

std::optional<std::string> read_c_string(const frame_context& frame, std::uint64_t address,
                                         std::size_t max_bytes, std::string& error) {
  std::vector<std::byte> buffer(max_bytes);
  std::size_t got = frame.read_some(address, buffer);
  if (got == 0) {
    error = "<cannot read memory at " + hex_text(address) + ">";
    return std::nullopt;
  }
  const char* data = reinterpret_cast<const char*>(buffer.data());
  std::size_t length = strnlen(data, got);
  return quote(std::string_view(data, length), length == got);
}

value child_at(const value& parent, std::string name, const dwarf::type_info* type,
               std::uint64_t byte_offset) {
  if (auto address = parent.address())
    return value::at_address(std::move(name), type, *address + byte_offset, parent.frame());
  if (!parent.error().empty())
    return value(std::move(name), type, parent.location(), parent.frame());
  auto bytes = parent.read_bytes();
  std::uint64_t size = type_size(type, parent.frame().get());
  if (!bytes || byte_offset + size > bytes->size())
    return value(std::move(name), type, value_location::failed("<cannot read value>"),
                 parent.frame());
  std::vector<std::byte> slice(bytes->begin() + static_cast<std::ptrdiff_t>(byte_offset),
                               bytes->begin() + static_cast<std::ptrdiff_t>(byte_offset + size));
  return value::from_bytes(std::move(name), type, std::move(slice), parent.frame());
}

const dwarf::type_info* element_type(const dwarf::type_info* array, const frame_context*) {
  // The DWARF reader already gives a[i]'s type (the row of an int[3][4]).
  if (!array || array->kind != dwarf::type_kind::array) return nullptr;
  return array->target;
}

}  // namespace int3::engine
