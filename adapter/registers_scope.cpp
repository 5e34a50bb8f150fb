#include "adapter/registers_scope.hpp"

#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "adapter/errors.hpp"
#include "adapter/session.hpp"

namespace int3::dap {
namespace {

std::uint64_t as_integer(const engine::register_value& r) {
  std::uint64_t v = 0;
  std::memcpy(&v, r.bytes.data(), std::min(r.bytes.size(), sizeof v));
  return v;
}

// Most significant byte first, as people write numbers.
std::string hex_of(const std::vector<std::byte>& bytes) {
  std::string out = "0x";
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
    char text[4];
    std::snprintf(text, sizeof text, "%02x", std::to_integer<unsigned>(*it));
    out += text;
  }
  return out;
}

unsigned field_value(std::uint64_t reg, const engine::register_field& f) {
  return static_cast<unsigned>((reg >> f.bit) & ((1ull << f.width) - 1));
}

std::string show(const engine::register_value& r) {
  if (r.bytes.size() == 10) {
    // An x87 register holds an 80-bit extended float: long double on x86.
    long double v = 0;
    static_assert(sizeof(long double) >= 10);
    std::memcpy(&v, r.bytes.data(), 10);
    char text[64];
    std::snprintf(text, sizeof text, "%.19Lg", v);
    return text;
  }
  std::string text = hex_of(r.bytes);
  if (!r.fields.empty()) {
    std::uint64_t v = as_integer(r);
    std::string set;
    for (const auto& f : r.fields)
      if (f.width == 1 && field_value(v, f)) set += " " + f.name;
    text += " [" + set + " ]";
  }
  return text;
}

// The lanes a vector register is read as, each a leaf.
template <class T>
std::string lanes(const std::vector<std::byte>& bytes, const char* format) {
  std::string out = "{";
  for (std::size_t i = 0; i + sizeof(T) <= bytes.size(); i += sizeof(T)) {
    T v;
    std::memcpy(&v, bytes.data() + i, sizeof v);
    char text[64];
    std::snprintf(text, sizeof text, format, v);
    out += (i ? ", " : "") + std::string(text);
  }
  return out + "}";
}

bool has_children(const engine::register_value& r) {
  return !r.fields.empty() || r.bytes.size() >= 16;
}

std::vector<protocol::variable> children_of(const engine::register_value& r) {
  std::vector<protocol::variable> out;
  if (!r.fields.empty()) {
    std::uint64_t v = as_integer(r);
    for (const auto& f : r.fields)
      out.push_back({f.name, std::to_string(field_value(v, f)), std::nullopt, std::nullopt, 0,
                     std::nullopt, std::nullopt, std::nullopt});
    return out;
  }
  std::size_t n = r.bytes.size();
  auto leaf = [&](std::string name, std::string value) {
    out.push_back({std::move(name), std::move(value), std::nullopt, std::nullopt, 0, std::nullopt,
                   std::nullopt, std::nullopt});
  };
  leaf("v" + std::to_string(n / 4) + "_float", lanes<float>(r.bytes, "%g"));
  leaf("v" + std::to_string(n / 8) + "_double", lanes<double>(r.bytes, "%g"));
  leaf("v" + std::to_string(n / 4) + "_int32", lanes<std::int32_t>(r.bytes, "%" PRId32));
  leaf("v" + std::to_string(n / 8) + "_int64", lanes<std::int64_t>(r.bytes, "%" PRId64));
  leaf("v" + std::to_string(n) + "_uint8", lanes<std::uint8_t>(r.bytes, "%" PRIu8));
  return out;
}

// "0x..." of any length (little-endian result, `size` bytes), or a decimal
// integer, or for the x87 registers a floating-point number.
std::vector<std::byte> parse_value(const std::string& text, std::size_t size) {
  std::vector<std::byte> out(size, std::byte{0});
  auto bad = [&]() -> std::vector<std::byte> {
    throw dap_error(error_id::invalid_arguments, "'" + text + "' is not a register value", true);
  };
  if (size == 10) {
    char* end = nullptr;
    long double v = std::strtold(text.c_str(), &end);
    if (text.empty() || *end != '\0') return bad();
    std::memcpy(out.data(), &v, 10);
    return out;
  }
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    std::string digits = text.substr(2);
    if (digits.size() > size * 2) return bad();
    for (std::size_t i = 0; i < digits.size(); ++i) {
      char c = digits[digits.size() - 1 - i];
      unsigned nibble = 0;
      auto [p, ec] = std::from_chars(&c, &c + 1, nibble, 16);
      if (ec != std::errc()) return bad();
      out[i / 2] |= static_cast<std::byte>(nibble << (4 * (i % 2)));
    }
    return out;
  }
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return bad();
  std::memcpy(out.data(), &v, std::min(size, sizeof v));
  return out;
}

}  // namespace

int registers_scope::add(entry e) {
  return handles_.insert(e);
}

protocol::scope registers_scope::scope(session& s, int frame_id, pid_t tid) {
  (void)s;
  return {"Registers", add({frame_id, tid, std::nullopt, std::nullopt}), true};
}

std::optional<registers_scope::entry> registers_scope::find(session& s, int reference) const {
  auto e = handles_.find(reference);
  // A reference lives as long as its frame id, which dies when the program resumes.
  if (!e || !s.frames().find(e->frame_id)) return std::nullopt;
  return e;
}

std::optional<std::vector<protocol::variable>> registers_scope::variables(session& s,
                                                                          int reference) {
  auto e = find(s, reference);
  if (!e) return std::nullopt;
  auto groups = s.target().register_groups(e->tid);
  std::vector<protocol::variable> out;
  auto describe = [&](std::size_t g, std::size_t r) {
    const auto& reg = groups[g].registers[r];
    protocol::variable v{reg.name, show(reg),    std::nullopt, "$" + reg.name,
                         0,        std::nullopt, std::nullopt, std::nullopt};
    if (has_children(reg)) v.variablesReference = add({e->frame_id, e->tid, g, r});
    out.push_back(std::move(v));
  };
  if (!e->group) {
    if (groups.empty()) return out;
    for (std::size_t r = 0; r < groups[0].registers.size(); ++r) describe(0, r);
    for (std::size_t g = 1; g < groups.size(); ++g) {
      out.push_back({groups[g].name, "", std::nullopt, std::nullopt,
                     add({e->frame_id, e->tid, g, std::nullopt}), std::nullopt, std::nullopt,
                     std::nullopt});
    }
    return out;
  }
  if (*e->group >= groups.size()) return out;
  if (!e->register_index) {
    for (std::size_t r = 0; r < groups[*e->group].registers.size(); ++r) describe(*e->group, r);
    return out;
  }
  if (*e->register_index >= groups[*e->group].registers.size()) return out;
  return children_of(groups[*e->group].registers[*e->register_index]);
}

protocol::variable registers_scope::set(session& s, int reference, const std::string& name,
                                        const std::string& value) {
  auto e = find(s, reference);
  if (!e) throw dap_error(error_id::invalid_reference, "unknown variablesReference");
  entry where = *e;
  auto& target = s.target();
  auto groups = target.register_groups(where.tid);
  auto not_found = [&]() -> protocol::variable {
    throw dap_error(error_id::invalid_reference, "no register named " + name, true);
  };
  if (where.group && where.register_index) {
    // A bit field of eflags or mxcsr.
    const auto& reg = groups.at(*where.group).registers.at(*where.register_index);
    for (const auto& f : reg.fields) {
      if (f.name != name) continue;
      std::uint64_t bits = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), bits);
      if (ec != std::errc() || p != value.data() + value.size() || bits >= (1ull << f.width))
        throw dap_error(
            error_id::invalid_arguments,
            "'" + value + "' does not fit " + name + " (" + std::to_string(f.width) + " bit)",
            true);
      std::uint64_t mask = ((1ull << f.width) - 1) << f.bit;
      std::uint64_t v = (as_integer(reg) & ~mask) | (bits << f.bit);
      std::vector<std::byte> bytes(reg.bytes.size());
      std::memcpy(bytes.data(), &v, std::min(bytes.size(), sizeof v));
      target.write_register(where.tid, reg.name, bytes);
      return {name, std::to_string(bits), std::nullopt, std::nullopt,
              0,    std::nullopt,         std::nullopt, std::nullopt};
    }
    if (reg.fields.empty())
      throw dap_error(error_id::invalid_arguments, "set the whole register instead of a lane",
                      true);
    return not_found();
  }
  for (std::size_t g = where.group.value_or(0); g < groups.size(); ++g) {
    for (const auto& reg : groups[g].registers) {
      if (reg.name != name) continue;
      target.write_register(where.tid, reg.name, parse_value(value, reg.bytes.size()));
      auto now = target.register_groups(where.tid);
      for (std::size_t r = 0; r < now[g].registers.size(); ++r) {
        const auto& updated = now[g].registers[r];
        if (updated.name != name) continue;
        protocol::variable v{name, show(updated), std::nullopt, "$" + name,
                             0,    std::nullopt,  std::nullopt, std::nullopt};
        if (has_children(updated)) v.variablesReference = add({where.frame_id, where.tid, g, r});
        return v;
      }
    }
    if (where.group) break;
  }
  return not_found();
}

}  // namespace int3::dap
