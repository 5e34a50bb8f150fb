// launch with a core file: coreFile and its aliases, and program optional then.

#include <catch2/catch.hpp>

#include "adapter/errors.hpp"
#include "adapter/protocol/json_io.hpp"
#include "adapter/protocol/requests.hpp"

using namespace int3::dap;
using namespace int3::dap::protocol;

TEST_CASE("coreFile, coreDumpPath and coreFilePath name the core", "[protocol][core]") {
  for (const char* key : {"coreFile", "coreDumpPath", "coreFilePath"}) {
    INFO(key);
    auto args = read_as<launch_arguments>(json{{key, "/tmp/core"}, {"program", "/bin/p"}});
    CHECK(args.coreFile == "/tmp/core");
    CHECK(args.program == "/bin/p");
  }
}

TEST_CASE("with a core, program may be left out; without one it is required", "[protocol][core]") {
  auto args = read_as<launch_arguments>(json{{"coreFile", "core.123"}});
  CHECK(args.coreFile == "core.123");
  CHECK(args.program.empty());
  CHECK_FALSE(read_as<launch_arguments>(json{{"program", "p"}}).coreFile.has_value());
  CHECK_THROWS_AS(read_as<launch_arguments>(json::object()), protocol_error);
  CHECK_THROWS_AS(read_as<launch_arguments>(json{{"coreFile", 3}}), protocol_error);
}
