#pragma once

#include <optional>
#include <string>

#include <spdlog/common.h>

namespace int3::dap {

// Points spdlog's default logger at `file` (or at stderr when only a level
// is given), and turns it off when neither is. Nothing ever logs to stdout,
// which carries the protocol. Throws spdlog::spdlog_ex if the file cannot be opened.
void setup_logging(const std::optional<std::string>& file,
                   std::optional<spdlog::level::level_enum> level);

}  // namespace int3::dap
