// The completions request as the debug console sends it while the user
// types: names in the frame's scope, members after `.` and `->`, registers
// after `$`, nothing for text that names nothing or when nothing is stopped.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/e2e.hpp"
#include "tests/e2e/locals_view.hpp"

using namespace int3::test;

namespace {

// The targets offered for `text` with the cursor at `column` (1-based by
// default: the end of the text when absent).
json complete(e2e_client& client, const std::string& text, std::optional<int> column = {},
              std::optional<std::int64_t> frame_id = {}) {
  json args = {{"text", text}, {"column", column.value_or(static_cast<int>(text.size()) + 1)}};
  if (frame_id) args["frameId"] = *frame_id;
  json targets = client.request_ok("completions", args)["body"]["targets"];
  INFO("completions of '" << text << "': " << targets.dump());
  REQUIRE(targets.is_array());
  return targets;
}

std::vector<std::string> labels(const json& targets) {
  std::vector<std::string> out;
  for (const auto& t : targets) out.push_back(t["label"]);
  std::sort(out.begin(), out.end());
  return out;
}

bool offers(const json& targets, const std::string& label) {
  auto all = labels(targets);
  return std::find(all.begin(), all.end(), label) != all.end();
}

json item(const json& targets, const std::string& label) {
  for (const auto& t : targets)
    if (t["label"] == label) return t;
  FAIL("no completion " << label << " in " << targets.dump());
  return {};
}

using names = std::vector<std::string>;

}  // namespace

TEST_CASE("initialize advertises completions and their trigger characters", "[e2e][completions]") {
  e2e_client client;
  json caps = client.initialize()["body"];
  CHECK(caps.value("supportsCompletionsRequest", false));
  json triggers = caps.value("completionTriggerCharacters", json::array());
  CHECK(std::find(triggers.begin(), triggers.end(), ".") != triggers.end());
  CHECK(std::find(triggers.begin(), triggers.end(), ">") != triggers.end());
}

TEST_CASE("completions: locals and globals by prefix, replacing the typed part",
          "[e2e][completions]") {
  e2e_client client;
  stop_at(client, "types_c_gcc_O0_pie_d5", "types.c", "main");

  json targets = complete(client, "gl");
  CHECK(labels(targets) == names{"global_counter"});
  json counter = item(targets, "global_counter");
  CHECK(counter["type"] == "variable");
  CHECK(counter["detail"] == "int");
  CHECK(counter["start"] == 1);
  CHECK(counter["length"] == 2);

  // The word under the cursor, not the whole line, is completed.
  targets = complete(client, "origin.x + fi");
  CHECK(offers(targets, "first"));        // a local
  CHECK(offers(targets, "file_static"));  // a static of the unit
  for (const auto& t : targets) {
    CHECK(t["label"].get<std::string>().rfind("fi", 0) == 0);
    CHECK(t["start"] == 12);
    CHECK(t["length"] == 2);
  }
  // Locals sort before the unit's globals.
  CHECK(item(targets, "first")["sortText"] < item(targets, "file_static")["sortText"]);
}

TEST_CASE("completions: members after . and -> through structs, pointers and nesting",
          "[e2e][completions]") {
  e2e_client client;
  stop_at(client, "types_c_gcc_O0_pie_d5", "types.c", "main");

  json targets = complete(client, "first.");
  CHECK(labels(targets) == names{"next", "value"});
  CHECK(item(targets, "next")["type"] == "field");
  CHECK(item(targets, "next")["detail"] == "struct node *");
  CHECK(labels(complete(client, "first.next->")) == names{"next", "value"});
  CHECK(labels(complete(client, "list_head->next->")) == names{"next", "value"});

  targets = complete(client, "first.next->ne");
  CHECK(labels(targets) == names{"next"});
  CHECK(item(targets, "next")["start"] == 13);
  CHECK(item(targets, "next")["length"] == 2);

  CHECK(labels(complete(client, "sh.")) ==
        names{"bounds", "color", "f", "grid", "n", "nested", "op", "tail"});
  CHECK(labels(complete(client, "sh.nested.")) == names{"inner_a", "inner_b"});
  CHECK(labels(complete(client, "1 + sh.bounds.tl.")) == names{"x", "y"});
  CHECK(labels(complete(client, "(&p)->")) == names{"x", "y"});

  // The cursor in the middle of the line: what is before it counts.
  CHECK(labels(complete(client, "p.y + 1", 4)) == names{"y"});
}

TEST_CASE("completions: registers after $", "[e2e][completions]") {
  e2e_client client;
  stop_at(client, "types_c_gcc_O0_pie_d5", "types.c", "main");
  json targets = complete(client, "$r");
  CHECK(offers(targets, "rax"));
  CHECK(offers(targets, "rip"));
  CHECK(offers(targets, "rsp"));
  for (const auto& t : targets) CHECK(t["label"].get<std::string>().rfind("r", 0) == 0);
  CHECK(item(targets, "rip")["start"] == 2);
}

TEST_CASE("completions: text that names nothing gets an empty list, not an error",
          "[e2e][completions]") {
  e2e_client client;
  stop_at(client, "types_c_gcc_O0_pie_d5", "types.c", "main");
  CHECK(complete(client, "zz_no_such_name").empty());
  CHECK(complete(client, "no_such_thing.").empty());
  CHECK(complete(client, "p.x.").empty());  // an int has no members
  CHECK(complete(client, "42.").empty());
  CHECK(complete(client, "\"first.").empty());
  CHECK(complete(client, "p.)(->").empty());
}

TEST_CASE("completions: 0-based columns, and the scope of the frame asked for",
          "[e2e][completions]") {
  e2e_client client;
  client.initialize({{"columnsStartAt1", false}});
  const std::string src = source_path("types.cpp");
  client.launch(launch_config("types_cpp_gcc_O0_pie_d5"));
  client.set_breakpoints(src, {line_of(src, "rect area")});
  client.configuration_done();
  json stopped = client.wait_stopped();
  auto tid = stopped["body"]["threadId"].get<std::int64_t>();

  // In rect::area: the members of *this are names of their own.
  json targets = complete(client, "br", 2);
  CHECK(labels(targets) == names{"br_"});
  CHECK(item(targets, "br_")["start"] == 0);
  CHECK(item(targets, "br_")["type"] == "field");
  // Base class members too; static and compiler-made ones are not offered.
  CHECK(labels(complete(client, "this->", 6)) == names{"br_", "name_", "tl_", "u_"});

  json frames = client.stack_trace(tid)["body"]["stackFrames"];
  REQUIRE(frames.size() >= 2);
  CHECK(complete(client, "corn", 4, frames[0]["id"].get<std::int64_t>()).empty());
  CHECK(labels(complete(client, "corn", 4, frames[1]["id"].get<std::int64_t>())) ==
        names{"corner"});
}

TEST_CASE("completions before launch and while the program runs are empty", "[e2e][completions]") {
  e2e_client client;
  client.initialize();
  CHECK(complete(client, "ma").empty());

  client.launch(launch_config("spinner"));
  client.configuration_done();
  REQUIRE(client.wait_for_output("SPINNER-READY", "stdout"));
  CHECK(complete(client, "sp").empty());
  client.request_ok("disconnect", {{"terminateDebuggee", true}});
}
