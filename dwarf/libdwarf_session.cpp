#include "dwarf/libdwarf_session.hpp"

#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include "dwarf/error.hpp"

namespace int3::dwarf {

std::unique_ptr<libdwarf_session> libdwarf_session::open(const std::filesystem::path& path) {
  Dwarf_Debug dbg = nullptr;
  Dwarf_Error err = nullptr;
  // No true-path buffer: we debug this file, not a debuglink target it names.
  int rc = dwarf_init_path(path.c_str(), nullptr, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY, nullptr,
                           nullptr, &dbg, nullptr, 0, nullptr, &err);
  if (rc == DW_DLV_NO_ENTRY) return nullptr;
  if (rc != DW_DLV_OK) {
    std::string message = err != nullptr ? dwarf_errmsg(err) : "unknown error";
    // Without a Dwarf_Debug the error can only be released with a null dbg.
    if (err != nullptr) dwarf_dealloc_error(dbg, err);
    error::send(path.string() + ": cannot read DWARF: " + message);
  }
  return std::unique_ptr<libdwarf_session>(new libdwarf_session(dbg, path.string()));
}

libdwarf_session::~libdwarf_session() {
  Dwarf_Error err = nullptr;
  if (dwarf_finish(dbg_, &err) != DW_DLV_OK && err != nullptr) dwarf_dealloc_error(dbg_, err);
}

bool libdwarf_session::ok(int rc, Dwarf_Error& err, const char* call) const {
  if (rc == DW_DLV_OK) return true;
  if (rc == DW_DLV_NO_ENTRY) return false;
  std::string message = err != nullptr ? dwarf_errmsg(err) : "unknown error";
  if (err != nullptr) dwarf_dealloc_error(dbg_, err);
  error::send(path_ + ": corrupt DWARF (" + call + "): " + message);
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
