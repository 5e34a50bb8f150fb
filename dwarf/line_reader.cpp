#include "dwarf/line_reader.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <utility>

namespace int3::dwarf {

namespace {

struct line_context_deleter {
  void operator()(Dwarf_Line_Context c) const { dwarf_srclines_dealloc_b(c); }
};
using line_context_ptr =
    std::unique_ptr<std::remove_pointer_t<Dwarf_Line_Context>, line_context_deleter>;

// Reads one Dwarf_Line; file numbers are mapped to ids by the caller.
class row_reader {
 public:
  row_reader(const libdwarf_session& s, const std::string& comp_dir, file_table& files)
      : s_(s), comp_dir_(comp_dir), files_(files) {}

  line_row read(Dwarf_Line line) {
    Dwarf_Error err = nullptr;
    line_row row;
    Dwarf_Addr address = 0;
    s_.ok(dwarf_lineaddr(line, &address, &err), err, "dwarf_lineaddr");
    row.address = address;
    Dwarf_Unsigned number = 0;
    s_.ok(dwarf_lineno(line, &number, &err), err, "dwarf_lineno");
    row.line = clamp32(number);
    Dwarf_Unsigned column = 0;
    s_.ok(dwarf_lineoff_b(line, &column, &err), err, "dwarf_lineoff_b");
    row.column = clamp32(column);
    Dwarf_Bool flag = 0;
    s_.ok(dwarf_linebeginstatement(line, &flag, &err), err, "dwarf_linebeginstatement");
    if (flag) row.flags |= line_row::stmt;
    s_.ok(dwarf_lineendsequence(line, &flag, &err), err, "dwarf_lineendsequence");
    if (flag) row.flags |= line_row::end_sequence;
    Dwarf_Bool prologue_end = 0, epilogue_begin = 0;
    Dwarf_Unsigned isa = 0, discriminator = 0;
    s_.ok(dwarf_prologue_end_etc(line, &prologue_end, &epilogue_begin, &isa, &discriminator, &err),
          err, "dwarf_prologue_end_etc");
    if (prologue_end) row.flags |= line_row::prologue_end;
    row.file = file_id(line);
    return row;
  }

 private:
  static std::uint32_t clamp32(Dwarf_Unsigned v) {
    return static_cast<std::uint32_t>(
        std::min<Dwarf_Unsigned>(v, std::numeric_limits<std::uint32_t>::max()));
  }

  // dwarf_linesrc builds (and allocates) the full name; do it once per file number.
  std::uint32_t file_id(Dwarf_Line line) {
    Dwarf_Error err = nullptr;
    Dwarf_Unsigned number = 0;
    s_.ok(dwarf_line_srcfileno(line, &number, &err), err, "dwarf_line_srcfileno");
    for (const auto& [n, id] : cache_)
      if (n == number) return id;
    char* name = nullptr;
    std::uint32_t id = no_file;
    if (s_.ok(dwarf_linesrc(line, &name, &err), err, "dwarf_linesrc")) {
      id = files_.intern(name, comp_dir_);
      dwarf_dealloc(s_.get(), name, DW_DLA_STRING);
    }
    cache_.emplace_back(number, id);
    return id;
  }

  const libdwarf_session& s_;
  const std::string& comp_dir_;
  file_table& files_;
  std::vector<std::pair<Dwarf_Unsigned, std::uint32_t>> cache_;  // few files per CU
};

// libdwarf reads wild on some corrupt headers; ours is checked first and a
// bad one rejects the unit with a dwarf::error. No DW_AT_stmt_list: libdwarf
// answers "no entry" by itself.
void check_unit_line_header(const libdwarf_session& s, Dwarf_Die cu_die) {
  if (auto offset = die_reader(s, cu_die).reference(DW_AT_stmt_list))
    check_line_header(s.line_sections(), *offset, s.path());
}

void add_sequence(std::vector<line_row>& rows, line_table& table) {
  // Code the linker discarded (unused COMDAT copies, --gc-sections) keeps its
  // line rows with addresses relocated to 0: they describe nothing loaded.
  if (!rows.empty() && rows.front().address != 0) {
    auto body_end = rows.end() - (rows.back().ends_sequence() ? 1 : 0);
    std::stable_sort(rows.begin(), body_end,
                     [](const line_row& a, const line_row& b) { return a.address < b.address; });
    table.add_sequence(rows);
  }
  rows.clear();
}

}  // namespace

bool read_cu_lines(const libdwarf_session& s, Dwarf_Die cu_die, const std::string& comp_dir,
                   file_table& files, line_table& table) {
  Dwarf_Unsigned version = 0;
  Dwarf_Small table_count = 0;
  Dwarf_Line_Context raw_context = nullptr;
  Dwarf_Error err = nullptr;
  check_unit_line_header(s, cu_die);
  if (!s.ok(dwarf_srclines_b(cu_die, &version, &table_count, &raw_context, &err), err,
            "dwarf_srclines_b"))
    return false;
  line_context_ptr context(raw_context);
  Dwarf_Line* lines = nullptr;
  Dwarf_Signed count = 0;
  // Lines belong to the context: dwarf_srclines_dealloc_b frees them too.
  if (!s.ok(dwarf_srclines_from_linecontext(context.get(), &lines, &count, &err), err,
            "dwarf_srclines_from_linecontext"))
    return false;

  row_reader reader(s, comp_dir, files);
  std::vector<line_row> sequence;
  for (Dwarf_Signed i = 0; i < count; ++i) {
    // A row whose file libdwarf cannot name keeps file == no_file: it still
    // bounds its neighbours' ranges and may end the sequence.
    line_row row = reader.read(lines[i]);
    sequence.push_back(row);
    if (row.ends_sequence()) add_sequence(sequence, table);
  }
  // A program without a final end_sequence is malformed; its tail has no end.
  sequence.clear();
  return count > 0;
}

std::vector<std::uint32_t> read_cu_files(const libdwarf_session& s, Dwarf_Die cu_die,
                                         unsigned version, const std::string& comp_dir,
                                         file_table& files) {
  char** names = nullptr;
  Dwarf_Signed count = 0;
  Dwarf_Error err = nullptr;
  std::vector<std::uint32_t> ids;
  check_unit_line_header(s, cu_die);
  if (!s.ok(dwarf_srcfiles(cu_die, &names, &count, &err), err, "dwarf_srcfiles")) return ids;
  if (version < 5) ids.push_back(no_file);
  for (Dwarf_Signed i = 0; i < count; ++i) {
    ids.push_back(files.intern(names[i], comp_dir));
    dwarf_dealloc(s.get(), names[i], DW_DLA_STRING);
  }
  dwarf_dealloc(s.get(), names, DW_DLA_LIST);
  return ids;
}

}  // namespace int3::dwarf
