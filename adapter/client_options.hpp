#pragma once

#include <cstdint>
#include <string>

namespace int3::dap {

// How the client counts lines and columns and writes paths, from its
// initialize arguments. The adapter works 1-based with plain paths inside
// and converts only at the protocol's edge, here.
class client_options {
 public:
  void set(bool lines_start_at_1, bool columns_start_at_1, bool uri_paths) {
    lines_start_at_1_ = lines_start_at_1;
    columns_start_at_1_ = columns_start_at_1;
    uri_paths_ = uri_paths;
  }

  // A client line (or column) to a 1-based one, and back.
  std::uint32_t line_from_client(int line) const;
  int line_to_client(std::uint32_t line) const;
  int column_to_client(std::uint32_t column) const;

  // A path or file URI from the client to a plain path, and back.
  std::string path_from_client(const std::string& path) const;
  std::string path_to_client(const std::string& path) const;

 private:
  bool lines_start_at_1_ = true;
  bool columns_start_at_1_ = true;
  bool uri_paths_ = false;
};

}  // namespace int3::dap
