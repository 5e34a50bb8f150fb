#pragma once

// What the debug console's text asks to complete at the cursor: a name, a
// member after `object.` / `object->`, or a register after `$`. Text only:
// nothing here knows the program.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace int3::dap {

struct completion_context {
  enum class kind { name, member, reg };
  kind what = kind::name;
  // kind::member: the expression before the `.` or `->` ("p", "a[i].next").
  std::string object;
  // The part of the word already typed, which a completion replaces.
  std::string prefix;
  // Where `prefix` starts in the line (0-based).
  std::size_t start = 0;
};

// The context at `cursor` (0-based offset, clamped to the line). nullopt
// when nothing can follow there: inside a number or a string or character
// literal, after a `::` scope (not completed yet), right after a `>` that
// is no `->`, or after `.` with no expression before it.
std::optional<completion_context> completion_context_at(std::string_view line, std::size_t cursor);

}  // namespace int3::dap
