#include "tests/dwarf/fixture_facts.hpp"

#include <sstream>
#include <stdexcept>

#include "tests/dwarf/fixtures.hpp"

namespace int3::test {

const std::map<std::string, std::string>& fixture_facts(const std::string& binary) {
  static std::map<std::string, std::map<std::string, std::string>> cache;
  auto it = cache.find(binary);
  if (it != cache.end()) return it->second;
  std::map<std::string, std::string> facts;
  std::istringstream out(run_command(binary));
  std::string line;
  while (std::getline(out, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos || line.find(' ') < eq) continue;
    facts[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return cache.emplace(binary, std::move(facts)).first->second;
}

std::uint64_t fact(const std::string& binary, const std::string& key, int base) {
  const auto& facts = fixture_facts(binary);
  auto it = facts.find(key);
  if (it == facts.end()) throw std::runtime_error(binary + " printed no " + key);
  return std::stoull(it->second, nullptr, base);
}

}  // namespace int3::test
