#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "dwarf/progress.hpp"

namespace int3::dap {

class session;

// Long DWARF reads (dwarf/progress.hpp) as progressStart / progressUpdate /
// progressEnd events, for clients that announced supportsProgressReporting.
// One request is one progress however many reads it makes (a function
// name is looked for among functions, then among inlined copies): the
// session calls finish() before the response. Start and end always go out
// (the client decides whether a short one is worth showing: VS Code waits
// before it draws); updates at most every update_interval, so a read of ten
// thousand units is a few events.
class progress_reporter : public dwarf::progress_observer {
 public:
  static constexpr auto update_interval = std::chrono::milliseconds(200);

  explicit progress_reporter(session& s) : session_(s) {}

  void begin(std::string_view title, std::size_t total) override;
  void advance(std::size_t done) override;
  void end() override;
  // The request (or the program event) that read is answered: progressEnd.
  void finish();

 private:
  session& session_;
  bool active_ = false;  // a progressStart without its progressEnd yet
  std::string id_;
  std::size_t total_ = 0;
  int next_id_ = 1;
  std::chrono::steady_clock::time_point last_sent_;
};

}  // namespace int3::dap
