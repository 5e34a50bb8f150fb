#pragma once

// Signals offered as exception breakpoint filters: the user chooses which
// signals stop the program; the others go straight to it.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace int3::dap {

// ExceptionBreakpointsFilter objects for the initialize response.
std::vector<nlohmann::json> signal_filter_descriptions();
// The signals the filters select. Throws protocol_error for an unknown one.
std::vector<int> signals_for_filters(const std::vector<std::string>& filters);

}  // namespace int3::dap
