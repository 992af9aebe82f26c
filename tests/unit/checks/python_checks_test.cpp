// The python check families on tests/repos/python: messages, fields, levels
// and the edge cases each keyword must get right.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

std::vector<Result> scan_kw(const std::string& keyword, const std::string& target, const std::string& repo = "python") {
  FixtureScan s;
  s.keywords = {keyword};
  s.checks = {"all"};
  s.targets = {target};
  ScanOutput out = scan_fixture(repo, s);
  REQUIRE(out.errors.empty());
  return only(out.results, keyword);
}

// Every result of the python families on a whole fixture repository.
std::vector<Result> scan_python(const std::string& repo) {
  FixtureScan s;
  s.checks = {"PythonCompat", "Python", "Distutils"};
  ScanOutput out = scan_fixture(repo, s);
  REQUIRE(out.errors.empty());
  return out.results;
}

std::string messages(const std::vector<Result>& v) {
  std::string out;
  for (const Result& r : v) out += r.category + "/" + r.package + ": " + r.keyword + ": " + r.message + "\n";
  return out;
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
  CHECK(p[0].message ==
        "PYTHON_COMPAT lists pypy3, python3_13t, dropped by the eclass as dead (no python_targets_* flag for them in "
        "IUSE): remove them");
}

// A 2018 tree: its python-utils-r1.eclass has _PYTHON_ALL_IMPLS but no
// _PYTHON_HISTORICAL_IMPLS, Python 2, PyPy (through virtual/pypy) and Jython
// are alive, and distutils-r1 knows nothing of PEP 517.
TEST_CASE("2018 tree: dead means dropped from the entry, never Python 2 or PyPy of that era", "[python][era]") {
  auto r = scan_kw("OldPythonCompat", "OldPythonCompat/*", "python-2018");
  auto dead = in_package(r, "OldPythonCompat", "trigger-dead");
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].field("impls") == "python3_3");
  auto any = in_package(r, "OldPythonCompat", "trigger-any");
  REQUIRE(any.size() == 1);
  CHECK(any[0].message ==
        "PYTHON_COMPAT lists python3_3, dropped by the eclass as dead (no interpreter for it among the dependency "
        "alternatives): remove it");
  CHECK(in_package(r, "OldPythonCompat", "clean").empty());
  CHECK(in_package(r, "OldPythonCompat", "clean-jython").empty());
}

TEST_CASE("2018 tree: updates come from its eclass, within a language line", "[python][era]") {
  auto r = scan_kw("PythonCompatUpdate", "PythonCompatUpdate/*", "python-2018");
  auto v = in_package(r, "PythonCompatUpdate", "trigger-r1");
  REQUIRE(v.size() == 1);
  CHECK(v[0].field("targets") == "python3_6, python3_7");
  REQUIRE(in_package(r, "PythonCompatUpdate", "trigger-any").size() == 1);
  CHECK(in_package(r, "PythonCompatUpdate", "trigger-any")[0].field("targets") == "python3_7");
  // python2_7 -> python3 and pypy -> pypy3 are ports, not updates (pkgcheck is silent too).
  CHECK(in_package(r, "PythonCompatUpdate", "clean-py2").empty());
  CHECK(in_package(r, "PythonCompatUpdate", "clean-pypy2").empty());
  CHECK(in_package(r, "PythonCompatUpdate", "clean-latest").empty());
  CHECK(scan_kw("PythonImplsFromDataFile", "PythonCompatUpdate/*", "python-2018").empty());
}

TEST_CASE("2018 tree: virtual/pypy, virtual/pypy3 and dev-java/jython are interpreters", "[python][era]") {
  auto r = scan_kw("PythonMissingDeps", "PythonMissingDeps/*", "python-2018");
  CHECK(in_package(r, "PythonMissingDeps", "clean-virtuals").empty());
  CHECK(in_package(r, "PythonMissingDeps", "clean-any-pypy").empty());
  REQUIRE(in_package(r, "PythonMissingDeps", "trigger-r1").size() == 1);
  CHECK(in_package(r, "PythonMissingDeps", "trigger-r1")[0].field("impls") == "python2_7, python3_6");
}

TEST_CASE("2018 tree: no PEP 517, DISTUTILS_DEPS or DISTUTILS_EXT results before the eclass knew them", "[python][era]") {
  auto all = scan_python("python-2018");
  INFO(messages(all));
  CHECK(only(all, "DistutilsNonPEP517Build").empty());
  CHECK(only(all, "DistutilsExtMissing").empty());  // dev-python/pyyaml builds with Cython
  CHECK(in_package(only(all, "PythonMissingDeps"), "PythonMissingDeps", "clean-optional").empty());
  CHECK(only(all, "PythonCompatMismatch").empty());
}

// whaleos: the python eclasses live in a master that is not there, the
// profiles' desc files are from 2013, distutils-r1 is from 2019.
TEST_CASE("python eclasses in a missing master: the cache entries decide what is dead", "[python][era]") {
  auto all = scan_python("python-nomaster");
  INFO(messages(all));
  auto old = only(all, "OldPythonCompat");
  REQUIRE(old.size() == 1);
  CHECK(old[0].package == "trigger-py35");
  CHECK(old[0].field("impls") == "python3_5");
  // The 2013 desc files offer nothing newer, and the data file is not used while they exist.
  CHECK(only(all, "PythonCompatUpdate").empty());
  CHECK(only(all, "PythonImplsFromDataFile").empty());
  CHECK(only(all, "DistutilsNonPEP517Build").empty());
  CHECK(only(all, "DistutilsExtMissing").empty());
  CHECK(in_package(only(all, "PythonMissingDeps"), "app-arch", "brotli").empty());  // DISTUTILS_OPTIONAL, 2019
}

TEST_CASE("the data file is the last resort and says so once", "[python][era]") {
  FixtureScan s;
  s.keywords = {"PythonImplsFromDataFile", "PythonCompatUpdate"};
  s.checks = {"all"};
  ScanOutput out = scan_fixture("PythonImplsFromDataFile/trigger", s);
  auto info = only(out.results, "PythonImplsFromDataFile");
  REQUIRE(info.size() == 1);
  CHECK(info[0].level == Level::Info);
  CHECK(info[0].message.find("data/python-implementations.yaml") != std::string::npos);
  CHECK(info[0].field("supported").find("python3_15") != std::string::npos);
  REQUIRE(only(out.results, "PythonCompatUpdate").size() == 1);
  CHECK(only(out.results, "PythonCompatUpdate")[0].field("targets") == "python3_14, python3_15");
  // With the overlay's own desc file the data file is not consulted.
  ScanOutput clean = scan_fixture("PythonImplsFromDataFile/clean", s);
  CHECK(only(clean.results, "PythonImplsFromDataFile").empty());
  REQUIRE(only(clean.results, "PythonCompatUpdate").size() == 1);
  CHECK(only(clean.results, "PythonCompatUpdate")[0].field("targets") == "python3_14");
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
  REQUIRE(in_package(d, "PythonMissingDeps", "trigger-any").size() == 1);
  CHECK(in_package(d, "PythonMissingDeps", "trigger-any")[0].message.find(">=dev-lang/python-3.9 is written by hand") !=
        std::string::npos);
  REQUIRE(in_package(d, "PythonMissingDeps", "trigger-optional").size() == 1);
  CHECK(in_package(d, "PythonMissingDeps", "trigger-optional")[0].field("attr") == "BDEPEND");
  CHECK(in_package(d, "PythonMissingDeps", "trigger-optional")[0].field("dep_value") == "DISTUTILS_DEPS");
  // DISTUTILS_OPTIONAL without DISTUTILS_USE_PEP517 (or with `no`) has no ${DISTUTILS_DEPS} to miss.
  CHECK(in_package(d, "PythonMissingDeps", "clean-optional-legacy").empty());
  CHECK(in_package(d, "PythonMissingDeps", "clean-optional-no").empty());
  REQUIRE(in_package(d, "PythonMissingDeps", "trigger-r1").size() == 1);
  CHECK(in_package(d, "PythonMissingDeps", "trigger-r1")[0].field("impls") == "python3_12, python3_13");

  auto e = scan_kw("PythonEclassError", "PythonEclassError/*");
  REQUIRE(e.size() == 1);
  CHECK(e[0].level == Level::Error);
  CHECK(e[0].field("eclasses") == "python-r1, python-any-r1");
}
