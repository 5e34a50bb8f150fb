#include "adapter/variable_store.hpp"

#include <algorithm>
#include <climits>

#include "adapter/memory_reference.hpp"

namespace int3::dap {
namespace {

std::vector<engine::value> page(std::vector<engine::value> all, std::size_t start,
                                std::size_t count) {
  if (start >= all.size()) return {};
  std::size_t end = count == 0 ? all.size() : std::min(all.size(), start + count);
  return {std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(start)),
          std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(end))};
}

}  // namespace

int variable_store::add_scope(std::shared_ptr<const engine::frame_variables> frame,
                              scope_kind kind) {
  return handles_.insert(entry{std::move(frame), kind, std::nullopt});
}

int variable_store::add_value(const engine::value& v) {
  if (!v.has_children()) return 0;
  return handles_.insert(entry{nullptr, scope_kind::locals, v});
}

std::shared_ptr<const engine::frame_variables> variable_store::frame(int frame_id) const {
  auto it = frames_.find(frame_id);
  return it == frames_.end() ? nullptr : it->second;
}

std::vector<engine::value> variable_store::scope_values(const entry& e) const {
  switch (e.kind) {
    case scope_kind::arguments:
      return e.frame->arguments;
    case scope_kind::locals:
      return e.frame->locals;
    case scope_kind::globals:
      return e.frame->globals();
  }
  return {};
}

std::optional<std::vector<engine::value>> variable_store::children(int reference,
                                                                   const std::string& filter,
                                                                   std::size_t start,
                                                                   std::size_t count) const {
  auto e = handles_.find(reference);
  if (!e) return std::nullopt;
  if (!e->value) {
    if (filter == "indexed") return std::vector<engine::value>{};
    return page(scope_values(*e), start, count);
  }
  const engine::value& v = *e->value;
  if (filter == "indexed") {
    std::size_t indexed = v.indexed_count();
    if (start >= indexed) return std::vector<engine::value>{};
    std::size_t n = count == 0 ? indexed - start : std::min(count, indexed - start);
    return v.children(v.named_count() + start, n);
  }
  if (filter == "named") {
    std::size_t named = v.named_count();
    if (start >= named) return std::vector<engine::value>{};
    std::size_t n = count == 0 ? named - start : std::min(count, named - start);
    return v.children(start, n);
  }
  return v.children(start, count);
}

std::optional<engine::value> variable_store::child_named(int reference,
                                                         const std::string& name) const {
  auto e = handles_.find(reference);
  if (!e) return std::nullopt;
  if (!e->value) {
    for (auto& v : scope_values(*e))
      if (v.name() == name) return v;
    return std::nullopt;
  }
  const engine::value& v = *e->value;
  // "[i]" goes straight to the element: containers may be huge.
  if (name.size() > 2 && name.front() == '[' && name.back() == ']' && v.indexed_count() > 0) {
    try {
      std::size_t index = std::stoull(name.substr(1, name.size() - 2));
      if (index < v.indexed_count()) {
        auto kids = v.children(v.named_count() + index, 1);
        if (!kids.empty() && kids.front().name() == name) return kids.front();
      }
    } catch (const std::exception&) {
      // Not a number ("[key]" of a map): searched by name below.
    }
  }
  constexpr std::size_t max_search = 100'000;
  auto kids = v.children(0, std::min(v.child_count(), max_search));
  for (auto& k : kids)
    if (k.name() == name) return k;
  return std::nullopt;
}

protocol::variable variable_store::describe(const engine::value& v,
                                            engine::format_options options) {
  protocol::variable out;
  out.name = v.name();
  out.value = v.summary(options);
  out.type = v.type_name();
  if (!v.evaluate_name().empty()) out.evaluateName = v.evaluate_name();
  out.variablesReference = add_value(v);
  if (out.variablesReference) {
    std::size_t indexed = v.indexed_count();
    if (indexed > 0) {
      out.indexedVariables = static_cast<int>(std::min<std::size_t>(indexed, INT32_MAX));
      out.namedVariables = static_cast<int>(v.named_count());
    }
  }
  out.memoryReference = value_memory_reference(v);
  return out;
}

}  // namespace int3::dap
