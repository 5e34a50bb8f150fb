// std::unique_ptr (the pointer in _M_t's _M_head_impl) and std::shared_ptr /
// std::weak_ptr (_M_ptr, and the use count in _M_refcount._M_pi); libc++'s
// (__ptr_'s __value_; __ptr_ and __cntrl_).

#include <cstring>

#include "engine/values/formatters/common.hpp"
#include "engine/values/formatters/registry.hpp"
#include "engine/values/value_internal.hpp"

namespace int3::engine::formatters {
namespace {

class pointer_view : public value_formatter {
 public:
  std::size_t child_count(const value& v) const override {
    auto p = pointer(v);
    return p ? p->child_count() : 0;
  }
  bool indexed() const override { return false; }
  std::vector<value> children(const value& v, std::size_t start, std::size_t count) const override {
    auto p = pointer(v);
    return p ? p->children(start, count) : std::vector<value>{};
  }

 protected:
  virtual std::optional<value> pointer(const value& v) const = 0;
  static std::string pointer_text(const std::optional<value>& p) {
    if (!p) return "<cannot read pointer>";
    auto raw = p->as_unsigned();
    if (!raw) return p->summary();
    return *raw == 0 ? "nullptr" : p->summary();
  }
};

class unique_ptr_formatter_impl final : public pointer_view {
 public:
  std::string summary(const value& v, format_options) const override {
    return pointer_text(pointer(v));
  }

 protected:
  std::optional<value> pointer(const value& v) const override {
    // The tuple inside holds the deleter as an _M_head_impl too.
    auto is_pointer = [](const value& m) {
      const auto* t = resolve_type(m.type(), m.frame().get());
      return t && t->kind == dwarf::type_kind::pointer;
    };
    auto p = find_member(v, "_M_head_impl", 8, is_pointer);
    if (!p) p = find_member(v, "__value_", 8, is_pointer);
    if (p) p->set_name(v.name());
    return p;
  }
};

class shared_ptr_formatter_impl final : public pointer_view {
 public:
  std::string summary(const value& v, format_options) const override {
    auto p = pointer(v);
    std::string text = pointer_text(p);
    auto counts = use_and_weak(v);
    if (!counts) return text;
    return text + " use_count=" + std::to_string(counts->first) +
           " weak_count=" + std::to_string(counts->second);
  }

 protected:
  std::optional<value> pointer(const value& v) const override {
    auto p = find_member(v, "_M_ptr");
    if (!p) p = find_member(v, "__ptr_");
    if (p) p->set_name(v.name());
    return p;
  }

 private:
  static std::optional<std::pair<std::uint64_t, std::uint64_t>> use_and_weak(const value& v) {
    if (auto libcxx = member_number(v, "__cntrl_")) {
      // __shared_weak_count: vtable, owners, weak owners (longs).
      std::byte raw[16];
      if (*libcxx == 0 || v.frame()->read_some(*libcxx + 8, raw) != 16) return std::nullopt;
      std::int64_t owners = 0, weak = 0;
      std::memcpy(&owners, raw, 8);
      std::memcpy(&weak, raw + 8, 8);
      if (owners < -1 || weak < 0) return std::nullopt;
      // Both count one less than they hold, and while there are owners
      // they hold one weak reference among them.
      return std::pair<std::uint64_t, std::uint64_t>(owners + 1, owners >= 0 ? weak : weak + 1);
    }
    auto counts = member_number(v, "_M_pi");
    if (!counts || *counts == 0) return std::nullopt;
    std::byte raw[8];
    if (v.frame()->read_some(*counts + 8, raw) != 8) return std::nullopt;
    std::uint32_t use = 0, weak = 0;
    std::memcpy(&use, raw, 4);
    std::memcpy(&weak, raw + 4, 4);
    // libstdc++ counts the strong owners as one extra weak reference.
    if (use > 0 && weak > 0) --weak;
    return std::pair<std::uint64_t, std::uint64_t>(use, weak);
  }
};

}  // namespace

const value_formatter* unique_ptr_formatter() {
  static const unique_ptr_formatter_impl f;
  return &f;
}

const value_formatter* shared_ptr_formatter() {
  static const shared_ptr_formatter_impl f;
  return &f;
}

}  // namespace int3::engine::formatters
