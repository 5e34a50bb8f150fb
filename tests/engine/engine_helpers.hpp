#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/target.hpp"

namespace int3::test {

// A pipe whose write end goes to the debuggee; read_all() after it ended.
class output_pipe {
 public:
  output_pipe();
  ~output_pipe();
  output_pipe(const output_pipe&) = delete;
  output_pipe& operator=(const output_pipe&) = delete;
  int write_end() const { return write_fd_; }
  // Closes our write end and reads until every writer is gone.
  std::string read_all();

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
};

struct launch_spec {
  std::string fixture;  // binary name under the fixture folder
  std::vector<std::string> args;
  std::vector<std::string> environment;
  int stdout_fd = -1;  // -1: /dev/null
};

engine::launch_options options_for(const launch_spec& spec);
std::unique_ptr<engine::target> launch(const launch_spec& spec);
std::unique_ptr<engine::target> launch(const std::string& fixture);

// The next stop, polling poll_stop(); fails the test after `timeout` so a
// lost event cannot hang the suite.
engine::stop_event next_stop(engine::target& target,
                             std::chrono::seconds timeout = std::chrono::seconds(30));
// Lets a running program run for a while, handling the events a debugger
// handles on the way (new threads, passed signals); fails on a stop.
void run_for(engine::target& target, std::chrono::milliseconds how_long);
// resume() then next_stop().
engine::stop_event continue_to_stop(engine::target& target);

std::string kind_name(engine::stop_kind kind);

// The source line of a frame, 0 when unknown.
std::uint32_t frame_line(const engine::stack_frame& frame);

// /proc/<pid>/mem read, bypassing the engine.
std::vector<std::byte> raw_memory(pid_t pid, engine::virt_addr address, std::size_t size);

}  // namespace int3::test

namespace Catch {
template <>
struct StringMaker<int3::engine::stop_kind> {
  static std::string convert(int3::engine::stop_kind kind) { return int3::test::kind_name(kind); }
};
}  // namespace Catch
