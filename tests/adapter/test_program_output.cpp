#include <unistd.h>

#include <catch2/catch.hpp>

#include "adapter/program_output.hpp"

using namespace int3::dap;

TEST_CASE("an incomplete UTF-8 sequence is held back", "[program_output]") {
  std::string text = "ab\xC3";  // the first byte of "é"
  CHECK(take_complete_utf8(text) == "ab");
  CHECK(text == "\xC3");
  text += "\xA9z";
  CHECK(take_complete_utf8(text) == "\xC3\xA9z");
  CHECK(text.empty());

  std::string euro = "\xE2\x82";  // two of the three bytes of "€"
  CHECK(take_complete_utf8(euro).empty());
  CHECK(euro == "\xE2\x82");

  std::string invalid = "x\xFF";  // not a lead byte: passed on for replacement
  CHECK(take_complete_utf8(invalid) == "x\xFF");
}

TEST_CASE("program output keeps stdout and stderr apart", "[program_output]") {
  program_output output;
  auto ends = output.open();
  REQUIRE(output.fds().size() == 2);
  std::vector<std::pair<std::string, std::string>> got;
  auto sink = [&](std::string_view category, std::string text) {
    got.emplace_back(std::string(category), std::move(text));
  };
  REQUIRE(::write(ends.stdout_write.get(), "out\n", 4) == 4);
  REQUIRE(::write(ends.stderr_write.get(), "err\n", 4) == 4);
  output.drain_all(sink);
  CHECK(got ==
        std::vector<std::pair<std::string, std::string>>{{"stdout", "out\n"}, {"stderr", "err\n"}});
  // The child's end closing is the end of that stream.
  ends.stdout_write.reset();
  CHECK_FALSE(output.drain(output.fds()[0], sink));
  CHECK(output.fds().size() == 1);
}
