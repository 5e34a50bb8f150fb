#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace int3::dwarf {

// A whole file mapped read-only; owns the descriptor and the mapping.
class mapped_file {
 public:
  // Throws dwarf::error ("<path>: no such file", "<path>: <strerror>").
  explicit mapped_file(const std::filesystem::path& path);
  ~mapped_file();
  mapped_file(const mapped_file&) = delete;
  mapped_file& operator=(const mapped_file&) = delete;

  std::span<const std::byte> bytes() const { return {data_, size_}; }

 private:
  int fd_ = -1;
  const std::byte* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace int3::dwarf
