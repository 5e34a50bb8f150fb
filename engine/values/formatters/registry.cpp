#include <string_view>
#include <utility>

#include "engine/values/formatter.hpp"
#include "engine/values/formatters/registry.hpp"

namespace int3::engine {

const value_formatter* find_formatter(const dwarf::type_info& type) {
  // Matched by the class name's template prefix, as libstdc++ (std::) and
  // libc++ (std::__1::) spell it.
  static const std::pair<std::string_view, const value_formatter*> table[] = {
      {"std::__cxx11::basic_string<", formatters::string_formatter()},
      {"std::basic_string<", formatters::string_formatter()},
      {"std::basic_string_view<", formatters::string_view_formatter()},
      {"std::vector<", formatters::vector_formatter()},
      {"std::unique_ptr<", formatters::unique_ptr_formatter()},
      {"std::shared_ptr<", formatters::shared_ptr_formatter()},
      {"std::weak_ptr<", formatters::shared_ptr_formatter()},
      {"std::map<", formatters::tree_formatter()},
      {"std::set<", formatters::tree_formatter()},
      {"std::multimap<", formatters::tree_formatter()},
      {"std::multiset<", formatters::tree_formatter()},
      {"std::__cxx11::list<", formatters::list_formatter()},
      {"std::list<", formatters::list_formatter()},
      {"std::unordered_map<", formatters::hashtable_formatter()},
      {"std::unordered_set<", formatters::hashtable_formatter()},
      {"std::unordered_multimap<", formatters::hashtable_formatter()},
      {"std::unordered_multiset<", formatters::hashtable_formatter()},
      {"std::optional<", formatters::optional_formatter()},
      {"std::array<", formatters::array_formatter()},
      {"std::deque<", formatters::deque_formatter()},
      {"std::forward_list<", formatters::forward_list_formatter()},
      {"std::variant<", formatters::variant_formatter()},
      {"std::tuple<", formatters::tuple_formatter()},
      {"std::span<", formatters::span_formatter()},
      {"std::pair<", formatters::pair_formatter()},
      {"std::__1::pair<", formatters::pair_formatter()},
      {"std::__1::basic_string<", formatters::libcxx_string_formatter()},
      {"std::__1::basic_string_view<", formatters::string_view_formatter()},
      {"std::__1::vector<", formatters::vector_formatter()},
      {"std::__1::map<", formatters::libcxx_tree_formatter()},
      {"std::__1::set<", formatters::libcxx_tree_formatter()},
      {"std::__1::multimap<", formatters::libcxx_tree_formatter()},
      {"std::__1::multiset<", formatters::libcxx_tree_formatter()},
      {"std::__1::unique_ptr<", formatters::unique_ptr_formatter()},
      {"std::__1::shared_ptr<", formatters::shared_ptr_formatter()},
      {"std::__1::weak_ptr<", formatters::shared_ptr_formatter()},
      {"std::__1::deque<", formatters::libcxx_deque_formatter()},
      {"std::__1::list<", formatters::libcxx_list_formatter()},
      {"std::__1::forward_list<", formatters::libcxx_forward_list_formatter()},
      {"std::__1::unordered_map<", formatters::libcxx_hashtable_formatter()},
      {"std::__1::unordered_set<", formatters::libcxx_hashtable_formatter()},
      {"std::__1::unordered_multimap<", formatters::libcxx_hashtable_formatter()},
      {"std::__1::unordered_multiset<", formatters::libcxx_hashtable_formatter()},
      {"std::__1::optional<", formatters::libcxx_optional_formatter()},
      {"std::__1::variant<", formatters::libcxx_variant_formatter()},
  };
  for (const auto& [prefix, formatter] : table)
    if (formatter && type.name.rfind(prefix, 0) == 0) return formatter;
  return nullptr;
}

}  // namespace int3::engine
