#include "adapter/progress_reporter.hpp"

#include <algorithm>

#include "adapter/protocol/events.hpp"
#include "adapter/session.hpp"

namespace int3::dap {
namespace {

int percentage(std::size_t done, std::size_t total) {
  if (total == 0) return 0;
  return static_cast<int>(std::min<std::size_t>(100, done * 100 / total));
}

std::string units_message(std::size_t done, std::size_t total) {
  return std::to_string(done) + " of " + std::to_string(total) + " compile units";
}

}  // namespace

void progress_reporter::begin(std::string_view title, std::size_t total) {
  if (!session_.client().reports_progress()) return;
  total_ = total;
  last_sent_ = std::chrono::steady_clock::now();
  if (active_) {
    // The same request reads on: the bar says what it reads now.
    protocol::progress_update_event_body body{
        id_, std::string(title) + ": " + units_message(0, total), 0};
    session_.send_event("progressUpdate", body);
    return;
  }
  active_ = true;
  id_ = "int3-progress-" + std::to_string(next_id_++);
  protocol::progress_start_event_body body{id_, std::string(title), false, units_message(0, total),
                                           0};
  session_.send_event("progressStart", body);
}

void progress_reporter::advance(std::size_t done) {
  if (!active_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_sent_ < update_interval) return;
  last_sent_ = now;
  protocol::progress_update_event_body body{id_, units_message(done, total_),
                                            percentage(done, total_)};
  session_.send_event("progressUpdate", body);
}

void progress_reporter::end() {
  // Kept open until finish(): the request may read more.
}

void progress_reporter::finish() {
  if (!active_) return;
  active_ = false;
  session_.send_event("progressEnd", protocol::progress_end_event_body{id_, std::nullopt});
}

}  // namespace int3::dap
