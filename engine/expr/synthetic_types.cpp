#include "engine/expr/synthetic_types.hpp"

#include <deque>
#include <map>
#include <string>
#include <utility>

#include "dwarf/type_name.hpp"
#include "engine/arch/arch.hpp"

namespace int3::engine::expr::synthetic {
namespace {

// The adapter evaluates on its one thread, so the pool needs no lock.
struct pool {
  std::deque<dwarf::type_info> nodes;  // deque: pointers stay valid
  std::map<std::string, const dwarf::type_info*> by_name;
  std::map<const dwarf::type_info*, const dwarf::type_info*> pointers;
  std::map<std::uint64_t, const dwarf::type_info*> char_arrays;

  const dwarf::type_info* add(dwarf::type_info t) {
    nodes.push_back(std::move(t));
    return &nodes.back();
  }
};

pool& the_pool() {
  static pool p;
  return p;
}

const dwarf::type_info* base(const std::string& name, std::uint64_t size, unsigned enc,
                             bool is_signed) {
  auto& p = the_pool();
  if (auto it = p.by_name.find(name); it != p.by_name.end()) return it->second;
  dwarf::type_info t;
  t.kind = dwarf::type_kind::base;
  t.name = name;
  t.byte_size = size;
  t.encoding = enc;
  t.is_signed = is_signed;
  auto* made = p.add(std::move(t));
  p.by_name.emplace(name, made);
  return made;
}

namespace enc = dwarf::encoding;

}  // namespace

const dwarf::type_info* int_type(std::uint64_t byte_size, bool is_signed) {
  if (byte_size <= 4) {
    return is_signed ? base("int", 4, enc::signed_, true)
                     : base("unsigned int", 4, enc::unsigned_, false);
  }
  return is_signed ? base("long", 8, enc::signed_, true)
                   : base("unsigned long", 8, enc::unsigned_, false);
}

const dwarf::type_info* double_type() {
  return base("double", 8, enc::float_, true);
}
const dwarf::type_info* float_type() {
  return base("float", 4, enc::float_, true);
}
const dwarf::type_info* char_type() {
  return base("char", 1, enc::signed_char, true);
}
const dwarf::type_info* bool_type() {
  return base("bool", 1, enc::boolean, false);
}

const dwarf::type_info* void_type() {
  auto& p = the_pool();
  if (auto it = p.by_name.find("void"); it != p.by_name.end()) return it->second;
  dwarf::type_info t;
  t.kind = dwarf::type_kind::void_;
  t.name = "void";
  auto* made = p.add(std::move(t));
  p.by_name.emplace("void", made);
  return made;
}

const dwarf::type_info* builtin(std::string_view name) {
  static const std::map<std::string_view, std::pair<std::uint64_t, bool>, std::less<>> integers = {
      {"int", {4, true}},
      {"signed", {4, true}},
      {"signed int", {4, true}},
      {"unsigned", {4, false}},
      {"unsigned int", {4, false}},
      {"long", {8, true}},
      {"long int", {8, true}},
      {"signed long", {8, true}},
      {"long long", {8, true}},
      {"long long int", {8, true}},
      {"unsigned long", {8, false}},
      {"unsigned long int", {8, false}},
      {"long unsigned int", {8, false}},
      {"unsigned long long", {8, false}},
      {"unsigned long long int", {8, false}},
  };
  if (auto it = integers.find(name); it != integers.end()) {
    return int_type(it->second.first, it->second.second);
  }
  if (name == "short" || name == "short int" || name == "signed short") {
    return base("short", 2, enc::signed_, true);
  }
  if (name == "unsigned short" || name == "unsigned short int") {
    return base("unsigned short", 2, enc::unsigned_, false);
  }
  if (name == "char") return char_type();
  if (name == "signed char") return base("signed char", 1, enc::signed_char, true);
  if (name == "unsigned char") return base("unsigned char", 1, enc::unsigned_char, false);
  if (name == "bool" || name == "_Bool") return bool_type();
  if (name == "float") return float_type();
  if (name == "double") return double_type();
  if (name == "void") return void_type();
  return nullptr;
}

const dwarf::type_info* pointer_to(const dwarf::type_info* target) {
  auto& p = the_pool();
  if (auto it = p.pointers.find(target); it != p.pointers.end()) return it->second;
  dwarf::type_info t;
  t.kind = dwarf::type_kind::pointer;
  t.name = dwarf::pointer_name(target ? target->name : "void");
  t.byte_size = current_arch().word_size;
  t.target = target ? target : void_type();
  auto* made = p.add(std::move(t));
  p.pointers.emplace(target, made);
  return made;
}

const dwarf::type_info* char_array(std::uint64_t length) {
  auto& p = the_pool();
  if (auto it = p.char_arrays.find(length); it != p.char_arrays.end()) return it->second;
  dwarf::type_info t;
  t.kind = dwarf::type_kind::array;
  t.name = "char [" + std::to_string(length) + "]";
  t.byte_size = length;
  t.target = char_type();
  t.dimensions.push_back(length);
  auto* made = p.add(std::move(t));
  p.char_arrays.emplace(length, made);
  return made;
}

}  // namespace int3::engine::expr::synthetic
