#include "engine/expr/parser.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include "engine/expr/lexer.hpp"

namespace int3::engine::expr {
namespace {

constexpr std::array<std::string_view, 16> type_keywords = {
    "void",     "bool",  "_Bool",  "char",   "short", "int",  "long",  "signed",
    "unsigned", "float", "double", "struct", "union", "enum", "class", "const",
};

// Binary operators by C precedence, loosest first (|| and && are handled
// apart for their short-circuit node kind).
constexpr std::array<std::array<std::string_view, 4>, 8> binary_levels = {{
    {"|", "", "", ""},
    {"^", "", "", ""},
    {"&", "", "", ""},
    {"==", "!=", "", ""},
    {"<", ">", "<=", ">="},
    {"<<", ">>", "", ""},
    {"+", "-", "", ""},
    {"*", "/", "%", ""},
}};

// Thrown only inside the parser and turned into parse_result::error.
struct syntax_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class parser {
 public:
  explicit parser(std::vector<token> tokens) : tokens_(std::move(tokens)) {}

  std::unique_ptr<node> run() {
    auto root = expression();
    if (peek().what != token::kind::end) fail("unexpected '" + describe(peek()) + "'", peek());
    return root;
  }

 private:
  const token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const token& take() {
    const token& t = peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  bool is_punct(std::string_view p, std::size_t ahead = 0) const {
    const token& t = peek(ahead);
    return t.what == token::kind::punct && t.text == p;
  }
  bool accept(std::string_view p) {
    if (!is_punct(p)) return false;
    take();
    return true;
  }
  void expect(std::string_view p) {
    if (!accept(p)) fail("expected '" + std::string(p) + "'", peek());
  }
  static std::string describe(const token& t) {
    switch (t.what) {
      case token::kind::end:
        return "end of expression";
      case token::kind::reg:
        return "$" + t.text;
      case token::kind::integer:
        return std::to_string(t.integer);
      case token::kind::string:
        return "\"" + t.text + "\"";
      case token::kind::character:
        return "character literal";
      case token::kind::floating:
        return "number";
      default:
        return t.text;
    }
  }
  [[noreturn]] static void fail(const std::string& what, const token& at) {
    if (at.what == token::kind::end) {
      throw syntax_error(what + " at end of expression (column " + std::to_string(at.column) + ")");
    }
    throw syntax_error(what + " at column " + std::to_string(at.column));
  }

  static std::unique_ptr<node> make(node_kind kind, std::size_t column, std::string op = {}) {
    auto n = std::make_unique<node>();
    n->kind = kind;
    n->column = column;
    n->op = std::move(op);
    return n;
  }
  static std::unique_ptr<node> make(node_kind kind, std::size_t column, std::string op,
                                    std::unique_ptr<node> a, std::unique_ptr<node> b = nullptr) {
    auto n = make(kind, column, std::move(op));
    n->operands.push_back(std::move(a));
    if (b) n->operands.push_back(std::move(b));
    return n;
  }

  std::unique_ptr<node> expression() {
    auto left = conditional();
    if (is_punct("=")) {
      std::size_t column = take().column;
      auto right = expression();
      return make(node_kind::assignment, column, "=", std::move(left), std::move(right));
    }
    return left;
  }

  std::unique_ptr<node> conditional() {
    auto cond = logical_or();
    if (!is_punct("?")) return cond;
    std::size_t column = take().column;
    auto yes = expression();
    expect(":");
    auto no = conditional();
    auto n = make(node_kind::conditional, column, "?", std::move(cond), std::move(yes));
    n->operands.push_back(std::move(no));
    return n;
  }

  std::unique_ptr<node> logical_or() {
    auto left = logical_and();
    while (is_punct("||")) {
      std::size_t column = take().column;
      left = make(node_kind::logical, column, "||", std::move(left), logical_and());
    }
    return left;
  }

  std::unique_ptr<node> logical_and() {
    auto left = binary(0);
    while (is_punct("&&")) {
      std::size_t column = take().column;
      left = make(node_kind::logical, column, "&&", std::move(left), binary(0));
    }
    return left;
  }

  std::unique_ptr<node> binary(std::size_t level) {
    if (level == binary_levels.size()) return unary();
    auto left = binary(level + 1);
    while (true) {
      const token& t = peek();
      bool matched = false;
      if (t.what == token::kind::punct) {
        for (auto op : binary_levels[level]) matched = matched || (!op.empty() && t.text == op);
      }
      if (!matched) return left;
      std::string op = t.text;
      std::size_t column = take().column;
      left = make(node_kind::binary, column, op, std::move(left), binary(level + 1));
    }
  }

  std::unique_ptr<node> unary() {
    const token& t = peek();
    if (t.what == token::kind::punct && (t.text == "-" || t.text == "+" || t.text == "!" ||
                                         t.text == "~" || t.text == "*" || t.text == "&")) {
      std::string op = t.text;
      std::size_t column = take().column;
      return make(node_kind::unary, column, op, unary());
    }
    if (t.what == token::kind::identifier && t.text == "sizeof") {
      std::size_t column = take().column;
      if (is_punct("(") && starts_type(1)) {
        take();
        auto n = make(node_kind::sizeof_type, column);
        n->type = parse_type();
        expect(")");
        return n;
      }
      return make(node_kind::sizeof_expr, column, "sizeof", unary());
    }
    if (is_punct("(") && is_cast()) {
      std::size_t column = take().column;
      auto n = make(node_kind::cast, column);
      n->type = parse_type();
      expect(")");
      n->operands.push_back(unary());
      return n;
    }
    return postfix();
  }

  // At `ahead`: a built-in type keyword, which no expression starts with.
  bool starts_type(std::size_t ahead) const {
    const token& t = peek(ahead);
    return t.what == token::kind::identifier && is_type_keyword(t.text);
  }

  // At '(': whether it opens a cast rather than a parenthesized expression.
  // A keyword decides it; a plain name decides it when stars follow it
  // ("(point *)p": "a *)" is no expression) or when an operand follows the
  // ')' ("(point)x": two operands in a row are no expression either).
  bool is_cast() const {
    if (starts_type(1)) return true;
    std::size_t i = 1;
    if (peek(i).what != token::kind::identifier) return false;
    ++i;
    while (is_punct("::", i) && peek(i + 1).what == token::kind::identifier) i += 2;
    std::size_t stars = 0;
    while (is_punct("*", i)) {
      ++i;
      ++stars;
    }
    if (!is_punct(")", i)) return false;
    if (stars > 0) return true;
    const token& after = peek(i + 1);
    switch (after.what) {
      case token::kind::identifier:
      case token::kind::reg:
      case token::kind::integer:
      case token::kind::floating:
      case token::kind::character:
      case token::kind::string:
        return true;
      case token::kind::punct:
        return after.text == "(" || after.text == "~" || after.text == "!";
      case token::kind::end:
        return false;
    }
    return false;
  }

  type_name parse_type() {
    type_name out;
    std::vector<std::string> words;
    while (peek().what == token::kind::identifier) {
      const token& t = peek();
      if (t.text == "const" || t.text == "volatile") {
        take();
        continue;
      }
      bool keyword = is_type_keyword(t.text);
      // After a tag keyword or a user name, only more of a qualified name follows.
      if (!words.empty() && !keyword) {
        const std::string& last = words.back();
        bool tag = last == "struct" || last == "union" || last == "enum" || last == "class";
        if (!tag) break;
      }
      words.push_back(take().text);
      if (!keyword) {
        while (is_punct("::") && peek(1).what == token::kind::identifier) {
          take();
          words.back() += "::" + take().text;
        }
        break;
      }
    }
    if (words.empty()) fail("expected a type name", peek());
    for (const auto& w : words) out.base += (out.base.empty() ? "" : " ") + w;
    while (true) {
      if (accept("*")) {
        ++out.pointer_depth;
      } else if (peek().what == token::kind::identifier && peek().text == "const") {
        take();
      } else {
        break;
      }
    }
    return out;
  }

  std::unique_ptr<node> postfix() {
    auto left = primary();
    while (true) {
      if (is_punct(".") || is_punct("->")) {
        const token& op = take();
        std::string arrow = op.text;
        std::size_t column = op.column;
        if (peek().what != token::kind::identifier)
          fail("expected a member name after '" + arrow + "'", peek());
        auto n = make(node_kind::member, column, arrow, std::move(left));
        n->text = take().text;
        left = std::move(n);
      } else if (is_punct("[")) {
        std::size_t column = take().column;
        auto index = expression();
        expect("]");
        left = make(node_kind::index, column, "[]", std::move(left), std::move(index));
      } else if (is_punct("(")) {
        fail("function calls are not supported", peek());
      } else {
        return left;
      }
    }
  }

  std::unique_ptr<node> primary() {
    const token& t = peek();
    switch (t.what) {
      case token::kind::identifier: {
        if (is_type_keyword(t.text)) fail("unexpected type name '" + t.text + "'", t);
        auto n = make(node_kind::identifier, t.column);
        n->text = take().text;
        while (is_punct("::") && peek(1).what == token::kind::identifier) {
          take();
          n->text += "::" + take().text;
        }
        if (n->text == "true" || n->text == "false") {
          n->kind = node_kind::integer;
          n->integer = n->text == "true";
          n->text = "bool";
        }
        return n;
      }
      case token::kind::reg: {
        auto n = make(node_kind::reg, t.column);
        n->text = take().text;
        return n;
      }
      case token::kind::integer:
      case token::kind::character: {
        auto n = make(t.what == token::kind::integer ? node_kind::integer : node_kind::character,
                      t.column);
        n->integer = t.integer;
        n->is_unsigned = t.is_unsigned;
        n->is_long = t.is_long;
        take();
        return n;
      }
      case token::kind::floating: {
        auto n = make(node_kind::floating, t.column);
        n->floating = take().floating;
        return n;
      }
      case token::kind::string: {
        auto n = make(node_kind::string, t.column);
        n->text = take().text;
        return n;
      }
      case token::kind::punct:
        if (t.text == "(") {
          take();
          auto inner = expression();
          expect(")");
          return inner;
        }
        fail("unexpected '" + t.text + "'", t);
      case token::kind::end:
        fail("expected an expression", t);
    }
    fail("unexpected token", t);
  }

  std::vector<token> tokens_;
  std::size_t pos_ = 0;
};

}  // namespace

bool is_type_keyword(std::string_view word) {
  for (auto k : type_keywords) {
    if (k == word) return true;
  }
  return false;
}

parse_result parse(std::string_view text) {
  parse_result out;
  auto lexed = lex(text);
  if (!lexed.error.empty()) {
    out.error = lexed.error;
    return out;
  }
  if (lexed.tokens.size() == 1) {
    out.error = "empty expression";
    return out;
  }
  try {
    out.root = parser(std::move(lexed.tokens)).run();
  } catch (const syntax_error& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace int3::engine::expr
