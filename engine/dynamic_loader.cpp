#include "engine/dynamic_loader.hpp"

#include <link.h>

#include <algorithm>
#include <cstddef>
#include <cstring>

#include <spdlog/spdlog.h>

#include "engine/error.hpp"
#include "engine/modules.hpp"
#include "engine/process.hpp"

namespace int3::engine {

std::optional<loader_hook> find_loader_hook(const module_list& modules) {
  modules.refresh();
  auto mapped = modules.mapped();
  // The loader is usually the module named ld-*; looking there first spares
  // reading every library's symbol table after an attach.
  std::stable_partition(mapped.begin(), mapped.end(),
                        [](const module* m) { return m->name().rfind("ld", 0) == 0; });
  for (const module* m : mapped) {
    const auto* elf = m->elf();
    if (!elf) continue;
    auto brk = elf->symbols_named("_dl_debug_state");
    if (brk.empty()) continue;
    loader_hook hook{m->to_virt(brk.front().address), std::nullopt};
    if (auto r_debug = elf->symbols_named("_r_debug"); !r_debug.empty())
      hook.r_debug = m->to_virt(r_debug.front().address);
    spdlog::debug("dynamic loader {}: r_brk {:#x}", m->path().string(), hook.r_brk.value);
    return hook;
  }
  return std::nullopt;
}

bool loader_is_consistent(const process& proc, const loader_hook& hook) {
  if (!hook.r_debug) return true;
  try {
    auto bytes =
        proc.read_memory(*hook.r_debug + static_cast<std::int64_t>(offsetof(r_debug, r_state)),
                         sizeof(r_debug::r_state));
    if (bytes.size() != sizeof(r_debug::r_state)) return true;
    decltype(r_debug::r_state) state;
    std::memcpy(&state, bytes.data(), sizeof state);
    return state == r_debug::RT_CONSISTENT;
  } catch (const error& e) {
    spdlog::debug("cannot read r_debug.r_state: {}", e.what());
    return true;
  }
}

}  // namespace int3::engine
