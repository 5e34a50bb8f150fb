#include "adapter/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace int3::dap {

void setup_logging(const std::optional<std::string>& file,
                   std::optional<spdlog::level::level_enum> level) {
  std::shared_ptr<spdlog::logger> logger;
  if (file) {
    logger = spdlog::basic_logger_mt("int3", *file);
    // Someone who asks for a log file wants to see the conversation.
    logger->set_level(level.value_or(spdlog::level::debug));
  } else if (level) {
    logger = spdlog::stderr_logger_mt("int3");
    logger->set_level(*level);
  } else {
    logger = spdlog::null_logger_mt("int3");
    logger->set_level(spdlog::level::off);
  }
  // A debugger's log matters most when something crashed: keep it flushed.
  logger->flush_on(spdlog::level::trace);
  logger->set_pattern("[%H:%M:%S.%e] [%l] %v");
  spdlog::set_default_logger(logger);
}

}  // namespace int3::dap
