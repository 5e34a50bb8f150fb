#pragma once

// An engine::target that runs nothing: it records the calls the adapter
// makes and replays the stops a test queues, so sessions can be driven
// through whole conversations without a process.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/target.hpp"

namespace int3::test {

class fake_target : public engine::target {
 public:
  static constexpr pid_t fake_pid = 4242;

  // --- What the test arranges.
  // Lines with code: a request for line L resolves to the first code line >= L.
  std::set<std::uint32_t> code_lines{5, 8, 10, 20};
  std::string resolved_path = "/src/loop.c";
  std::deque<engine::stop_event> pending_stops;
  std::vector<engine::stack_frame> frames;
  bool debug_info = true;

  // --- What the adapter did. Shared, so a test can read it after the
  // session has dropped the target.
  std::shared_ptr<std::vector<std::string>> calls =
      std::make_shared<std::vector<std::string>>();  // "resume", "step_over 4242", ...
  std::map<int, std::pair<std::string, std::uint32_t>> live_breakpoints;
  engine::launch_options launched_with;

  pid_t pid() const override { return fake_pid; }
  bool has_debug_info() const override { return debug_info; }
  bool is_running() const override { return running_; }
  bool has_ended() const override { return ended_; }

  engine::breakpoint_status create_line_breakpoint(const std::string& path,
                                                   std::uint32_t line) override {
    require_stopped("create_line_breakpoint");
    int id = next_id_++;
    calls->push_back("create " + path + ":" + std::to_string(line));
    engine::breakpoint_status status{id, false, resolved_path, 0, ""};
    auto at = code_lines.lower_bound(line);
    if (at == code_lines.end()) {
      status.message = "no code at or after line " + std::to_string(line);
    } else {
      status.verified = true;
      status.line = *at;
    }
    live_breakpoints[id] = {path, line};
    return status;
  }
  void remove_breakpoint(int id) override {
    require_stopped("remove_breakpoint");
    calls->push_back("remove " + std::to_string(id));
    live_breakpoints.erase(id);
  }
  std::vector<engine::virt_addr> breakpoint_sites() const override {
    std::vector<engine::virt_addr> out;
    for (const auto& [id, where] : live_breakpoints) out.push_back({0x401000u + where.second});
    return out;
  }

  void resume() override { start("resume"); }
  void run_to_entry() override { start("run_to_entry"); }
  void step_over(pid_t tid) override { start("step_over " + std::to_string(tid)); }
  void step_in(pid_t tid) override { start("step_in " + std::to_string(tid)); }
  void step_out(pid_t tid) override { start("step_out " + std::to_string(tid)); }
  void step_instruction(pid_t tid) override { start("step_instruction " + std::to_string(tid)); }
  void pause() override { calls->push_back("pause"); }

  std::optional<engine::stop_event> poll_stop() override {
    if (!running_ || pending_stops.empty()) return std::nullopt;
    auto stop = pending_stops.front();
    pending_stops.pop_front();
    running_ = false;
    if (stop.kind == engine::stop_kind::exited || stop.kind == engine::stop_kind::killed) {
      ended_ = true;
    }
    return stop;
  }
  engine::stop_event wait_stop() override { return *poll_stop(); }

  void kill() override {
    calls->push_back("kill");
    running_ = false;
    ended_ = true;
  }
  void detach() override {
    calls->push_back("detach");
    ended_ = true;
  }

  std::vector<engine::thread_info> threads() const override {
    if (ended_) engine::error::send("threads: the program has ended");
    return {{fake_pid, "loop"}};
  }
  std::vector<engine::stack_frame> stack(pid_t tid, std::size_t max_frames) const override {
    require_stopped("stack");
    if (tid != fake_pid) engine::error::send("no thread " + std::to_string(tid));
    auto out = frames;
    if (out.size() > max_frames) out.resize(max_frames);
    return out;
  }
  std::vector<std::byte> read_memory(engine::virt_addr, std::size_t size) const override {
    return std::vector<std::byte>(size);
  }

  // The program runs (as after a resume) without the adapter asking.
  void set_running(bool running) { running_ = running; }

 private:
  void start(const std::string& call) {
    require_stopped(call);
    calls->push_back(call);
    running_ = true;
  }
  void require_stopped(const std::string& what) const {
    // ptrace's rule, which the adapter must respect.
    if (running_) engine::error::send(what + ": the program is running");
    if (ended_) engine::error::send(what + ": the program has ended");
  }

  bool running_ = false;
  bool ended_ = false;
  int next_id_ = 100;
};

}  // namespace int3::test
