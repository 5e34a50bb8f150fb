#pragma once

// completions: what the debug console (VS Code's REPL, nvim-dap's omnifunc)
// offers while the user types an expression.

#include <string_view>

#include "adapter/protocol/completions.hpp"
#include "adapter/request_handler.hpp"

namespace int3::dap {

class completions_handler
    : public request_handler<protocol::completions_arguments, protocol::completions_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "completions";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  // Clients ask while the program runs too; they get no names then.
  run_state needs() const override { return run_state::any; }
  protocol::completions_response_body run(const protocol::completions_arguments& args) override;
};

}  // namespace int3::dap
