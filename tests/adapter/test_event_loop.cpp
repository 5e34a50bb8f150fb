// The poll loop and a whole session served through it over pipes.

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "adapter/event_loop.hpp"
#include "adapter/session.hpp"
#include "adapter/termination_signals.hpp"
#include "adapter/transport.hpp"
#include "adapter/unique_fd.hpp"
#include "tests/adapter/fake_target.hpp"

using namespace int3::dap;
using json = nlohmann::json;

namespace {
struct pipe_pair {
  unique_fd read_end;
  unique_fd write_end;
  pipe_pair() {
    int ends[2];
    REQUIRE(::pipe2(ends, O_CLOEXEC) == 0);
    read_end.reset(ends[0]);
    write_end.reset(ends[1]);
  }
};

std::string frame(const json& message) {
  auto body = message.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string request(int seq, const std::string& command, json arguments = json::object()) {
  return frame(
      json{{"seq", seq}, {"type", "request"}, {"command", command}, {"arguments", arguments}});
}

std::vector<json> read_all(int fd) {
  transport reader(fd, -1);
  std::vector<json> out;
  while (auto m = reader.read()) out.push_back(std::get<json>(*m));
  return out;
}

std::unique_ptr<int3::engine::target> fake_launch(const int3::engine::launch_options&) {
  return std::make_unique<int3::test::fake_target>();
}
}  // namespace

TEST_CASE("event loop calls back for ready fds until stopped", "[event_loop]") {
  event_loop loop;
  pipe_pair p;
  int calls = 0;
  loop.watch(p.read_end.get(), [&] {
    char c;
    REQUIRE(::read(p.read_end.get(), &c, 1) == 1);
    if (++calls == 2) {
      loop.unwatch(p.read_end.get());
      loop.stop();
    }
  });
  REQUIRE(::write(p.write_end.get(), "ab", 2) == 2);
  loop.run();
  CHECK(calls == 2);
  CHECK_FALSE(loop.watching(p.read_end.get()));
}

TEST_CASE("event loop times out when asked to", "[event_loop]") {
  event_loop loop;
  int timeouts = 0;
  loop.set_timeout([] { return std::optional<std::chrono::milliseconds>(1); },
                   [&] {
                     if (++timeouts == 3) loop.stop();
                   });
  loop.run();
  CHECK(timeouts == 3);
}

TEST_CASE("event loop delivers a signal through its signalfd", "[event_loop]") {
  event_loop loop;
  bool got = false;
  loop.watch_signal(SIGUSR2, [&] {
    got = true;
    loop.stop();
  });
  ::raise(SIGUSR2);  // blocked now, so it waits in the signalfd
  loop.run();
  CHECK(got);
}

TEST_CASE("event loop ends at a termination signal and leaves it pending", "[event_loop]") {
  block_termination_signals();
  event_loop loop;
  pipe_pair p;
  bool called = false;
  loop.watch(p.read_end.get(), [&] {
    called = true;
    loop.stop();
  });
  REQUIRE(::write(p.write_end.get(), "a", 1) == 1);
  ::raise(SIGTERM);  // blocked now, so it stays pending
  loop.run();
  CHECK(loop.ended_by_signal() == SIGTERM);
  CHECK_FALSE(called);  // nothing else is handled first
  CHECK(pending_termination_signal() == SIGTERM);
  // Taken and unblocked, so the rest of the suite runs as before.
  sigset_t set;
  sigemptyset(&set);
  for (int signo : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&set, signo);
  siginfo_t info;
  const timespec zero{0, 0};
  CHECK(::sigtimedwait(&set, &info, &zero) == SIGTERM);
  ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
  CHECK_FALSE(pending_termination_signal());
}

TEST_CASE("a session served over pipes ends at disconnect", "[event_loop][session]") {
  pipe_pair in;
  pipe_pair out;
  std::string input = request(1, "initialize") + request(2, "threads") + request(3, "disconnect") +
                      request(4, "threads");  // after disconnect: never answered
  REQUIRE(::write(in.write_end.get(), input.data(), input.size()) ==
          static_cast<ssize_t>(input.size()));
  {
    transport channel(in.read_end.get(), out.write_end.get());
    session s(channel, fake_launch);
    s.run();
    CHECK(s.finished());
  }
  out.write_end.reset();
  auto sent = read_all(out.read_end.get());
  REQUIRE(sent.size() == 4);  // initialize response, initialized, threads, disconnect
  CHECK(sent[1]["event"] == "initialized");
  CHECK(sent[3]["command"] == "disconnect");
}

TEST_CASE("a session ends cleanly at the end of its input", "[event_loop][session]") {
  pipe_pair in;
  pipe_pair out;
  std::string input = request(1, "initialize") +
                      request(2, "launch", json{{"program", "/bin/sh"}}) +
                      request(3, "configurationDone");
  REQUIRE(::write(in.write_end.get(), input.data(), input.size()) ==
          static_cast<ssize_t>(input.size()));
  in.write_end.reset();  // the client goes away without disconnect, as nvim-dap may
  auto calls = std::make_shared<std::vector<std::string>>();
  {
    transport channel(in.read_end.get(), out.write_end.get());
    session s(channel, [&](const int3::engine::launch_options&) {
      auto fake = std::make_unique<int3::test::fake_target>();
      calls = fake->calls;
      return fake;
    });
    s.run();
    CHECK(s.finished());
    CHECK_FALSE(s.launched());
  }
  CHECK(calls->back() == "kill");
}
