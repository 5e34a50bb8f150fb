#include "adapter/disassembly.hpp"

#include <algorithm>

#include "engine/error.hpp"

namespace int3::dap {
namespace {

using engine::virt_addr;

// How far back a known boundary may be: a function larger than this is
// listed with placeholders before `base` rather than read whole.
constexpr std::uint64_t max_backward_span = 1 << 20;
constexpr std::size_t chunk_size = 4096;
constexpr std::uint64_t max_padding = 64;

listed_instruction placeholder(virt_addr at) {
  return {at, std::nullopt};
}

// Linear decoding from `from` until `count` rows or address `stop`.
std::vector<listed_instruction> decode_forward(const engine::target& target,
                                               const engine::disassembler& decoder, virt_addr from,
                                               std::size_t count,
                                               std::optional<virt_addr> stop = std::nullopt) {
  std::vector<listed_instruction> out;
  virt_addr cursor = from;
  const std::size_t longest = engine::disassembler::max_instruction_size();
  while (out.size() < count && (!stop || cursor < *stop)) {
    std::size_t want = chunk_size;
    if (stop) want = std::min<std::uint64_t>(want, stop->value - cursor.value + longest);
    std::vector<std::byte> bytes;
    try {
      bytes = target.read_memory(cursor, want);
    } catch (const engine::error&) {
      // Unmapped: nothing here to decode.
    }
    if (bytes.empty()) {
      out.push_back(placeholder(cursor));
      cursor = cursor + 1;
      continue;
    }
    auto decoded = decoder.decode(bytes, cursor, count - out.size());
    // The last instruction of a full chunk may be cut short: decode it again
    // from the next chunk.
    bool short_read = bytes.size() < want;
    while (!decoded.empty() && !short_read &&
           decoded.back().address.value + decoded.back().bytes.size() + longest >
               cursor.value + bytes.size() &&
           decoded.size() > 1)
      decoded.pop_back();
    if (decoded.empty()) {
      out.push_back(placeholder(cursor));
      cursor = cursor + 1;
      continue;
    }
    for (auto& insn : decoded) {
      if (stop && insn.address >= *stop) break;
      cursor = insn.address + static_cast<std::int64_t>(insn.bytes.size());
      out.push_back({insn.address, std::move(insn)});
      if (out.size() == count) break;
    }
  }
  return out;
}

// Every instruction from the known boundary of the code holding `lookup` up
// to `stop`; `boundary` is set to that boundary. Empty when none is known.
std::vector<listed_instruction> decode_from_boundary(const engine::target& target,
                                                     const engine::disassembler& decoder,
                                                     virt_addr lookup, virt_addr stop,
                                                     virt_addr& boundary) {
  auto info = target.describe_code(lookup);
  // Alignment padding after a function belongs to no symbol: look a little
  // further back for the function it follows.
  for (std::uint64_t back = 1; !info.function_start && back <= max_padding && lookup.value > back;
       ++back)
    info = target.describe_code({lookup.value - back});
  if (!info.function_start || *info.function_start > lookup ||
      stop.value - info.function_start->value > max_backward_span)
    return {};
  boundary = *info.function_start;
  if (boundary >= stop) return {};
  auto rows = decode_forward(target, decoder, boundary, max_backward_span, stop);
  return rows;
}

}  // namespace

std::vector<listed_instruction> disassemble_window(const engine::target& target,
                                                   const engine::disassembler& decoder,
                                                   virt_addr base, std::int64_t instruction_offset,
                                                   std::size_t count) {
  if (count == 0) return {};
  // The instruction at base: if base falls inside one, the one holding it.
  virt_addr boundary = base;
  auto before = decode_from_boundary(target, decoder, base, base, boundary);
  if (!before.empty() && before.back().decoded) {
    const auto& last = *before.back().decoded;
    if (last.address.value + last.bytes.size() > base.value) {
      base = last.address;
      before.pop_back();
    }
  }

  std::vector<listed_instruction> rows;
  if (instruction_offset < 0) {
    auto wanted = static_cast<std::size_t>(-instruction_offset);
    // Earlier functions, each from its own start, until there are enough.
    while (before.size() < wanted && boundary.value > 0) {
      virt_addr earlier = boundary;
      auto more = decode_from_boundary(target, decoder, boundary + -1, boundary, earlier);
      if (earlier >= boundary) break;
      // Padding after that function was decoded too; an instruction running
      // past our boundary is a misreading of it.
      if (!more.empty() && more.back().decoded &&
          more.back().address.value + more.back().decoded->bytes.size() > boundary.value)
        more.pop_back();
      more.insert(more.end(), before.begin(), before.end());
      before = std::move(more);
      boundary = earlier;
    }
    std::size_t have = std::min(before.size(), wanted);
    // No known boundary further back: placeholders, one byte each.
    std::uint64_t first_known = have ? before[before.size() - have].address.value : base.value;
    for (std::size_t i = wanted - have; i > 0; --i) rows.push_back(placeholder({first_known - i}));
    rows.insert(rows.end(), before.end() - static_cast<std::ptrdiff_t>(have), before.end());
    if (rows.size() >= count) {
      rows.resize(count);
      return rows;
    }
    auto after = decode_forward(target, decoder, base, count - rows.size());
    rows.insert(rows.end(), after.begin(), after.end());
    return rows;
  }
  auto skip = static_cast<std::size_t>(instruction_offset);
  auto after = decode_forward(target, decoder, base, skip + count);
  after.erase(after.begin(), after.begin() + static_cast<std::ptrdiff_t>(skip));
  return after;
}

}  // namespace int3::dap
