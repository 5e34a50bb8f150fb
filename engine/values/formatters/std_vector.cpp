// std::vector<T> (_M_start, _M_finish) and std::vector<bool> (bit iterators),
// and libc++'s (__begin_, __end_; vector<bool>: words at __begin_, __size_ bits).

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/declared_types.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/formatters/sized_formatter.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

struct layout {
  std::uint64_t start = 0;
  std::uint64_t size = 0;
  const dwarf::type_info* element = nullptr;
  std::uint64_t element_size = 0;
  // vector<bool>: bit offset of the first element in its word.
  bool bits = false;
  std::uint64_t first_bit = 0;
};

std::optional<layout> read_bool_layout(const value& v) {
  auto start = find_member(v, "_M_start"), finish = find_member(v, "_M_finish");
  if (!start || !finish) return std::nullopt;
  auto sp = member_number(*start, "_M_p"), fp = member_number(*finish, "_M_p");
  auto so = member_number(*start, "_M_offset"), fo = member_number(*finish, "_M_offset");
  if (!sp || !fp || !so || !fo || *fp < *sp) return std::nullopt;
  layout out;
  out.bits = true;
  out.start = *sp;
  out.first_bit = *so;
  out.size = (*fp - *sp) * 8 + *fo - *so;
  out.element = template_type(v, 0);
  out.element_size = 1;
  if (out.size > max_sane_size || !out.element) return std::nullopt;
  return out;
}

std::optional<layout> read_libcxx_bool_layout(const value& v) {
  auto words = member_number(v, "__begin_"), size = member_number(v, "__size_");
  if (!words || !size || *size > max_sane_size) return std::nullopt;
  layout out;
  out.bits = true;
  out.start = *words;
  out.size = *size;
  out.element = template_type(v, 0);
  out.element_size = 1;
  if (!out.element) return std::nullopt;
  return out;
}

std::optional<layout> read_layout(const value& v) {
  const auto* t = resolve_type(v.type(), v.frame().get());
  if (t && t->name.rfind("std::vector<bool,", 0) == 0) return read_bool_layout(v);
  if (t && t->name.rfind("std::__1::vector<bool,", 0) == 0) return read_libcxx_bool_layout(v);
  const bool libcxx = t && t->name.rfind("std::__1::", 0) == 0;
  auto start = find_member(v, libcxx ? "__begin_" : "_M_start");
  auto finish = member_number(v, libcxx ? "__end_" : "_M_finish");
  if (!start || !finish) return std::nullopt;
  auto s = start->as_unsigned();
  const auto* pointer = resolve_type(start->type(), v.frame().get());
  if (!s || !pointer || !pointer->target) return std::nullopt;
  layout out;
  out.start = *s;
  out.element = pointer->target;
  out.element_size = object_size(out.element, v.frame().get());
  if (out.element_size == 0 || *finish < *s || (*finish - *s) % out.element_size != 0)
    return std::nullopt;
  out.size = (*finish - *s) / out.element_size;
  if (out.size > max_sane_size) return std::nullopt;
  return out;
}

std::vector<value> vector_page(const value& v, const layout& l, std::size_t start,
                               std::size_t count) {
  if (!l.bits) return contiguous_children(v, l.element, l.start, l.size, start, count);
  std::vector<value> out;
  const std::uint64_t end = std::min<std::uint64_t>(l.size, std::uint64_t(start) + count);
  for (std::uint64_t i = start; i < end; ++i) {
    std::string name = index_name(i);
    std::uint64_t bit = l.first_bit + i;
    auto word = read_word(*v.frame(), l.start + bit / 64 * 8);
    std::vector<std::byte> b(1, std::byte(word ? (*word >> (bit % 64)) & 1 : 0));
    out.push_back(
        word ? value::from_bytes(name, l.element, b, v.frame())
             : value(name, l.element, value_location::failed("<cannot read bit>"), v.frame()));
  }
  return out;
}

}  // namespace

const value_formatter* vector_formatter() {
  static const sized_formatter<layout> f(read_layout, vector_page, "<invalid vector>");
  return &f;
}

}  // namespace int3::engine::formatters
