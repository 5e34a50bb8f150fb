#include "dwarf/call_frame.hpp"

#include "dwarf/cfa_program.hpp"
#include "dwarf/cfi_table.hpp"
#include "dwarf/elf_file.hpp"

namespace int3::dwarf {

namespace {

// Our own CFI reader rather than libdwarf's: libdwarf refuses files without
// .debug_info (libc.so.6 has only .eh_frame), and its frame API needs global
// register-table configuration; .eh_frame and .debug_frame differ only in a
// few header fields, so one small parser serves both.
class section_call_frame_info final : public call_frame_info {
 public:
  explicit section_call_frame_info(const elf_file& elf) {
    add(elf, ".eh_frame", true);
    add(elf, ".debug_frame", false);
  }

  std::optional<unwind_row> row_at(file_addr pc) const override {
    // .eh_frame first: it is what the runtime itself unwinds with.
    for (const auto& table : tables_) {
      if (const auto* fde = table.find(pc.value)) return run_cfa_program(table, *fde, pc.value);
    }
    return std::nullopt;
  }

 private:
  void add(const elf_file& elf, std::string_view name, bool is_eh_frame) {
    auto data = elf.section_data(name);
    auto address = elf.section_address(name);
    if (!data || data->empty() || !address) return;
    tables_.emplace_back(std::vector<std::byte>(data->begin(), data->end()), address->value,
                         is_eh_frame, elf.path().string() + " " + std::string(name));
  }

  std::vector<cfi_table> tables_;
};

}  // namespace

std::unique_ptr<call_frame_info> call_frame_info::load(const elf_file& elf) {
  return std::make_unique<section_call_frame_info>(elf);
}

}  // namespace int3::dwarf
