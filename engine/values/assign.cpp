// value::assign: setVariable's parsing and writing.

#include <cctype>
#include <charconv>
#include <cstring>

#include "engine/error.hpp"
#include "engine/values/value.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine {
namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

// C integer literals: decimal, 0x hex, 0 octal, 0b binary, optional sign,
// 'c' characters.
std::optional<std::uint64_t> parse_integer(std::string text) {
  if (text.size() == 3 && text.front() == '\'' && text.back() == '\'')
    return static_cast<std::uint8_t>(text[1]);
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  while (!text.empty() &&
         (text.back() == 'u' || text.back() == 'U' || text.back() == 'l' || text.back() == 'L'))
    text.pop_back();
  int base = 10;
  std::size_t skip = 0;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    base = 16, skip = 2;
  else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B'))
    base = 2, skip = 2;
  else if (text.size() > 1 && text[0] == '0')
    base = 8, skip = 1;
  std::uint64_t v = 0;
  const char* first = text.data() + skip;
  const char* last = text.data() + text.size();
  if (first == last) return std::nullopt;
  auto [end, ec] = std::from_chars(first, last, v, base);
  if (ec != std::errc() || end != last) return std::nullopt;
  return negative ? ~v + 1 : v;
}

std::vector<std::byte> little_endian(std::uint64_t v, std::size_t size) {
  std::vector<std::byte> out(size);
  std::memcpy(out.data(), &v, std::min<std::size_t>(size, 8));
  return out;
}

}  // namespace

void value::assign(std::string_view input) {
  if (auto e = error(); !e.empty()) error::send("cannot set " + name_ + ": " + e);
  const auto* t = resolve_type(type_, frame_.get());
  if (!t) error::send("cannot set " + name_ + ": unknown type");
  std::string text = trim(input);
  std::uint64_t size = bit_size_ ? type_size(type_, frame_.get()) : type_size(type_, frame_.get());
  using k = dwarf::type_kind;
  std::optional<std::vector<std::byte>> bytes;

  if (t->kind == k::reference || t->kind == k::rvalue_reference) {
    auto target = dereference();
    if (!target) error::send("cannot set " + name_ + ": cannot read the reference");
    target->assign(text);
    return;
  }
  if (t->kind == k::base && t->encoding == dwarf::encoding::float_) {
    double d = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec != std::errc() || end != text.data() + text.size())
      error::send("cannot parse '" + text + "' as " + type_name());
    bytes.emplace(size);
    if (size == 4) {
      float f = static_cast<float>(d);
      std::memcpy(bytes->data(), &f, 4);
    } else if (size == 8) {
      std::memcpy(bytes->data(), &d, 8);
    } else {
      long double l = d;
      std::memcpy(bytes->data(), &l, std::min<std::size_t>(size, sizeof l));
    }
  } else if (t->kind == k::base || t->kind == k::pointer || t->kind == k::enumeration) {
    std::optional<std::uint64_t> v;
    if (t->kind == k::base && t->encoding == dwarf::encoding::boolean &&
        (text == "true" || text == "false"))
      v = text == "true";
    if (!v && t->kind == k::enumeration) {
      for (const auto& e : t->enumerators)
        if (e.name == text) v = static_cast<std::uint64_t>(e.value);
    }
    if (!v && t->kind == k::pointer && (text == "nullptr" || text == "NULL")) v = 0;
    if (!v) v = parse_integer(text);
    if (!v) error::send("cannot parse '" + text + "' as " + type_name());
    if (bit_size_) {
      // Merge the field's bits into the word that holds them.
      std::string why;
      auto whole = read_location(location_, size, *frame_, why);
      if (!whole) error::send("cannot set " + name_ + ": cannot read its storage");
      std::uint64_t raw = 0;
      std::memcpy(&raw, whole->data(), std::min<std::size_t>(size, 8));
      std::uint64_t mask = (bit_size_ >= 64 ? ~0ull : (1ull << bit_size_) - 1) << bit_offset_;
      raw = (raw & ~mask) | ((*v << bit_offset_) & mask);
      v = raw;
    }
    bytes = little_endian(*v, size);
  } else {
    error::send("cannot set " + name_ + ": only scalars, enums and pointers can be set");
  }

  if (location_.is_memory()) {
    frame_->write_memory(location_.where->whole.address, *bytes);
    return;
  }
  if (location_.where && !location_.where->is_composite() &&
      location_.where->whole.where == dwarf::simple_location::kind::in_register && size <= 8) {
    std::uint64_t raw = 0;
    std::memcpy(&raw, bytes->data(), std::min<std::size_t>(bytes->size(), 8));
    if (frame_->write_register(location_.where->whole.reg, raw)) return;
    error::send("cannot set " + name_ + ": its register is not writable in this frame");
  }
  error::send("cannot set " + name_ + ": it has no memory or register (computed by the compiler)");
}

}  // namespace int3::engine
