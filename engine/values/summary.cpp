// value::summary: the one-line text of a value.

#include <charconv>
#include <cinttypes>
#include <cstdio>

#include "engine/values/formatter.hpp"
#include "engine/values/value.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine {
namespace {

std::string float_text(double d) {
  char text[64];
  auto [end, ec] = std::to_chars(text, text + sizeof text, d);
  if (ec != std::errc()) return "?";
  return std::string(text, end);
}

std::string char_text(std::uint64_t code, bool is_signed, format_options options) {
  std::string number = options.hex ? hex_text(code & 0xff)
                                   : std::to_string(is_signed ? static_cast<std::int8_t>(code)
                                                              : static_cast<std::uint8_t>(code));
  char c = static_cast<char>(code);
  std::string shown = quote(std::string_view(&c, 1), false);
  shown.front() = shown.back() = '\'';
  if (c == '\'') shown = "'\\''";
  if (c == '"') shown = "'\"'";
  return number + " " + shown;
}

std::string enum_text(const dwarf::type_info& t, std::uint64_t raw, std::uint64_t size,
                      format_options options) {
  std::uint64_t mask = size >= 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * size)) - 1;
  for (const auto& e : t.enumerators)
    if ((static_cast<std::uint64_t>(e.value) & mask) == raw) return e.name;
  // A flags combination: every set bit named by a single-bit enumerator.
  std::string flags;
  std::uint64_t covered = 0;
  for (const auto& e : t.enumerators) {
    auto v = static_cast<std::uint64_t>(e.value) & mask;
    if (v != 0 && (v & (v - 1)) == 0 && (raw & v)) {
      flags += (flags.empty() ? "" : " | ") + e.name;
      covered |= v;
    }
  }
  if (raw != 0 && covered == raw) return flags;
  if (options.hex) return hex_text(raw);
  if (t.is_signed) {
    unsigned shift = 64 - 8 * static_cast<unsigned>(size);
    return std::to_string(size >= 8 ? static_cast<std::int64_t>(raw)
                                    : static_cast<std::int64_t>(raw << shift) >> shift);
  }
  return std::to_string(raw);
}

std::string preview(const value& v, format_options options, bool named) {
  std::size_t total = v.child_count();
  auto kids = v.children(0, std::min(total, max_preview_children));
  std::string out = "{";
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (i) out += ", ";
    if (named) out += kids[i].name() + "=";
    const auto* t = resolve_type(kids[i].type(), kids[i].frame().get());
    bool nested = t && (t->is_aggregate() || t->kind == dwarf::type_kind::array);
    out += nested && kids[i].child_count() > 0 ? std::string("{...}") : kids[i].summary(options);
    if (out.size() > 120) {
      out += ", ...";
      return out + "}";
    }
  }
  if (total > kids.size()) out += ", ...";
  return out + "}";
}

// Why a value's bytes cannot be read ("<cannot read memory at 0x10>"), for
// the user to see instead of a bare failure.
std::string unreadable(const value& v) {
  std::string why;
  std::uint64_t size = type_size(v.type(), v.frame().get());
  if (v.frame() && size && size <= max_value_bytes &&
      !read_location(v.location(), size, *v.frame(), why) && !why.empty())
    return why;
  return "<cannot read value>";
}

}  // namespace

std::string value::summary(format_options options) const {
  if (auto e = error(); !e.empty()) return e;
  const auto* t = resolve_type(type_, frame_.get());
  if (!t) return "<unknown type>";
  using k = dwarf::type_kind;
  switch (t->kind) {
    case k::base: {
      if (t->encoding == dwarf::encoding::float_) {
        auto d = as_double();
        return d ? float_text(*d) : unreadable(*this);
      }
      auto raw = as_unsigned();
      if (!raw) return read_bytes() ? "<unsupported base type>" : unreadable(*this);
      if (t->encoding == dwarf::encoding::boolean) return *raw ? "true" : "false";
      if (is_char_type(t))
        return char_text(*raw, t->encoding == dwarf::encoding::signed_char, options);
      if (options.hex) return hex_text(*raw);
      bool is_signed = t->encoding == dwarf::encoding::signed_ || t->is_signed;
      return is_signed ? std::to_string(*as_signed()) : std::to_string(*raw);
    }
    case k::enumeration: {
      auto raw = as_unsigned();
      if (!raw) return unreadable(*this);
      return enum_text(*t, *raw, type_size(t, frame_.get()), options);
    }
    case k::pointer: {
      auto raw = as_unsigned();
      if (!raw) return unreadable(*this);
      std::string text = hex_text(*raw);
      const auto* pointee = resolve_type(t->target, frame_.get());
      if (*raw == 0) return text;
      if (is_char_type(pointee)) {
        std::string why;
        auto s = read_c_string(*frame_, *raw, max_string_bytes, why);
        return text + " " + (s ? *s : why);
      }
      if (pointee && pointee->kind == k::subroutine) {
        std::string symbol = frame_->symbol_at(*raw);
        if (!symbol.empty()) text += " <" + symbol + ">";
      }
      return text;
    }
    case k::reference:
    case k::rvalue_reference: {
      auto target = dereference();
      return target ? target->summary(options) : unreadable(*this);
    }
    case k::unspecified: {
      auto raw = as_unsigned();
      return raw ? (*raw == 0 ? std::string("nullptr") : hex_text(*raw)) : unreadable(*this);
    }
    case k::array: {
      const auto* elem = resolve_type(element_type(t, frame_.get()), frame_.get());
      if (is_char_type(elem) && t->dimensions.size() == 1) {
        std::uint64_t n = t->dimensions[0].value_or(0);
        if (auto a = address()) {
          std::string why;
          auto s = read_c_string(*frame_, *a, std::min<std::uint64_t>(n, max_string_bytes), why);
          if (!s) return why;
          // A full array holds no terminator: not truncated when it fits.
          if (n <= max_string_bytes && s->size() > 3 && s->ends_with("..."))
            s->resize(s->size() - 3);
          return *s;
        }
      }
      return preview(*this, options, false);
    }
    case k::structure:
    case k::class_:
    case k::union_:
      if (const auto* f = formatter()) return f->summary(*this, options);
      if (t->is_declaration) return "<incomplete type " + t->name + ">";
      return preview(*this, options, true);
    case k::subroutine: {
      auto a = address();
      std::string symbol = a ? frame_->symbol_at(*a) : "";
      return a ? hex_text(*a) + (symbol.empty() ? "" : " <" + symbol + ">") : "<function>";
    }
    case k::ptr_to_member: {
      auto raw = as_unsigned();
      return raw ? hex_text(*raw) : unreadable(*this);
    }
    case k::void_:
      return "void";
    default:
      return "<unsupported type>";
  }
}

}  // namespace int3::engine
