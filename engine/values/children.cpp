// value's structure: members, elements, pointees, and their paging.

#include <cstring>

#include "dwarf/type_name.hpp"
#include "engine/values/formatter.hpp"
#include "engine/values/value.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine {
namespace {

using k = dwarf::type_kind;

bool expands_pointee(const dwarf::type_info* pointee) {
  return pointee && pointee->kind != k::void_ && pointee->kind != k::subroutine &&
         pointee->kind != k::unknown && pointee->kind != k::unspecified;
}

std::vector<const dwarf::member_info*> object_members(const dwarf::type_info& t) {
  std::vector<const dwarf::member_info*> out;
  for (const auto& m : t.members)
    if (!m.is_static && m.offset_known) out.push_back(&m);
  return out;
}

std::string member_label(const dwarf::member_info& m) {
  if (!m.name.empty()) return m.name;
  if (m.is_base && m.type) return m.type->name;
  return "<anonymous>";
}

value member_value(const value& parent, const dwarf::member_info& m) {
  value out = child_at(parent, member_label(m), m.type, m.byte_offset);
  if (m.bit_size) value_access::set_bitfield(out, *m.bit_size, m.bit_offset);
  std::string base = parent.evaluate_name();
  if (!m.name.empty() && !base.empty()) out.set_evaluate_name(base + "." + m.name);
  return out;
}

// Pointers to aggregates show the pointee's members directly; other
// pointers one child, the pointee.
bool pointee_is_aggregate(const dwarf::type_info* pointee) {
  return pointee && (pointee->is_aggregate() || pointee->kind == k::array);
}

}  // namespace

std::optional<value> value::dereference() const {
  const auto* t = resolve_type(type_, frame_.get());
  if (!t || !t->is_pointer_like()) return std::nullopt;
  auto raw = as_unsigned();
  if (!raw) return std::nullopt;
  std::string name = "*" + name_;
  value out = at_address(name, t->target, *raw, frame_);
  if (!evaluate_name_.empty()) {
    out.set_evaluate_name(t->kind == k::pointer ? "*" + evaluate_name_ : evaluate_name_);
  }
  if (t->kind != k::pointer) out.set_name(name_);
  return out;
}

std::optional<value> value::address_of() const {
  auto a = address();
  if (!a || !type_ || !frame_) return std::nullopt;
  const auto* pointer = frame_->synthetic_type(type_, 1, [](const dwarf::type_info& target) {
    dwarf::type_info p;
    p.kind = k::pointer;
    p.byte_size = 8;
    p.target = &target;
    p.name = dwarf::pointer_name(target.name);
    return p;
  });
  std::vector<std::byte> bytes(8);
  std::memcpy(bytes.data(), &*a, 8);
  value out = from_bytes("&" + name_, pointer, std::move(bytes), frame_);
  out.set_evaluate_name("&" + evaluate_name_);
  return out;
}

std::optional<value> value::element(std::size_t index) const {
  const auto* t = resolve_type(type_, frame_.get());
  if (!t) return std::nullopt;
  std::string name = "[" + std::to_string(index) + "]";
  std::string full = evaluate_name_.empty() ? "" : evaluate_name_ + name;
  if (t->kind == k::array) {
    const auto* elem = element_type(t, frame_.get());
    std::uint64_t size = type_size(elem, frame_.get());
    if (size == 0) return std::nullopt;
    value out = child_at(*this, name, elem, index * size);
    out.set_evaluate_name(full);
    return out;
  }
  if (t->kind == k::pointer) {
    std::uint64_t size = type_size(t->target, frame_.get());
    auto raw = as_unsigned();
    if (size == 0 || !raw) return std::nullopt;
    value out = at_address(name, t->target, *raw + index * size, frame_);
    out.set_evaluate_name(full);
    return out;
  }
  if (const auto* f = formatter(); f && f->indexed()) {
    if (index >= f->child_count(*this)) return std::nullopt;
    auto kids = f->children(*this, index, 1);
    if (kids.empty()) return std::nullopt;
    return kids.front();
  }
  if (t->is_pointer_like()) {
    auto target = dereference();
    return target ? target->element(index) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<value> value::member(std::string_view wanted) const {
  const auto* t = resolve_type(type_, frame_.get());
  if (!t) return std::nullopt;
  if (t->is_pointer_like()) {
    auto target = dereference();
    return target ? target->member(wanted) : std::nullopt;
  }
  if (!t->is_aggregate()) return std::nullopt;
  for (const auto* m : object_members(*t)) {
    if (m->name == wanted) return member_value(*this, *m);
  }
  // Base classes and anonymous structs/unions hold members of their own.
  for (const auto* m : object_members(*t)) {
    if (!m->is_base && !m->name.empty()) continue;
    if (auto found = member_value(*this, *m).member(wanted)) return found;
  }
  return std::nullopt;
}

bool value::has_children() const {
  return child_count() > 0;
}

std::size_t value::indexed_count() const {
  const auto* t = resolve_type(type_, frame_.get());
  if (!t || !error().empty()) return 0;
  if (t->kind == k::array) return child_count();
  if (const auto* f = formatter(); f && f->indexed()) return f->child_count(*this);
  if (t->kind == k::pointer) {
    const auto* pointee = resolve_type(t->target, frame_.get());
    if (pointee && pointee->kind == k::array) return child_count();
  }
  return 0;
}

std::size_t value::child_count() const {
  const auto* t = resolve_type(type_, frame_.get());
  if (!t || !error().empty()) return 0;
  switch (t->kind) {
    case k::array: {
      if (t->dimensions.empty() || !t->dimensions[0]) return 0;
      return std::min<std::uint64_t>(*t->dimensions[0], max_children);
    }
    case k::structure:
    case k::class_:
    case k::union_:
      if (const auto* f = formatter()) return f->child_count(*this);
      return object_members(*t).size();
    case k::pointer: {
      const auto* pointee = resolve_type(t->target, frame_.get());
      if (!expands_pointee(pointee)) return 0;
      auto raw = as_unsigned();
      if (!raw || *raw == 0) return 0;
      if (pointee_is_aggregate(pointee)) {
        auto target = dereference();
        return target ? target->child_count() : 0;
      }
      return 1;
    }
    case k::reference:
    case k::rvalue_reference: {
      auto target = dereference();
      return target ? target->child_count() : 0;
    }
    default:
      return 0;
  }
}

std::vector<value> value::children(std::size_t start, std::size_t count) const {
  std::vector<value> out;
  std::size_t total = child_count();
  if (start >= total) return out;
  std::size_t end = count == 0 ? total : std::min(total, start + count);
  const auto* t = resolve_type(type_, frame_.get());
  switch (t->kind) {
    case k::array:
      for (std::size_t i = start; i < end; ++i)
        if (auto e = element(i)) out.push_back(std::move(*e));
      break;
    case k::structure:
    case k::class_:
    case k::union_: {
      if (const auto* f = formatter()) return f->children(*this, start, end - start);
      auto members = object_members(*t);
      for (std::size_t i = start; i < end; ++i) out.push_back(member_value(*this, *members[i]));
      break;
    }
    case k::pointer: {
      auto target = dereference();
      if (!target) break;
      if (pointee_is_aggregate(resolve_type(t->target, frame_.get())))
        return target->children(start, end - start);
      out.push_back(std::move(*target));
      break;
    }
    case k::reference:
    case k::rvalue_reference: {
      auto target = dereference();
      if (target) return target->children(start, end - start);
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace int3::engine
