// The python check families on tests/repos/python: messages, fields, levels
// and the edge cases each keyword must get right.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

std::vector<Result> scan_kw(const std::string& keyword, const std::string& target) {
  FixtureScan s;
  s.keywords = {keyword};
  s.checks = {"all"};
  s.targets = {target};
  ScanOutput out = scan_fixture("python", s);
  REQUIRE(out.errors.empty());
  return only(out.results, keyword);
}

}  // namespace

TEST_CASE("PythonCompatUpdate offers newer targets per line, limited by the dependencies", "[python]") {
  auto r = scan_kw("PythonCompatUpdate", "PythonCompatUpdate/*");
  auto msg = [&](const std::string& pkg) {
    auto v = in_package(r, "PythonCompatUpdate", pkg);
    return v.empty() ? std::string() : v[0].message;
  };
  CHECK(msg("trigger-r1") == "PYTHON_COMPAT update available: python3_14, python3_15");
  CHECK(msg("trigger-ft") == "PYTHON_COMPAT update available: python3_15t");  // dep-ft lacks python3_15
  CHECK(msg("trigger-pypy") == "PYTHON_COMPAT update available: pypy3_12");
  CHECK(msg("trigger-any") == "PYTHON_COMPAT update available: python3_14, python3_15");
  CHECK(msg("trigger-single") == "PYTHON_COMPAT update available: python3_14, python3_15");
  CHECK(msg("clean-olddep").empty());
  CHECK(msg("clean-unresolved").empty());
  auto v = in_package(r, "PythonCompatUpdate", "trigger-r1");
  REQUIRE(v.size() == 1);
  CHECK(v[0].level == Level::Info);
  CHECK(v[0].field("targets") == "python3_14, python3_15");
}

TEST_CASE("PythonCompatMismatch names the dependency, the best match and the missing targets", "[python]") {
  auto r = scan_kw("PythonCompatMismatch", "PythonCompatMismatch/*");
  auto v = in_package(r, "PythonCompatMismatch", "trigger-r1");
  REQUIRE(v.size() == 1);
  CHECK(v[0].level == Level::Error);
  CHECK(v[0].message ==
        "RDEPEND: dev-python/dep-old: no matching version supports python3_14 (best match dev-python/dep-old-1 "
        "supports python3_12, python3_13); drop the target or update the dependency");
  CHECK(v[0].field("best") == "dev-python/dep-old-1");
  CHECK(v[0].field("targets") == "python3_14");
  CHECK(v[0].field("attr") == "RDEPEND");
  auto ft = in_package(r, "PythonCompatMismatch", "trigger-ft");
  REQUIRE(ft.size() == 1);
  CHECK(ft[0].field("targets") == "python3_14t");
  // python_gen_any_dep groups (docs) and python_gen_cond_dep restricted deps are not mismatches.
  CHECK(in_package(r, "PythonCompatMismatch", "clean-docs").empty());
  CHECK(in_package(r, "PythonCompatMismatch", "clean-conddep").empty());
}

TEST_CASE("OldPythonCompat reads PYTHON_COMPAT from the ebuild, brace expansion included", "[python]") {
  auto r = scan_kw("OldPythonCompat", "OldPythonCompat/*");
  auto v = in_package(r, "OldPythonCompat", "trigger-dead");
  REQUIRE(v.size() == 1);
  CHECK(v[0].field("impls") == "python3_11");
  CHECK(v[0].line == 6);
  CHECK(v[0].path == "OldPythonCompat/trigger-dead/trigger-dead-1.ebuild");
  auto p = in_package(r, "OldPythonCompat", "trigger-pypy-ft");
  REQUIRE(p.size() == 1);
  CHECK(p[0].field("impls") == "pypy3, python3_13t");
  CHECK(p[0].message.find("remove them") != std::string::npos);
}

TEST_CASE("DISTUTILS_EXT checks name the signal and stay quiet on weak or test-only signals", "[python]") {
  auto r = scan_kw("DistutilsExtMissing", "DistutilsExtMissing/*");
  auto v = in_package(r, "DistutilsExtMissing", "trigger-maturin");
  REQUIRE(v.size() == 1);
  CHECK(v[0].field("signals") == "dev-util/maturin in BDEPEND, cargo eclass, backend maturin");
  CHECK(v[0].message.find("pure wheel would be reused") != std::string::npos);
  CHECK(in_package(r, "DistutilsExtMissing", "clean-cffi").empty());
  CHECK(in_package(r, "DistutilsExtMissing", "clean-testonly").empty());

  auto u = scan_kw("DistutilsExtUnneeded", "DistutilsExtUnneeded/*");
  REQUIRE(in_package(u, "DistutilsExtUnneeded", "trigger").size() == 1);
  CHECK(in_package(u, "DistutilsExtUnneeded", "trigger")[0].message.find("only a hint") != std::string::npos);
  // Not in the default set.
  FixtureScan s;
  s.targets = {"DistutilsExtUnneeded/*"};
  CHECK(only(scan_fixture("python", s).results, "DistutilsExtUnneeded").empty());
}

TEST_CASE("Python eclass usage keywords", "[python]") {
  auto m = scan_kw("MissingPythonEclass", "MissingPythonEclass/*");
  auto rd = in_package(m, "MissingPythonEclass", "trigger-rdepend");
  REQUIRE(rd.size() == 1);
  CHECK(rd[0].message.find("inherit python-r1 or python-single-r1") != std::string::npos);
  auto bd = in_package(m, "MissingPythonEclass", "trigger-bdepend");
  REQUIRE(bd.size() == 1);
  CHECK(bd[0].message.find("inherit python-any-r1") != std::string::npos);

  auto ru = scan_kw("PythonMissingRequiredUse", "PythonMissingRequiredUse/*");
  auto single = in_package(ru, "PythonMissingRequiredUse", "trigger-single");
  REQUIRE(single.size() == 1);
  CHECK(single[0].message ==
        "REQUIRED_USE lacks ^^ ( python_single_target_python3_12 python_single_target_python3_13 ): add "
        "${PYTHON_REQUIRED_USE} to REQUIRED_USE");

  auto d = scan_kw("PythonMissingDeps", "PythonMissingDeps/*");
  CHECK(in_package(d, "PythonMissingDeps", "trigger-any")[0].message.find(">=dev-lang/python-3.9 is written by hand") !=
        std::string::npos);
  CHECK(in_package(d, "PythonMissingDeps", "trigger-optional")[0].field("attr") == "BDEPEND");
  CHECK(in_package(d, "PythonMissingDeps", "trigger-r1")[0].field("impls") == "python3_12, python3_13");

  auto e = scan_kw("PythonEclassError", "PythonEclassError/*");
  REQUIRE(e.size() == 1);
  CHECK(e[0].level == Level::Error);
  CHECK(e[0].field("eclasses") == "python-r1, python-any-r1");
}
