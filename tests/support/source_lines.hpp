#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace int3::test {

// The 1-based line of `file` containing `text`, for lines that carry no
// BREAK marker (a fixture we do not own). Throws unless exactly one matches.
std::uint32_t line_containing(const std::string& file, std::string_view text);

}  // namespace int3::test
