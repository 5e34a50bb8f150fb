// attach and restart: the two other ways a session gets its program.

#include "adapter/disassembly.hpp"
#include "adapter/errors.hpp"
#include "adapter/handlers/handlers.hpp"

namespace int3::dap {

// ---- attach

protocol::empty_body attach_handler::run(const protocol::attach_arguments& args) {
  session_.set_disassembly_syntax(syntax_for_flavor(args.disassemblyFlavor));
  session_.attach(args.processId, args.stopOnEntry);
  return {};
}

void attach_handler::post_run(const protocol::attach_arguments&) {
  // The same path as launch: pending breakpoints bind, and the program
  // runs on once configurationDone has come.
  session_.announce_launch();
}

// ---- restart

protocol::capabilities restart_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsRestartRequest = true;
  return c;
}

protocol::empty_body restart_handler::run(const protocol::empty_arguments&) {
  // New launch arguments in the request are not applied: the restarted
  // program is the one the session launched, with the same arguments.
  session_.relaunch();
  return {};
}

void restart_handler::post_run(const protocol::empty_arguments&) {
  session_.announce_launch();
}

}  // namespace int3::dap
