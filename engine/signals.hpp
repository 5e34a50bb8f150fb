#pragma once

#include <string>

namespace int3::engine {

// "SIGSEGV"; "signal 42" when the number has no name.
std::string signal_name(int signal);
// "Segmentation fault"
std::string signal_description(int signal);
// Signals the program raises against itself by faulting or aborting: the
// user must see them before the program does. Everything else is passed on.
bool is_fault_signal(int signal);
// Signals whose siginfo carries the faulting data address.
bool has_fault_address(int signal);

}  // namespace int3::engine
