#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace int3::dap {

// Splits a command line into words the way a POSIX shell tokenises them
// (single and double quotes group, backslash escapes) without expanding
// anything: `$HOME` and `*` stay as they are. Mirrors the VS Code
// extension's splitArgs (vscode-extension/src/shell-args.ts) so a string
// `args` means the same whichever side splits it.
struct shell_split {
  std::vector<std::string> words;
  std::optional<std::string> error;  // unterminated quote, trailing backslash
};
shell_split split_shell_words(std::string_view line);

}  // namespace int3::dap
