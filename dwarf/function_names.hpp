#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace int3::dwarf {

// "_ZN3geo4rect4areaEv" -> "geo::rect::area() const"; "" when `linkage` is
// not a mangled C++ name.
std::string demangle(std::string_view linkage);

// A demangled name without its parameter list, cv/ref qualifiers and (for
// templates) return type: "double geo::f<int>(int) const" -> "geo::f<int>".
std::string strip_signature(std::string_view demangled);

// The `::`-separated parts of a qualified name, split only outside <> and
// (): "ns::f<a::b>" -> {"ns", "f<a::b>"}.
std::vector<std::string> split_qualified(std::string_view name);

// What a user types to name a function (setFunctionBreakpoints, gdb's
// `break`): a C name, a qualified C++ name or any `::` suffix of one, with
// or without ABI tags ("name[abi:cxx11]") and template arguments, an
// optional parameter list ("scale(double)"), or a linkage name.
class function_name_query {
 public:
  explicit function_name_query(std::string_view text);

  const std::string& text() const { return text_; }
  bool empty() const { return parts_.empty(); }
  // The unqualified name without tags or template arguments: the key a
  // name index is asked for ("area" for "geo::rect::area(void)").
  const std::string& last_name() const { return last_name_; }

  // `qualified` is the debug info's name ("geo::rect::area"), `linkage`
  // the symbol ("_ZN...", may be empty).
  bool matches(std::string_view qualified, std::string_view linkage) const;

 private:
  std::string text_;
  std::vector<std::string> parts_;         // tags stripped
  std::optional<std::string> parameters_;  // "(double)", spaces removed
  std::string last_name_;
};

}  // namespace int3::dwarf
