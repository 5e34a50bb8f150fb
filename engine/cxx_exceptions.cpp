#include "engine/cxx_exceptions.hpp"

#include <array>
#include <cstring>
#include <vector>

#include <spdlog/spdlog.h>

#include "dwarf/function_names.hpp"
#include "engine/target.hpp"

namespace int3::engine {

namespace {

constexpr std::array<std::pair<cxx_exception_hook, std::string_view>, 3> hooks = {{
    {cxx_exception_hook::thrown, "__cxa_throw"},
    {cxx_exception_hook::rethrown, "__cxa_rethrow"},
    {cxx_exception_hook::caught, "__cxa_begin_catch"},
}};

// The Itanium ABI's layouts (LP64), shared by libstdc++ and libc++abi: the
// __cxa_exception header ends with the unwinder's 32-byte _Unwind_Exception,
// right after which the thrown object starts; the header's exceptionType
// is 80 bytes before that _Unwind_Exception (11 words in both runtimes).
constexpr std::uint64_t unwind_header_size = 32;
constexpr std::uint64_t type_before_unwind_header = 80;
constexpr std::uint64_t type_before_object = type_before_unwind_header + unwind_header_size;
// A std::type_info: vtable pointer, then the mangled name; an
// __si_class_type_info (one public base at offset 0) adds the base's.
constexpr std::uint64_t type_name_offset = 8;
constexpr std::uint64_t si_base_offset = 16;
// logic_error and runtime_error keep what() as a pointer to its characters
// right after their vtable pointer (libstdc++'s __cow_string, libc++'s
// __libcpp_refstring).
constexpr std::uint64_t message_offset = 8;
constexpr std::size_t max_text = 4096;
constexpr int max_bases = 32;

class memory_reader {
 public:
  explicit memory_reader(const target& t) : target_(t) {}

  std::optional<std::uint64_t> word(std::uint64_t address) const {
    auto bytes = read(address, sizeof(std::uint64_t));
    if (bytes.size() < sizeof(std::uint64_t)) return std::nullopt;
    std::uint64_t v = 0;
    std::memcpy(&v, bytes.data(), sizeof v);
    return v;
  }

  // A NUL-terminated string, cut to max_text bytes and "..."; nullopt when
  // unreadable or unterminated before memory ends.
  std::optional<std::string> text(std::uint64_t address) const {
    auto bytes = read(address, max_text);
    if (bytes.empty()) return std::nullopt;  // memchr must not see a null pointer
    const auto* begin = reinterpret_cast<const char*>(bytes.data());
    const auto* nul = static_cast<const char*>(std::memchr(begin, '\0', bytes.size()));
    if (nul != nullptr) return std::string(begin, nul);
    if (bytes.size() == max_text) return std::string(begin, bytes.size()) + "...";
    return std::nullopt;
  }

 private:
  std::vector<std::byte> read(std::uint64_t address, std::size_t size) const {
    if (address == 0) return {};
    try {
      return target_.read_memory(virt_addr{address}, size);
    } catch (const error& e) {
      // A corrupt pointer in the program's data: that field stays unknown.
      spdlog::debug("exception object: {}", e.what());
      return {};
    }
  }

  const target& target_;
};

// The mangled type name a type_info holds ("St13runtime_error"); gcc marks
// names of types local to a unit with a leading '*'.
std::optional<std::string> mangled_type(const memory_reader& memory, std::uint64_t type_info) {
  auto name_at = memory.word(type_info + type_name_offset);
  if (!name_at) return std::nullopt;
  auto name = memory.text(*name_at);
  if (name && name->starts_with('*')) name->erase(0, 1);
  return name;
}

std::string demangle_type(const std::string& mangled) {
  // The demangler takes symbols, and a type_info's name is the tail of its
  // "typeinfo name for" symbol.
  static constexpr std::string_view prefix = "typeinfo name for ";
  auto text = dwarf::demangle("_ZTS" + mangled);
  return text.starts_with(prefix) ? text.substr(prefix.size()) : mangled;
}

// Whether the object's what() is the message it stores: its type is
// logic_error or runtime_error or derives from one of them through single
// public bases (each an __si_class_type_info, as those two are: their
// type_infos share one vtable), with no standard type in between that
// computes what() itself.
bool stores_message(const memory_reader& memory, std::uint64_t type_info) {
  std::vector<std::uint64_t> chain_vtables;
  std::uint64_t node = type_info;
  for (int depth = 0; depth < max_bases && node != 0; ++depth) {
    auto vtable = memory.word(node);
    auto name = mangled_type(memory, node);
    if (!vtable || !name) return false;
    // std::exception has no base; filesystem_error builds what() itself.
    if (*name == "St9exception" || name->find("filesystem_error") != std::string::npos)
      return false;
    if (*name == "St11logic_error" || *name == "St13runtime_error") {
      for (auto v : chain_vtables)
        if (v != *vtable) return false;
      return true;
    }
    chain_vtables.push_back(*vtable);
    auto base = memory.word(node + si_base_offset);
    if (!base) return false;
    node = *base;
  }
  return false;
}

cxx_exception describe(const memory_reader& memory, std::uint64_t object, std::uint64_t type_info) {
  cxx_exception out;
  auto mangled = mangled_type(memory, type_info);
  if (!mangled) return out;
  out.type = demangle_type(*mangled);
  if (stores_message(memory, type_info)) {
    if (auto text_at = memory.word(object + message_offset)) out.message = memory.text(*text_at);
  }
  return out;
}

// The exception class in the _Unwind_Exception of a C++ exception: the
// vendor and language ("GNUCC++" for libstdc++, "CLNGC++" for libc++abi)
// in the high seven bytes, 0 in the last one for the exception itself, 1
// for a dependent one (std::rethrow_exception) that points to it.
constexpr std::uint64_t class_of(const char (&vendor)[8]) {
  std::uint64_t v = 0;
  for (int i = 0; i < 7; ++i) v = (v << 8) | static_cast<unsigned char>(vendor[i]);
  return v << 8;
}

cxx_exception describe_caught(const memory_reader& memory, std::uint64_t unwind_header) {
  auto exception_class = memory.word(unwind_header);
  if (!exception_class) return {};
  std::uint64_t language = *exception_class & ~std::uint64_t{0xff};
  std::uint64_t kind = *exception_class & 0xff;
  // A foreign exception (another language's) has no C++ type.
  if ((language != class_of("GNUCC++") && language != class_of("CLNGC++")) || kind > 1) return {};
  std::uint64_t object = unwind_header + unwind_header_size;
  if (kind == 1) {
    // A dependent exception's header points to the primary's object where
    // the type would be (libstdc++) or a word before (libc++abi).
    std::uint64_t back = type_before_unwind_header + (language == class_of("CLNGC++") ? 8 : 0);
    auto primary = memory.word(unwind_header - back);
    if (!primary) return {};
    object = *primary;
  }
  auto type_info = memory.word(object - type_before_object);
  if (!type_info) return {};
  return describe(memory, object, *type_info);
}

}  // namespace

std::string_view cxx_hook_symbol(cxx_exception_hook hook) {
  for (const auto& [h, symbol] : hooks)
    if (h == hook) return symbol;
  return {};
}

cxx_exception read_cxx_exception(const target& t, pid_t tid, cxx_exception_hook hook) {
  memory_reader memory(t);
  switch (hook) {
    case cxx_exception_hook::thrown:
      return describe(memory, t.argument_at_entry(tid, 0), t.argument_at_entry(tid, 1));
    case cxx_exception_hook::caught:
      return describe_caught(memory, t.argument_at_entry(tid, 0));
    case cxx_exception_hook::rethrown:
      break;
  }
  return {};
}

}  // namespace int3::engine
