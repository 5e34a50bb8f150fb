#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "dwarf/error.hpp"

namespace int3::dwarf {

// Little-endian cursor over section bytes. Reading past the end throws
// dwarf::error naming `what`, so a corrupt section fails loudly, never reads
// out of bounds.
class byte_reader {
 public:
  byte_reader(std::span<const std::byte> bytes, std::string_view what)
      : bytes_(bytes), what_(what) {}

  std::size_t offset() const { return offset_; }
  std::size_t remaining() const { return bytes_.size() - offset_; }
  bool at_end() const { return offset_ >= bytes_.size(); }
  void seek(std::size_t offset) {
    if (offset > bytes_.size()) fail();
    offset_ = offset;
  }
  void skip(std::uint64_t count) {
    if (count > remaining()) fail();
    offset_ += static_cast<std::size_t>(count);
  }

  template <typename T>
  T fixed() {
    if (sizeof(T) > remaining()) fail();
    T value;
    std::memcpy(&value, bytes_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return value;
  }
  std::uint8_t u8() { return fixed<std::uint8_t>(); }
  std::uint16_t u16() { return fixed<std::uint16_t>(); }
  std::uint32_t u32() { return fixed<std::uint32_t>(); }
  std::uint64_t u64() { return fixed<std::uint64_t>(); }

  std::uint64_t uleb128() {
    std::uint64_t result = 0;
    for (unsigned shift = 0;; shift += 7) {
      std::uint8_t b = u8();
      if (shift < 64) result |= std::uint64_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) return result;
    }
  }
  std::int64_t sleb128() {
    std::uint64_t result = 0;
    unsigned shift = 0;
    std::uint8_t b = 0;
    do {
      b = u8();
      if (shift < 64) result |= std::uint64_t{b & 0x7fu} << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40)) result |= ~std::uint64_t{0} << shift;
    return static_cast<std::int64_t>(result);
  }

  std::string_view c_string() {
    auto* begin = reinterpret_cast<const char*>(bytes_.data()) + offset_;
    auto* nul = static_cast<const char*>(std::memchr(begin, '\0', remaining()));
    if (nul == nullptr) fail();
    std::string_view s(begin, static_cast<std::size_t>(nul - begin));
    offset_ += s.size() + 1;
    return s;
  }

  std::span<const std::byte> take(std::uint64_t count) {
    if (count > remaining()) fail();
    auto s = bytes_.subspan(offset_, static_cast<std::size_t>(count));
    offset_ += static_cast<std::size_t>(count);
    return s;
  }

 private:
  [[noreturn]] void fail() const {
    error::send(std::string(what_) + ": truncated or corrupt data at offset " +
                std::to_string(offset_));
  }

  std::span<const std::byte> bytes_;
  std::string what_;
  std::size_t offset_ = 0;
};

}  // namespace int3::dwarf
