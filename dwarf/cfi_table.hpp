#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dwarf/byte_reader.hpp"

namespace int3::dwarf {

// The parsed entries of one .eh_frame or .debug_frame section. The section
// is copied so the table does not depend on the ELF mapping's lifetime.
class cfi_table {
 public:
  struct cie {
    std::uint64_t code_alignment = 1;
    std::int64_t data_alignment = 1;
    std::uint16_t return_address_register = 0;
    std::uint8_t fde_encoding = 0;  // DW_EH_PE_* for FDE pc fields
    std::uint8_t address_size = 8;
    std::uint8_t segment_size = 0;
    bool augmentation_data = false;  // 'z': FDEs carry an augmentation length
    std::size_t instructions_begin = 0, instructions_end = 0;  // section offsets
  };
  struct fde {
    std::uint64_t pc_begin = 0, pc_end = 0;
    std::uint32_t cie_index = 0;
    std::size_t instructions_begin = 0, instructions_end = 0;
  };

  // `address` is the section's link-time address, for pc-relative pointers.
  cfi_table(std::vector<std::byte> section, std::uint64_t address, bool is_eh_frame,
            std::string what);
  cfi_table(const cfi_table&) = delete;
  cfi_table& operator=(const cfi_table&) = delete;
  cfi_table(cfi_table&&) = default;

  // The FDE whose [pc_begin, pc_end) holds pc, or nullptr.
  const fde* find(std::uint64_t pc) const;
  const cie& cie_of(const fde& f) const { return cies_[f.cie_index]; }
  std::size_t size() const { return fdes_.size(); }

  // A reader over the whole section (so pc-relative pointers know where they are).
  byte_reader reader() const { return byte_reader(section_, what_); }
  // Reads a DW_EH_PE_* encoded pointer at the reader's position.
  std::uint64_t read_pointer(byte_reader& r, std::uint8_t encoding,
                             std::uint8_t address_size) const;
  const std::string& what() const { return what_; }

 private:
  void parse();
  std::optional<std::uint32_t> cie_at(std::size_t offset);
  cie parse_cie(std::size_t offset, std::size_t end, std::size_t body) const;

  std::vector<std::byte> section_;
  std::uint64_t address_ = 0;
  bool is_eh_frame_ = true;
  std::string what_;
  std::vector<cie> cies_;
  std::unordered_map<std::size_t, std::optional<std::uint32_t>> cie_by_offset_;
  std::vector<fde> fdes_;  // sorted by pc_begin
};

}  // namespace int3::dwarf
