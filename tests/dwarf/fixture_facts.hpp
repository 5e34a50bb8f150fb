#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace int3::test {

// Runs a fixture program once and collects the "key=value" lines it prints
// (offsetof(point,y)=4, bits(flags,c)=1f0): layout facts from the compiler
// itself, to check what the DWARF says against. Cached per binary.
const std::map<std::string, std::string>& fixture_facts(const std::string& binary);

// A fact as a number (decimal, or hex with `base` 16); throws when missing.
std::uint64_t fact(const std::string& binary, const std::string& key, int base = 10);

}  // namespace int3::test
