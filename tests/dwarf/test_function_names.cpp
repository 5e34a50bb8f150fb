// How a typed function name matches the names in debug info.

#include <catch2/catch.hpp>

#include "dwarf/function_names.hpp"

using int3::dwarf::demangle;
using int3::dwarf::function_name_query;
using int3::dwarf::split_qualified;
using int3::dwarf::strip_signature;

TEST_CASE("function names: demangled names lose their signature", "[dwarf][funcbp]") {
  CHECK(demangle("_ZNK6shapes6circle4areaEv") == "shapes::circle::area() const");
  CHECK(demangle("main").empty());
  CHECK(strip_signature("shapes::circle::area() const") == "shapes::circle::area");
  CHECK(strip_signature("double geo::f<int>(std::vector<int, std::allocator<int> >)") ==
        "geo::f<int>");
  CHECK(split_qualified("ns::f<a::b>") == std::vector<std::string>{"ns", "f<a::b>"});
}

TEST_CASE("function names: suffixes at :: boundaries match", "[dwarf][funcbp]") {
  const std::string linkage = "_ZNK6shapes6circle4areaEv";
  CHECK(function_name_query("shapes::circle::area").matches("shapes::circle::area", linkage));
  CHECK(function_name_query("circle::area").matches("shapes::circle::area", linkage));
  CHECK(function_name_query("area").matches("shapes::circle::area", linkage));
  CHECK(function_name_query("::shapes::circle::area").matches("shapes::circle::area", linkage));
  CHECK_FALSE(function_name_query("ircle::area").matches("shapes::circle::area", linkage));
  CHECK_FALSE(function_name_query("square::area").matches("shapes::circle::area", linkage));
  CHECK(function_name_query(linkage).matches("shapes::circle::area", linkage));
  CHECK(function_name_query("area").last_name() == "area");
}

TEST_CASE("function names: C names, ABI tags, templates and parameters", "[dwarf][funcbp]") {
  CHECK(function_name_query("square").matches("square", ""));
  CHECK_FALSE(function_name_query("square").matches("square_all", ""));
  CHECK(function_name_query("label").matches("label", "_Z5labelB5cxx11i"));
  CHECK(function_name_query("label[abi:cxx11]").matches("label", "_Z5labelB5cxx11i"));
  CHECK(function_name_query("label[abi:cxx11](int)").matches("label", "_Z5labelB5cxx11i"));
  CHECK(function_name_query("scale(double)").matches("scale", "_Z5scaled"));
  CHECK_FALSE(function_name_query("scale(double)").matches("scale", "_Z5scalei"));
  CHECK(function_name_query("scale( int )").matches("scale", "_Z5scalei"));
  CHECK(function_name_query("accumulate_area")
            .matches("geo::accumulate_area<geo::rect>",
                     "_ZN3geo15accumulate_areaINS_4rectEEET_RKSt6vectorIPS2_SaIS4_EE"));
  CHECK(function_name_query("  ").empty());
}
