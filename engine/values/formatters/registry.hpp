#pragma once

// One accessor per formatter file; null when that formatter is not built.

#include "engine/values/formatter.hpp"

namespace int3::engine::formatters {

const value_formatter* string_formatter();
const value_formatter* string_view_formatter();
const value_formatter* vector_formatter();
const value_formatter* unique_ptr_formatter();
const value_formatter* shared_ptr_formatter();
const value_formatter* tree_formatter();
const value_formatter* list_formatter();
const value_formatter* hashtable_formatter();
const value_formatter* optional_formatter();
const value_formatter* array_formatter();
const value_formatter* deque_formatter();
const value_formatter* forward_list_formatter();
const value_formatter* variant_formatter();
const value_formatter* tuple_formatter();
const value_formatter* span_formatter();
const value_formatter* pair_formatter();
const value_formatter* libcxx_string_formatter();
const value_formatter* libcxx_tree_formatter();
const value_formatter* libcxx_deque_formatter();
const value_formatter* libcxx_list_formatter();
const value_formatter* libcxx_forward_list_formatter();
const value_formatter* libcxx_hashtable_formatter();
const value_formatter* libcxx_optional_formatter();
const value_formatter* libcxx_variant_formatter();

}  // namespace int3::engine::formatters
