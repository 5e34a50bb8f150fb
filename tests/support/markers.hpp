#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace int3::test {

// The 1-based line of the fixture source that carries "BREAK: <name>".
// Throws if the marker is missing or appears twice, so a typo fails loudly.
std::uint32_t line_of(const std::string& fixture_source, std::string_view marker);

// Absolute path of a fixture source file (tests/fixtures/<name>).
std::string fixture_source(std::string_view name);
// Absolute path of a built fixture binary (build/tests/fixtures/<name>).
std::string fixture_binary(std::string_view name);

}  // namespace int3::test
