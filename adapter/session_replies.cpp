// The session's side of reverse requests: sending one, routing the client's
// response to whoever waits for it, and waiting without losing requests.

#include <poll.h>

#include <cerrno>

#include <spdlog/spdlog.h>

#include "adapter/errors.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

int session::send_request(const std::string& command, nlohmann::json arguments,
                          reply_callback on_reply) {
  const int seq = channel_.next_seq();
  pending_replies_[seq] = std::move(on_reply);
  channel_.write(nlohmann::json{
      {"type", "request"}, {"command", command}, {"arguments", std::move(arguments)}});
  return seq;
}

void session::route_reply(const nlohmann::json& response) {
  auto seq = response.find("request_seq");
  auto it = seq != response.end() && seq->is_number_integer()
                ? pending_replies_.find(seq->get<int>())
                : pending_replies_.end();
  if (it == pending_replies_.end()) {
    spdlog::warn("ignored a response to no request of ours: {}", response.dump());
    return;
  }
  auto on_reply = std::move(it->second);
  pending_replies_.erase(it);
  on_reply(response);
}

std::optional<incoming_message> session::next_message() {
  if (!deferred_messages_.empty()) {
    auto message = std::move(deferred_messages_.front());
    deferred_messages_.pop_front();
    return message;
  }
  return channel_.next();
}

bool session::wait_for_client(const std::function<bool()>& done, int fd,
                              std::chrono::steady_clock::time_point deadline) {
  using namespace std::chrono;
  for (;;) {
    // Messages already framed come first: the reply may be among them.
    while (auto message = channel_.next()) {
      const auto* j = std::get_if<nlohmann::json>(&*message);
      if (j && j->is_object() && j->value("type", "") == "response") {
        route_reply(*j);
      } else {
        deferred_messages_.push_back(std::move(*message));
      }
    }
    if (done()) return false;
    auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
    if (left <= 0) return false;
    pollfd fds[2] = {{channel_.input_fd(), POLLIN, 0}, {fd, POLLIN, 0}};
    int n = ::poll(fds, fd >= 0 ? 2 : 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw dap_error(error_id::internal, "poll failed while waiting for the client");
    if (fd >= 0 && fds[1].revents != 0) return true;
    if (fds[0].revents != 0 && !channel_.receive()) {
      finish();
      throw dap_error(error_id::engine_failure, "the client closed the connection", true);
    }
  }
}

void session::adopt_from_terminal(pid_t pid, const std::filesystem::path& program,
                                  const std::function<void()>& release, bool stop_on_entry) {
  if (target_) {
    throw dap_error(error_id::already_launched, "a program is already being debugged", true);
  }
  if (!adopt_target_) {
    throw dap_error(error_id::engine_failure, "running in a terminal is not supported", true);
  }
  target_ = adopt_target_(pid, program, release);
  attached_ = false;
  // restart relaunches with the settings kept here, which a terminal
  // launch does not have.
  last_launch_.reset();
  program_name_ = program.string();
  stop_on_entry_ = stop_on_entry;
  started_ = false;
  terminated_sent_ = false;
  spdlog::info("took over {} in the terminal as pid {}", program_name_, pid);
}

}  // namespace int3::dap
