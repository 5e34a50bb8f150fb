#pragma once

#include <map>
#include <string>
#include <string_view>

namespace int3::dap {

// Reads the text of an env file (the `envFile` of cppdbg and codelldb, the
// format of docker's --env-file and of python-dotenv): KEY=VALUE lines,
// blank lines and lines starting with # ignored, an optional `export `
// prefix, and values optionally in single or double quotes (double quotes
// understand \n, \" and \\). Throws std::invalid_argument naming the line
// for a line without '='.
std::map<std::string, std::string> parse_env_file(std::string_view text);

}  // namespace int3::dap
