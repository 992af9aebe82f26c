#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pkgscan/check.hpp"

using namespace pkgscan;

namespace {

constexpr Keyword kOn{"SomeOn", Level::Warning, Scope::Package, "on"};
constexpr Keyword kOff{"SomeOff", Level::Warning, Scope::Package, "off"};
constexpr Keyword kUndeclared{"Undeclared", Level::Warning, Scope::Package, "not in the table"};

}  // namespace

TEST_CASE("KeywordFilter: declared keywords by address, any other name by its text", "[result_sink]") {
  const Keyword* declared[] = {&kOn, &kOff};
  const KeywordFilter filter({"Undeclared", "SomeOn"}, declared);
  CHECK(filter(kOn.name));
  CHECK_FALSE(filter(kOff.name));
  CHECK(filter(kUndeclared.name));  // not declared: found by its text
  // The same names elsewhere in memory (a user's --keywords, say).
  const std::string on = "SomeOn", off = "SomeOff", other = "Other", prefix = "Some";
  CHECK(filter(on));
  CHECK_FALSE(filter(off));
  CHECK_FALSE(filter(other));
  // A prefix at a declared name's address is another name.
  CHECK_FALSE(filter(std::string_view(kOn.name.data(), 4)));

  // Through a sink: results of disabled keywords are dropped.
  std::vector<Result> out;
  ResultSink sink("Some", &filter, out);
  CHECK(sink.wants(kOn));
  CHECK_FALSE(sink.wants(kOff));
  CHECK(sink.repo(kOn, "a", 1, "kept"));
  CHECK_FALSE(sink.repo(kOff, "a", 1, "dropped"));
  REQUIRE(out.size() == 1);
  CHECK(out[0].keyword == "SomeOn");

  // Many declared keywords: the table grows and still answers each.
  std::vector<std::string> names;
  for (int i = 0; i < 500; ++i) names.push_back("Kw" + std::to_string(i));
  std::vector<Keyword> many;
  for (const std::string& n : names) many.push_back({n, Level::Warning, Scope::Package, ""});
  std::vector<const Keyword*> many_declared;
  for (const Keyword& k : many) many_declared.push_back(&k);
  std::vector<std::string> even;
  for (int i = 0; i < 500; i += 2) even.push_back(names[static_cast<std::size_t>(i)]);
  const KeywordFilter big(even, many_declared);
  for (std::size_t i = 0; i < many.size(); ++i) CHECK(big(many[i].name) == (i % 2 == 0));
}
