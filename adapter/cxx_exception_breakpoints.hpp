#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapter/breakpoint_store.hpp"
#include "engine/cxx_exceptions.hpp"
#include "engine/target.hpp"

namespace int3::dap {

// The C++ exception filters of setExceptionBreakpoints ("cpp_throw",
// "cpp_catch"), held as breakpoints on the runtime's hooks (__cxa_throw and
// __cxa_rethrow, __cxa_begin_catch) in whichever module defines them, bound
// again as libraries load and after exec or restart like function
// breakpoints. One entry per hook; the client never sees their ids.
class cxx_exception_breakpoints : public breakpoint_store {
 public:
  static constexpr int first_id = 4'000'000;

  cxx_exception_breakpoints() : breakpoint_store(first_id) {}

  // ExceptionBreakpointsFilter objects for the initialize response.
  static std::vector<nlohmann::json> filter_descriptions();
  static bool is_filter(const std::string& filter);

  // Replace-all with the C++ filters among `filters` (others are ignored).
  replace_result replace(const std::vector<std::string>& filters,
                         const std::string& pending_message);

  std::vector<int> bind_pending(engine::target& target) override;
  void unbind_all(const std::string& message) { forget_engine(message); }

  // The hook a breakpoint stop stands at, when it hit one of ours.
  std::optional<engine::cxx_exception_hook> hook_hit(const engine::stop_event& stop) const;

 private:
  std::map<int, engine::cxx_exception_hook> hooks_;  // by id
  std::vector<int> order_;                           // the last request's ids
};

}  // namespace int3::dap
