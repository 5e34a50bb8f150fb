// variables, setVariable, and the scopes of a frame.

#include "adapter/handlers/variables.hpp"

#include "adapter/errors.hpp"
#include "adapter/session.hpp"

namespace int3::dap {
namespace {

// More globals than this and the scope is marked expensive: clients then
// fetch it only when the user opens it.
constexpr std::size_t expensive_globals = 100;

[[noreturn]] void unknown_reference(int reference) {
  throw dap_error(error_id::invalid_reference,
                  "unknown variablesReference " + std::to_string(reference) +
                      " (references are valid until the program resumes)");
}

}  // namespace

protocol::scopes_response_body describe_scopes(session& s, int frame_id, const frame_ref& frame) {
  auto& store = s.variables();
  auto vars = store.frame(frame_id);
  if (!vars) {
    vars = std::make_shared<engine::frame_variables>(s.target().variables(frame.tid, frame.index));
    store.keep_frame(frame_id, vars);
  }
  using kind = variable_store::scope_kind;
  protocol::scopes_response_body body;
  body.scopes.push_back({"Arguments", store.add_scope(vars, kind::arguments), false});
  body.scopes.push_back({"Locals", store.add_scope(vars, kind::locals), false});
  bool many = vars->globals().size() > expensive_globals;
  body.scopes.push_back({"Globals", store.add_scope(vars, kind::globals), many});
  body.scopes.push_back(s.registers().scope(s, frame_id, frame.tid));
  return body;
}

protocol::capabilities variables_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsValueFormattingOptions = true;
  return c;
}

protocol::variables_response_body variables_handler::run(
    const protocol::variables_arguments& args) {
  if (session_.registers().owns(args.variablesReference)) {
    auto registers = session_.registers().variables(session_, args.variablesReference);
    if (!registers) unknown_reference(args.variablesReference);
    return {std::move(*registers)};
  }
  auto& store = session_.variables();
  auto values =
      store.children(args.variablesReference, args.filter.value_or(""), args.start, args.count);
  if (!values) unknown_reference(args.variablesReference);
  protocol::variables_response_body body;
  body.variables.reserve(values->size());
  for (const auto& v : *values) body.variables.push_back(store.describe(v, {args.hex}));
  return body;
}

protocol::capabilities set_variable_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsSetVariable = true;
  return c;
}

protocol::set_variable_response_body set_variable_handler::run(
    const protocol::set_variable_arguments& args) {
  if (session_.registers().owns(args.variablesReference)) {
    auto shown = session_.registers().set(session_, args.variablesReference, args.name, args.value);
    protocol::set_variable_response_body body;
    body.value = shown.value;
    body.variablesReference = shown.variablesReference;
    return body;
  }
  auto& store = session_.variables();
  auto target = store.child_named(args.variablesReference, args.name);
  if (!target) {
    if (!store.children(args.variablesReference, "", 0, 1))
      unknown_reference(args.variablesReference);
    throw dap_error(error_id::invalid_reference, "no variable named " + args.name, true);
  }
  target->assign(args.value);
  auto shown = store.describe(*target, {args.hex});
  protocol::set_variable_response_body body;
  body.value = shown.value;
  body.type = shown.type;
  body.variablesReference = shown.variablesReference;
  body.namedVariables = shown.namedVariables;
  body.indexedVariables = shown.indexedVariables;
  return body;
}

}  // namespace int3::dap
