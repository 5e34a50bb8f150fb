// The `type` a user reads next to a variable in the Variables view: spelled
// as the declaration in the source (tests/fixtures/types.c, types.cpp).

#include "tests/e2e/locals_view.hpp"

using namespace int3::test;

namespace {

struct stopped_scopes {
  std::int64_t tid = 0;
  json locals;
  json globals;
};

stopped_scopes stop_at_main(e2e_client& client, const std::string& fixture,
                            const std::string& source) {
  auto at = stop_at(client, fixture, source, "main");
  return {at.tid, variables(client, named(at.scopes, "Locals")["variablesReference"]),
          variables(client, named(at.scopes, "Globals")["variablesReference"])};
}

std::string type_of(const json& list, const std::string& name) {
  return named(list, name).value("type", "<no type>");
}

}  // namespace

TEST_CASE("type names: C declarators as written, for gcc and clang", "[e2e][type_names]") {
  for (const char* fixture : {"types_c_gcc_O0_pie_d5", "types_c_clang_O2_nopie_d4"}) {
    INFO(fixture);
    e2e_client client;
    auto s = stop_at_main(client, fixture, "types.c");
    // gcc qualifies both the array and its elements: one `const`, not two.
    CHECK(type_of(s.globals, "welcome") == "const char [8]");
    CHECK(type_of(s.globals, "const_grid") == "const int [2][3]");
    CHECK(type_of(s.globals, "row_ptr") == "int (*)[4]");
    CHECK(type_of(s.globals, "name_list") == "char *[3]");
    CHECK(type_of(s.globals, "const_ptr_to_const") == "const char *const");
    CHECK(type_of(s.globals, "handlers") == "void (*[2])(void)");
    CHECK(type_of(s.globals, "const_origin") == "const struct point");
    // Pointers made in an expression compose the same way.
    auto type_of_evaluated = [&](const std::string& expression) {
      json result =
          client.request_ok("evaluate", {{"expression", expression}, {"context", "watch"}})["body"];
      return result.value("type", "<no type>");
    };
    CHECK(type_of_evaluated("&const_grid") == "const int (*)[2][3]");
    CHECK(type_of_evaluated("&row_ptr") == "int (**)[4]");
    CHECK(type_of_evaluated("&welcome") == "const char (*)[8]");
    client.continue_(s.tid);
    client.wait_exited();
  }
}

TEST_CASE("type names: C++ references and pointers to members", "[e2e][type_names]") {
  e2e_client client;
  auto s = stop_at_main(client, "types_cpp_gcc_O0_pie_d5", "types.cpp");
  CHECK(type_of(s.locals, "r") == "const geo::rect &");
  CHECK(type_of(s.globals, "welcome") == "const char [8]");
  CHECK(type_of(s.globals, "banner_ref") == "const std::string &");
  CHECK(type_of(s.globals, "int_rref") == "int &&");
  CHECK(type_of(s.globals, "row_ref") == "int (&)[4]");
  CHECK(type_of(s.globals, "method_ptr") == "double (geo::shape::*)() const");
  client.continue_(s.tid);
  client.wait_exited();
}
