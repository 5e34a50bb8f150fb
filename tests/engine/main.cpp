#define CATCH_CONFIG_RUNNER
#include <cstdlib>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

// INT3_LOG=debug shows what the engine does; it logs to stderr, as the
// adapter's log never goes to stdout either.
int main(int argc, char* argv[]) {
  auto logger = spdlog::stderr_logger_st("int3");
  spdlog::set_default_logger(logger);
  const char* level = std::getenv("INT3_LOG");
  spdlog::set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
  return Catch::Session().run(argc, argv);
}
