#include "dwarf/libdwarf_session.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include "dwarf/elf_file.hpp"
#include "dwarf/error.hpp"
#include "dwarf/libdwarf_object_access.hpp"

namespace int3::dwarf {

std::unique_ptr<libdwarf_session> libdwarf_session::open(const std::filesystem::path& path) {
  auto elf = elf_file::open(path);
  auto session = open(*elf);
  if (session) session->elf_ = std::move(elf);
  return session;
}

std::unique_ptr<libdwarf_session> libdwarf_session::open(const elf_file& elf) {
  auto access = std::make_unique<libdwarf_object_access>(elf);
  Dwarf_Debug dbg = nullptr;
  Dwarf_Error err = nullptr;
  int rc = dwarf_object_init_b(access->get(), nullptr, nullptr, DW_GROUPNUMBER_ANY, &dbg, &err);
  if (rc == DW_DLV_NO_ENTRY) return nullptr;
  if (rc != DW_DLV_OK) {
    std::string message = err != nullptr ? dwarf_errmsg(err) : "unknown error";
    // Without a Dwarf_Debug the error can only be released with a null dbg.
    if (err != nullptr) dwarf_dealloc_error(dbg, err);
    error::send(elf.path().string() + ": cannot read DWARF: " + message);
  }
  auto session = std::unique_ptr<libdwarf_session>(new libdwarf_session(dbg, elf.path().string()));
  session->access_ = std::move(access);
  session->borrowed_elf_ = &elf;
  return session;
}

libdwarf_session::libdwarf_session(Dwarf_Debug dbg, std::string path)
    : dbg_(dbg), path_(std::move(path)) {}

libdwarf_session::~libdwarf_session() {
  // dwarf_object_init_b's counterpart; the access object and the file it
  // reads are released after it, as members.
  dwarf_object_finish(dbg_, nullptr);
}

bool libdwarf_session::ok(int rc, Dwarf_Error& err, const char* call) const {
  if (rc == DW_DLV_OK) return true;
  if (rc == DW_DLV_NO_ENTRY) return false;
  std::string message = err != nullptr ? dwarf_errmsg(err) : "unknown error";
  if (err != nullptr) dwarf_dealloc_error(dbg_, err);
  error::send(path_ + ": corrupt DWARF (" + call + "): " + message);
}

const line_header_sections& libdwarf_session::line_sections() const {
  if (!line_sections_read_) {
    line_sections_read_ = true;
    auto bytes = [this](std::string_view name) {
      return borrowed_elf_->section_data(name).value_or(std::span<const std::byte>{});
    };
    line_sections_ = {bytes(".debug_line"), bytes(".debug_str"), bytes(".debug_line_str")};
  }
  return line_sections_;
}

void die_deleter::operator()(Dwarf_Die die) const {
  dwarf_dealloc_die(die);
}
void attribute_deleter::operator()(Dwarf_Attribute a) const {
  dwarf_dealloc_attribute(a);
}

std::uint16_t die_reader::tag() const {
  Dwarf_Half t = 0;
  Dwarf_Error err = nullptr;
  s_.ok(dwarf_tag(die_, &t, &err), err, "dwarf_tag");
  return t;
}

std::uint64_t die_reader::offset() const {
  Dwarf_Off off = 0;
  Dwarf_Error err = nullptr;
  s_.ok(dwarf_dieoffset(die_, &off, &err), err, "dwarf_dieoffset");
  return off;
}

attribute_ptr die_reader::attribute(std::uint16_t at) const {
  Dwarf_Attribute a = nullptr;
  Dwarf_Error err = nullptr;
  if (!s_.ok(dwarf_attr(die_, at, &a, &err), err, "dwarf_attr")) return nullptr;
  return attribute_ptr(a);
}

std::optional<std::string> die_reader::string(std::uint16_t at) const {
  auto a = attribute(at);
  if (!a) return std::nullopt;
  char* s = nullptr;
  Dwarf_Error err = nullptr;
  // dwarf_formstring points into the string section; nothing to free.
  if (!s_.ok(dwarf_formstring(a.get(), &s, &err), err, "dwarf_formstring")) return std::nullopt;
  return std::string(s);
}

std::optional<std::uint64_t> die_reader::unsigned_value(std::uint16_t at) const {
  auto a = attribute(at);
  if (!a) return std::nullopt;
  Dwarf_Half form = 0;
  Dwarf_Error err = nullptr;
  s_.ok(dwarf_whatform(a.get(), &form, &err), err, "dwarf_whatform");
  // libdwarf 20210528's dwarf_formudata rejects DW_FORM_implicit_const
  // (gcc's DWARF 5 decl_file/decl_line); the value lives in the abbreviation.
  if (form == DW_FORM_implicit_const) {
    Dwarf_Signed s = 0;
    if (!s_.ok(dwarf_formsdata(a.get(), &s, &err), err, "dwarf_formsdata")) return std::nullopt;
    return static_cast<std::uint64_t>(s);
  }
  Dwarf_Unsigned v = 0;
  if (!s_.ok(dwarf_formudata(a.get(), &v, &err), err, "dwarf_formudata")) return std::nullopt;
  return v;
}

std::optional<std::uint64_t> die_reader::reference(std::uint16_t at) const {
  auto a = attribute(at);
  if (!a) return std::nullopt;
  Dwarf_Off off = 0;
  Dwarf_Error err = nullptr;
  if (!s_.ok(dwarf_global_formref(a.get(), &off, &err), err, "dwarf_global_formref"))
    return std::nullopt;
  return off;
}

bool die_reader::flag(std::uint16_t at) const {
  auto a = attribute(at);
  if (!a) return false;
  Dwarf_Bool v = 0;
  Dwarf_Error err = nullptr;
  if (!s_.ok(dwarf_formflag(a.get(), &v, &err), err, "dwarf_formflag")) return false;
  return v != 0;
}

std::optional<std::uint64_t> die_reader::low_pc() const {
  Dwarf_Addr low = 0;
  Dwarf_Error err = nullptr;
  if (!s_.ok(dwarf_lowpc(die_, &low, &err), err, "dwarf_lowpc")) return std::nullopt;
  return low;
}

std::optional<std::uint64_t> die_reader::high_pc(std::uint64_t low) const {
  Dwarf_Addr high = 0;
  Dwarf_Half form = 0;
  Dwarf_Form_Class cls = DW_FORM_CLASS_UNKNOWN;
  Dwarf_Error err = nullptr;
  if (!s_.ok(dwarf_highpc_b(die_, &high, &form, &cls, &err), err, "dwarf_highpc_b"))
    return std::nullopt;
  // DWARF 4+: a constant high_pc is the length of the function.
  if (cls == DW_FORM_CLASS_CONSTANT) high += low;
  return high;
}

die_ptr die_reader::first_child() const {
  Dwarf_Die child = nullptr;
  Dwarf_Error err = nullptr;
  if (!s_.ok(dwarf_child(die_, &child, &err), err, "dwarf_child")) return nullptr;
  return die_ptr(child);
}

die_ptr die_reader::next_sibling() const {
  Dwarf_Die sib = nullptr;
  Dwarf_Error err = nullptr;
  if (!s_.ok(dwarf_siblingof_b(s_.get(), die_, true, &sib, &err), err, "dwarf_siblingof_b"))
    return nullptr;
  return die_ptr(sib);
}

}  // namespace int3::dwarf
