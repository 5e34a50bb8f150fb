// evaluate: watch, hover, repl and clipboard expressions in a stopped frame.

#include "adapter/handlers/evaluate.hpp"

#include "adapter/frame_variables_lookup.hpp"

namespace int3::dap {

protocol::capabilities evaluate_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsEvaluateForHovers = true;
  return c;
}

protocol::evaluate_response_body evaluate_handler::run(const protocol::evaluate_arguments& args) {
  // The evaluator reads only: no assignment, no call. That is what makes
  // hovers safe, so every context gets the same treatment.
  auto result = evaluate_in_frame(session_, args.expression, args.frameId);
  auto& store = session_.variables();
  // Results expand like variables: the same store hands out the reference.
  auto described = store.describe(result, engine::format_options{args.hex});
  protocol::evaluate_response_body body;
  body.result = described.value;
  body.type = described.type;
  body.variablesReference = described.variablesReference;
  body.namedVariables = described.namedVariables;
  body.indexedVariables = described.indexedVariables;
  body.memoryReference = described.memoryReference;
  return body;
}

}  // namespace int3::dap
