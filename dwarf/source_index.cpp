#include "dwarf/source_index.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace int3::dwarf {

source_index::source_index(const file_table& files, const line_table& lines,
                           const function_index& functions)
    : files_(files), lines_(lines), functions_(functions) {
  update();
}

void source_index::update() {
  const auto& rows = lines_.rows();
  if (indexed_rows_ == rows.size()) return;
  const auto old_stmts = static_cast<std::ptrdiff_t>(stmts_.size());
  for (auto i = static_cast<std::uint32_t>(indexed_rows_); i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.is_stmt() && !r.ends_sequence() && r.line != 0 && r.file < files_.size())
      stmts_.push_back({r.file, r.line, i});
  }
  indexed_rows_ = rows.size();
  // Lazy loading adds a unit's rows at a time: sort those, merge them in.
  std::sort(stmts_.begin() + old_stmts, stmts_.end());
  std::inplace_merge(stmts_.begin(), stmts_.begin() + old_stmts, stmts_.end());
}

std::vector<std::uint32_t> source_index::matching_files(std::string_view path) const {
  const std::string wanted = normalise_path(path, "");
  std::vector<std::uint32_t> out;
  for (std::uint32_t id = 0; id < files_.size(); ++id)
    if (files_.path(id) == wanted) out.push_back(id);
  if (!out.empty()) return out;

  const std::string canonical = canonical_or_self(wanted);
  for (std::uint32_t id = 0; id < files_.size(); ++id)
    if (files_.canonical(id) == canonical) out.push_back(id);
  if (!out.empty()) return out;

  std::size_t best = 0;
  for (std::uint32_t id = 0; id < files_.size(); ++id) {
    auto n = std::max(common_suffix_components(wanted, files_.path(id)),
                      common_suffix_components(canonical, files_.canonical(id)));
    if (n == 0 || n < best) continue;
    if (n > best) out.clear();
    best = n;
    out.push_back(id);
  }
  return out;
}

bool source_index::slid_into_later_function(const function_info& fn,
                                            const std::vector<std::uint32_t>& files,
                                            std::uint32_t requested) const {
  if (!fn.declaration || fn.declaration->line <= requested) return false;
  // Only a declaration in the file being resolved says where a function starts.
  return std::any_of(files.begin(), files.end(),
                     [&](std::uint32_t id) { return files_.path(id) == fn.declaration->path; });
}

std::vector<file_addr> source_index::addresses_of(const std::vector<std::uint32_t>& files,
                                                  std::uint32_t line,
                                                  std::uint32_t requested) const {
  const auto& rows = lines_.rows();
  auto same_line = [&](const line_row& a, const line_row& b) {
    return a.file == b.file && a.line == b.line;
  };
  std::map<const function_info*, std::uint64_t> bodies;  // prologue_end per function
  auto body_of = [&](const function_info* fn) -> std::uint64_t {
    if (fn == nullptr) return 0;
    auto [it, inserted] = bodies.try_emplace(fn, 0);
    if (inserted) it->second = lines_.prologue_end(fn->entry.value, fn->ranges.front().high.value);
    return it->second;
  };
  struct run {
    std::uint64_t first = 0;                  // its first is_stmt address
    std::optional<std::uint64_t> after_body;  // its first is_stmt address past the prologue
  };
  std::map<const function_info*, std::vector<run>> by_function;
  for (auto file : files) {
    auto first = std::lower_bound(stmts_.begin(), stmts_.end(), stmt_ref{file, line, 0});
    for (auto it = first; it != stmts_.end() && it->file == file && it->line == line; ++it) {
      // Only the first is_stmt row of each run counts: walk back to the run start.
      bool first_in_run = true;
      for (std::size_t j = it->row; !lines_.starts_sequence(j) && same_line(rows[j - 1], rows[j]);
           --j) {
        if (rows[j - 1].is_stmt()) {
          first_in_run = false;
          break;
        }
      }
      if (!first_in_run) continue;
      const auto* fn = functions_.at({rows[it->row].address});
      const auto body = body_of(fn);
      run r{rows[it->row].address, std::nullopt};
      for (std::size_t j = it->row;
           j < rows.size() && !rows[j].ends_sequence() && same_line(rows[j], rows[it->row]); ++j) {
        if (rows[j].is_stmt() && rows[j].address >= body) {
          r.after_body = rows[j].address;
          break;
        }
      }
      by_function[fn].push_back(r);
    }
  }
  std::vector<file_addr> out;
  for (const auto& [fn, runs] : by_function) {
    if (fn != nullptr && line != requested && slid_into_later_function(*fn, files, requested))
      continue;
    // A run that starts in the prologue moves past it when it can; a run
    // wholly inside the prologue is kept only if the function has no other.
    const bool has_body_address = std::any_of(
        runs.begin(), runs.end(), [](const run& r) { return r.after_body.has_value(); });
    for (const auto& r : runs) {
      if (r.after_body)
        out.push_back({*r.after_body});
      else if (!has_body_address)
        out.push_back({r.first});
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

line_resolution source_index::resolve(std::string_view path, std::uint32_t line) const {
  line_resolution result;
  const auto files = matching_files(path);
  if (files.empty()) {
    result.result = line_resolution::status::file_not_found;
    return result;
  }
  result.path = files_.path(files.front());

  // The nearest line at or after the request with code in any matched file.
  // If the slide to it crossed into a later function, there is no code: we
  // do not slide further.
  std::vector<std::uint32_t> candidates;
  for (auto file : files) {
    auto it = std::lower_bound(stmts_.begin(), stmts_.end(), stmt_ref{file, line, 0});
    if (it != stmts_.end() && it->file == file) candidates.push_back(it->line);
  }
  std::sort(candidates.begin(), candidates.end());
  if (!candidates.empty()) {
    const auto next = candidates.front();
    auto addresses = addresses_of(files, next, line);
    if (!addresses.empty()) {
      result.result = line_resolution::status::ok;
      result.actual_line = next;
      result.addresses = std::move(addresses);
      for (auto file : files) {
        auto it = std::lower_bound(stmts_.begin(), stmts_.end(), stmt_ref{file, next, 0});
        if (it != stmts_.end() && it->file == file && it->line == next) {
          result.path = files_.path(file);
          break;
        }
      }
      return result;
    }
  }
  result.result = line_resolution::status::no_code;
  return result;
}

}  // namespace int3::dwarf
