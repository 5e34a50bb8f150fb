// libFuzzer target: bytes from a client, through the real framing, JSON
// parsing and request dispatch of a session whose program is a fake (no
// process is started). Every request must be answered or rejected; nothing
// may escape the session or crash it.

#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include <spdlog/spdlog.h>

#include "adapter/session.hpp"
#include "adapter/transport.hpp"
#include "adapter/unique_fd.hpp"
#include "dwarf/error.hpp"
#include "engine/error.hpp"
#include "tests/adapter/fake_target.hpp"

namespace {

using namespace int3;

constexpr std::size_t max_input = 1 << 20;  // what one pipe buffer holds

std::unique_ptr<engine::target> make_fake(const engine::launch_options&) {
  auto fake = std::make_unique<test::fake_target>();
  for (std::size_t i = 0; i < 3; ++i) {
    engine::stack_frame f;
    f.index = i;
    f.pc = {0x401000 + 16 * i};
    f.cfa = {0x7ffe0000 + 64 * i};
    f.function = i == 0 ? "square" : "main";
    f.location = dwarf::source_location{"/src/loop.c", static_cast<std::uint32_t>(5 + i), 3};
    f.module = "loop";
    fake->frames.push_back(f);
  }
  // Resumes end in a breakpoint hit, a step, a signal and finally an exit, so
  // stopped-state requests get exercised between them.
  auto stop = [](engine::stop_kind kind, int signal = 0) {
    engine::stop_event e;
    e.kind = kind;
    e.tid = test::fake_target::fake_pid;
    e.signal = signal;
    if (kind == engine::stop_kind::breakpoint) e.breakpoint_ids = {100};
    e.description = "fuzz";
    return e;
  };
  const auto hit = stop(engine::stop_kind::breakpoint);
  const auto step = stop(engine::stop_kind::step);
  const auto signal = stop(engine::stop_kind::signal, 11);
  const auto exited = stop(engine::stop_kind::exited);
  fake->pending_stops = {hit, step, signal, exited};
  return fake;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool quiet = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)quiet;
  if (size > max_input) return 0;

  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) __builtin_trap();
  dap::unique_fd in_read(ends[0]);
  dap::unique_fd in_write(ends[1]);
  ::fcntl(in_write.get(), F_SETPIPE_SZ, static_cast<int>(max_input));
  // Larger inputs would block the write: the session reads only afterwards.
  const int capacity = ::fcntl(in_write.get(), F_GETPIPE_SZ);
  if (capacity <= 0 || size > static_cast<std::size_t>(capacity)) return 0;
  std::size_t done = 0;
  while (done < size) {
    auto n = ::write(in_write.get(), data + done, size - done);
    if (n <= 0) __builtin_trap();
    done += static_cast<std::size_t>(n);
  }
  in_write.reset();  // the client hangs up after its last byte
  dap::unique_fd out(::open("/dev/null", O_WRONLY | O_CLOEXEC));

  dap::transport channel(in_read.get(), out.get());
  dap::session session(channel, make_fake);
  bool open = true;
  while (open && !session.finished()) {
    open = channel.receive();
    while (!session.finished()) {
      auto message = channel.next();
      if (!message) break;
      // As session::run does, failures the user is told about are expected
      // outcomes; anything else escaping is a bug and crashes the fuzzer.
      try {
        session.handle_message(*message);
        session.poll_program();
      } catch (const engine::error&) {
      } catch (const dwarf::error&) {
      }
    }
  }
  return 0;
}
