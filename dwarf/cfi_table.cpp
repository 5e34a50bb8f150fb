#include "dwarf/cfi_table.hpp"

#include <algorithm>

#include "dwarf/error.hpp"

namespace int3::dwarf {

namespace {

// DW_EH_PE_* (LSB Core spec, "DWARF Exception Header value format").
constexpr std::uint8_t pe_omit = 0xff;
constexpr std::uint8_t pe_absptr = 0x00, pe_uleb128 = 0x01, pe_udata2 = 0x02, pe_udata4 = 0x03,
                       pe_udata8 = 0x04, pe_sleb128 = 0x09, pe_sdata2 = 0x0a, pe_sdata4 = 0x0b,
                       pe_sdata8 = 0x0c;
constexpr std::uint8_t pe_pcrel = 0x10;

struct entry_header {
  std::size_t offset = 0;     // of the length field
  std::size_t id_offset = 0;  // of the CIE id / CIE pointer field
  std::size_t body = 0;       // after the id field
  std::size_t end = 0;
  std::uint64_t id = 0;
  bool is_64 = false;
};

// nullopt at the terminator or when the entry runs past the section.
std::optional<entry_header> read_entry_header(byte_reader& r) {
  entry_header h;
  h.offset = r.offset();
  if (r.remaining() < 4) return std::nullopt;
  std::uint64_t length = r.u32();
  if (length == 0) return std::nullopt;
  if (length == 0xffffffff) {
    if (r.remaining() < 8) return std::nullopt;
    length = r.u64();
    h.is_64 = true;
  }
  if (length > r.remaining()) return std::nullopt;
  h.end = r.offset() + static_cast<std::size_t>(length);
  h.id_offset = r.offset();
  std::size_t id_size = h.is_64 ? 8 : 4;
  if (length < id_size) return std::nullopt;
  h.id = h.is_64 ? r.u64() : r.u32();
  h.body = r.offset();
  return h;
}

bool is_cie(const entry_header& h, bool is_eh_frame) {
  if (is_eh_frame) return h.id == 0;
  return h.is_64 ? h.id == ~std::uint64_t{0} : h.id == 0xffffffff;
}

}  // namespace

cfi_table::cfi_table(std::vector<std::byte> section, std::uint64_t address, bool is_eh_frame,
                     std::string what)
    : section_(std::move(section)),
      address_(address),
      is_eh_frame_(is_eh_frame),
      what_(std::move(what)) {
  parse();
}

std::uint64_t cfi_table::read_pointer(byte_reader& r, std::uint8_t encoding,
                                      std::uint8_t address_size) const {
  if (encoding == pe_omit) return 0;
  const std::uint64_t field_address = address_ + r.offset();
  std::uint64_t value = 0;
  switch (encoding & 0x0f) {
    case pe_absptr:
      value = address_size == 4 ? r.u32() : r.u64();
      break;
    case pe_uleb128:
      value = r.uleb128();
      break;
    case pe_udata2:
      value = r.u16();
      break;
    case pe_udata4:
      value = r.u32();
      break;
    case pe_udata8:
      value = r.u64();
      break;
    case pe_sleb128:
      value = static_cast<std::uint64_t>(r.sleb128());
      break;
    case pe_sdata2:
      value = static_cast<std::uint64_t>(std::int64_t{r.fixed<std::int16_t>()});
      break;
    case pe_sdata4:
      value = static_cast<std::uint64_t>(std::int64_t{r.fixed<std::int32_t>()});
      break;
    case pe_sdata8:
      value = r.u64();
      break;
    default:
      error::send(what_ + ": unsupported pointer encoding " + std::to_string(encoding));
  }
  switch (encoding & 0x70) {
    case 0:
      break;
    case pe_pcrel:
      value += field_address;
      break;
    default:
      // textrel/datarel/funcrel need bases x86-64 toolchains never use here.
      error::send(what_ + ": unsupported pointer application " + std::to_string(encoding));
  }
  // The indirect bit (0x80) would name a memory cell of the live process;
  // only personality routines use it, and we read those only to skip them.
  return value;
}

cfi_table::cie cfi_table::parse_cie(std::size_t offset, std::size_t end, std::size_t body) const {
  byte_reader r = reader();
  r.seek(body);
  cie c;
  const auto version = r.u8();
  if (version != 1 && version != 3 && version != 4)
    error::send(what_ + ": CIE at " + std::to_string(offset) + " has unsupported version " +
                std::to_string(version));
  const auto augmentation = r.c_string();
  if (!augmentation.empty() && augmentation[0] != 'z' && augmentation != "eh")
    error::send(what_ + ": CIE at " + std::to_string(offset) + " has unknown augmentation \"" +
                std::string(augmentation) + "\"");
  if (augmentation == "eh") r.skip(8);  // pre-'z' GCC: an exception-table pointer
  if (version == 4) {
    c.address_size = r.u8();
    c.segment_size = r.u8();
  }
  c.code_alignment = r.uleb128();
  c.data_alignment = r.sleb128();
  c.return_address_register = static_cast<std::uint16_t>(version == 1 ? r.u8() : r.uleb128());
  // .debug_frame addresses are plain target addresses; .eh_frame's default too.
  c.fde_encoding = pe_absptr;
  if (!augmentation.empty() && augmentation[0] == 'z') {
    c.augmentation_data = true;
    const auto length = r.uleb128();
    const auto data_end = r.offset() + length;
    for (char ch : augmentation.substr(1)) {
      if (ch == 'R') {
        c.fde_encoding = r.u8();
      } else if (ch == 'L') {
        r.u8();  // LSDA encoding: exception tables are not our business
      } else if (ch == 'P') {
        read_pointer(r, r.u8(), c.address_size);
      } else if (ch == 'S' || ch == 'B' || ch == 'G') {
        // signal frame / pointer auth / memory tags: no data
      } else {
        break;  // unknown letter: the length lets us skip the rest
      }
    }
    r.seek(data_end);
  }
  c.instructions_begin = r.offset();
  c.instructions_end = end;
  return c;
}

std::optional<std::uint32_t> cfi_table::cie_at(std::size_t offset) {
  if (auto it = cie_by_offset_.find(offset); it != cie_by_offset_.end()) return it->second;
  std::optional<std::uint32_t> index;
  byte_reader r = reader();
  if (offset < section_.size()) {
    r.seek(offset);
    auto h = read_entry_header(r);
    if (h && is_cie(*h, is_eh_frame_)) {
      try {
        cies_.push_back(parse_cie(h->offset, h->end, h->body));
        index = static_cast<std::uint32_t>(cies_.size() - 1);
      } catch (const error&) {
        // A CIE we cannot read only costs the FDEs that use it; the rest of
        // the program still unwinds.
      }
    }
  }
  cie_by_offset_[offset] = index;
  return index;
}

void cfi_table::parse() {
  byte_reader r = reader();
  while (!r.at_end()) {
    auto h = read_entry_header(r);
    if (!h) break;  // terminator, or a length running past the section
    r.seek(h->end);
    if (is_cie(*h, is_eh_frame_)) continue;
    const std::uint64_t cie_offset = is_eh_frame_ ? h->id_offset - h->id : h->id;
    if (cie_offset >= section_.size()) continue;
    auto cie_index = cie_at(static_cast<std::size_t>(cie_offset));
    if (!cie_index) continue;
    const cie& c = cies_[*cie_index];
    try {
      byte_reader fr = reader();
      fr.seek(h->body);
      fde f;
      f.cie_index = *cie_index;
      if (c.segment_size != 0) fr.skip(c.segment_size);
      f.pc_begin = read_pointer(fr, c.fde_encoding, c.address_size);
      // The range is a length: its format follows the encoding, never pc-relative.
      const auto range = read_pointer(fr, c.fde_encoding & 0x0f, c.address_size);
      f.pc_end = f.pc_begin + range;
      if (c.augmentation_data) fr.skip(fr.uleb128());
      f.instructions_begin = fr.offset();
      f.instructions_end = h->end;
      if (f.instructions_begin > f.instructions_end) continue;
      // Functions the linker discarded keep FDEs at address 0 or empty ranges.
      if (range == 0 || f.pc_begin == 0) continue;
      fdes_.push_back(f);
    } catch (const error&) {
      // A malformed FDE covers only its own function; skip it, keep the others.
    }
  }
  std::sort(fdes_.begin(), fdes_.end(),
            [](const fde& a, const fde& b) { return a.pc_begin < b.pc_begin; });
}

const cfi_table::fde* cfi_table::find(std::uint64_t pc) const {
  auto it = std::upper_bound(fdes_.begin(), fdes_.end(), pc,
                             [](std::uint64_t p, const fde& f) { return p < f.pc_begin; });
  // FDEs do not nest, but a few may overlap in odd binaries: check a couple back.
  for (int i = 0; i < 4 && it != fdes_.begin(); ++i) {
    --it;
    if (pc < it->pc_end) return &*it;
  }
  return nullptr;
}

}  // namespace int3::dwarf
