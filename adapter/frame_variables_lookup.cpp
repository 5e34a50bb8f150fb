#include "adapter/frame_variables_lookup.hpp"

#include <string>

#include "adapter/errors.hpp"
#include "adapter/session.hpp"
#include "engine/expr/evaluator.hpp"
#include "engine/expr/scope.hpp"

namespace int3::dap {

std::shared_ptr<const engine::frame_variables> frame_variables_for(session& s,
                                                                   std::optional<int> frame_id) {
  auto& target = s.target();
  if (!frame_id) {
    pid_t tid = s.stopped_thread().value_or(target.pid());
    return std::make_shared<engine::frame_variables>(target.variables(tid, 0));
  }
  auto found = s.frames().find(*frame_id);
  if (!found) {
    throw dap_error(error_id::invalid_reference,
                    "unknown frameId " + std::to_string(*frame_id) +
                        " (frame ids are valid until the program resumes)");
  }
  auto& store = s.variables();
  auto variables = store.frame(*frame_id);
  if (!variables) {
    variables =
        std::make_shared<engine::frame_variables>(target.variables(found->tid, found->index));
    store.keep_frame(*frame_id, variables);
  }
  return variables;
}

engine::value evaluate_in_frame(session& s, const std::string& expression,
                                std::optional<int> frame_id) {
  auto variables = frame_variables_for(s, frame_id);
  engine::expr::frame_scope scope(*variables);
  auto evaluated = engine::expr::evaluate(expression, scope);
  if (!evaluated) throw dap_error(error_id::evaluation_failed, evaluated.error, true);
  return *evaluated.result;
}

}  // namespace int3::dap
