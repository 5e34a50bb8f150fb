// completions: names in the frame's scope, members after `.` and `->`,
// registers after `$`. Reads only what the names themselves need: the
// frame's variables (lazy values) and the unit's globals, and, for members,
// the type of the expression before the operator.

#include "adapter/handlers/completions.hpp"

#include <set>

#include "adapter/completion_context.hpp"
#include "adapter/frame_variables_lookup.hpp"
#include "engine/expr/completion_names.hpp"
#include "engine/expr/evaluator.hpp"
#include "engine/expr/scope.hpp"

namespace int3::dap {
namespace {

// One name on offer; `rank` orders the list the way scopes shadow each
// other (locals first), so clients that sort keep that order.
struct candidate {
  std::string name;
  std::string detail;
  std::string_view type;
  char rank = '0';
};

// Line `line` (1-based) of `text`; empty past the last.
std::string_view line_of_text(std::string_view text, std::uint32_t line) {
  for (std::uint32_t i = 1; i < line; ++i) {
    auto end = text.find('\n');
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + 1);
  }
  return text.substr(0, text.find('\n'));
}

void add_members(const engine::value& object, char rank, std::vector<candidate>& out) {
  for (auto& m : engine::expr::member_names(object))
    out.push_back({std::move(m.name), m.type ? m.type->name : std::string(), "field", rank});
}

std::vector<candidate> names_in_scope(const engine::frame_variables& frame) {
  std::vector<candidate> out;
  for (const auto& v : frame.locals) out.push_back({v.name(), v.type_name(), "variable", '0'});
  for (const auto& v : frame.arguments) out.push_back({v.name(), v.type_name(), "variable", '1'});
  // In a method, the members of *this are in scope by their own names.
  if (auto self = frame.lookup_local("this")) add_members(*self, '2', out);
  for (const auto& v : frame.globals()) out.push_back({v.name(), v.type_name(), "variable", '3'});
  return out;
}

}  // namespace

protocol::capabilities completions_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsCompletionsRequest = true;
  // `>` completes after `->` only; a lone `>` gives nothing to offer.
  c.completionTriggerCharacters = std::vector<std::string>{".", ">", "$"};
  return c;
}

protocol::completions_response_body completions_handler::run(
    const protocol::completions_arguments& args) {
  protocol::completions_response_body body;
  // No stopped frame, no scope: an empty list, which consoles show as none.
  if (!session_.launched() || session_.target().has_ended() || session_.running()) return body;

  const auto& client = session_.client();
  std::string_view line =
      line_of_text(args.text, args.line ? client.line_from_client(*args.line) : 1);
  std::uint32_t column = client.column_from_client(args.column);
  auto context = completion_context_at(line, column > 0 ? column - 1 : 0);
  if (!context) return body;

  std::vector<candidate> found;
  if (context->what == completion_context::kind::reg) {
    for (auto name : engine::expr::register_names())
      found.push_back({std::string(name), {}, "value", '0'});
  } else {
    auto frame = frame_variables_for(session_, args.frameId);
    if (context->what == completion_context::kind::name) {
      found = names_in_scope(*frame);
    } else {
      // An object that does not evaluate (a typo, garbage) has no members
      // to offer: that is the answer, not an error.
      engine::expr::frame_scope scope(*frame);
      auto object = engine::expr::evaluate(context->object, scope);
      if (object) add_members(*object.result, '0', found);
    }
  }

  std::set<std::string, std::less<>> offered;
  int start = client.column_to_client(static_cast<std::uint32_t>(context->start + 1));
  for (auto& c : found) {
    if (c.name.empty() || !c.name.starts_with(context->prefix) || !offered.insert(c.name).second)
      continue;
    protocol::completion_item item;
    item.sortText = c.rank + c.name;
    item.label = std::move(c.name);
    if (!c.detail.empty() && c.detail != "?") item.detail = std::move(c.detail);
    item.type = std::string(c.type);
    item.start = start;
    item.length = static_cast<int>(context->prefix.size());
    body.targets.push_back(std::move(item));
  }
  return body;
}

}  // namespace int3::dap
