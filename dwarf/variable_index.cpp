#include "dwarf/variable_index.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <algorithm>

#include "dwarf/die_ranges.hpp"
#include "dwarf/die_values.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/error.hpp"
#include "dwarf/function_index.hpp"
#include "dwarf/name_mentions.hpp"
#include "dwarf/progress.hpp"
#include "dwarf/type_reader.hpp"
#include "dwarf/unit_index.hpp"

namespace int3::dwarf {

namespace {

constexpr int max_origin_depth = 16;

// "struct point" -> "point": C programmers name tagged types with the tag.
std::string_view without_tag_keyword(std::string_view name) {
  for (std::string_view keyword : {"struct ", "class ", "union ", "enum "})
    if (name.starts_with(keyword)) return name.substr(keyword.size());
  return name;
}

std::string_view last_component(std::string_view name) {
  // Template arguments may hold "::" too; a plain name never has '<' before it.
  const auto angle = name.find('<');
  const auto head = name.substr(0, angle);
  const auto colon = head.rfind("::");
  return colon == std::string_view::npos ? name : name.substr(colon + 2);
}

bool same_family(type_kind a, type_kind b) {
  auto aggregate = [](type_kind k) { return k == type_kind::structure || k == type_kind::class_; };
  return a == b || (aggregate(a) && aggregate(b));
}

}  // namespace

variable_index::variable_index(const libdwarf_session* session,
                               const std::vector<unit_record>& units, const file_table& files,
                               const function_index& functions, const name_mentions* mentions)
    : s_(session), records_(units), files_(files), functions_(functions), mentions_(mentions) {}

variable_index::~variable_index() = default;

type_graph& variable_index::types() const {
  if (!types_)
    types_ = std::make_unique<type_graph>(
        *s_, [this](std::uint64_t offset) -> const unit_index& { return unit(offset); });
  return *types_;
}

const unit_index& variable_index::unit(std::uint64_t die_offset) const {
  auto& slot = units_[die_offset];
  if (!slot) {
    std::vector<std::uint32_t> files;
    for (const auto& r : records_)
      if (r.die_offset == die_offset) files = r.files;
    try {
      slot = unit_index::build(*s_, die_offset, std::move(files));
    } catch (...) {
      units_.erase(die_offset);  // no half-built unit in the cache
      throw;
    }
  }
  return *slot;
}

const unit_index& variable_index::unit_of(Dwarf_Die die) const {
  return unit(unit_offset_of(*s_, die));
}

std::span<const std::byte> variable_index::section(std::string_view name) const {
  // libdwarf decodes list entries but not to raw expression bytes; read the
  // section ourselves from a mapping of the same file.
  if (!elf_) elf_ = elf_file::open(s_->path());
  auto data = elf_->section_data(name);
  if (!data)
    error::send(s_->path() + ": a location list points into a missing " + std::string(name) +
                " section");
  return *data;
}

std::optional<std::string> variable_index::file_path(const unit_index& u,
                                                     std::uint64_t file_number) const {
  auto id = u.file(file_number);
  if (!id) return std::nullopt;
  return files_.path(*id);
}

std::string variable_index::qualified_name(std::uint64_t die) const {
  return qualified_name(die, nullptr);
}

std::string variable_index::qualified_name(std::uint64_t die, const unit_index* walked) const {
  for (int depth = 0; depth < max_origin_depth; ++depth) {
    auto d = die_at(*s_, die);
    if (!d) break;
    die_reader r(*s_, d.get());
    if (auto name = r.string(DW_AT_name)) {
      // A DIE of the unit the caller just walked takes its scope from there,
      // not from a full walk of the unit.
      if (walked && unit_offset_of(*s_, d.get()) == walked->die_offset())
        return walked->scope_of(die) + *name;
      return unit_of(d.get()).scope_of(die) + *name;
    }
    auto next = r.reference(DW_AT_specification);
    if (!next) next = r.reference(DW_AT_abstract_origin);
    if (!next) break;
    die = *next;
  }
  return {};
}

std::vector<const unit_index*> variable_index::units_at(std::uint64_t pc) const {
  if (!spans_) {
    range_map<std::uint64_t> spans;
    for (const auto& r : records_) {
      auto die = die_at(*s_, r.die_offset);
      if (!die) continue;
      const auto base = die_reader(*s_, die.get()).low_pc().value_or(0);
      for (const auto& range : read_die_ranges(*s_, die.get(), r.version, base))
        if (range.low.value != 0) spans.add(range, r.die_offset);  // 0: discarded code
    }
    spans_ = std::move(spans);
  }
  std::vector<std::uint64_t> offsets;
  spans_->for_each_containing(pc, [&](const address_range&, std::uint64_t unit_die) {
    if (std::find(offsets.begin(), offsets.end(), unit_die) == offsets.end())
      offsets.push_back(unit_die);
  });
  // Unit order, so the answer does not depend on how ranges sorted.
  std::sort(offsets.begin(), offsets.end());
  std::vector<const unit_index*> out;
  for (auto offset : offsets) out.push_back(&unit(offset));
  return out;
}

std::optional<frame_scopes> variable_index::inline_frames_at(file_addr pc) const {
  if (!s_) return std::nullopt;
  const auto* fn = functions_.at(pc);
  if (!fn || fn->die_offset == 0) return std::nullopt;
  if (auto full = functions_read_.find(fn->die_offset); full != functions_read_.end())
    return full->second.frame_at(pc.value);
  auto it = frames_read_.find(fn->die_offset);
  if (it == frames_read_.end())
    it = frames_read_
             .emplace(fn->die_offset, function_scopes::read(*this, fn->die_offset, fn->name, false))
             .first;
  return it->second.frame_at(pc.value);
}

std::optional<frame_scopes> variable_index::scopes_at(file_addr pc) const {
  if (!s_) return std::nullopt;
  // The innermost function holding pc, as function_reader found it when
  // the unit was loaded: no second walk over the unit's DIEs.
  const auto* fn = functions_.at(pc);
  if (!fn || fn->die_offset == 0) return std::nullopt;
  auto it = functions_read_.find(fn->die_offset);
  if (it == functions_read_.end())
    it = functions_read_
             .emplace(fn->die_offset, function_scopes::read(*this, fn->die_offset, fn->name))
             .first;
  return it->second.frame_at(pc.value);
}

const std::vector<stored_variable>& variable_index::globals_of(const unit_index& u) const {
  auto it = globals_.find(u.die_offset());
  if (it != globals_.end()) return it->second;
  std::vector<stored_variable> out;
  for (auto offset : u.globals()) {
    auto die = die_at(*s_, offset);
    if (!die) continue;
    if (auto v = read_variable(*this, die.get())) out.push_back(std::move(*v));
  }
  return globals_.emplace(u.die_offset(), std::move(out)).first->second;
}

std::vector<variable_info> variable_index::unit_globals(file_addr pc) const {
  std::vector<variable_info> out;
  if (!s_) return out;
  auto units = units_at(pc.value);
  if (units.empty()) return out;
  for (const auto& v : globals_of(*units.front())) out.push_back(v.at(pc.value));
  return out;
}

const variable_index::name_index& variable_index::names(const name_groups& wanted) const {
  if (!names_) {
    names_ = std::make_unique<name_index>();
    names_->indexed.assign(records_.size(), false);
  }
  auto& index = *names_;
  std::optional<std::vector<std::uint32_t>> candidates;
  if (mentions_) candidates = mentions_->units_mentioning(wanted);
  std::vector<std::size_t> todo;
  if (candidates) {
    for (auto id : *candidates)
      if (id < records_.size() && !index.indexed[id]) todo.push_back(id);
  } else {
    for (std::size_t i = 0; i < records_.size(); ++i)
      if (!index.indexed[i]) todo.push_back(i);
  }
  if (todo.empty()) return index;
  progress_scope progress("Indexing global names", todo.size());
  for (std::size_t i = 0; i < todo.size(); ++i) {
    index_names(todo[i], index);
    progress.advance(i + 1);
  }
  return index;
}

void variable_index::index_names(std::size_t record, name_index& index) const {
  const auto& r = records_[record];
  // Units not read yet are walked and not kept: most of them the session
  // will never stop in.
  std::unique_ptr<unit_index> light;
  const unit_index* walked = nullptr;
  if (auto it = units_.find(r.die_offset); it != units_.end() && it->second) {
    walked = it->second.get();
  } else {
    light = unit_index::build(*s_, r.die_offset, r.files);
    walked = light.get();
  }
  const auto& u = *walked;
  // Collected first, so a unit that throws half-way leaves nothing behind.
  std::vector<std::string> globals;
  for (auto offset : u.globals()) {
    const auto name = qualified_name(offset, walked);
    if (name.empty()) continue;
    globals.push_back(name);
    const auto plain = last_component(name);
    if (plain.size() != name.size()) globals.emplace_back(plain);
  }
  for (auto& name : globals) index.globals.emplace(std::move(name), u.die_offset());
  for (const auto& [name, die] : u.type_definitions()) index.types.emplace(name, die);
  index.indexed[record] = true;
}

std::vector<variable_info> variable_index::globals_named(std::string_view name) const {
  std::vector<variable_info> out;
  if (!s_) return out;
  auto [first, last] = names(key_patterns(name)).globals.equal_range(std::string(name));
  std::vector<std::uint64_t> units;
  for (auto it = first; it != last; ++it)
    if (std::find(units.begin(), units.end(), it->second) == units.end())
      units.push_back(it->second);
  // Unit order, however many units the index holds.
  std::sort(units.begin(), units.end());
  for (auto offset : units)
    for (const auto& v : globals_of(unit(offset)))
      if (v.info.name == name || last_component(v.info.name) == name)
        out.push_back(v.at(std::nullopt));
  // Exact qualified matches before names found by their last component.
  std::stable_partition(out.begin(), out.end(),
                        [name](const variable_info& v) { return v.name == name; });
  return out;
}

const type_info* variable_index::find_type(std::string_view name) const {
  if (!s_) return nullptr;
  const auto key = without_tag_keyword(name);
  const bool tagged = key.size() != name.size();
  auto [first, last] = names(type_patterns(key)).types.equal_range(std::string(key));
  // Earliest unit first, for a stable answer when several units define it.
  std::vector<std::uint64_t> dies;
  for (auto it = first; it != last; ++it) dies.push_back(it->second);
  std::sort(dies.begin(), dies.end());
  for (auto die : dies) {
    const auto* t = types().get(die);
    // "struct point" asks for the tagged type, not `typedef struct point point`.
    if (!tagged || t->kind != type_kind::typedef_) return t;
  }
  return nullptr;
}

const type_info* variable_index::complete_type(const type_info* t) const {
  if (!t || !t->is_declaration || !s_) return t;
  const auto key = types().lookup_key(t);
  if (key.empty()) return t;
  auto [first, last] = names(type_patterns(key)).types.equal_range(key);
  // Earliest unit first, as find_type.
  std::vector<std::uint64_t> dies;
  for (auto it = first; it != last; ++it) dies.push_back(it->second);
  std::sort(dies.begin(), dies.end());
  for (auto die : dies) {
    const auto* candidate = types().get(die);
    if (!candidate->is_declaration && same_family(candidate->kind, t->kind)) return candidate;
  }
  return t;
}

}  // namespace int3::dwarf
