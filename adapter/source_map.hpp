#pragma once

#include <string>
#include <utility>
#include <vector>

namespace int3::dap {

// Rewrites source paths between where the program was built (the paths in
// its DWARF) and where the editor has the files (launch.json `sourceMap`,
// cppdbg `sourceFileMap`, Delve `substitutePath`). Each rule replaces a
// leading path prefix, whole components only: "/build" matches "/build/a.c"
// but not "/buildx/a.c". The longest matching prefix wins; a rule may also
// name a single file.
class source_map {
 public:
  struct rule {
    std::string program_prefix;  // as the DWARF has it ("from")
    std::string editor_prefix;   // as the editor has it ("to")
  };

  source_map() = default;
  explicit source_map(std::vector<rule> rules);

  bool empty() const { return rules_.empty(); }
  const std::vector<rule>& rules() const { return rules_; }

  // A breakpoint's editor path as the program knows it.
  std::string to_program(const std::string& editor_path) const;
  // A stack frame's path as the editor knows it.
  std::string to_editor(const std::string& program_path) const;

 private:
  std::vector<rule> rules_;
};

}  // namespace int3::dap
