#include "adapter/completion_context.hpp"

#include <cctype>

namespace int3::dap {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool in_literal(std::string_view text) {
  char open = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (open) {
      if (c == '\\') {
        ++i;
      } else if (c == open) {
        open = 0;
      }
    } else if (c == '"' || c == '\'') {
      open = c;
    }
  }
  return open != 0;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The postfix expression ending at `end` ("a[i+1].b->c", "(*pp)"): words,
// `.`, `->`, `::` and balanced brackets. Stops at an operator or a blank
// outside brackets, so `x + p` gives `p`.
std::string_view object_before(std::string_view line, std::size_t end) {
  std::string_view text = trim_right(line.substr(0, end));
  std::size_t i = text.size();
  int depth = 0;
  while (i > 0) {
    char c = text[i - 1];
    if (c == ')' || c == ']') {
      ++depth;
    } else if (c == '(' || c == '[') {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0 && !is_word_char(c) && c != '.') {
      bool arrow = c == '>' && i >= 2 && text[i - 2] == '-';
      bool scope = c == ':' && i >= 2 && text[i - 2] == ':';
      if (!arrow && !scope) break;
      --i;
    }
    --i;
  }
  // An unbalanced `)` (`f(x))`) is not an object.
  return depth == 0 ? text.substr(i) : std::string_view();
}

}  // namespace

std::optional<completion_context> completion_context_at(std::string_view line, std::size_t cursor) {
  if (cursor > line.size()) cursor = line.size();
  std::string_view before = line.substr(0, cursor);
  if (in_literal(before)) return std::nullopt;
  std::size_t start = cursor;
  while (start > 0 && is_word_char(before[start - 1])) --start;

  completion_context out;
  out.prefix = std::string(before.substr(start));
  out.start = start;
  if (!out.prefix.empty() && std::isdigit(static_cast<unsigned char>(out.prefix[0])))
    return std::nullopt;
  std::string_view lead = before.substr(0, start);
  if (lead.ends_with("$")) {
    out.what = completion_context::kind::reg;
    return out;
  }
  if (lead.ends_with("::")) return std::nullopt;
  // `>` is a trigger character for `->`; right after a comparison or a
  // shift the user has not started a word yet.
  if (out.prefix.empty() && lead.ends_with(">") && !lead.ends_with("->")) return std::nullopt;
  std::size_t op = lead.ends_with("->") ? 2 : lead.ends_with(".") ? 1 : 0;
  if (op == 0) return out;
  std::string_view object = object_before(lead, lead.size() - op);
  // `1.` starts a floating-point literal, not a member access.
  if (object.empty() || std::isdigit(static_cast<unsigned char>(object[0]))) return std::nullopt;
  out.what = completion_context::kind::member;
  out.object = std::string(object);
  return out;
}

}  // namespace int3::dap
