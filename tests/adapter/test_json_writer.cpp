// protocol::json_writer against nlohmann: a body with a writer must be the
// same JSON either way, and the transport's spliced frame must be the frame
// it would have written from the tree.

#include <fcntl.h>
#include <unistd.h>

#include <string>

#include <catch2/catch.hpp>

#include "adapter/protocol/requests.hpp"
#include "adapter/protocol/types.hpp"
#include "adapter/transport.hpp"
#include "adapter/unique_fd.hpp"

using namespace int3::dap;
using json = nlohmann::json;

namespace {

protocol::stack_trace_response_body sample_body() {
  protocol::stack_trace_response_body body;
  protocol::stack_frame full;
  full.id = 1000;
  full.name = "ns::f<\"quoted\">(char const*, \\back)";
  full.source = protocol::source{"a b.c", "/tmp/dir\twith tab/a b.c", std::nullopt};
  full.line = 12;
  full.column = 3;
  full.instructionPointerReference = "0x401136";
  full.moduleId = "/usr/lib/libü€😀.so";
  body.stackFrames.push_back(full);
  protocol::stack_frame bare;
  bare.id = 1001;
  bare.name = std::string("ctl\x01\x1f\n\r\b\f", 9);
  bare.presentationHint = "subtle";
  body.stackFrames.push_back(bare);
  protocol::stack_frame with_reference = full;
  with_reference.id = -5;
  with_reference.source = protocol::source{std::nullopt, std::nullopt, 7};
  body.stackFrames.push_back(with_reference);
  body.totalFrames = 3;
  return body;
}

}  // namespace

TEST_CASE("a written stackTrace body is the JSON to_json makes", "[json_writer]") {
  auto body = sample_body();
  std::string text = protocol::written_json(body);
  CHECK(json::parse(text) == json(body));

  body.totalFrames.reset();
  body.stackFrames.clear();
  text = protocol::written_json(body);
  CHECK(text == R"({"stackFrames":[]})");
  CHECK(json::parse(text) == json(body));
}

TEST_CASE("bytes that are not UTF-8 are written as U+FFFD and the text stays JSON",
          "[json_writer]") {
  protocol::stack_trace_response_body body;
  protocol::stack_frame f;
  // A stray continuation byte, a truncated sequence, an overlong '/', a
  // surrogate: all of them occur in paths that are not UTF-8.
  f.name = std::string("a\x80z\xE2\x82 \xC0\xAF \xED\xA0\x80!");
  body.stackFrames.push_back(f);
  auto parsed = json::parse(protocol::written_json(body));
  auto name = parsed["stackFrames"][0]["name"].get<std::string>();
  CHECK(name.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(name.front() == 'a');
  CHECK(name.back() == '!');
  CHECK(name.find('z') != std::string::npos);
}

TEST_CASE("the transport splices a written body into its envelope", "[json_writer]") {
  int ends[2];
  REQUIRE(::pipe2(ends, O_CLOEXEC) == 0);
  unique_fd read_end(ends[0]);
  unique_fd write_end(ends[1]);
  transport out(-1, write_end.get());
  auto body = sample_body();
  out.write(
      json{{"type", "response"}, {"request_seq", 4}, {"success", true}, {"command", "stackTrace"}},
      protocol::written_json(body));
  write_end.reset();

  std::string bytes;
  char buffer[4096];
  for (ssize_t n; (n = ::read(read_end.get(), buffer, sizeof buffer)) > 0;) bytes.append(buffer, n);
  auto split = bytes.find("\r\n\r\n");
  REQUIRE(split != std::string::npos);
  std::string text = bytes.substr(split + 4);
  CHECK(bytes.substr(0, split) == "Content-Length: " + std::to_string(text.size()));
  auto message = json::parse(text);
  CHECK(message["body"] == json(body));
  CHECK(message["command"] == "stackTrace");
  CHECK(message["seq"].is_number_integer());
}
