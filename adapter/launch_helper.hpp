#pragma once

#include <array>
#include <string>
#include <vector>

namespace int3::dap {

// `int3-dap --launch-helper SOCKET -- PROGRAM ARGS...`, what runInTerminal
// runs in the editor's terminal. Connects to the adapter's SOCKET, lets the
// adapter trace it even under Yama ptrace_scope 1 (PR_SET_PTRACER), sends
// its pid, waits until the adapter has attached, then execs PROGRAM, so the
// program runs with the terminal as its stdio, except for the streams the
// adapter hands over redirected (launch `stdio`). Returns only on failure
// (exit code 127 when the exec failed, 1 for anything else).
int run_launch_helper(const std::string& socket_path, const std::vector<std::string>& command);

// The adapter's side of the helper's last step: lets it exec, handing it
// the descriptors to use as stdin, stdout and stderr (-1: keep the
// terminal's). False when the helper is gone.
bool release_launch_helper(int helper_socket, const std::array<int, 3>& stdio);

}  // namespace int3::dap
