#include <catch2/catch.hpp>

#include "tests/support/dap_framing.hpp"

using int3::test::frame_message;
using int3::test::frame_reader;

TEST_CASE("frame_message counts bytes, not characters", "[framing]") {
  CHECK(frame_message("{}") == "Content-Length: 2\r\n\r\n{}");
  CHECK(frame_message("\"\xc3\xa9\"") == "Content-Length: 4\r\n\r\n\"\xc3\xa9\"");
}

TEST_CASE("frame_reader reassembles split and joined frames", "[framing]") {
  frame_reader reader;
  const std::string two = frame_message(R"({"a":1})") + frame_message(R"({"b":2})");
  for (char c : two.substr(0, 10)) reader.feed(std::string(1, c));
  CHECK_FALSE(reader.next());
  reader.feed(two.substr(10));
  CHECK(reader.next() == R"({"a":1})");
  CHECK(reader.next() == R"({"b":2})");
  CHECK_FALSE(reader.next());
  CHECK(reader.buffered() == 0);
}

TEST_CASE("frame_reader accepts extra headers and any case", "[framing]") {
  frame_reader reader;
  reader.feed("content-length: 2\r\nContent-Type: application/json\r\n\r\n{}");
  CHECK(reader.next() == "{}");
}

TEST_CASE("frame_reader rejects headers a DAP peer must not send", "[framing]") {
  frame_reader missing;
  missing.feed("Content-Type: x\r\n\r\n{}");
  CHECK_THROWS_WITH(missing.next(), Catch::Contains("without Content-Length"));
  frame_reader bad;
  bad.feed("Content-Length: 12x\r\n\r\n{}");
  CHECK_THROWS_WITH(bad.next(), Catch::Contains("bad Content-Length"));
  frame_reader endless;
  endless.feed(std::string(5000, 'x'));
  CHECK_THROWS(endless.next());
}
