// Variables that optimized code keeps in registers (tests/fixtures/regs.c):
// doubles and floats in xmm registers and a long double in st0 in the
// innermost frame, and a caller's integers in callee-saved registers its
// callee never touched. The program prints each value after the stop, so
// what it printed is what the debugger must have shown.

#include <cstdlib>
#include <map>
#include <regex>

#include "tests/e2e/e2e.hpp"

using namespace int3::test;

namespace {

json frame_scopes(e2e_client& client, const json& frame) {
  return client.request_ok("scopes", {{"frameId", frame["id"]}})["body"]["scopes"];
}

json children(e2e_client& client, const json& reference) {
  return client.request_ok("variables", {{"variablesReference", reference}})["body"]["variables"];
}

// name -> shown value of the variables of `scope` ("Arguments", "Locals") in
// `frame`; a variable with children also gives "name.child" entries.
std::map<std::string, std::string> shown(e2e_client& client, const json& frame,
                                         const std::string& scope) {
  std::map<std::string, std::string> out;
  for (const auto& s : frame_scopes(client, frame)) {
    if (s["name"] != scope) continue;
    for (const auto& v : children(client, s["variablesReference"])) {
      const std::string name = v["name"].get<std::string>();
      out[name] = v["value"].get<std::string>();
      if (v["variablesReference"].get<std::int64_t>() > 0) {
        for (const auto& c : children(client, v["variablesReference"]))
          out[name + "." + c["name"].get<std::string>()] = c["value"].get<std::string>();
      }
    }
  }
  return out;
}

// The text after `key=` in the program's line starting with `line_start`.
std::string printed(const std::string& output, const std::string& line_start,
                    const std::string& key) {
  std::smatch m;
  const std::regex line("(^|\n)" + line_start + "[^\n]*");
  if (!std::regex_search(output, m, line)) return "<no line '" + line_start + "'>";
  const std::regex field(key + "=\\{?([^ ,}\n]+)");
  std::smatch f;
  const std::string text = m.str();
  if (!std::regex_search(text, f, field)) return "<no " + key + " in '" + text + "'>";
  return f[1];
}

std::optional<long double> number(const std::string& text) {
  char* end = nullptr;
  long double v = std::strtold(text.c_str(), &end);
  if (text.empty() || *end != '\0') return std::nullopt;
  return v;
}

// The program printed `expected` with %.17g (double), %.9g (float) or
// %.21Lg (long double); the debugger shows a double's shortest text. Both
// denote the same value once rounded to the variable's type.
template <typename T>
bool same_value(const std::string& shown_text, const std::string& printed_text) {
  auto a = number(shown_text), b = number(printed_text);
  if (!a || !b) return false;
  if constexpr (sizeof(T) > sizeof(double))
    return static_cast<double>(*a) == static_cast<double>(*b);
  else
    return static_cast<T>(*a) == static_cast<T>(*b);
}

struct observed {
  std::map<std::string, std::string> blend, norm2, cube, keeper;
};

observed run(e2e_client& client, const std::string& fixture, std::string& output) {
  const std::string src = source_path("regs.c");
  start_with_breakpoints(client, launch_config(fixture), src,
                         {line_of(src, "blend"), line_of(src, "norm2"), line_of(src, "cube"),
                          line_of(src, "leaf_sum")});
  observed o;
  auto stop_in = [&](const std::string& function) {
    json stopped = client.wait_stopped();
    REQUIRE(stopped["body"]["reason"] == "breakpoint");
    json frames =
        client.stack_trace(stopped["body"]["threadId"].get<std::int64_t>())["body"]["stackFrames"];
    REQUIRE(frames.size() >= 2);
    REQUIRE(frames[0]["name"] == function);
    return std::pair{stopped["body"]["threadId"].get<std::int64_t>(), frames};
  };

  auto [tid, frames] = stop_in("blend");
  o.blend = shown(client, frames[0], "Locals");
  client.continue_(tid);
  std::tie(tid, frames) = stop_in("norm2");
  o.norm2 = shown(client, frames[0], "Arguments");
  client.continue_(tid);
  std::tie(tid, frames) = stop_in("cube");
  o.cube = shown(client, frames[0], "Locals");
  client.continue_(tid);
  // The first call of leaf_sum: keeper's kept and other were computed
  // before it and live on in keeper's registers.
  std::tie(tid, frames) = stop_in("leaf_sum");
  REQUIRE(frames[1]["name"] == "keeper");
  o.keeper = shown(client, frames[1], "Locals");
  client.continue_(tid);
  std::tie(tid, frames) = stop_in("leaf_sum");
  client.continue_(tid);
  CHECK(expect_run_to_exit(client) == 0);
  output = client.output("stdout");
  return o;
}

}  // namespace

TEST_CASE("values in xmm, x87 and callee-saved registers show what the program prints",
          "[e2e][variables][registers]") {
  const std::string fixture =
      GENERATE(as<std::string>{}, "regs_gcc_O2", "regs_clang_O2", "regs_gcc_O0", "regs_clang_O0");
  INFO(fixture);
  e2e_client client;
  std::string output;
  observed o = run(client, fixture, output);
  INFO("program output:\n" << output);

  // Innermost frame: acc (double) and f (float) are in xmm0/xmm1 at -O2
  // (clang keeps acc on the stack), in memory at -O0.
  INFO("blend acc=" << o.blend["acc"] << " f=" << o.blend["f"]);
  CHECK(same_value<double>(o.blend["acc"], printed(output, "blend", "acc")));
  CHECK(same_value<float>(o.blend["f"], printed(output, "blend", "f")));

  // A struct of two doubles in xmm0 and xmm1 (two DW_OP_piece of register
  // halves at clang -O2). gcc -O2 gives v no location past its entry.
  INFO("norm2 v={" << o.norm2["v.x"] << ", " << o.norm2["v.y"] << "} shown as " << o.norm2["v"]);
  if (fixture == "regs_gcc_O2") {
    CHECK(o.norm2["v"] == "<optimized out>");
  } else {
    const std::string v = printed(output, "norm2", "v");
    CHECK(same_value<double>(o.norm2["v.x"], v));
    std::smatch y;
    const std::regex second("norm2 v=\\{[^,]+, ([^}]+)\\}");
    REQUIRE(std::regex_search(output, y, second));
    CHECK(same_value<double>(o.norm2["v.y"], y[1]));
  }

  // A long double pinned in st0 (DW_OP_regx 33 at -O2).
  INFO("cube c=" << o.cube["c"]);
  CHECK(same_value<long double>(o.cube["c"], printed(output, "cube", "c")));

  // The caller keeper: kept lives in rbx (gcc) or r14 (clang), other in r15
  // (clang); leaf_sum's CFI says nothing of them, so they hold keeper's
  // values. gcc keeps other in rdx across the call, which is the callee's to
  // clobber: optimized out, never a wrong number.
  INFO("keeper kept=" << o.keeper["kept"] << " other=" << o.keeper["other"]);
  CHECK(o.keeper["kept"] == printed(output, "keeper", "kept"));
  if (fixture == "regs_gcc_O2")
    CHECK(o.keeper["other"] == "<optimized out>");
  else
    CHECK(o.keeper["other"] == printed(output, "keeper", "other"));
}
