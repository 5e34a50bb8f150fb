// Symbol breakpoints on the C++ runtime's hooks and the exception read at
// them: placed in libstdc++ (no debug info) once it loads, argument
// registers through the arch table, bytes restored on removal.

#include "engine/cxx_exceptions.hpp"
#include "engine/target.hpp"
#include "tests/engine/engine_helpers.hpp"
#include "tests/support/markers.hpp"

using namespace int3;

TEST_CASE("a symbol breakpoint on __cxa_throw stops at each throw with its exception",
          "[engine][runtime_hooks]") {
  test::output_pipe out;
  auto target = test::launch({"throws_gcc_O0", {}, {}, out.write_end()});
  // Stopped before the loader ran: libstdc++ is not mapped yet.
  auto throw_bp = target->create_symbol_breakpoint("__cxa_throw");
  CHECK_FALSE(throw_bp.verified);
  CHECK(throw_bp.message.find("__cxa_throw") != std::string::npos);

  auto stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  CHECK(stop.breakpoint_ids == std::vector<int>{throw_bp.id});
  auto frames = target->stack(stop.tid, 3);
  REQUIRE(frames.size() >= 2);
  CHECK(frames[0].function == "__cxa_throw");
  CHECK_FALSE(frames[0].location.has_value());
  CHECK(test::frame_line(frames[1]) ==
        test::line_of(test::fixture_source("throws.cpp"), "throw runtime_error"));
  // __cxa_throw(object, type_info*, destructor): the object is live memory.
  auto object = target->argument_at_entry(stop.tid, 0);
  CHECK(target->read_memory(engine::virt_addr{object}, 8).size() == 8);
  auto thrown = engine::read_cxx_exception(*target, stop.tid, engine::cxx_exception_hook::thrown);
  CHECK(thrown.type == "std::runtime_error");
  CHECK(thrown.message == std::optional<std::string>("code too large"));

  stop = test::continue_to_stop(*target);
  REQUIRE(stop.kind == engine::stop_kind::breakpoint);
  thrown = engine::read_cxx_exception(*target, stop.tid, engine::cxx_exception_hook::thrown);
  CHECK(thrown.type == "app::parse_error");
  CHECK_FALSE(thrown.message.has_value());

  // Removed, the remaining throws run through the restored bytes.
  auto sites = target->breakpoint_sites();
  CHECK(sites.size() == 1);
  target->remove_breakpoint(throw_bp.id);
  CHECK(target->breakpoint_sites().empty());
  REQUIRE(test::raw_memory(target->pid(), sites.at(0), 1) == target->read_memory(sites.at(0), 1));
  stop = test::continue_to_stop(*target);
  CHECK(stop.kind == engine::stop_kind::exited);
  CHECK(stop.exit_code == 0);
  CHECK(out.read_all() == "caught 4\n");
}
