#include "engine/code_lookup.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

#include "engine/modules.hpp"

namespace int3::engine {
namespace {

std::string demangled(const std::string& name) {
  if (name.rfind("_Z", 0) != 0) return name;
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> out(
      abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status), &std::free);
  return status == 0 && out ? std::string(out.get()) : name;
}

}  // namespace

code_address_info describe_code_at(const module_list& modules, virt_addr address) {
  code_address_info info;
  const module* m = modules.find(address);
  if (!m) return info;
  info.module = m->name();
  dwarf::file_addr at = m->to_file(address);
  if (const auto* debug = m->debug()) {
    if (const auto* fn = debug->function_at(at)) {
      info.function = fn->name;
      for (const auto& range : fn->ranges)
        if (range.contains(at)) info.function_start = m->to_virt(range.low);
    }
    info.location = debug->location_at(at);
  }
  if (info.function.empty()) {
    if (const auto* elf = m->elf()) {
      if (auto symbol = elf->symbol_at(at)) {
        info.function = demangled(symbol->name);
        info.function_start = m->to_virt(symbol->address);
      }
    }
  }
  return info;
}

}  // namespace int3::engine
