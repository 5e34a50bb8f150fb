#include "adapter/cxx_exception_breakpoints.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace int3::dap {

namespace {

struct cxx_filter {
  const char* id;
  const char* label;
  const char* description;
  std::vector<engine::cxx_exception_hook> hooks;
};

const std::vector<cxx_filter>& filters() {
  using engine::cxx_exception_hook;
  static const std::vector<cxx_filter> table = {
      {"cpp_throw",
       "C++: on throw",
       "Stop where a C++ exception is thrown or rethrown",
       {cxx_exception_hook::thrown, cxx_exception_hook::rethrown}},
      {"cpp_catch",
       "C++: on catch",
       "Stop where a handler catches a C++ exception",
       {cxx_exception_hook::caught}},
  };
  return table;
}

}  // namespace

std::vector<nlohmann::json> cxx_exception_breakpoints::filter_descriptions() {
  std::vector<nlohmann::json> out;
  for (const auto& f : filters()) {
    out.push_back(
        {{"filter", f.id}, {"label", f.label}, {"description", f.description}, {"default", false}});
  }
  return out;
}

bool cxx_exception_breakpoints::is_filter(const std::string& filter) {
  for (const auto& f : filters())
    if (filter == f.id) return true;
  return false;
}

cxx_exception_breakpoints::replace_result cxx_exception_breakpoints::replace(
    const std::vector<std::string>& chosen, const std::string& pending_message) {
  std::vector<engine::cxx_exception_hook> wanted;
  for (const auto& f : filters()) {
    if (std::find(chosen.begin(), chosen.end(), f.id) != chosen.end())
      wanted.insert(wanted.end(), f.hooks.begin(), f.hooks.end());
  }
  std::vector<int> old_ids = order_;
  auto result = replace_keys<engine::cxx_exception_hook>(
      wanted, old_ids, [this](int id) { return hooks_.at(id); },
      [&](dap_breakpoint& entry, const engine::cxx_exception_hook& hook) {
        entry.message = pending_message;
        hooks_.emplace(entry.id, hook);
      },
      order_);
  for (const auto& gone : result.removed) hooks_.erase(gone.id);
  return result;
}

std::vector<int> cxx_exception_breakpoints::bind_pending(engine::target& target) {
  for (auto& [id, entry] : by_id_) {
    if (entry.engine_id) continue;
    auto symbol = std::string(engine::cxx_hook_symbol(hooks_.at(id)));
    ask_engine(entry, [&, &entry = entry] {
      auto status = target.create_symbol_breakpoint(symbol);
      entry.engine_id = status.id;
      entry.verified = status.verified;
      entry.message = status.message;
    });
    spdlog::debug("exception breakpoint {} on {} -> engine {} {}", id, symbol,
                  entry.engine_id.value_or(-1), entry.message);
  }
  // Filters have no state the client is shown.
  return {};
}

std::optional<engine::cxx_exception_hook> cxx_exception_breakpoints::hook_hit(
    const engine::stop_event& stop) const {
  if (stop.kind != engine::stop_kind::breakpoint) return std::nullopt;
  for (int engine_id : stop.breakpoint_ids) {
    if (auto id = id_for_engine(engine_id)) return hooks_.at(*id);
  }
  return std::nullopt;
}

}  // namespace int3::dap
