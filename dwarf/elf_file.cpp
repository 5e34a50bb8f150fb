#include "dwarf/elf_file.hpp"

#include <elf.h>
#include <zlib.h>

#include <cstring>
#include <functional>
#include <map>
#include <string>

#include "dwarf/elf_symbols.hpp"
#include "dwarf/error.hpp"
#include "dwarf/mapped_file.hpp"

namespace int3::dwarf {

namespace {

template <typename T>
std::optional<T> read_at(std::span<const std::byte> bytes, std::uint64_t offset) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) return std::nullopt;
  T value;
  // memcpy: a corrupt file may place headers at unaligned offsets.
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

bool fits(std::span<const std::byte> bytes, std::uint64_t offset, std::uint64_t size) {
  return offset <= bytes.size() && size <= bytes.size() - offset;
}

std::string machine_name(std::uint16_t machine) {
  switch (machine) {
    case EM_386:
      return "32-bit x86";
    case EM_ARM:
      return "ARM";
    case EM_AARCH64:
      return "AArch64";
    case EM_RISCV:
      return "RISC-V";
    case EM_PPC:
      return "PowerPC";
    case EM_PPC64:
      return "PowerPC64";
    case EM_S390:
      return "s390";
    case EM_MIPS:
      return "MIPS";
    case EM_SPARCV9:
      return "SPARC";
    case EM_LOONGARCH:
      return "LoongArch";
    default:
      return "machine type " + std::to_string(machine);
  }
}

// A larger inflated size is taken for corruption (or a zip bomb).
constexpr std::uint64_t max_inflated_size = 512ull << 20;

std::vector<std::byte> inflate_section(const std::filesystem::path& path, std::string_view name,
                                       std::span<const std::byte> data) {
  const std::string who = path.string() + ": compressed section " + std::string(name) + ": ";
  auto header = read_at<Elf64_Chdr>(data, 0);
  if (!header) error::send(who + "truncated");
  if (header->ch_type != ELFCOMPRESS_ZLIB) error::send(who + "unsupported compression type");
  if (header->ch_size > max_inflated_size) error::send(who + "implausible size");
  std::vector<std::byte> out(header->ch_size);
  auto out_size = static_cast<uLongf>(out.size());
  auto in = data.subspan(sizeof(Elf64_Chdr));
  int rc = ::uncompress(reinterpret_cast<Bytef*>(out.data()), &out_size,
                        reinterpret_cast<const Bytef*>(in.data()), static_cast<uLong>(in.size()));
  if (rc != Z_OK || out_size != out.size()) error::send(who + "corrupt zlib data");
  return out;
}

}  // namespace

struct elf_file::impl {
  struct section {
    std::string_view name;
    Elf64_Shdr header;
  };

  explicit impl(const std::filesystem::path& path) : file(path) {}

  const section* find(std::string_view name) const {
    for (const auto& s : sections)
      if (s.name == name) return &s;
    return nullptr;
  }

  // The section's bytes, or nullopt when its claimed extent is outside the file.
  std::optional<std::span<const std::byte>> data_of(const section& s) const {
    if (s.header.sh_type == SHT_NOBITS) return std::span<const std::byte>{};
    if (!fits(file.bytes(), s.header.sh_offset, s.header.sh_size)) return std::nullopt;
    return file.bytes().subspan(s.header.sh_offset, s.header.sh_size);
  }

  void read_header(const std::filesystem::path& path);
  void read_sections(const std::filesystem::path& path);
  void read_symbols();

  mapped_file file;
  // Compressed sections (SHF_COMPRESSED), inflated on first use.
  mutable std::map<std::string, std::vector<std::byte>, std::less<>> inflated;
  Elf64_Ehdr header{};
  std::vector<section> sections;
  symbol_table symbols;
};

void elf_file::impl::read_header(const std::filesystem::path& path) {
  const auto bytes = file.bytes();
  const std::string who = path.string() + ": ";
  if (bytes.size() < SELFMAG || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0)
    error::send(who + "not an ELF file");
  if (bytes.size() <= EI_CLASS) error::send(who + "truncated ELF file");
  const auto elf_class = static_cast<unsigned char>(bytes[EI_CLASS]);
  if (elf_class == ELFCLASS32) error::send(who + "32-bit ELF files are not supported");
  if (elf_class != ELFCLASS64) error::send(who + "not an ELF file (unknown ELF class)");
  auto h = read_at<Elf64_Ehdr>(bytes, 0);
  if (!h) error::send(who + "truncated ELF file");
  header = *h;
  if (header.e_ident[EI_DATA] != ELFDATA2LSB)
    error::send(who + "big-endian ELF files are not supported");
  if (header.e_machine != EM_X86_64)
    error::send(who + "built for " + machine_name(header.e_machine) +
                ", int3 debugs x86-64 programs");
  if (header.e_phnum != 0 &&
      !fits(bytes, header.e_phoff, std::uint64_t{header.e_phnum} * header.e_phentsize))
    error::send(who + "truncated ELF file (program headers past the end)");
}

void elf_file::impl::read_sections(const std::filesystem::path& path) {
  const auto bytes = file.bytes();
  const std::string who = path.string() + ": ";
  if (header.e_shoff == 0) return;  // no section table: a stripped-to-the-bone file
  if (header.e_shentsize != sizeof(Elf64_Shdr))
    error::send(who + "corrupt ELF file (unexpected section header size)");
  auto first = read_at<Elf64_Shdr>(bytes, header.e_shoff);
  if (!first) error::send(who + "truncated ELF file (section headers past the end)");
  // Section 0 is empty unless it carries extended counts; libdwarf trusts a
  // garbage one and tries to allocate hundreds of GiB (found by fuzzing).
  if (header.e_shnum != 0 && (first->sh_type != SHT_NULL || first->sh_size != 0))
    error::send(who + "corrupt ELF file (section 0 is not empty)");
  // Extended numbering: counts that overflow 16 bits live in section 0.
  std::uint64_t count = header.e_shnum != 0 ? header.e_shnum : first->sh_size;
  std::uint32_t names_index = header.e_shstrndx == SHN_XINDEX ? first->sh_link : header.e_shstrndx;
  if (count > bytes.size() / sizeof(Elf64_Shdr) ||
      !fits(bytes, header.e_shoff, count * sizeof(Elf64_Shdr)))
    error::send(who + "truncated ELF file (section headers past the end)");
  if (count == 0) return;

  std::vector<Elf64_Shdr> headers(count);
  std::memcpy(headers.data(), bytes.data() + header.e_shoff, count * sizeof(Elf64_Shdr));
  std::span<const std::byte> names;
  if (names_index < count &&
      fits(bytes, headers[names_index].sh_offset, headers[names_index].sh_size))
    names = bytes.subspan(headers[names_index].sh_offset, headers[names_index].sh_size);

  sections.reserve(count);
  for (const auto& sh : headers) {
    std::string_view name;
    if (sh.sh_name < names.size()) {
      auto* begin = reinterpret_cast<const char*>(names.data()) + sh.sh_name;
      auto* nul = static_cast<const char*>(std::memchr(begin, '\0', names.size() - sh.sh_name));
      if (nul != nullptr) name = {begin, static_cast<std::size_t>(nul - begin)};
    }
    // libdwarf reads the file again through its own ELF reader; a debug
    // section claiming bytes past the end is refused here, with a message.
    if (name.starts_with(".debug") && sh.sh_type != SHT_NOBITS &&
        !fits(bytes, sh.sh_offset, sh.sh_size))
      error::send(who + "corrupt ELF file (" + std::string(name) +
                  " extends past the end of the file)");
    sections.push_back({name, sh});
  }
}

void elf_file::impl::read_symbols() {
  // .symtab has local functions too; stripped files only keep .dynsym.
  for (auto type : {SHT_SYMTAB, SHT_DYNSYM}) {
    for (const auto& s : sections) {
      if (s.header.sh_type != static_cast<std::uint32_t>(type)) continue;
      if (s.header.sh_link >= sections.size()) continue;
      auto syms = data_of(s);
      auto strings = data_of(sections[s.header.sh_link]);
      if (!syms || !strings) continue;
      symbols = symbol_table(*syms, *strings);
      if (!symbols.empty()) return;
    }
  }
}

std::unique_ptr<elf_file> elf_file::open(const std::filesystem::path& path) {
  std::unique_ptr<elf_file> elf(new elf_file());
  elf->path_ = path;
  elf->impl_ = std::make_unique<impl>(path);
  elf->impl_->read_header(path);
  elf->impl_->read_sections(path);
  elf->impl_->read_symbols();
  return elf;
}

elf_file::~elf_file() = default;

bool elf_file::is_pie() const {
  return impl_->header.e_type == ET_DYN;
}
file_addr elf_file::entry() const {
  return {impl_->header.e_entry};
}
std::uint16_t elf_file::machine() const {
  return impl_->header.e_machine;
}

std::optional<std::span<const std::byte>> elf_file::section_data(std::string_view name) const {
  const auto* s = impl_->find(name);
  if (s == nullptr) return std::nullopt;
  auto data = impl_->data_of(*s);
  if (!data || (s->header.sh_flags & SHF_COMPRESSED) == 0) return data;
  // gcc -gz: libdwarf inflates what it reads itself, but our own readers
  // (.debug_frame) get the bytes from here, so they are inflated once and kept.
  auto cached = impl_->inflated.find(name);
  if (cached == impl_->inflated.end())
    cached = impl_->inflated.emplace(std::string(name), inflate_section(path_, name, *data)).first;
  return std::span<const std::byte>(cached->second);
}

std::size_t elf_file::section_count() const {
  return impl_->sections.size();
}

elf_file::section_header elf_file::section_at(std::size_t index) const {
  const auto& s = impl_->sections.at(index);
  return {s.name,           s.header.sh_type, s.header.sh_addr,   s.header.sh_size,
          s.header.sh_link, s.header.sh_info, s.header.sh_entsize};
}

std::optional<file_addr> elf_file::section_address(std::string_view name) const {
  const auto* s = impl_->find(name);
  if (s == nullptr) return std::nullopt;
  return file_addr{s->header.sh_addr};
}

std::optional<elf_symbol> elf_file::symbol_at(file_addr addr) const {
  return impl_->symbols.symbol_at(addr);
}

std::vector<elf_symbol> elf_file::symbols_named(std::string_view name) const {
  return impl_->symbols.symbols_named(name);
}

std::vector<elf_symbol> elf_file::symbols_containing(std::string_view fragment) const {
  return impl_->symbols.symbols_containing(fragment);
}

}  // namespace int3::dwarf
