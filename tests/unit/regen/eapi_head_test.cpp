// The EAPI head parse (Portage's _parse_eapi_ebuild_head, regen.md §1).
#include <catch2/catch.hpp>

#include "pkgscan/regen.hpp"

using pkgscan::regen::eapi_supported;
using pkgscan::regen::parse_eapi_head;

TEST_CASE("EAPI head parse table", "[regen][eapi]") {
  struct Row {
    const char* text;
    const char* eapi;
    int line;
    bool assigned;
  };
  const Row rows[] = {
      {"EAPI=8\n", "8", 1, true},
      {"# Copyright\n# Distributed under GPL-2\n\nEAPI=7\ninherit foo\n", "7", 4, true},
      {"EAPI=\"8\"\n", "8", 1, true},
      {"EAPI='7'   # a comment\n", "7", 1, true},
      {"  \tEAPI=6\n", "6", 1, true},
      {"EAPI=8 # c\n", "8", 1, true},
      {"EAPI=8# c\n", "0", 1, false},            // the comment needs a blank before it
      {"EAPI=\"8'\n", "0", 1, false},            // quotes must match
      {"EAPI=8;\n", "0", 1, false},
      {"EAPI=\"\"\n", "", 1, true},              // empty: invalid in Portage
      {"EAPI=\n", "", 1, true},
      {"inherit foo\nEAPI=8\n", "0", 1, false},  // not the first statement
      {"# only comments\n\n", "0", 0, false},
      {"", "0", 0, false},
      {"\r\nEAPI=5\r\n", "5", 2, true},          // universal newlines
      {"#c\rEAPI=4\r", "4", 2, true},
      {"\xC2\xA0# nbsp then comment\nEAPI=3\n", "3", 2, true},  // Unicode whitespace is \s to Python
      {"export EAPI=8\n", "0", 1, false},
      {"EAPI=8-pre1\n", "8-pre1", 1, true},
      {"EAPI=8\tfoo\n", "0", 1, false},
  };
  for (const Row& r : rows) {
    INFO("text: " << r.text);
    auto h = parse_eapi_head(r.text);
    CHECK(h.eapi == r.eapi);
    CHECK(h.line == r.line);
    CHECK(h.assigned == r.assigned);
  }
  CHECK(parse_eapi_head("EAPI=\"\"\n").empty_assignment());
  CHECK_FALSE(parse_eapi_head("EAPI=0\n").empty_assignment());
}

TEST_CASE("supported EAPIs are 0 to 9", "[regen][eapi]") {
  for (const char* e : {"0", "1", "5", "8", "9"}) CHECK(eapi_supported(e));
  for (const char* e : {"", "10", "8-pre1", "4-python", "a", " 8"}) CHECK_FALSE(eapi_supported(e));
}
