// evaluate: watch, hover, repl and clipboard expressions in a stopped frame.

#include "adapter/handlers/evaluate.hpp"

#include <memory>

#include "engine/expr/evaluator.hpp"
#include "engine/expr/scope.hpp"

namespace int3::dap {

protocol::capabilities evaluate_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsEvaluateForHovers = true;
  return c;
}

protocol::evaluate_response_body evaluate_handler::run(const protocol::evaluate_arguments& args) {
  auto& target = session_.target();
  auto& store = session_.variables();
  std::shared_ptr<const engine::frame_variables> variables;
  if (args.frameId) {
    auto found = session_.frames().find(*args.frameId);
    if (!found) {
      throw dap_error(error_id::invalid_reference,
                      "unknown frameId " + std::to_string(*args.frameId) +
                          " (frame ids are valid until the program resumes)");
    }
    // The frame's variables are read once per stop, shared with scopes.
    variables = store.frame(*args.frameId);
    if (!variables) {
      variables =
          std::make_shared<engine::frame_variables>(target.variables(found->tid, found->index));
      store.keep_frame(*args.frameId, variables);
    }
  } else {
    pid_t tid = session_.stopped_thread().value_or(target.pid());
    variables = std::make_shared<engine::frame_variables>(target.variables(tid, 0));
  }
  // The evaluator reads only: no assignment, no call. That is what makes
  // hovers safe, so every context gets the same treatment.
  engine::expr::frame_scope scope(*variables);
  auto evaluated = engine::expr::evaluate(args.expression, scope);
  if (!evaluated) throw dap_error(error_id::evaluation_failed, evaluated.error, true);

  // Results expand like variables: the same store hands out the reference.
  auto described = store.describe(*evaluated.result, engine::format_options{args.hex});
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
