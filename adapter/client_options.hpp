#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "adapter/source_map.hpp"

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
  std::uint32_t column_from_client(int column) const;

  // A path or file URI from the client to a plain path, and back.
  // path_to_client also maps a program's source path to the editor's
  // (launch.json sourceMap); breakpoint_registry maps the other way.
  std::string path_from_client(const std::string& path) const;
  std::string path_to_client(const std::string& path) const;

  void set_source_map(source_map map) { sources_ = std::move(map); }
  // From initialize: whether console integratedTerminal/externalTerminal
  // can be honoured.
  void set_runs_in_terminal(bool supported) { runs_in_terminal_ = supported; }
  bool runs_in_terminal() const { return runs_in_terminal_; }
  // From initialize: whether progress events may be sent.
  void set_reports_progress(bool supported) { reports_progress_ = supported; }
  bool reports_progress() const { return reports_progress_; }
  const source_map& sources() const { return sources_; }

 private:
  bool lines_start_at_1_ = true;
  bool columns_start_at_1_ = true;
  bool uri_paths_ = false;
  source_map sources_;
  bool runs_in_terminal_ = false;
  bool reports_progress_ = false;
};

}  // namespace int3::dap
