// dwarf::progress_scope as an observer hears it: a read of every unit is one
// begin, advances up to the unit count, one end; reads nested in it are not
// heard separately; without an observer nothing breaks.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dwarf/debug_info.hpp"
#include "dwarf/elf_file.hpp"
#include "dwarf/program_index.hpp"
#include "dwarf/progress.hpp"

using namespace int3;

namespace {

struct recorder : dwarf::progress_observer {
  std::vector<std::string> calls;
  std::size_t total = 0;
  std::size_t last = 0;
  void begin(std::string_view title, std::size_t n) override {
    calls.push_back("begin " + std::string(title));
    total = n;
  }
  void advance(std::size_t done) override {
    CHECK(done >= last);
    CHECK(done <= total);
    last = done;
  }
  void end() override { calls.push_back("end"); }
};

// Installs an observer for one test, however it ends.
struct installed {
  explicit installed(dwarf::progress_observer& o) { dwarf::set_progress_observer(&o); }
  ~installed() { dwarf::set_progress_observer(nullptr); }
};

}  // namespace

TEST_CASE("reading every unit reports its progress once, nested scopes through the outer one",
          "[progress]") {
  recorder heard;
  installed guard(heard);
  {
    dwarf::progress_scope outer("outer", 2);
    {
      dwarf::progress_scope inner("inner", 5);
      inner.advance(3);
    }
    outer.advance(2);
  }
  CHECK(heard.calls == std::vector<std::string>{"begin outer", "end"});
  CHECK(heard.last == 2);

  heard.calls.clear();
  heard.last = 0;
  auto elf = dwarf::elf_file::open(INT3_DWARF_SPLIT_FIXTURE);
  auto index = dwarf::program_index::build(*elf);  // every unit
  REQUIRE_FALSE(heard.calls.empty());
  CHECK(heard.calls.front().rfind("begin ", 0) == 0);
  CHECK(heard.calls.back() == "end");
  CHECK(heard.total >= 2);  // split_a and split_b at least
  CHECK(heard.last == heard.total);
}

TEST_CASE("a read with nobody listening just reads", "[progress]") {
  dwarf::set_progress_observer(nullptr);
  auto elf = dwarf::elf_file::open(INT3_DWARF_SPLIT_FIXTURE);
  auto info = dwarf::debug_info::load(*elf);
  CHECK(info->functions_named("no such function, anywhere").empty());
  CHECK_FALSE(info->functions_named("main").empty());
}
