#include "dwarf/line_header_check.hpp"

#include <libdwarf/dwarf.h>

#include <cstring>
#include <vector>

#include "dwarf/byte_reader.hpp"
#include "dwarf/error.hpp"

namespace int3::dwarf {

namespace {

struct entry_format {
  std::uint64_t content;
  std::uint64_t form;
};

class header_checker {
 public:
  header_checker(const line_header_sections& sections, std::uint64_t offset, const std::string& who)
      : sections_(sections),
        offset_(offset),
        who_(who + ": corrupt line table at .debug_line+" + std::to_string(offset) + ": ") {}

  void run() {
    if (offset_ >= sections_.debug_line.size()) fail("offset past the end of .debug_line");
    byte_reader r(sections_.debug_line.subspan(offset_), who_ + "unit length");
    std::uint64_t unit_length = r.u32();
    if (unit_length == 0xffffffff) {
      offset_size_ = 8;
      unit_length = r.u64();
    } else if (unit_length >= 0xfffffff0) {
      fail("reserved unit length");
    }
    if (unit_length > r.remaining()) fail("unit length past the end of .debug_line");
    byte_reader unit(sections_.debug_line.subspan(offset_ + r.offset(), unit_length),
                     who_ + "header past the end of its unit");
    check_unit(unit);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { error::send(who_ + what); }

  void check_unit(byte_reader& unit) {
    version_ = unit.u16();
    if (version_ < 2 || version_ > 5) fail("unsupported version " + std::to_string(version_));
    if (version_ >= 5) {
      const auto address_size = unit.u8();
      if (address_size != 4 && address_size != 8) fail("bad address size");
      if (unit.u8() != 0) fail("segment selectors are not supported");
    }
    const std::uint64_t header_length = offset_size_ == 8 ? unit.u64() : unit.u32();
    if (header_length > unit.remaining()) fail("header length past the end of its unit");
    byte_reader header(unit.take(header_length), who_ + "table past the end of its header");
    check_header(header);
  }

  void check_header(byte_reader& h) {
    h.u8();                                 // minimum_instruction_length
    if (version_ >= 4) h.u8();              // maximum_operations_per_instruction
    h.u8();                                 // default_is_stmt
    h.u8();                                 // line_base
    if (h.u8() == 0) fail("line range 0");  // special opcodes divide by it
    const auto opcode_base = h.u8();
    if (opcode_base == 0) fail("opcode base 0");
    h.skip(opcode_base - 1u);  // standard_opcode_lengths
    if (version_ >= 5)
      check_v5_tables(h);
    else
      check_v4_tables(h);
  }

  void check_v4_tables(byte_reader& h) {
    std::uint64_t directories = 0;
    while (!h.c_string().empty()) ++directories;
    while (!h.c_string().empty()) {
      // Index 0 is the compilation directory, the others count from 1.
      if (h.uleb128() > directories) fail("file entry names a directory that does not exist");
      h.uleb128();  // modification time
      h.uleb128();  // length
    }
  }

  void check_v5_tables(byte_reader& h) {
    const auto directory_formats = read_formats(h, "directory");
    const auto directories = h.uleb128();
    check_entries(h, directory_formats, directories, 0);
    const auto file_formats = read_formats(h, "file");
    const auto files = h.uleb128();
    // A file without a directory index is in directory 0, which must exist.
    if (files > 0 && directories == 0) fail("file entries but no directory entry");
    check_entries(h, file_formats, files, directories);
  }

  std::vector<entry_format> read_formats(byte_reader& h, const char* table) {
    std::vector<entry_format> formats(h.u8());
    bool has_path = false;
    for (auto& f : formats) {
      f.content = h.uleb128();
      f.form = h.uleb128();
      check_form_fits(f);
      has_path = has_path || f.content == DW_LNCT_path;
    }
    if (!has_path) fail(std::string(table) + " entries have no path");
    return formats;
  }

  void check_form_fits(const entry_format& f) const {
    const bool string_form =
        f.form == DW_FORM_string || f.form == DW_FORM_strp || f.form == DW_FORM_line_strp;
    const bool index_form =
        f.form == DW_FORM_data1 || f.form == DW_FORM_data2 || f.form == DW_FORM_udata;
    switch (f.content) {
      case DW_LNCT_path:
        if (!string_form) fail("path entry of a non-string form");
        break;
      case DW_LNCT_directory_index:
        if (!index_form) fail("directory index of an unexpected form");
        break;
      case DW_LNCT_MD5:
        if (f.form != DW_FORM_data16) fail("MD5 entry not of form data16");
        break;
      default:
        break;
    }
  }

  // Each entry takes at least one byte, so `count` is bounded by the header
  // before anything is allocated for it.
  void check_entries(byte_reader& h, const std::vector<entry_format>& formats, std::uint64_t count,
                     std::uint64_t directories) {
    if (count > h.remaining()) fail("entry count larger than its header");
    if (count > 0 && formats.empty()) fail("entries without a format");
    for (std::uint64_t i = 0; i < count; ++i) {
      for (const auto& f : formats) {
        const auto value = read_form(h, f.form);
        if (f.content == DW_LNCT_directory_index && value >= directories)
          fail("file entry names a directory that does not exist");
      }
    }
  }

  // Returns the value of constant forms (0 for the others).
  std::uint64_t read_form(byte_reader& h, std::uint64_t form) {
    switch (form) {
      case DW_FORM_string:
        h.c_string();
        return 0;
      case DW_FORM_strp:
        check_string(sections_.debug_str, offset_of(h), ".debug_str");
        return 0;
      case DW_FORM_line_strp:
        check_string(sections_.debug_line_str, offset_of(h), ".debug_line_str");
        return 0;
      case DW_FORM_udata:
        return h.uleb128();
      case DW_FORM_data1:
        return h.u8();
      case DW_FORM_data2:
        return h.u16();
      case DW_FORM_data4:
        return h.u32();
      case DW_FORM_data8:
        return h.u64();
      case DW_FORM_data16:
        h.skip(16);
        return 0;
      case DW_FORM_block:
        h.skip(h.uleb128());
        return 0;
      default:
        fail("unsupported form " + std::to_string(form) + " in an entry format");
    }
  }

  std::uint64_t offset_of(byte_reader& h) const { return offset_size_ == 8 ? h.u64() : h.u32(); }

  void check_string(std::span<const std::byte> section, std::uint64_t at, const char* name) const {
    if (at >= section.size()) fail(std::string("string offset past the end of ") + name);
    if (std::memchr(section.data() + at, 0, section.size() - at) == nullptr)
      fail(std::string("unterminated string in ") + name);
  }

  const line_header_sections& sections_;
  std::uint64_t offset_;
  std::string who_;
  unsigned version_ = 0;
  unsigned offset_size_ = 4;
};

}  // namespace

void check_line_header(const line_header_sections& sections, std::uint64_t offset,
                       const std::string& who) {
  header_checker(sections, offset, who).run();
}

}  // namespace int3::dwarf
