// Which units can carry a name (dwarf/name_mentions.hpp), found from the
// raw bytes of .debug_str, .debug_info and .debug_str_offsets: every unit
// that defines a function, an inlined copy, a global or a type must be among
// the candidates for its name, a name nobody defines must have none, and
// lookups through the filter must answer as lookups that read every unit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/die_values.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/function_names.hpp"
#include "dwarf/inline_instances.hpp"
#include "dwarf/libdwarf_session.hpp"
#include "dwarf/name_mentions.hpp"
#include "dwarf/program_index.hpp"
#include "dwarf/unit_index.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/dwarf/loaded_program.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

namespace {

const std::string names_dir = INT3_DWARF_NAMES_DIR;
const std::vector<std::string> names_builds = {"names_gcc_O2_d4", "names_gcc_O0_d5",
                                               "names_clang_O2_d5", "names_clang_O0_d4"};

// Multi-unit builds first, then single-unit fixtures of both compilers,
// both DWARF versions, -O0 and -O2.
const std::string lto_build = names_dir + "/names_gcc_O2_lto";

std::vector<std::string> binaries() {
  std::vector<std::string> out;
  for (const auto& n : names_builds) out.push_back(names_dir + "/" + n);
  out.push_back(lto_build);
  out.push_back(INT3_DWARF_SPLIT_FIXTURE);
  out.push_back(INT3_DWARF_SPLIT_GCC_FIXTURE);
  for (const char* f : {"funcs_gcc_O2", "funcs_clang_O0", "loop_gcc_O0_pie_d4",
                        "loop_clang_O2_nopie_d5", "loop_gcc_O2_nopie_d5", "loop_clang_O0_pie_d4"})
    out.push_back(test::fixture_binary(f));
  return out;
}

struct program {
  std::unique_ptr<dwarf::elf_file> elf;
  std::unique_ptr<dwarf::program_index> index;  // every unit read

  explicit program(const std::string& path)
      : elf(dwarf::elf_file::open(path)), index(dwarf::program_index::build(*elf)) {}

  std::vector<std::uint32_t> candidates(const dwarf::name_groups& patterns) const {
    auto found = index->mentions->units_mentioning(patterns);
    REQUIRE(found.has_value());  // none of these fixtures defeats the filter
    return *found;
  }
  // The unit holding the DIE at `offset`.
  std::uint32_t unit_of(std::uint64_t offset) const {
    std::uint32_t best = 0;
    for (std::uint32_t id = 0; id < index->units.size(); ++id)
      if (index->units[id].die_offset <= offset) best = id;
    return best;
  }
};

bool holds(const std::vector<std::uint32_t>& units, std::uint32_t id) {
  return std::find(units.begin(), units.end(), id) != units.end();
}

// Every DW_AT_name / DW_AT_linkage_name as binutils' readelf (not libdwarf)
// prints it, with the demangled forms and their `::` parts: the names a user
// may ask for.
std::set<std::string> readelf_names(const std::string& binary) {
  std::set<std::string> out;
  std::istringstream in(
      test::run_command("readelf --debug-dump=info '" + binary + "' 2>/dev/null"));
  std::string line;
  while (std::getline(in, line)) {
    auto at = line.find("DW_AT_name");
    if (at == std::string::npos) at = line.find("linkage_name");
    if (at == std::string::npos) continue;
    auto colon = line.find(": ", at);
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 2);
    // "(indirect string, offset: 0x1a): main", "(indexed string: 0x3): f"
    if (value.starts_with("(") && value.find("): ") != std::string::npos)
      value = value.substr(value.find("): ") + 3);
    while (!value.empty() && value.back() == ' ') value.pop_back();
    if (value.empty() || value.find('/') != std::string::npos) continue;  // file names
    out.insert(value);
    if (auto demangled = dwarf::demangle(value); !demangled.empty()) {
      const auto name = dwarf::strip_signature(demangled);
      out.insert(name);
      auto parts = dwarf::split_qualified(name);
      out.insert(parts.back());
    }
  }
  return out;
}

constexpr std::uint16_t dw_at_name = 0x03;
constexpr std::uint16_t dw_at_specification = 0x47;

// A global's name as variable_index spells it: its scope and the name of the
// DIE or of its specification.
std::string global_name(const dwarf::libdwarf_session& s, const dwarf::unit_index& u,
                        std::uint64_t offset) {
  auto at = offset;
  for (int hops = 0; hops < 4; ++hops) {
    auto die = dwarf::die_at(s, at);
    dwarf::die_reader d(s, die.get());
    if (auto name = d.string(dw_at_name)) return u.scope_of(at) + *name;
    auto next = d.reference(dw_at_specification);
    if (!next) break;
    at = *next;
  }
  return {};
}

using function_key = std::tuple<std::uint64_t, std::string, std::string>;

std::vector<function_key> keys(const std::vector<const dwarf::function_info*>& fns) {
  std::vector<function_key> out;
  for (const auto* fn : fns) out.emplace_back(fn->entry.value, fn->name, fn->linkage_name);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint64_t> sorted(std::vector<dwarf::file_addr> entries) {
  std::vector<std::uint64_t> out;
  for (auto e : entries) out.push_back(e.value);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> global_names(const std::vector<dwarf::variable_info>& vars) {
  std::vector<std::string> out;
  for (const auto& v : vars) out.push_back(v.name);
  return out;
}

// Every lookup by `name` through the filter, on a program nothing was read
// of yet, against the same lookup on `full`, which searches every unit.
void compare_with_every_unit(const std::string& binary, const dwarf::debug_info& full,
                             const std::string& name) {
  INFO("name: " << name);
  dwarf::function_name_query query(name);
  {
    auto lazy = test::load_program(binary, false);
    auto want = full.functions_matching(query);
    auto got = lazy.info->functions_matching(query);
    CHECK(keys(got) == keys(want));
    CHECK(sorted(lazy.info->inlined_entries(query, got)) ==
          sorted(full.inlined_entries(query, want)));
  }
  {
    auto lazy = test::load_program(binary, false);
    CHECK(keys(lazy.info->functions_named(name)) == keys(full.functions_named(name)));
  }
  {
    // Inlined copies alone: no out-of-line copy to find their file by.
    auto lazy = test::load_program(binary, false);
    CHECK(sorted(lazy.info->inlined_entries(query, {})) == sorted(full.inlined_entries(query, {})));
  }
  {
    auto lazy = test::load_program(binary, false);
    CHECK(global_names(lazy.info->globals_named(name)) == global_names(full.globals_named(name)));
    const auto* want = full.find_type(name);
    const auto* got = lazy.info->find_type(name);
    REQUIRE((got == nullptr) == (want == nullptr));
    if (want) {
      CHECK(got->name == want->name);
      CHECK(got->die_offset == want->die_offset);
    }
  }
}

}  // namespace

TEST_CASE("every unit defining a function, global or type is a candidate for its name",
          "[dwarf][mentions]") {
  for (const auto& binary : binaries()) {
    INFO(binary);
    program p(binary);
    REQUIRE_FALSE(p.index->units.empty());
    std::size_t checked = 0;
    for (const auto& fn : p.index->functions.all()) {
      if (fn.die_offset == 0) continue;
      INFO("function " << fn.name << " / " << fn.linkage_name);
      const auto unit = p.unit_of(fn.die_offset);
      for (const auto& key : {fn.name, fn.linkage_name}) {
        if (key.empty()) continue;
        CHECK(holds(p.candidates(dwarf::key_patterns(key)), unit));
        ++checked;
      }
      CHECK(
          holds(p.candidates(dwarf::function_patterns(dwarf::function_name_query(fn.name))), unit));
    }
    const auto& s = *p.index->session;
    for (std::uint32_t id = 0; id < p.index->units.size(); ++id) {
      const auto& r = p.index->units[id];
      auto u = dwarf::unit_index::build(s, r.die_offset, r.files);
      for (auto offset : u->globals()) {
        const auto name = global_name(s, *u, offset);
        if (name.empty()) continue;
        INFO("global " << name);
        CHECK(holds(p.candidates(dwarf::key_patterns(name)), id));
        ++checked;
      }
      for (const auto& [name, die] : u->type_definitions()) {
        INFO("type " << name);
        CHECK(holds(p.candidates(dwarf::type_patterns(name)), id));
        ++checked;
      }
    }
    CHECK(checked > 0);
  }
}

TEST_CASE("every unit holding an inlined copy is a candidate for the copy's name",
          "[dwarf][mentions]") {
  std::size_t inlined = 0;
  for (const auto& binary : binaries()) {
    INFO(binary);
    program p(binary);
    const auto names = readelf_names(binary);
    REQUIRE_FALSE(names.empty());
    for (std::uint32_t id = 0; id < p.index->units.size(); ++id) {
      const auto& r = p.index->units[id];
      dwarf::inline_instances copies;
      copies.read_unit(*p.index->session, r.die_offset, r.version);
      inlined += copies.size();
      if (copies.size() == 0) continue;
      for (const auto& name : names) {
        dwarf::function_name_query query(name);
        if (copies.matching(query).empty()) continue;
        INFO("inlined " << name << " in unit " << id);
        CHECK(holds(p.candidates(dwarf::inline_patterns(query)), id));
      }
    }
  }
  CHECK(inlined > 0);  // the -O2 builds inline geo::sq and geo::twice
}

TEST_CASE("a name no unit carries has no candidate unit; one unit's name only that unit",
          "[dwarf][mentions]") {
  for (const auto& binary : binaries()) {
    if (binary == lto_build) continue;  // its units refer to each other: below
    INFO(binary);
    program p(binary);
    for (const char* absent : {"no_such_function", "zz::not_here", "qqqq", "nowhere_t"}) {
      INFO(absent);
      dwarf::function_name_query query(absent);
      CHECK(p.candidates(dwarf::key_patterns(absent)).empty());
      CHECK(p.candidates(dwarf::function_patterns(query)).empty());
      CHECK(p.candidates(dwarf::inline_patterns(query)).empty());
      CHECK(p.candidates(dwarf::type_patterns(absent)).empty());
    }
  }
  for (const auto& build : names_builds) {
    INFO(build);
    program p(names_dir + "/" + build);
    REQUIRE(p.index->units.size() == 3);
    // names_a, names_b, names_c in link order; each name below lives in one.
    auto only = [&](const dwarf::name_groups& patterns) {
      auto units = p.candidates(patterns);
      return units.size() == 1 ? static_cast<int>(units.front()) : -1;
    };
    CHECK(only(dwarf::key_patterns("lone")) == 2);
    CHECK(only(dwarf::type_patterns("lone_t")) == 2);
    CHECK(only(dwarf::key_patterns("geo::detail::registry_size")) == 1);
    CHECK(only(dwarf::type_patterns("only_b")) == 1);
    // gcc writes f inline (DW_FORM_string); the bytes "f\0" may occur in
    // other units too, which only adds candidates.
    CHECK(holds(p.candidates(dwarf::key_patterns("f")), 0));
    CHECK(holds(p.candidates(dwarf::key_patterns("scale")), 1));
    // The units using sq mention it; a scope no unit names rules them out.
    const auto sq = p.candidates(dwarf::function_patterns(dwarf::function_name_query("geo::sq")));
    CHECK(holds(sq, 0));
    CHECK(holds(sq, 1));
    CHECK(
        p.candidates(dwarf::function_patterns(dwarf::function_name_query("nowhere::sq"))).empty());
    CHECK(p.candidates(dwarf::inline_patterns(dwarf::function_name_query("nowhere::sq"))).empty());
  }
}

TEST_CASE("lookups through the filter answer as lookups that read every unit",
          "[dwarf][mentions]") {
  for (const auto& binary : binaries()) {
    INFO(binary);
    auto full = test::load_program(binary, true);
    std::vector<std::string> names = {"no_such_function", "geo::nowhere", "struct nowhere_t"};
    program p(binary);
    for (const auto& fn : p.index->functions.all()) names.push_back(fn.name);
    const auto from_readelf = readelf_names(binary);
    names.insert(names.end(), from_readelf.begin(), from_readelf.end());
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    // Big C++ fixtures name thousands of library entities: every 7th of
    // those keeps the test short; small programs are checked name by name.
    const std::size_t step = names.size() > 400 ? 7 : 1;
    for (std::size_t i = 0; i < names.size(); i += step)
      compare_with_every_unit(binary, *full.info, names[i]);
    for (const char* name : {"geo::counter", "counter", "geo::detail::registry_size", "ratio",
                             "lone", "f", "geo::point", "struct lone_t", "only_b", "sq",
                             "geo::twice", "twice<int>", "scale", "lonely", "main"})
      compare_with_every_unit(binary, *full.info, name);
  }
}

TEST_CASE("units whose DIEs may take names from other units are candidates for every name",
          "[dwarf][mentions]") {
  program p(lto_build);
  // gcc's LTO units point into each other (DW_FORM_ref_addr): a DIE's name
  // may be another unit's string, so such units are always searched.
  const auto always = p.candidates(dwarf::key_patterns("no_such_function"));
  REQUIRE_FALSE(always.empty());
  for (const char* name : {"lone", "geo::sq", "qqqq"})
    for (auto id : always) CHECK(holds(p.candidates(dwarf::key_patterns(name)), id));
}
