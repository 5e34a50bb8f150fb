#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/error.hpp"
#include "dwarf/line_header_check.hpp"
#include "tests/support/markers.hpp"

using namespace int3;
using Catch::Matchers::Contains;

namespace {

// Builds a 32-bit-offset line-program unit: the length fields are patched in
// by finish(), so a test writes only the parts it means to corrupt.
class unit_builder {
 public:
  explicit unit_builder(std::uint16_t version) : version_(version) {
    u32(0);  // unit_length, patched
    u16(version);
    if (version >= 5) bytes({8, 0});  // address size, segment selector size
    u32(0);                           // header_length, patched
    header_start_ = out_.size();
    bytes({1});                    // minimum_instruction_length
    if (version >= 4) bytes({1});  // maximum_operations_per_instruction
    bytes({1, 0xfb, 14, 13});      // default_is_stmt, line_base, line_range, opcode_base
    bytes({0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1});  // standard_opcode_lengths
  }

  unit_builder& bytes(std::initializer_list<unsigned> list) {
    for (auto b : list) out_.push_back(static_cast<std::byte>(b));
    return *this;
  }
  unit_builder& u16(std::uint16_t v) { return bytes({v & 0xffu, unsigned{v} >> 8}); }
  unit_builder& u32(std::uint32_t v) {
    return bytes({v & 0xffu, (v >> 8) & 0xffu, (v >> 16) & 0xffu, v >> 24});
  }
  unit_builder& str(const std::string& s) {
    for (char c : s) out_.push_back(static_cast<std::byte>(c));
    return bytes({0});
  }

  // The unit with its header ending here, followed by a one-byte program.
  std::vector<std::byte> finish() {
    patch(header_start_ - 4, static_cast<std::uint32_t>(out_.size() - header_start_));
    bytes({0x01});  // DW_LNS_copy
    patch(0, static_cast<std::uint32_t>(out_.size() - 4));
    return out_;
  }

 private:
  void patch(std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_[at + i] = static_cast<std::byte>((v >> (8 * i)) & 0xff);
  }
  std::uint16_t version_;
  std::size_t header_start_ = 0;
  std::vector<std::byte> out_;
};

constexpr unsigned lnct_path = 1, lnct_directory_index = 2;
constexpr unsigned form_string = 0x08, form_udata = 0x0f, form_line_strp = 0x1f;

// DWARF 5 tables: `dirs` directory names, then files (name, directory index).
unit_builder& v5_tables(unit_builder& u, std::initializer_list<const char*> dirs,
                        std::initializer_list<std::pair<const char*, unsigned>> files) {
  u.bytes({1, lnct_path, form_string, static_cast<unsigned>(dirs.size())});
  for (const char* d : dirs) u.str(d);
  u.bytes({2, lnct_path, form_string, lnct_directory_index, form_udata,
           static_cast<unsigned>(files.size())});
  for (const auto& [name, dir] : files) u.str(name).bytes({dir});
  return u;
}

std::string check_error(const std::vector<std::byte>& line,
                        const std::vector<std::byte>& line_str = {}) {
  try {
    dwarf::check_line_header({line, {}, line_str}, 0, "test");
  } catch (const dwarf::error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("line header check accepts well-formed DWARF 4 and 5 headers", "[dwarf][line_header]") {
  unit_builder v5(5);
  CHECK(check_error(v5_tables(v5, {"/src"}, {{"a.c", 0}, {"b.h", 0}}).finish()) == "no error");
  unit_builder v4(4);
  v4.str("/inc").str("").str("a.c").bytes({0, 0, 0}).str("b.h").bytes({1, 0, 0}).bytes({0});
  CHECK(check_error(v4.finish()) == "no error");
}

TEST_CASE("line header check accepts every unit gcc and clang wrote", "[dwarf][line_header]") {
  for (const char* name :
       {"loop_gcc_O0_pie_d5", "loop_clang_O2_nopie_d4", "shapes_gcc_O0_pie_d5"}) {
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    dwarf::line_header_sections s;
    s.debug_line = elf->section_data(".debug_line").value();
    s.debug_str = elf->section_data(".debug_str").value_or(std::span<const std::byte>{});
    s.debug_line_str = elf->section_data(".debug_line_str").value_or(std::span<const std::byte>{});
    std::size_t units = 0;
    for (std::uint64_t offset = 0; offset < s.debug_line.size(); ++units) {
      INFO(name << " unit at " << offset);
      CHECK_NOTHROW(dwarf::check_line_header(s, offset, name));
      std::uint32_t length = 0;
      std::memcpy(&length, s.debug_line.data() + offset, 4);
      offset += 4 + std::uint64_t{length};
    }
    CHECK(units >= 1);
  }
}

TEST_CASE("line header check rejects what libdwarf would read wild on", "[dwarf][line_header]") {
  SECTION("a file in a directory that does not exist") {
    unit_builder u(5);
    CHECK_THAT(check_error(v5_tables(u, {"/src"}, {{"a.c", 1}}).finish()),
               Contains("directory that does not exist"));
  }
  SECTION("files but an empty directory table (the fuzzer's wild read)") {
    unit_builder u(5);
    CHECK_THAT(check_error(v5_tables(u, {}, {{"a.c", 0}}).finish()),
               Contains("no directory entry"));
  }
  SECTION("a DWARF 4 file entry past the include directories") {
    unit_builder u(4);
    u.str("/inc").str("").str("a.c").bytes({2, 0, 0}).bytes({0});
    CHECK_THAT(check_error(u.finish()), Contains("directory that does not exist"));
  }
  SECTION("an entry count larger than the header") {
    unit_builder u(5);
    u.bytes({1, lnct_path, form_string, 0xff, 0xff, 0xff, 0xff, 0x0f}).str("/src");
    CHECK_THAT(check_error(u.finish()), Contains("entry count larger than its header"));
  }
  SECTION("a line_strp offset past .debug_line_str") {
    unit_builder u(5);
    u.bytes({1, lnct_path, form_line_strp, 1}).u32(100);
    u.bytes({1, lnct_path, form_string, 0});
    const std::vector<std::byte> strings(8, std::byte{'x'});
    CHECK_THAT(check_error(u.finish(), strings), Contains("past the end of .debug_line_str"));
  }
  SECTION("a line_strp string without its terminating NUL") {
    unit_builder u(5);
    u.bytes({1, lnct_path, form_line_strp, 1}).u32(0);
    u.bytes({1, lnct_path, form_string, 0});
    const std::vector<std::byte> strings(8, std::byte{'x'});
    CHECK_THAT(check_error(u.finish(), strings), Contains("unterminated string"));
  }
  SECTION("entries without a path") {
    unit_builder u(5);
    u.bytes({1, lnct_directory_index, form_udata, 0, 0, 0});
    CHECK_THAT(check_error(u.finish()), Contains("have no path"));
  }
  SECTION("a unit length past the section") {
    unit_builder u(5);
    auto bytes = v5_tables(u, {"/src"}, {{"a.c", 0}}).finish();
    bytes.resize(bytes.size() - 1);
    CHECK_THAT(check_error(bytes), Contains("unit length past the end"));
  }
  SECTION("a header length past its unit") {
    unit_builder u(5);
    auto bytes = v5_tables(u, {"/src"}, {{"a.c", 0}}).finish();
    bytes[8] = std::byte{0xf0};  // header_length, after unit_length, version, sizes
    CHECK_THAT(check_error(bytes), Contains("header length past the end of its unit"));
  }
  SECTION("a header whose tables run past its length") {
    unit_builder u(5);
    auto bytes = v5_tables(u, {"/src"}, {{"a.c", 0}}).finish();
    bytes[8] = std::byte{20};
    CHECK_THAT(check_error(bytes), Contains("past the end of its header"));
  }
  SECTION("line range 0, which libdwarf divides by") {
    unit_builder u(5);
    auto bytes = v5_tables(u, {"/src"}, {{"a.c", 0}}).finish();
    bytes[16] = std::byte{0};  // line_range
    CHECK_THAT(check_error(bytes), Contains("line range 0"));
  }
}

TEST_CASE("a program whose line header names a missing directory is refused with a message",
          "[dwarf][line_header]") {
  // The fuzzer's input that made libdwarf's dwarf_srcfiles read wild.
  const std::string input = std::string(INT3_FIXTURE_SOURCE_DIR) +
                            "/../fuzz/regressions/fuzz_elf_dwarf/libdwarf_srcfiles_segv";
  auto elf = dwarf::elf_file::open(input);
  std::string message = "no error";
  try {
    dwarf::debug_info::load(*elf)->resolve_line("tiny.c", 16);
  } catch (const dwarf::error& e) {
    message = e.what();
  }
  CHECK_THAT(message,
             Contains("corrupt line table") && Contains("path entry of a non-string form"));
}
