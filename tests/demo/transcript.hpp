#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

#include "tests/support/dap_client.hpp"

namespace int3::demo {

// Prints a DAP session as a person reads it: "→" for what the editor
// sends, "←" for what int3-dap answers, and the program's own output
// indented as it arrives.
class transcript {
 public:
  transcript(std::ostream& out, test::dap_client& client) : out_(out), client_(client) {}

  void sent(const std::string& what);
  void received(const std::string& what);
  void note(const std::string& what);
  // Prints output events received since the last call.
  void program_output();

 private:
  std::ostream& out_;
  test::dap_client& client_;
  std::size_t seen_ = 0;
};

// "breakpoint at example.c:7 in function compute"
std::string describe_stop(const test::json& stopped_event, const test::json& top_frame);
// "#0 compute at example.c:7"
std::string describe_frame(std::size_t index, const test::json& frame);

}  // namespace int3::demo
