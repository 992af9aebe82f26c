#include <algorithm>
#include <random>

#include <catch2/catch.hpp>

#include "pkgscan/result.hpp"
#include "report/report_helpers.hpp"

using namespace pkgscan;
using pkgscan::test::make_result;

TEST_CASE("level and scope names round trip", "[result]") {
  for (Level l : {Level::Error, Level::Warning, Level::Style, Level::Info})
    CHECK(level_from_name(level_name(l)) == l);
  for (Scope s : {Scope::Repo, Scope::Category, Scope::Package, Scope::Version, Scope::Commit})
    CHECK(scope_from_name(scope_name(s)) == s);
  CHECK(scope_name(Scope::Commit) == "commit");
  CHECK(level_name(Level::Style) == "style");
  CHECK(scope_name(Scope::Category) == "category");
  CHECK_FALSE(level_from_name("Error"));
  CHECK_FALSE(level_from_name(""));
  CHECK_FALSE(scope_from_name("pkg"));
}

TEST_CASE("Result::field finds by name", "[result]") {
  Result r;
  r.fields = {{"attr", "RDEPEND"}, {"atom", "dev-python/foo"}};
  CHECK(r.field("attr") == "RDEPEND");
  CHECK(r.field("atom") == "dev-python/foo");
  CHECK(r.field("missing").empty());
}

TEST_CASE("equality covers every member", "[result]") {
  Result a = make_result("K", Level::Error, Scope::Version, "c", "p", "1", "m");
  a.line = 3;
  a.fields = {{"x", "y"}};
  Result b = a;
  CHECK(a == b);
  b.line = 4;
  CHECK_FALSE(a == b);
  b = a;
  b.commit = "0123456789ab";
  CHECK_FALSE(a == b);
  b = a;
  b.fields[0].second = "z";
  CHECK_FALSE(a == b);
  b = a;
  b.level = Level::Info;
  CHECK_FALSE(a == b);
  b = a;
  b.check = "Other";
  CHECK_FALSE(a == b);
}

TEST_CASE("result order: category, package, PMS version, keyword, message", "[result]") {
  auto v = [](std::string ver, std::string kw = "K", std::string msg = "m") {
    return make_result(kw, Level::Warning, Scope::Version, "dev-libs", "foo", ver, msg);
  };
  Result pkg = make_result("PkgK", Level::Warning, Scope::Package, "dev-libs", "foo", "", "m");
  Result repo = make_result("RepoK", Level::Warning, Scope::Repo, "", "", "", "m");
  Result cat = make_result("CatK", Level::Warning, Scope::Category, "dev-libs", "", "", "m");
  Result other = make_result("K", Level::Warning, Scope::Version, "dev-libs", "bar", "9", "m");
  Result app_misc = make_result("K", Level::Warning, Scope::Version, "app-misc", "zzz", "1", "m");

  // Keyword order inside one version: "A" < "B" < "K".
  std::vector<Result> expected = {repo, app_misc, cat, other, pkg, v("1.0"), v("1.0-r1"), v("1.9"),
              v("1.10", "A"), v("1.10", "B", "a"), v("1.10", "B", "b"), v("1.10")};

  std::vector<Result> shuffled = expected;
  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    std::sort(shuffled.begin(), shuffled.end(), result_less);
    REQUIRE(shuffled == expected);
  }
}

TEST_CASE("PMS order, not byte order, for versions", "[result]") {
  auto v = [](std::string ver) {
    return make_result("K", Level::Warning, Scope::Version, "c", "p", ver, "m");
  };
  CHECK(result_less(v("1.9"), v("1.10")));
  CHECK_FALSE(result_less(v("1.10"), v("1.9")));
  CHECK(result_less(v("1.0"), v("1.0-r1")));
  CHECK(result_less(v("1.0_rc1"), v("1.0")));
  CHECK(result_less(v("1.0"), v("1.0_p1")));
  CHECK(result_less(v("2"), v("10")));
  // Non-version results of a package come before its versions.
  Result pkg = v("");
  pkg.scope = Scope::Package;
  CHECK(result_less(pkg, v("0")));
}

TEST_CASE("invalid versions fall back without breaking the order", "[result]") {
  auto v = [](std::string ver) {
    return make_result("K", Level::Warning, Scope::Version, "c", "p", ver, "m");
  };
  std::vector<Result> rs = {v("not-a-version"), v("1.10"), v("1.9"), v("~bad"), v("1.0-r1"),
                            v("1.0"), v(""), v("1.00")};
  std::sort(rs.begin(), rs.end(), result_less);
  std::vector<std::string> got;
  for (const auto& r : rs) got.push_back(r.version);
  // Valid versions in PMS order (1.0 == 1.00 by PMS, then by text), then the
  // invalid ones in byte order.
  CHECK(got == std::vector<std::string>{"", "1.0", "1.00", "1.0-r1", "1.9", "1.10",
                                         "not-a-version", "~bad"});
  for (const auto& a : rs) {
    CHECK_FALSE(result_less(a, a));
    for (const auto& b : rs)
      if (result_less(a, b)) CHECK_FALSE(result_less(b, a));
  }
}

TEST_CASE("ties are broken by path and line", "[result]") {
  Result a = make_result("K", Level::Warning, Scope::Version, "c", "p", "1", "m");
  Result b = a;
  b.line = 7;
  a.line = 3;
  CHECK(result_less(a, b));
  CHECK_FALSE(result_less(b, a));
  Result c = a;
  c.path = "c/p/zzz";
  a.path = "c/p/aaa";
  CHECK(result_less(a, c));
}

TEST_CASE("sort_results orders as result_less does, moving each result once", "[result]") {
  std::vector<Result> results;
  for (int i = 0; i < 500; ++i) {
    Result r = make_result(i % 4 ? "K" : "A", Level::Warning, i % 7 ? Scope::Version : Scope::Repo,
                           i % 7 ? "cat" : "", i % 7 ? "p" + std::to_string(i % 13) : "",
                           i % 7 ? std::to_string(i % 5 + 1) + (i % 3 ? "" : "-r1") : "", "m" + std::to_string(i % 11));
    results.push_back(std::move(r));
  }
  std::mt19937 rng(7);
  std::shuffle(results.begin(), results.end(), rng);
  std::vector<Result> expected = results;
  std::stable_sort(expected.begin(), expected.end(), result_less);
  sort_results(results);
  CHECK(results == expected);
  std::vector<Result> none;
  sort_results(none);
  CHECK(none.empty());
  std::vector<Result> one = {expected.front()};
  sort_results(one);
  CHECK(one == std::vector<Result>{expected.front()});
}

TEST_CASE("sort_results orders as result_less does, versions ranked once", "[result]") {
  // Versions in every form compare_version_strings tells apart: PMS order
  // against byte order (1.9 < 1.10), PMS-equal spellings (1.0, 1.00),
  // revisions, invalid strings after valid ones, empty first; across two
  // packages, so a rank must not leak from one package to the other.
  std::vector<Result> rs;
  for (std::string pkg : {"foo", "bar"})
    for (std::string ver : {"", "1.10", "1.9", "1.0", "1.00", "1.0-r1", "not-a-version", "~bad", "2_rc1", "2"})
      for (std::string kw : {"B", "A"})
        rs.push_back(make_result(kw, Level::Warning, ver.empty() ? Scope::Package : Scope::Version, "dev-libs", pkg,
                                 ver, "m " + ver));
  std::vector<Result> expected = rs;
  std::sort(expected.begin(), expected.end(), result_less);
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<Result> shuffled = rs;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    sort_results(shuffled);
    REQUIRE(shuffled == expected);
  }
  std::vector<std::string> first_package;
  for (const Result& r : expected)
    if (r.package == "bar" && r.keyword == "A") first_package.push_back(r.version);
  CHECK(first_package == std::vector<std::string>{"", "1.0", "1.00", "1.0-r1", "1.9", "1.10", "2_rc1", "2",
                                                  "not-a-version", "~bad"});
}
