#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/values/value.hpp"

namespace int3::engine::expr {

// What names in an expression can refer to. The evaluator asks only this,
// so tests give it fakes and the engine gives it a stopped frame.
class scope {
 public:
  virtual ~scope() = default;
  // A variable visible here by its source name (locals, arguments, globals).
  virtual std::optional<value> lookup(std::string_view name) const = 0;
  // A local or an argument of the frame only. `this` is looked for so after
  // every unknown name (members are in scope in a method): asking every
  // unit's globals for it would index every unit of a big C++ program.
  virtual std::optional<value> lookup_local(std::string_view name) const { return lookup(name); }
  // A struct/union/enum/typedef/class by name ("struct point", "geo::rect").
  virtual const dwarf::type_info* find_type(std::string_view name) const = 0;
  // A register of this frame by its arch-table name, unwound for callers.
  virtual std::optional<std::uint64_t> read_register(std::string_view name) const = 0;
  // The frame results belong to (so they can be expanded and formatted).
  virtual std::shared_ptr<frame_context> frame() const = 0;
};

// A register of `frame` by its arch-table name ("rax"); nullopt for an
// unknown name or one the frame does not know. What scope::read_register
// answers for scopes over a frame.
std::optional<std::uint64_t> register_by_name(const frame_context* frame, std::string_view name);

// A scope over the variables of one stopped frame. Lookups are remembered,
// so a condition evaluated again in the same stop, or a watch list, asks
// DWARF once per name.
class frame_scope final : public scope {
 public:
  explicit frame_scope(frame_variables variables) : variables_(std::move(variables)) {}

  std::optional<value> lookup(std::string_view name) const override;
  std::optional<value> lookup_local(std::string_view name) const override {
    return variables_.lookup_local(name);
  }
  const dwarf::type_info* find_type(std::string_view name) const override;
  std::optional<std::uint64_t> read_register(std::string_view name) const override;
  std::shared_ptr<frame_context> frame() const override { return variables_.frame; }

 private:
  frame_variables variables_;
  mutable std::map<std::string, std::optional<value>, std::less<>> names_;
};

}  // namespace int3::engine::expr
