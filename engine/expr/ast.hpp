#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace int3::engine::expr {

// A type as the user wrote it in a cast or sizeof: "unsigned int",
// "struct point", "geo::rect" plus pointer stars. Resolved against the
// program's DWARF only when evaluated, so parsing needs no process.
struct type_name {
  std::string base;
  int pointer_depth = 0;
};

enum class node_kind {
  identifier,   // text: a local, argument, global, `this` or a member of `this`
  reg,          // text: register name without the '$'
  integer,      // integer (as written; is_unsigned/is_long from suffix and size)
  floating,     // floating
  character,    // integer: the character's code
  string,       // text: the decoded bytes
  member,       // operands[0].text, or operands[0]->text when arrow
  index,        // operands[0][operands[1]]
  unary,        // op operands[0]
  binary,       // operands[0] op operands[1]
  logical,      // && || with short-circuit
  conditional,  // operands[0] ? operands[1] : operands[2]
  cast,         // (type) operands[0]
  sizeof_type,  // sizeof(type)
  sizeof_expr,  // sizeof expr
  assignment,   // operands[0] = operands[1]; parsed so it can be refused by name
};

// One node of a parsed expression. Plain data, owned by its parent.
struct node {
  node_kind kind = node_kind::integer;
  std::string op;    // "+", "->", "!", ...
  std::string text;  // identifier, member or register name, string bytes
  std::uint64_t integer = 0;
  double floating = 0;
  bool is_unsigned = false;
  bool is_long = false;
  type_name type;  // cast, sizeof_type
  std::vector<std::unique_ptr<node>> operands;
  std::size_t column = 1;  // 1-based, where the node starts, for messages
};

}  // namespace int3::engine::expr
