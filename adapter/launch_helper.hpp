#pragma once

#include <string>
#include <vector>

namespace int3::dap {

// `int3-dap --launch-helper SOCKET -- PROGRAM ARGS...`, what runInTerminal
// runs in the editor's terminal. Connects to the adapter's SOCKET, lets the
// adapter trace it even under Yama ptrace_scope 1 (PR_SET_PTRACER), sends
// its pid, waits until the adapter has attached, then execs PROGRAM, so the
// program runs with the terminal as its stdio. Returns only on failure
// (exit code 127 when the exec failed, 1 for anything else).
int run_launch_helper(const std::string& socket_path, const std::vector<std::string>& command);

}  // namespace int3::dap
