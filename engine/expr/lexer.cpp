#include "engine/expr/lexer.hpp"

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace int3::engine::expr {
namespace {

// Longest first, so ">>=" never lexes as ">" ">=".
constexpr std::array<std::string_view, 23> punctuators = {
    "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "::", "+", "-",
    "*",  "/",  "%",  "&",  "|",  "^",  "~",  "!",  "<",  ">",  "=",
};
constexpr std::string_view single_punct = "()[].?:,";

std::string at_column(std::size_t column) {
  return " at column " + std::to_string(column);
}

bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class lexer {
 public:
  explicit lexer(std::string_view text) : text_(text) {}

  lex_result run() {
    lex_result out;
    while (true) {
      while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (pos_ >= text_.size()) break;
      token t;
      t.column = pos_ + 1;
      std::string error = next(t);
      if (!error.empty()) {
        out.error = error;
        out.tokens.clear();
        return out;
      }
      out.tokens.push_back(std::move(t));
    }
    token end;
    end.column = text_.size() + 1;
    out.tokens.push_back(end);
    return out;
  }

 private:
  std::string next(token& t) {
    char c = text_[pos_];
    if (is_ident_start(c)) {
      t.what = token::kind::identifier;
      t.text = take_identifier();
      return {};
    }
    if (c == '$') {
      ++pos_;
      if (pos_ >= text_.size() || !is_ident_start(text_[pos_])) {
        return "expected a register name after '$'" + at_column(t.column);
      }
      t.what = token::kind::reg;
      t.text = take_identifier();
      return {};
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos_ + 1 < text_.size() &&
         std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
      return number(t);
    }
    if (c == '\'') return character(t);
    if (c == '"') return string(t);
    for (auto p : punctuators) {
      if (text_.substr(pos_, p.size()) == p) {
        t.what = token::kind::punct;
        t.text = p;
        pos_ += p.size();
        return {};
      }
    }
    if (single_punct.find(c) != std::string_view::npos) {
      t.what = token::kind::punct;
      t.text = std::string(1, c);
      ++pos_;
      return {};
    }
    return "unexpected character '" + std::string(1, c) + "'" + at_column(t.column);
  }

  std::string take_identifier() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string number(token& t) {
    std::size_t start = pos_;
    bool hex = text_.substr(pos_, 2) == "0x" || text_.substr(pos_, 2) == "0X";
    if (hex) pos_ += 2;
    bool is_float = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (std::isxdigit(static_cast<unsigned char>(c)) &&
          (hex || std::isdigit(c) || c == 'e' || c == 'E')) {
        if (!hex && (c == 'e' || c == 'E')) {
          is_float = true;
          if (pos_ + 1 < text_.size() && (text_[pos_ + 1] == '+' || text_[pos_ + 1] == '-')) ++pos_;
        }
        ++pos_;
      } else if (c == '.' && !hex) {
        is_float = true;
        ++pos_;
      } else {
        break;
      }
    }
    std::string digits(text_.substr(start, pos_ - start));
    std::string suffix;
    while (pos_ < text_.size() && is_ident_char(text_[pos_])) suffix += text_[pos_++];
    if (is_float) {
      if (!suffix.empty() && suffix != "f" && suffix != "F") {
        return "bad suffix '" + suffix + "' on number" + at_column(t.column);
      }
      t.what = token::kind::floating;
      t.floating = std::strtod(digits.c_str(), nullptr);
      return {};
    }
    for (char s : suffix) {
      if (s == 'u' || s == 'U') {
        t.is_unsigned = true;
      } else if (s == 'l' || s == 'L') {
        t.is_long = true;
      } else {
        return "bad suffix '" + suffix + "' on number" + at_column(t.column);
      }
    }
    errno = 0;
    bool octal = !hex && digits.size() > 1 && digits[0] == '0';
    char* end = nullptr;
    t.integer = std::strtoull(digits.c_str(), &end, hex ? 16 : octal ? 8 : 10);
    if (errno == ERANGE || *end != '\0') {
      return "bad number '" + digits + "'" + at_column(t.column);
    }
    t.what = token::kind::integer;
    return {};
  }

  // One possibly escaped character of a char or string literal.
  std::string escaped(char& out, std::size_t column) {
    if (pos_ >= text_.size()) return "unterminated literal" + at_column(column);
    char c = text_[pos_++];
    if (c != '\\') {
      out = c;
      return {};
    }
    if (pos_ >= text_.size()) return "unterminated literal" + at_column(column);
    char e = text_[pos_++];
    switch (e) {
      case 'n':
        out = '\n';
        return {};
      case 't':
        out = '\t';
        return {};
      case 'r':
        out = '\r';
        return {};
      case '0':
        out = '\0';
        return {};
      case 'a':
        out = '\a';
        return {};
      case 'b':
        out = '\b';
        return {};
      case 'f':
        out = '\f';
        return {};
      case 'v':
        out = '\v';
        return {};
      case '\\':
      case '\'':
      case '"':
      case '?':
        out = e;
        return {};
      case 'x': {
        std::size_t start = pos_;
        while (pos_ < text_.size() && std::isxdigit(static_cast<unsigned char>(text_[pos_])))
          ++pos_;
        if (pos_ == start) return "bad escape '\\x'" + at_column(column);
        out = static_cast<char>(
            std::strtoul(std::string(text_.substr(start, pos_ - start)).c_str(), nullptr, 16));
        return {};
      }
      default:
        return std::string("unknown escape '\\") + e + "'" + at_column(column);
    }
  }

  std::string character(token& t) {
    ++pos_;
    char c = 0;
    if (pos_ < text_.size() && text_[pos_] == '\'')
      return "empty character literal" + at_column(t.column);
    if (auto e = escaped(c, t.column); !e.empty()) return e;
    if (pos_ >= text_.size() || text_[pos_] != '\'')
      return "expected ' to end the character literal" + at_column(t.column);
    ++pos_;
    t.what = token::kind::character;
    t.integer = static_cast<std::uint64_t>(static_cast<std::int64_t>(c));
    return {};
  }

  std::string string(token& t) {
    ++pos_;
    t.what = token::kind::string;
    while (true) {
      if (pos_ >= text_.size()) return "unterminated string" + at_column(t.column);
      if (text_[pos_] == '"') {
        ++pos_;
        return {};
      }
      char c = 0;
      if (auto e = escaped(c, t.column); !e.empty()) return e;
      t.text += c;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

lex_result lex(std::string_view text) {
  return lexer(text).run();
}

}  // namespace int3::engine::expr
