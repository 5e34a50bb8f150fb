// dataIds and how a watch hit's bytes are shown.

#include <catch2/catch.hpp>

#include "adapter/data_breakpoint_table.hpp"

using namespace int3::dap;

namespace {

std::vector<std::byte> bytes(std::initializer_list<unsigned> values) {
  std::vector<std::byte> out;
  for (unsigned v : values) out.push_back(std::byte(v));
  return out;
}

}  // namespace

TEST_CASE("dataIds carry address and size and read back", "[databp]") {
  CHECK(make_data_id(0x601040, 4) == "0x601040/4");
  auto parsed = parse_data_id("0x601040/4");
  REQUIRE(parsed);
  CHECK(parsed->first == 0x601040);
  CHECK(parsed->second == 4);
  CHECK_FALSE(parse_data_id("counter"));
  CHECK_FALSE(parse_data_id("0x601040/0"));
  CHECK_FALSE(parse_data_id("0xzz/4"));
  CHECK_FALSE(parse_data_id("0x10/4x"));
}

TEST_CASE("a dataId nobody described is watched as hex at its address", "[databp]") {
  data_breakpoint_table table;
  auto data = table.describe("0x1000/2");
  REQUIRE(data);
  CHECK(data->address == 0x1000);
  CHECK(data->size == 2);
  CHECK(data->show(bytes({0x34, 0x12})) == "0x1234");
  CHECK_FALSE(table.describe("nonsense"));

  watched_data counter;
  counter.name = "counter";
  counter.format = watched_data::shown_as::signed_int;
  table.remember("0x1000/2", counter);
  CHECK(table.describe("0x1000/2")->name == "counter");
}

TEST_CASE("watched bytes are shown in the variable's type", "[databp]") {
  watched_data d;
  d.format = watched_data::shown_as::signed_int;
  CHECK(d.show(bytes({0xff, 0xff, 0xff, 0xff})) == "-1");
  CHECK(d.show(bytes({42, 0, 0, 0})) == "42");
  d.format = watched_data::shown_as::unsigned_int;
  CHECK(d.show(bytes({0xff, 0xff, 0xff, 0xff})) == "4294967295");
  d.format = watched_data::shown_as::boolean;
  CHECK(d.show(bytes({1})) == "true");
  d.format = watched_data::shown_as::floating;
  CHECK(d.show(bytes({0x00, 0x00, 0x60, 0x40})) == "3.5");
  CHECK(d.show({}) == "<unreadable>");
}

TEST_CASE("a watch's condition rule is found by its DAP id while the engine holds it", "[databp]") {
  data_breakpoint_table table;
  data_breakpoint_table::entry placed;
  placed.id = table.next_id();
  placed.engine_id = 7;
  placed.rule.id = placed.id;
  data_breakpoint_table::entry unplaced;
  unplaced.id = table.next_id();
  table.entries().push_back(placed);
  table.entries().push_back(unplaced);
  CHECK(table.rule(placed.id) == &table.entries()[0].rule);
  CHECK(table.rule(unplaced.id) == nullptr);
  CHECK(table.rule(1) == nullptr);
}
