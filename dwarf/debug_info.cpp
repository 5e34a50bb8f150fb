#include "dwarf/debug_info.hpp"

#include <algorithm>

#include "dwarf/function_names.hpp"
#include "dwarf/name_mentions.hpp"
#include "dwarf/program_index.hpp"
#include "dwarf/source_index.hpp"
#include "dwarf/variable_index.hpp"

namespace int3::dwarf {

namespace {

class indexed_debug_info final : public debug_info {
 public:
  explicit indexed_debug_info(std::unique_ptr<program_index> index)
      : index_(std::move(index)),
        sources_(index_->files, index_->lines, index_->functions),
        variables_(index_->session.get(), index_->units, index_->files, index_->functions,
                   index_->mentions.get()),
        has_lines_(std::any_of(index_->units.begin(), index_->units.end(),
                               [](const unit_record& u) { return !u.files.empty(); })) {}

  // A unit whose line table header names files has a line table; its rows
  // are not decoded to answer this.
  bool has_line_info() const override { return has_lines_; }

  line_resolution resolve_line(std::string_view path, std::uint32_t line) const override {
    if (!has_lines_) {
      line_resolution result;
      result.result = line_resolution::status::no_debug_info;
      return result;
    }
    if (index_->load_units_naming(sources_.matching_files(path))) sources_.update();
    return sources_.resolve(path, line);
  }

  std::optional<line_entry> line_entry_at(file_addr addr) const override {
    load_at(addr);
    const auto& lines = index_->lines;
    auto i = lines.row_at(addr.value);
    if (!i) return std::nullopt;
    const auto& row = lines.rows()[*i];
    line_entry e;
    e.address = {row.address};
    e.end = {lines.range_end(*i)};
    e.location.path = row.file < index_->files.size() ? index_->files.path(row.file) : "";
    e.location.line = row.line;
    e.location.column = row.column;
    e.is_stmt = row.is_stmt();
    return e;
  }

  const function_info* function_at(file_addr addr) const override {
    load_at(addr);
    return index_->functions.at(addr);
  }

  // The ELF symbols of that name lead to their units; a name no symbol
  // carries (qualified C++ names, functions without a symbol) reads the
  // units that mention it.
  std::vector<const function_info*> functions_named(std::string_view name) const override {
    if (index_->load_units_of_symbol(name)) sources_.update();
    auto found = index_->functions.named(name);
    if (found.empty() && index_->load_units_mentioning(key_patterns(name))) {
      sources_.update();
      found = index_->functions.named(name);
    }
    return found;
  }

  std::vector<const function_info*> functions_matching(
      const function_name_query& query) const override {
    if (index_->load_units_of_function(query)) sources_.update();
    auto found = matching_loaded(query);
    if (found.empty() && index_->load_units_mentioning(function_patterns(query))) {
      sources_.update();
      found = matching_loaded(query);
    }
    return found;
  }

  std::vector<file_addr> inlined_entries(
      const function_name_query& query,
      const std::vector<const function_info*>& out_of_line) const override {
    std::vector<std::string> bodies;
    for (const auto* fn : out_of_line) {
      auto where = line_entry_at(fn->entry);
      if (!where) {
        bodies.clear();  // a body we cannot place: search by name
        break;
      }
      bodies.push_back(where->location.path);
    }
    if (bodies.empty())
      index_->read_inlines_of_units_mentioning(inline_patterns(query));
    else
      index_->read_inlines_of_units_naming(bodies);
    std::vector<file_addr> entries;
    for (const auto* copy : index_->inlines.matching(query)) entries.push_back(copy->entry);
    return entries;
  }

  file_addr prologue_end(const function_info& fn) const override {
    for (const auto& r : fn.ranges)
      if (r.contains(fn.entry)) return {index_->lines.prologue_end(fn.entry.value, r.high.value)};
    return fn.entry;
  }

  std::optional<frame_scopes> inline_frames_at(file_addr pc) const override {
    load_at(pc);
    return variables_.inline_frames_at(pc);
  }
  std::optional<frame_scopes> scopes_at(file_addr pc) const override {
    load_at(pc);
    return variables_.scopes_at(pc);
  }
  std::vector<variable_info> unit_globals(file_addr pc) const override {
    return variables_.unit_globals(pc);
  }
  std::vector<variable_info> globals_named(std::string_view name) const override {
    return variables_.globals_named(name);
  }
  const type_info* find_type(std::string_view name) const override {
    return variables_.find_type(name);
  }
  const type_info* complete_type(const type_info* t) const override {
    return variables_.complete_type(t);
  }

 private:
  // The loaded functions `query` names, by its last name or as a linkage name.
  std::vector<const function_info*> matching_loaded(const function_name_query& query) const {
    auto found = index_->functions.named(query.last_name());
    if (query.text() != query.last_name())
      for (const auto* fn : index_->functions.named(query.text()))
        if (std::find(found.begin(), found.end(), fn) == found.end()) found.push_back(fn);
    std::erase_if(
        found, [&](const function_info* fn) { return !query.matches(fn->name, fn->linkage_name); });
    return found;
  }

  void load_at(file_addr addr) const {
    if (index_->load_units_at(addr.value)) sources_.update();
  }

  std::unique_ptr<program_index> index_;
  mutable source_index sources_;
  variable_index variables_;
  bool has_lines_ = false;
};

}  // namespace

std::unique_ptr<debug_info> debug_info::load(const elf_file& elf) {
  return std::make_unique<indexed_debug_info>(program_index::open(elf));
}

std::unique_ptr<debug_info> debug_info::load_searching_every_unit(const elf_file& elf) {
  auto index = program_index::open(elf);
  index->mentions.reset();
  return std::make_unique<indexed_debug_info>(std::move(index));
}

}  // namespace int3::dwarf
