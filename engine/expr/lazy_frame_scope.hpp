#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/expr/scope.hpp"
#include "engine/values/pc_scope.hpp"

namespace int3::engine::expr {

// A scope over one stopped frame that builds nothing up front: a name is
// looked up (in `names`, kept across stops) and its value read only when an
// expression uses it. What breakpoint conditions and logpoints evaluate in.
class lazy_frame_scope final : public scope {
 public:
  lazy_frame_scope(std::shared_ptr<const pc_scope> names, std::shared_ptr<frame_context> frame)
      : names_(std::move(names)), frame_(std::move(frame)) {}

  std::optional<value> lookup(std::string_view name) const override;
  std::optional<value> lookup_local(std::string_view name) const override;
  const dwarf::type_info* find_type(std::string_view name) const override;
  std::optional<std::uint64_t> read_register(std::string_view name) const override {
    return register_by_name(frame_.get(), name);
  }
  std::shared_ptr<frame_context> frame() const override { return frame_; }

 private:
  std::shared_ptr<const pc_scope> names_;
  std::shared_ptr<frame_context> frame_;
  mutable std::map<std::string, std::optional<value>, std::less<>> values_;
};

}  // namespace int3::engine::expr
