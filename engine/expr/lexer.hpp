#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace int3::engine::expr {

struct token {
  enum class kind { identifier, reg, integer, floating, character, string, punct, end };
  kind what = kind::end;
  std::string text;  // identifier/register name, punctuator, decoded string
  std::uint64_t integer = 0;
  double floating = 0;
  bool is_unsigned = false;
  bool is_long = false;
  std::size_t column = 1;  // 1-based
};

struct lex_result {
  std::vector<token> tokens;  // ends with an `end` token when error is empty
  std::string error;
};

// Splits a C/C++ expression into tokens. Errors are values: "unexpected
// character '@' at column 3", "unterminated string at column 1".
lex_result lex(std::string_view text);

}  // namespace int3::engine::expr
