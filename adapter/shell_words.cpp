#include "adapter/shell_words.hpp"

#include <cctype>

namespace int3::dap {

namespace {
// Inside double quotes a backslash escapes only these (POSIX "Double-Quotes").
bool escapable_in_double_quotes(char c) {
  return c == '"' || c == '\\' || c == '$' || c == '`' || c == '\n';
}
}  // namespace

shell_split split_shell_words(std::string_view line) {
  shell_split out;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote == '\'') {
      if (c == '\'') {
        quote = 0;
      } else {
        word += c;
      }
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else if (c == '\\' && i + 1 < line.size() && escapable_in_double_quotes(line[i + 1])) {
        word += line[++i];
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\') {
      if (i + 1 >= line.size()) {
        out.error = "trailing backslash";
        return out;
      }
      word += line[++i];
      in_word = true;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) out.words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote) {
    out.error = std::string("unterminated ") + quote + " quote";
    return out;
  }
  if (in_word) out.words.push_back(std::move(word));
  return out;
}

}  // namespace int3::dap
