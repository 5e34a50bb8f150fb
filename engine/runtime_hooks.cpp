// Breakpoints on a language runtime's functions by their ELF symbol, and the
// arguments such a function was called with: what C++ exception breakpoints
// stand on (__cxa_throw and friends live in libraries without debug info).

#include "engine/target_impl.hpp"

namespace int3::engine {

breakpoint_status target_impl::create_symbol_breakpoint(const std::string& symbol) {
  // A function breakpoint in all but the lookup, so library loads, exec and
  // removal treat both alike.
  return add_function_breakpoint(symbol, function_breakpoint::match::by_symbol);
}

std::uint64_t target_impl::argument_at_entry(pid_t tid, std::size_t index) const {
  require_alive("read registers");
  auto it = threads_.find(tid);
  if (it == threads_.end() || it->second.running)
    error::send("thread " + std::to_string(tid) + " is not stopped");
  auto value = stop_.regs(tid).argument(index);
  if (!value) error::send("argument " + std::to_string(index) + " is not passed in a register");
  return *value;
}

}  // namespace int3::engine
