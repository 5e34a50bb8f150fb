#include "dwarf/type_name.hpp"

#include <utility>

namespace int3::dwarf {

namespace {

// Deeper nesting than this only comes from malformed (cyclic) DWARF.
constexpr int max_depth = 64;

// Qualifiers collect on the way down to the type they apply to, so that a
// qualifier met twice (gcc writes `const` over an array and over its
// elements) is spelled once.
enum qualifier_bits : unsigned {
  q_const = 1,
  q_volatile = 2,
  q_restrict = 4,
  q_atomic = 8,
};

unsigned qualifier_bit(type_kind k) {
  switch (k) {
    case type_kind::const_:
      return q_const;
    case type_kind::volatile_:
      return q_volatile;
    case type_kind::restrict_:
      return q_restrict;
    case type_kind::atomic:
      return q_atomic;
    default:
      return 0;
  }
}

std::string spell(unsigned qualifiers) {
  std::string out;
  auto add = [&](unsigned bit, const char* word) {
    if (!(qualifiers & bit)) return;
    if (!out.empty()) out += ' ';
    out += word;
  };
  add(q_atomic, "_Atomic");
  add(q_const, "const");
  add(q_volatile, "volatile");
  add(q_restrict, "restrict");
  return out;
}

bool is_named_kind(type_kind k) {
  switch (k) {
    case type_kind::base:
    case type_kind::typedef_:
    case type_kind::enumeration:
    case type_kind::structure:
    case type_kind::class_:
    case type_kind::union_:
    case type_kind::void_:
    case type_kind::unspecified:
    case type_kind::unknown:
      return true;
    default:
      return false;
  }
}

std::string join(const std::string& base, const std::string& inner) {
  return inner.empty() ? base : base + " " + inner;
}

// Pointers to arrays and functions need parentheses: int (*)[4]. A
// declarator that starts with a suffix ([3], or one already parenthesised)
// binds tighter than the suffix appended to it: int [2][3], int (*)[2][3].
std::string wrap(const std::string& inner) {
  if (inner.empty() || inner.front() == '[' || inner.front() == '(') return inner;
  return "(" + inner + ")";
}

// Builds a name from the outside in, the way C declarators nest: `inner` is
// the declarator so far ("*", "(*)[4]") and `qualifiers` those that apply to
// `t` itself.
class namer {
 public:
  explicit namer(const type_name_facts& facts) : facts_(facts) {}

  std::string name(const type_info* t, const std::string& inner, unsigned qualifiers,
                   int depth) const {
    if (!t) return join(prefixed(qualifiers, "void"), inner);
    if (depth > max_depth) return join("<cycle>", inner);
    if (is_named_kind(t->kind)) {
      auto it = facts_.own_names.find(t);
      return join(prefixed(qualifiers, it == facts_.own_names.end() ? "?" : it->second), inner);
    }
    switch (t->kind) {
      case type_kind::const_:
      case type_kind::volatile_:
      case type_kind::restrict_:
      case type_kind::atomic:
        return name(t->target, inner, qualifiers | qualifier_bit(t->kind), depth + 1);
      case type_kind::pointer:
        return name(t->target, declarator("*", qualifiers, inner), 0, depth + 1);
      case type_kind::reference:
        return name(t->target, declarator("&", qualifiers, inner), 0, depth + 1);
      case type_kind::rvalue_reference:
        return name(t->target, declarator("&&", qualifiers, inner), 0, depth + 1);
      case type_kind::ptr_to_member: {
        std::string cls = t->containing ? name(t->containing, "", 0, depth + 1) : "?";
        return name(t->target, declarator(cls + "::*", qualifiers, inner), 0, depth + 1);
      }
      case type_kind::array: {
        // The qualifiers go on to the elements: `const` over `char [8]` is
        // an array of const char.
        std::string dim = t->dimensions.front() ? std::to_string(*t->dimensions.front()) : "";
        return name(t->target, wrap(inner) + "[" + dim + "]", qualifiers, depth + 1);
      }
      case type_kind::subroutine:
        return name(t->target, wrap(inner) + parameter_list(*t, depth), 0, depth + 1);
      default:
        return join("?", inner);
    }
  }

 private:
  static std::string prefixed(unsigned qualifiers, const std::string& base) {
    return qualifiers ? spell(qualifiers) + " " + base : base;
  }

  // "*", "*const", "*const *": a qualified pointer's qualifier follows its star.
  static std::string declarator(const std::string& op, unsigned qualifiers,
                                const std::string& inner) {
    if (!qualifiers) return op + inner;
    return op + spell(qualifiers) + (inner.empty() ? "" : " " + inner);
  }

  // "(int, char *)", "(void)" in C, "()" in C++, "() const" for a member
  // function whose `this` points to const.
  std::string parameter_list(const type_info& t, int depth) const {
    const bool method = facts_.methods.contains(&t) && !t.parameters.empty();
    std::string params;
    for (std::size_t i = method ? 1 : 0; i < t.parameters.size(); ++i) {
      if (!params.empty()) params += ", ";
      params += name(t.parameters[i], "", 0, depth + 1);
    }
    if (t.is_variadic) params += params.empty() ? "..." : ", ...";
    auto p = facts_.prototyped.find(&t);
    if (params.empty() && !method && p != facts_.prototyped.end() && p->second) params = "void";
    std::string list = "(" + params + ")";
    if (method) {
      const unsigned q = object_qualifiers(t.parameters.front());
      if (q) list += " " + spell(q);
    }
    return list;
  }

  // The qualifiers of what `this` points to: const for a const method.
  static unsigned object_qualifiers(const type_info* self) {
    const auto* pointer = strip_cv_typedefs(self);
    if (!pointer || pointer->kind != type_kind::pointer) return 0;
    unsigned q = 0;
    const auto* t = pointer->target;
    for (int i = 0; t && qualifier_bit(t->kind) && i < max_depth; ++i) {
      q |= qualifier_bit(t->kind);
      t = t->target;
    }
    return q & (q_const | q_volatile);
  }

  const type_name_facts& facts_;
};

}  // namespace

std::string type_name(const type_info* t, const type_name_facts& facts) {
  return namer(facts).name(t, "", 0, 0);
}

std::string base_type_name(std::string_view dwarf_name) {
  static constexpr std::pair<std::string_view, std::string_view> gcc_spellings[] = {
      {"short int", "short"},
      {"short unsigned int", "unsigned short"},
      {"long int", "long"},
      {"long unsigned int", "unsigned long"},
      {"long long int", "long long"},
      {"long long unsigned int", "unsigned long long"},
      {"__int128 unsigned", "unsigned __int128"},
  };
  for (const auto& [gcc, usual] : gcc_spellings)
    if (dwarf_name == gcc) return std::string(usual);
  return std::string(dwarf_name);
}

std::string pointer_name(std::string_view pointee) {
  std::string name(pointee);
  // Positions outside template arguments ("std::vector<int (*)[4]>" holds
  // a declarator that is not ours).
  auto find_outside_templates = [&name](std::string_view what) {
    int depth = 0;
    for (std::size_t i = 0; i + what.size() <= name.size(); ++i) {
      if (name[i] == '<') ++depth;
      if (name[i] == '>') --depth;
      if (depth == 0 && name.compare(i, what.size(), what) == 0) return i;
    }
    return std::string::npos;
  };
  // A declarator group already there ("int (*)[4]", "int (*)(int)"): the
  // pointer goes in front of its innermost operator.
  if (auto at = find_outside_templates("(*"); at != std::string::npos) {
    name.insert(at + 1, "*");
    return name;
  }
  // An array or a function type: the pointer needs a group of its own,
  // before the brackets or the parameter list.
  if (!name.empty() && (name.back() == ']' || name.back() == ')')) {
    if (auto at = find_outside_templates(name.back() == ']' ? " [" : " (");
        at != std::string::npos) {
      name.insert(at + 1, "(*)");
      return name;
    }
  }
  if (name.empty()) return "void *";
  return name + (name.back() == '*' ? "*" : " *");
}

}  // namespace int3::dwarf
