// int3-demo: debugs tests/demo/example.c with int3-dap over real DAP and
// prints what happens. Usage: int3-demo [path/to/int3-dap]
// Exits non-zero as soon as anything differs from a normal session.

#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "tests/demo/transcript.hpp"
#include "tests/support/dap_client.hpp"
#include "tests/support/markers.hpp"

using int3::test::json;

namespace {

void expect(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("unexpected: " + what);
}

json top_frame(int3::test::dap_client& client, int3::demo::transcript& log, std::int64_t tid,
               bool print) {
  if (print) log.sent("stackTrace (thread " + std::to_string(tid) + ")");
  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  expect(frames.is_array() && !frames.empty(), "an empty call stack");
  if (print)
    for (std::size_t i = 0; i < frames.size(); ++i)
      log.note(int3::demo::describe_frame(i, frames[i]));
  return frames[0];
}

int run(const std::string& adapter) {
  const std::string source = INT3_DEMO_SOURCE;
  const std::string program = INT3_DEMO_PROGRAM;
  const auto line = int3::test::line_of(source, "demo");
  const std::string file = std::filesystem::path(source).filename();

  int3::test::dap_client_options options;
  options.adapter = adapter;
  int3::test::dap_client client(options);
  int3::demo::transcript log(std::cout, client);
  std::cout << "int3 demo: " << adapter << " debugging " << program << "\n"
            << "adapter log: " << client.log_path() << "\n\n";

  log.sent("initialize");
  client.request_ok("initialize",
                    {{"clientID", "int3-demo"}, {"adapterID", "int3"}, {"linesStartAt1", true}});
  log.received("initialize: ok");
  client.expect_event("initialized");
  log.received("initialized");

  log.sent("launch " + program);
  client.launch({{"program", program}});
  log.received("launch: ok");

  log.sent("setBreakpoints " + file + ":" + std::to_string(line));
  json bp =
      client.set_breakpoints(source, {static_cast<std::uint32_t>(line)})["body"]["breakpoints"][0];
  expect(bp.value("verified", false), "breakpoint not verified: " + bp.dump());
  log.received("breakpoint " + std::to_string(bp.value("id", 0)) + " verified at " + file + ":" +
               std::to_string(bp.value("line", 0)));

  log.sent("configurationDone");
  client.configuration_done();

  for (int hit = 1; hit <= 2; ++hit) {
    json stopped = client.wait_stopped();
    const auto tid = stopped["body"].value("threadId", std::int64_t{0});
    json top = top_frame(client, log, tid, false);
    log.received("stopped: " + int3::demo::describe_stop(stopped, top));
    expect(stopped["body"].value("reason", "") == "breakpoint", "stop reason " + stopped.dump());
    expect(top.value("line", 0u) == line,
           "stopped at line " + std::to_string(top.value("line", 0)));
    expect(top.value("name", "") == "compute", "stopped in " + top.value("name", ""));
    top_frame(client, log, tid, true);
    if (hit == 2) {
      log.sent("setBreakpoints " + file + " (none)");
      client.set_breakpoints(source, {});
    }
    log.sent("continue");
    client.continue_(tid);
  }

  json exited = client.wait_exited();
  const auto code = exited["body"].value("exitCode", -1);
  log.received("exited with code " + std::to_string(code));
  client.wait_terminated();
  log.received("terminated");
  log.sent("disconnect");
  client.request_ok("disconnect", json::object());
  log.program_output();
  expect(code == 0, "exit code " + std::to_string(code));
  expect(client.output("stdout").find("compute(3) = 14") != std::string::npos,
         "the program's output is missing");
  auto status = client.shutdown();
  expect(status.has_value(), "int3-dap did not exit after disconnect");
  std::cout << "\ndemo finished: all as expected\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string adapter = argc > 1 ? argv[1] : INT3_DAP_PATH;
  try {
    return run(adapter);
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "\nint3 demo FAILED: " << e.what() << "\n";
    return 1;
  }
}
