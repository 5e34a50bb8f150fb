#include "tests/engine/engine_helpers.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <thread>

#include <catch2/catch.hpp>

#include "tests/support/markers.hpp"

namespace int3::test {

output_pipe::output_pipe() {
  int fds[2];
  REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
  read_fd_ = fds[0];
  write_fd_ = fds[1];
}

output_pipe::~output_pipe() {
  if (read_fd_ >= 0) close(read_fd_);
  if (write_fd_ >= 0) close(write_fd_);
}

std::string output_pipe::read_all() {
  if (write_fd_ >= 0) close(write_fd_);
  write_fd_ = -1;
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = read(read_fd_, buffer, sizeof buffer)) > 0) text.append(buffer, n);
  return text;
}

namespace {

// The fixtures' own chatter would mix with Catch's report.
int quiet_fd() {
  static const int dev_null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  return dev_null;
}

}  // namespace

engine::launch_options options_for(const launch_spec& spec) {
  engine::launch_options options;
  options.program = fixture_binary(spec.fixture);
  options.args = spec.args;
  options.environment = spec.environment;
  options.environment.push_back("PATH=/usr/bin:/bin");
  options.stdout_fd = spec.stdout_fd >= 0 ? spec.stdout_fd : quiet_fd();
  options.stderr_fd = quiet_fd();
  return options;
}

std::unique_ptr<engine::target> launch(const launch_spec& spec) {
  return engine::target::launch(options_for(spec));
}

std::unique_ptr<engine::target> launch(const std::string& fixture) {
  launch_spec spec{fixture, {}, {}, quiet_fd()};
  return launch(spec);
}

engine::stop_event next_stop(engine::target& target, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto event = target.poll_stop()) return *event;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  FAIL("no stop within " << timeout.count() << "s");
  return {};
}

void run_for(engine::target& target, std::chrono::milliseconds how_long) {
  auto until = std::chrono::steady_clock::now() + how_long;
  while (std::chrono::steady_clock::now() < until) {
    auto event = target.poll_stop();
    if (event) FAIL("unexpected stop: " << kind_name(event->kind) << " " << event->description);
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

engine::stop_event continue_to_stop(engine::target& target) {
  target.resume();
  return next_stop(target);
}

std::string kind_name(engine::stop_kind kind) {
  switch (kind) {
    case engine::stop_kind::entry:
      return "entry";
    case engine::stop_kind::breakpoint:
      return "breakpoint";
    case engine::stop_kind::step:
      return "step";
    case engine::stop_kind::pause:
      return "pause";
    case engine::stop_kind::signal:
      return "signal";
    case engine::stop_kind::exited:
      return "exited";
    case engine::stop_kind::killed:
      return "killed";
    case engine::stop_kind::data_breakpoint:
      return "data breakpoint";
  }
  return "?";
}

std::uint32_t frame_line(const engine::stack_frame& frame) {
  return frame.location ? frame.location->line : 0;
}

std::vector<std::byte> raw_memory(pid_t pid, engine::virt_addr address, std::size_t size) {
  std::vector<std::byte> data(size);
  int fd = open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  ssize_t n = pread(fd, data.data(), size, static_cast<off_t>(address.value));
  close(fd);
  REQUIRE(n == static_cast<ssize_t>(size));
  return data;
}

}  // namespace int3::test
