#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/ast.hpp"
#include "engine/expr/scope.hpp"

namespace int3::dap {

class breakpoint_registry;
struct dap_breakpoint;

// A hitCondition: "3" (stop from the third hit on, like lldb-dap and
// cppdbg), ">= 3", "> 3", "== 3", "!= 3", "< 3", "<= 3", or "% 3" (every
// third hit).
struct hit_condition {
  std::string op = ">=";
  std::uint64_t count = 0;

  // nullopt with `error` set when `text` is none of the forms above.
  static std::optional<hit_condition> parse(std::string_view text, std::string& error);
  bool holds(std::uint64_t hits) const;
};

// A logMessage split into text and {expression} parts, each expression
// parsed once. "{{" and "}}" stand for braces.
struct log_template {
  struct part {
    std::string text;  // literal text, or the expression's source
    std::shared_ptr<const engine::expr::node> expression;  // null: literal
    std::string error;                                     // a syntax error, shown in its place
  };
  std::vector<part> parts;

  static log_template parse(std::string_view message);
  // The message with every expression's value (or "<error: ...>") filled in.
  std::string render(const engine::expr::scope& s) const;
};

// What setBreakpoints asked of one breakpoint beyond its line: compiled
// once when the request arrives, so a hit only evaluates.
struct breakpoint_behaviour {
  std::string condition;
  std::string hit_condition_text;
  std::string log_message;

  std::shared_ptr<const engine::expr::node> condition_ast;
  std::string condition_error;  // a syntax error, reported at every hit
  std::optional<hit_condition> hits_needed;
  std::string hit_condition_error;
  std::optional<log_template> log;

  // nullptr when all three are empty: a plain breakpoint.
  static std::shared_ptr<const breakpoint_behaviour> compile(const std::string& condition,
                                                             const std::string& hit_condition,
                                                             const std::string& log_message);
  bool same_spec(const breakpoint_behaviour& other) const {
    return condition == other.condition && hit_condition_text == other.hit_condition_text &&
           log_message == other.log_message;
  }
};

// What a hit on some breakpoints comes to.
struct hit_decision {
  bool stop = false;
  std::vector<int> stopping_ids;       // DAP ids that asked to stop
  std::vector<std::string> log_lines;  // logpoint messages, in order
  std::string error;                   // why a condition could not be decided
};

// Counts the hit on each of `ids` (DAP ids), evaluates conditions and
// logpoints. `frame` gives the stopped frame's scope; it is asked at most
// once and only when some breakpoint has a condition or a log message.
hit_decision decide_hit(breakpoint_registry& registry, const std::vector<int>& ids,
                        const std::function<const engine::expr::scope&()>& frame);
// The same over any breakpoints with a dap_breakpoint entry (source and
// function ones): `find` gives the entry of a DAP id, null for none.
hit_decision decide_hit(const std::function<dap_breakpoint*(int)>& find,
                        const std::vector<int>& ids,
                        const std::function<const engine::expr::scope&()>& frame);

}  // namespace int3::dap
