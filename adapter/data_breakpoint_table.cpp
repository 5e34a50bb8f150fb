#include "adapter/data_breakpoint_table.hpp"

#include <charconv>
#include <cstring>

#include <spdlog/fmt/fmt.h>

#include "dwarf/types.hpp"

namespace int3::dap {
namespace {

std::uint64_t little_endian(const std::vector<std::byte>& bytes) {
  std::uint64_t out = 0;
  for (std::size_t i = 0; i < bytes.size() && i < 8; ++i)
    out |= std::uint64_t{std::to_integer<unsigned>(bytes[i])} << (8 * i);
  return out;
}

}  // namespace

watched_data watched_data::of_value(const engine::value& v, std::size_t size) {
  watched_data out;
  out.address = v.address().value_or(0);
  out.size = size;
  out.name = v.evaluate_name().empty() ? v.name() : v.evaluate_name();
  const dwarf::type_info* type = dwarf::strip_cv_typedefs(v.type());
  // Only a whole scalar is shown as its type; a part or a wider range as hex.
  if (!type || type->byte_size != size) return out;
  namespace ate = dwarf::encoding;
  if (type->kind == dwarf::type_kind::base || type->kind == dwarf::type_kind::enumeration) {
    switch (type->encoding) {
      case ate::signed_:
      case ate::signed_char:
        out.format = shown_as::signed_int;
        break;
      case ate::unsigned_:
      case ate::unsigned_char:
      case ate::UTF:
        out.format = shown_as::unsigned_int;
        break;
      case ate::float_:
        if (size == 4 || size == 8) out.format = shown_as::floating;
        break;
      case ate::boolean:
        out.format = shown_as::boolean;
        break;
      default:
        break;
    }
  }
  return out;
}

std::string watched_data::show(const std::vector<std::byte>& bytes) const {
  if (bytes.empty()) return "<unreadable>";
  std::uint64_t raw = little_endian(bytes);
  switch (format) {
    case shown_as::signed_int: {
      unsigned bits = static_cast<unsigned>(8 * bytes.size());
      std::int64_t value = static_cast<std::int64_t>(raw);
      if (bits < 64 && (raw >> (bits - 1)) & 1)
        value = static_cast<std::int64_t>(raw | (~0ULL << bits));
      return std::to_string(value);
    }
    case shown_as::unsigned_int:
      return std::to_string(raw);
    case shown_as::floating:
      if (bytes.size() == 4) {
        float f;
        std::memcpy(&f, bytes.data(), 4);
        return fmt::format("{}", f);
      } else {
        double d;
        std::memcpy(&d, bytes.data(), 8);
        return fmt::format("{}", d);
      }
    case shown_as::boolean:
      return raw ? "true" : "false";
    case shown_as::hex:
      break;
  }
  std::string out = "0x";
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it)
    out += fmt::format("{:02x}", std::to_integer<unsigned>(*it));
  return out;
}

std::string make_data_id(std::uint64_t address, std::size_t size) {
  return fmt::format("{:#x}/{}", address, size);
}

std::optional<std::pair<std::uint64_t, std::size_t>> parse_data_id(const std::string& data_id) {
  auto slash = data_id.find('/');
  if (data_id.rfind("0x", 0) != 0 || slash == std::string::npos) return std::nullopt;
  std::uint64_t address = 0;
  std::size_t size = 0;
  const char* end = data_id.data() + slash;
  auto a = std::from_chars(data_id.data() + 2, end, address, 16);
  if (a.ec != std::errc() || a.ptr != end) return std::nullopt;
  const char* last = data_id.data() + data_id.size();
  auto s = std::from_chars(end + 1, last, size);
  if (s.ec != std::errc() || s.ptr != last || size == 0) return std::nullopt;
  return std::pair{address, size};
}

std::optional<watched_data> data_breakpoint_table::describe(const std::string& data_id) const {
  if (auto it = described_.find(data_id); it != described_.end()) return it->second;
  auto parsed = parse_data_id(data_id);
  if (!parsed) return std::nullopt;
  watched_data out;
  out.address = parsed->first;
  out.size = parsed->second;
  out.name = fmt::format("{:#x}", parsed->first);
  return out;
}

const data_breakpoint_table::entry* data_breakpoint_table::by_engine_id(int engine_id) const {
  for (const auto& e : entries_)
    if (e.engine_id == engine_id && engine_id != 0) return &e;
  return nullptr;
}

dap_breakpoint* data_breakpoint_table::rule(int id) {
  for (auto& e : entries_)
    if (e.id == id && e.engine_id != 0) return &e.rule;
  return nullptr;
}

std::optional<data_breakpoint_table::entry> data_breakpoint_table::take_engine_id(int engine_id) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->engine_id != engine_id || engine_id == 0) continue;
    entry out = *it;
    entries_.erase(it);
    return out;
  }
  return std::nullopt;
}

}  // namespace int3::dap
