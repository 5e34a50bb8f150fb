// libc++ containers, and libstdc++'s std::string that clang only declares,
// over DAP as VS Code asks for them: summaries, indexedVariables, pages with
// start/count. nodes.cpp prints the same values: the program is the oracle.

#include <unistd.h>

#include "tests/e2e/locals_view.hpp"

using namespace int3::test;

namespace {

std::string unquoted(const json& v) {
  std::string text = v["value"].get<std::string>();
  return text.size() >= 2 && text.front() == '"' ? text.substr(1, text.size() - 2) : text;
}

// " k=v" for each child [k] of a map, as nodes.cpp prints it.
std::string as_printed_map(e2e_client& client, const json& map) {
  std::string line;
  for (const auto& e : variables(client, map["variablesReference"])) {
    std::string key = e["name"].get<std::string>();
    line += " " + key.substr(1, key.size() - 2) + "=" + unquoted(e);
  }
  return line;
}

// Runs the program to its end; what it printed.
std::string printed(e2e_client& client) {
  client.request_ok("continue", {{"threadId", 0}});
  CHECK(expect_run_to_exit(client) == 0);
  return client.output("stdout");
}

bool built(const std::string& fixture) {
  if (access(fixture_binary(fixture).c_str(), X_OK) == 0) return true;
  WARN(fixture << " was not built (libc++-dev missing?)");
  return false;
}

}  // namespace

TEST_CASE("libc++ deque, list, unordered_map, optional and variant over DAP", "[e2e][formatters]") {
  if (!built("nodes_libcxx_O0")) return;
  e2e_client client;
  json locals = locals_at(client, "nodes_libcxx_O0", "nodes.cpp", "nodes");

  // 3005 ints in blocks of 1024: a page that spans two blocks.
  json queue = named(locals, "queue");
  CHECK(queue["value"] == "size=3005");
  CHECK(queue["indexedVariables"] == 3005);
  json page = variables(client, queue["variablesReference"],
                        {{"filter", "indexed"}, {"start", 1020}, {"count", 8}});
  REQUIRE(page.size() == 8);
  CHECK(page[0]["name"] == "[1020]");
  CHECK(page[0]["value"] == "1015");
  CHECK(page[7]["value"] == "1022");
  json tail = variables(client, queue["variablesReference"],
                        {{"filter", "indexed"}, {"start", 3004}, {"count", 1}});
  REQUIRE(tail.size() == 1);
  const std::string queue_line = "queue 3005 -5 0 " + tail[0]["value"].get<std::string>();

  json names = named(locals, "names");
  CHECK(names["value"] == "size=3");
  std::string names_line = "names 3";
  for (const auto& n : variables(client, names["variablesReference"]))
    names_line += " " + unquoted(n);

  // Hash order is the table's: compare with the order the program printed.
  json by_id = named(locals, "by_id");
  CHECK(by_id["value"] == "size=3");
  CHECK(by_id["indexedVariables"] == 3);
  const std::string by_id_line = "by_id 3" + as_printed_map(client, by_id);

  CHECK(named(locals, "some")["value"] == "42");
  CHECK(named(locals, "none")["value"] == "nullopt");
  json text = named(locals, "text");
  CHECK(named(variables(client, text["variablesReference"]), "value")["value"] ==
        "\"optional text\"");
  json with_text = named(locals, "with_text");
  CHECK(with_text["value"] == "\"picked\"");
  json held = variables(client, with_text["variablesReference"]);
  CHECK(named(held, "index")["value"] == "1");
  CHECK(named(locals, "with_double")["value"] == "2.5");
  CHECK(contains(named(locals, "expired")["value"].get<std::string>(), "use_count=0"));
  CHECK(contains(named(locals, "unset_list")["value"].get<std::string>(), "<invalid list>"));
  CHECK(contains(named(locals, "unset_map")["value"].get<std::string>(), "<invalid hash table>"));

  std::string out = printed(client);
  INFO(out);
  CHECK(contains(out, queue_line + "\n"));
  CHECK(contains(out, names_line + "\n"));
  CHECK(contains(out, by_id_line + "\n"));
  CHECK(contains(out, "some 42 none 0 text optional text\n"));
}

TEST_CASE("clang without -fstandalone-debug: libstdc++ strings show their text over DAP",
          "[e2e][formatters]") {
  e2e_client client;
  json locals = locals_at(client, "nodes_clang_O0", "nodes.cpp", "nodes");
  json short_text = named(locals, "short_text");
  json long_text = named(locals, "long_text");
  json words = named(locals, "words");
  CHECK(words["value"] == "size=2");
  json word = variables(client, words["variablesReference"], {{"start", 1}, {"count", 1}});
  REQUIRE(word.size() == 1);
  json by_id = named(locals, "by_id");
  const std::string by_id_line = "by_id 3" + as_printed_map(client, by_id);
  CHECK(contains(named(locals, "unset_string")["value"].get<std::string>(), "<invalid string"));

  std::string out = printed(client);
  INFO(out);
  CHECK(contains(
      out, "short_text 2 " + unquoted(short_text) + " long_text 38 " + unquoted(long_text) + "\n"));
  CHECK(contains(out, "words 2 alpha " + unquoted(word[0]) + "\n"));
  CHECK(contains(out, by_id_line + "\n"));
}
