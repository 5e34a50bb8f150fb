// Framing over a real pipe pair: the transport reads what a client writes,
// in whatever pieces the kernel hands over.

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "adapter/transport.hpp"
#include "adapter/unique_fd.hpp"

using int3::dap::bad_frame;
using int3::dap::incoming_message;
using int3::dap::transport;
using int3::dap::unique_fd;
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
  void put(const std::string& bytes) const {
    REQUIRE(::write(write_end.get(), bytes.data(), bytes.size()) ==
            static_cast<ssize_t>(bytes.size()));
  }
};

std::string frame(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string request_body(int seq, const std::string& command = "threads") {
  return json{{"seq", seq}, {"type", "request"}, {"command", command}}.dump();
}

json as_json(const std::optional<incoming_message>& m) {
  REQUIRE(m.has_value());
  REQUIRE(std::holds_alternative<json>(*m));
  return std::get<json>(*m);
}

std::string as_problem(const std::optional<incoming_message>& m) {
  REQUIRE(m.has_value());
  REQUIRE(std::holds_alternative<bad_frame>(*m));
  return std::get<bad_frame>(*m).problem;
}

}  // namespace

TEST_CASE("transport reads one framed message", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  p.put(frame(request_body(1)));
  CHECK(as_json(t.read())["seq"] == 1);
}

TEST_CASE("transport assembles a message split byte by byte", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  std::string bytes = frame(request_body(7, "stackTrace"));
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
    p.put(bytes.substr(i, 1));
    REQUIRE(t.receive());
    REQUIRE_FALSE(t.next().has_value());
  }
  p.put(bytes.substr(bytes.size() - 1));
  REQUIRE(t.receive());
  auto message = as_json(t.next());
  CHECK(message["seq"] == 7);
  CHECK(message["command"] == "stackTrace");
  CHECK_FALSE(t.next().has_value());
}

TEST_CASE("transport serves two messages that arrive in one write", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  p.put(frame(request_body(1)) + frame(request_body(2)));
  REQUIRE(t.receive());
  CHECK(as_json(t.next())["seq"] == 1);
  CHECK(as_json(t.next())["seq"] == 2);
  CHECK_FALSE(t.next().has_value());
}

TEST_CASE("transport reads a 5 MB message", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  std::string payload(5 * 1024 * 1024, 'x');
  std::string bytes = frame(json{
      {"seq", 3}, {"type", "request"}, {"command", "launch"}, {"arguments", {{"program", payload}}}}
                                .dump());
  // The pipe holds far less than 5 MB, so the writer must run alongside.
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < bytes.size()) {
      auto n = ::write(p.write_end.get(), bytes.data() + done, bytes.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
  });
  auto message = t.read();
  writer.join();
  CHECK(as_json(message)["arguments"]["program"].get<std::string>().size() == payload.size());
}

TEST_CASE("transport header names are case-insensitive and others are ignored", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  std::string body = request_body(5);
  std::string header =
      GENERATE(as<std::string>{}, "content-length: ", "CONTENT-LENGTH:", "Content-Length:   ");
  INFO(header);
  p.put("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + header +
        std::to_string(body.size()) + "\r\n\r\n" + body);
  CHECK(as_json(t.read())["seq"] == 5);
}

TEST_CASE("transport skips a malformed header and serves the next message", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  struct bad_case {
    std::string bytes;
    std::string problem;
  };
  auto bad = GENERATE(values<bad_case>({
      {"Content-Type: text/plain\r\n\r\n", "without Content-Length"},
      {"Content-Length: abc\r\n\r\n", "invalid Content-Length"},
      {"Content-Length: -5\r\n\r\n", "invalid Content-Length"},
      {"Content-Length: 99999999999\r\n\r\n{}", "exceeds the limit"},
      {"garbage without any header", "without Content-Length"},
  }));
  INFO(bad.bytes);
  p.put(bad.bytes + frame(request_body(9)));
  CHECK_THAT(as_problem(t.read()), Catch::Contains(bad.problem));
  CHECK(as_json(t.read())["seq"] == 9);
}

TEST_CASE("transport reports a body that is not JSON and keeps going", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  p.put(frame("{\"seq\": 1, \"type\": ") + frame(request_body(2)));
  CHECK_THAT(as_problem(t.read()), Catch::StartsWith("invalid JSON"));
  CHECK(as_json(t.read())["seq"] == 2);
}

TEST_CASE("transport ends at the end of the input", "[transport]") {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  p.put(frame(request_body(1)) + "Content-Length: 50\r\n\r\n{\"trunc");
  p.write_end.reset();
  CHECK(as_json(t.read())["seq"] == 1);
  CHECK_FALSE(t.read().has_value());
  CHECK_FALSE(t.receive());
}

TEST_CASE("transport writes frames with consecutive seqs", "[transport]") {
  pipe_pair p;
  transport writer(-1, p.write_end.get());
  transport reader(p.read_end.get(), -1);
  writer.write(json{{"type", "event"}, {"event", "initialized"}});
  writer.write(json{{"type", "event"}, {"event", "output"}, {"body", {{"output", "é"}}}});
  CHECK(as_json(reader.read())["seq"] == 1);
  auto second = as_json(reader.read());
  CHECK(second["seq"] == 2);
  CHECK(second["body"]["output"] == "é");
}

TEST_CASE("transport replaces bytes that are not UTF-8 instead of failing", "[transport]") {
  pipe_pair p;
  transport writer(-1, p.write_end.get());
  transport reader(p.read_end.get(), -1);
  writer.write(json{{"type", "event"},
                    {"event", "output"},
                    {"body",
                     {{"output",
                       "a\xff"
                       "b"}}}});
  CHECK(as_json(reader.read())["body"]["output"] ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("transport marks itself closed when the client is gone", "[transport]") {
  pipe_pair p;
  transport writer(-1, p.write_end.get());
  p.read_end.reset();
  // SIGPIPE would kill the test; the adapter ignores it in main().
  auto old = ::signal(SIGPIPE, SIG_IGN);
  writer.write(json{{"type", "event"}, {"event", "terminated"}});
  ::signal(SIGPIPE, old);
  CHECK(writer.closed());
}

namespace {

// Writes `bytes` from a thread (a pipe holds far less than a big message)
// and reads one message.
std::optional<incoming_message> read_big(const std::string& bytes) {
  pipe_pair p;
  transport t(p.read_end.get(), -1);
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < bytes.size()) {
      auto n = ::write(p.write_end.get(), bytes.data() + done, bytes.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
  });
  auto message = t.read();
  writer.join();
  return message;
}

std::string breakpoints_body(int seq, int count) {
  std::string body = R"({"seq":)" + std::to_string(seq) +
                     R"(,"type":"request","command":"setBreakpoints","arguments":{"breakpoints":[)";
  for (int i = 0; i < count; ++i) {
    if (i) body += ',';
    body += R"({"line":)" + std::to_string(1 + i % 40) + "}";
  }
  return body + "]}}";
}

}  // namespace

TEST_CASE("transport keeps a message of many values under the bound", "[transport]") {
  // 20,000 objects of one value each: 40,000 values and then some.
  auto message = as_json(read_big(frame(breakpoints_body(4, 20'000))));
  CHECK(message["arguments"]["breakpoints"].size() == 20'000);
}

TEST_CASE("transport refuses a message of a million objects, naming its seq and command",
          "[transport]") {
  auto message = read_big(frame(breakpoints_body(9, 1'000'000)));
  REQUIRE(message.has_value());
  REQUIRE(std::holds_alternative<bad_frame>(*message));
  const auto& bad = std::get<bad_frame>(*message);
  CHECK(bad.problem.find("JSON values") != std::string::npos);
  CHECK(bad.seq == 9);
  CHECK(bad.command == "setBreakpoints");
}

TEST_CASE("transport reports invalid JSON as invalid, not as too big", "[transport]") {
  auto problem = as_problem(read_big(frame(breakpoints_body(5, 10) + "garbage")));
  CHECK(problem.find("invalid JSON") != std::string::npos);
}
