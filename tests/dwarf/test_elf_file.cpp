#include <elf.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <iterator>

#include "dwarf/elf_file.hpp"
#include "dwarf/error.hpp"
#include "tests/dwarf/fixtures.hpp"
#include "tests/dwarf/readelf_oracle.hpp"
#include "tests/support/markers.hpp"

using namespace int3;
using Catch::Matchers::Contains;

namespace {

std::vector<char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& path, const void* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}

std::string open_error(const std::filesystem::path& path) {
  try {
    dwarf::elf_file::open(path);
  } catch (const dwarf::error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("elf_file reads PIE, entry and machine of every loop build", "[dwarf][elf]") {
  auto names = test::fixture_matrix("loop");
  names.push_back("loop_nodebug");
  names.push_back("loop_relative");
  for (const auto& name : names) {
    INFO(name);
    const auto path = test::fixture_binary(name);
    auto elf = dwarf::elf_file::open(path);
    CHECK(elf->path() == path);
    CHECK(elf->is_pie() == (name.find("nopie") == std::string::npos));
    CHECK(elf->machine() == EM_X86_64);
    if (test::readelf_available()) CHECK(elf->entry().value == test::readelf_entry(path));
  }
}

TEST_CASE("elf_file finds symbols by name and by address", "[dwarf][elf]") {
  for (const auto& name : {"loop_gcc_O0_pie_d5", "loop_clang_O2_nopie_d4", "loop_nodebug"}) {
    INFO(name);
    auto elf = dwarf::elf_file::open(test::fixture_binary(name));
    auto mains = elf->symbols_named("main");
    REQUIRE(mains.size() == 1);
    const auto main = mains.front();
    CHECK(main.name == "main");
    CHECK(main.size > 1);
    for (auto offset : {std::uint64_t{0}, std::uint64_t{1}, main.size - 1}) {
      auto at = elf->symbol_at(main.address + static_cast<std::int64_t>(offset));
      REQUIRE(at);
      CHECK(at->name == "main");
      CHECK(at->address == main.address);
    }
    auto past = elf->symbol_at(main.address + static_cast<std::int64_t>(main.size));
    CHECK((!past || past->name != "main"));
    auto squares = elf->symbols_named("square");
    REQUIRE(squares.size() == 1);
    CHECK(elf->symbol_at(squares.front().address)->name == "square");
    CHECK(elf->symbols_named("no_such_function").empty());
    CHECK_FALSE(elf->symbol_at(dwarf::file_addr{0}));
  }
}

TEST_CASE("elf_file sections are views with link-time addresses", "[dwarf][elf]") {
  auto elf = dwarf::elf_file::open(test::fixture_binary("loop_gcc_O0_nopie_d5"));
  auto text = elf->section_data(".text");
  REQUIRE(text);
  CHECK(!text->empty());
  auto text_address = elf->section_address(".text");
  REQUIRE(text_address);
  auto main = elf->symbols_named("main").front();
  CHECK(text_address->value <= main.address.value);
  CHECK(main.address.value < text_address->value + text->size());
  CHECK(elf->section_data(".eh_frame"));
  CHECK(elf->section_data(".debug_info"));
  CHECK_FALSE(elf->section_data(".no_such_section"));
  CHECK_FALSE(elf->section_address(".no_such_section"));
  auto bss = elf->section_data(".bss");
  REQUIRE(bss);
  CHECK(bss->empty());  // NOBITS: no file bytes
}

TEST_CASE("elf_file reads libc's dynamic symbols", "[dwarf][elf]") {
  const std::string libc = "/lib/x86_64-linux-gnu/libc.so.6";
  if (!std::filesystem::exists(libc)) {
    WARN("skipped: no " << libc);
    return;
  }
  auto elf = dwarf::elf_file::open(libc);
  CHECK(elf->is_pie());
  auto printfs = elf->symbols_named("printf");
  REQUIRE(!printfs.empty());
  auto at = elf->symbol_at(printfs.front().address);
  REQUIRE(at);
  CHECK(at->address == printfs.front().address);
}

TEST_CASE("elf_file explains files it cannot use", "[dwarf][elf]") {
  test::temp_dir dir;

  SECTION("missing file") {
    auto path = dir.path() / "missing";
    CHECK_THAT(open_error(path), Contains(path.string() + ": no such file"));
  }
  SECTION("directory") {
    CHECK_THAT(open_error(dir.path()), Contains("not a regular file"));
  }
  SECTION("empty file") {
    auto path = dir.path() / "empty";
    write_bytes(path, "", 0);
    CHECK_THAT(open_error(path), Contains(path.string() + ": not an ELF file"));
  }
  SECTION("text file") {
    auto path = dir.path() / "notes.txt";
    const std::string text = "just some text, long enough to hold an ELF header and more......\n";
    write_bytes(path, text.data(), text.size());
    CHECK_THAT(open_error(path), Contains(path.string() + ": not an ELF file"));
  }
  SECTION("32-bit ELF") {
    Elf32_Ehdr h{};
    std::memcpy(h.e_ident, ELFMAG, SELFMAG);
    h.e_ident[EI_CLASS] = ELFCLASS32;
    h.e_ident[EI_DATA] = ELFDATA2LSB;
    h.e_ident[EI_VERSION] = EV_CURRENT;
    h.e_type = ET_EXEC;
    h.e_machine = EM_386;
    h.e_version = EV_CURRENT;
    h.e_ehsize = sizeof h;
    auto path = dir.path() / "elf32";
    write_bytes(path, &h, sizeof h);
    CHECK_THAT(open_error(path), Contains(path.string() + ": 32-bit ELF files are not supported"));
  }
  SECTION("other machine") {
    auto bytes = read_bytes(test::fixture_binary("loop_gcc_O0_pie_d5"));
    Elf64_Ehdr h;
    std::memcpy(&h, bytes.data(), sizeof h);
    h.e_machine = EM_AARCH64;
    std::memcpy(bytes.data(), &h, sizeof h);
    auto path = dir.path() / "arm64";
    write_bytes(path, bytes.data(), bytes.size());
    CHECK_THAT(open_error(path),
               Contains(path.string() + ": built for AArch64, int3 debugs x86-64 programs"));
  }
  SECTION("truncated copies") {
    auto bytes = read_bytes(test::fixture_binary("loop_gcc_O0_pie_d5"));
    for (std::size_t size : {std::size_t{20}, sizeof(Elf64_Ehdr) - 1, bytes.size() / 2}) {
      INFO(size);
      auto path = dir.path() / ("truncated_" + std::to_string(size));
      write_bytes(path, bytes.data(), size);
      CHECK_THAT(open_error(path), Contains(path.string() + ": truncated ELF file"));
    }
  }
}

TEST_CASE("elf_file treats a section pointing past the end as absent", "[dwarf][elf]") {
  test::temp_dir dir;
  auto bytes = read_bytes(test::fixture_binary("loop_gcc_O0_pie_d5"));
  Elf64_Ehdr h;
  std::memcpy(&h, bytes.data(), sizeof h);
  Elf64_Shdr names;
  std::memcpy(&names, bytes.data() + h.e_shoff + h.e_shstrndx * sizeof(Elf64_Shdr), sizeof names);
  bool patched = false;
  for (unsigned i = 0; i < h.e_shnum; ++i) {
    auto at = h.e_shoff + i * sizeof(Elf64_Shdr);
    Elf64_Shdr sh;
    std::memcpy(&sh, bytes.data() + at, sizeof sh);
    if (std::strcmp(bytes.data() + names.sh_offset + sh.sh_name, ".comment") != 0) continue;
    sh.sh_offset = bytes.size() - 4;  // starts inside the file, ends far past it
    sh.sh_size = 1 << 20;
    std::memcpy(bytes.data() + at, &sh, sizeof sh);
    patched = true;
  }
  REQUIRE(patched);
  auto path = dir.path() / "bad_section";
  write_bytes(path, bytes.data(), bytes.size());
  auto elf = dwarf::elf_file::open(path);
  CHECK_FALSE(elf->section_data(".comment"));
  CHECK(elf->section_data(".text"));
  CHECK(elf->symbols_named("main").size() == 1);
}
