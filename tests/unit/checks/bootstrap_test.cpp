// Bootstrap check: cycles in the build graph and the Python bootstrap order.
#include <sys/stat.h>

#include <cstdlib>

#include <catch2/catch.hpp>

#include "fixture.hpp"
#include "pkgscan/build_graph.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

const std::vector<std::string> kBootstrapKeywords = {"BootstrapCycle", "BootstrapCycleViaRuntime",
                                                     "ConditionalBootstrapCycle", "PythonBootstrapViolation"};

ScanOutput scan_bootstrap(const std::string& repo, std::vector<std::string> targets = {}, int jobs = 2) {
  FixtureScan s;
  s.keywords = kBootstrapKeywords;
  s.checks = {"Bootstrap"};
  s.targets = std::move(targets);
  s.jobs = jobs;
  ScanOutput out = scan_fixture(repo, s);
  INFO("errors: " << (out.errors.empty() ? "" : out.errors[0]));
  REQUIRE(out.errors.empty());
  return out;
}

const Result* find(const std::vector<Result>& rs, const std::string& keyword, const std::string& cat,
                   const std::string& pkg) {
  for (const Result& r : rs)
    if (r.keyword == keyword && r.category == cat && r.package == pkg) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("bootstrap: the realistic Python bootstrap set is clean") {
  ScanOutput out = scan_bootstrap("bootstrap", {"dev-python/*"});
  for (const Result& r : out.results) INFO(r.keyword << " " << r.package << ": " << r.message);
  CHECK(out.results.empty());
}

TEST_CASE("bootstrap: a hard cycle injected into the bootstrap set is an error naming every edge") {
  ScanOutput out = scan_bootstrap("bootstrap-hard");
  REQUIRE(out.results.size() == 1);
  const Result& r = out.results[0];
  CHECK(r.keyword == "BootstrapCycle");
  CHECK(r.level == Level::Error);
  CHECK(r.scope == Scope::Version);
  CHECK(r.category == "dev-python");
  CHECK(r.package == "flit-core");  // first of {flit-core, packaging} in sorted order
  CHECK(r.version == "4.1.0");
  CHECK(r.field("cycle") ==
        "dev-python/flit-core-4.1.0 -BDEPEND-> dev-python/packaging-26.3 -BDEPEND-> dev-python/flit-core-4.1.0");
  CHECK(r.field("attr") == "BDEPEND");
  // One result for the cycle, although it exists for both Python targets.
  CHECK(r.message.find("only for") == std::string::npos);
}

TEST_CASE("bootstrap: moving gpep517's PDEPEND on packaging into RDEPEND closes a cycle through the runtime closure") {
  ScanOutput out = scan_bootstrap("bootstrap-runtime");
  REQUIRE(out.results.size() == 1);
  const Result& r = out.results[0];
  CHECK(r.keyword == "BootstrapCycleViaRuntime");
  CHECK(r.level == Level::Warning);
  CHECK(r.package == "flit-core");
  CHECK(r.field("cycle") ==
        "dev-python/flit-core-4.1.0 -BDEPEND-> dev-python/gpep517-23 -RDEPEND(of build dep)-> "
        "dev-python/packaging-26.3 -BDEPEND-> dev-python/flit-core-4.1.0");
}

TEST_CASE("bootstrap: cycle kinds and what breaks them") {
  ScanOutput out = scan_bootstrap("bootstrap");
  const auto& rs = out.results;

  SECTION("a cycle through DEPEND before EAPI 7") {
    const Result* r = find(rs, "BootstrapCycle", "BootstrapCycle", "trigger-eapi6");
    REQUIRE(r);
    CHECK(r->field("cycle") ==
          "BootstrapCycle/trigger-eapi6-1 -DEPEND-> bootstrap-partners/eapi6-b-1 -DEPEND-> BootstrapCycle/trigger-eapi6-1");
  }
  SECTION("|| ( ) counts only when every alternative leads back") {
    CHECK(find(rs, "BootstrapCycle", "BootstrapCycle", "trigger-every-alternative"));
    for (const char* clean : {"clean-any-of", "clean-self-or-bootstrap"})
      for (const std::string& kw : kBootstrapKeywords) CHECK_FALSE(find(rs, kw, "BootstrapCycle", clean));
  }
  SECTION("test?, PDEPEND, blockers and live versions never close a cycle") {
    for (const char* clean : {"clean-test", "clean-pdepend", "clean-blocker", "clean-live"})
      for (const std::string& kw : kBootstrapKeywords) {
        INFO(clean << " " << kw);
        CHECK_FALSE(find(rs, kw, "BootstrapCycle", clean));
      }
    CHECK_FALSE(find(rs, "ConditionalBootstrapCycle", "ConditionalBootstrapCycle", "clean-test"));
  }
  SECTION("a cycle for one Python target says which") {
    const Result* r = find(rs, "BootstrapCycle", "BootstrapCycle", "trigger-one-target");
    REQUIRE(r);
    CHECK(r->field("python") == "python3_14");
    CHECK(r->message.find("(only for python3_14)") != std::string::npos);
  }
  SECTION("each cycle is reported once, at its highest level") {
    // A hard cycle is not repeated as a runtime one; a runtime-only one is not an error.
    CHECK(find(rs, "BootstrapCycle", "BootstrapCycleViaRuntime", "clean-hard"));
    CHECK_FALSE(find(rs, "BootstrapCycleViaRuntime", "BootstrapCycleViaRuntime", "clean-hard"));
    CHECK(find(rs, "BootstrapCycleViaRuntime", "BootstrapCycle", "clean-via-runtime"));
    CHECK_FALSE(find(rs, "BootstrapCycle", "BootstrapCycle", "clean-via-runtime"));
    // Partners of a reported cycle carry no result of their own.
    for (const Result& r : rs) CHECK(r.category != "bootstrap-partners");
    // A runtime cycle without a build edge is not a bootstrap problem.
    for (const std::string& kw : kBootstrapKeywords)
      CHECK_FALSE(find(rs, kw, "BootstrapCycleViaRuntime", "clean-runtime-only"));
  }
  SECTION("USE flags: a non-default flag makes an info naming it, a default-on one an error") {
    const Result* r = find(rs, "ConditionalBootstrapCycle", "ConditionalBootstrapCycle", "trigger-doc");
    REQUIRE(r);
    CHECK(r->level == Level::Info);
    CHECK(r->field("flag") == "doc");
    CHECK(r->message.find("USE=\"doc\"") != std::string::npos);
    CHECK(find(rs, "BootstrapCycle", "ConditionalBootstrapCycle", "clean-default-on"));
  }
  SECTION("Python bootstrap violations: own backend and through a build dependency's runtime closure") {
    const Result* own = find(rs, "PythonBootstrapViolation", "PythonBootstrapViolation", "trigger-hatchling");
    REQUIRE(own);
    CHECK(own->field("backend") == "hatchling");
    CHECK(own->field("atom") == "dev-python/hatchling");
    const Result* via = find(rs, "PythonBootstrapViolation", "PythonBootstrapViolation", "trigger-closure");
    REQUIRE(via);
    CHECK(via->field("backend") == "poetry");
    CHECK(via->message.find("-BDEPEND-> dev-python/tomli-w-1.2.0 -RDEPEND(of build dep)-> dev-python/tomlkit-0.13.2") !=
          std::string::npos);
    CHECK_FALSE(find(rs, "PythonBootstrapViolation", "PythonBootstrapViolation", "clean-flit"));
    CHECK_FALSE(find(rs, "PythonBootstrapViolation", "PythonBootstrapViolation", "clean-not-member"));
  }
}

TEST_CASE("bootstrap: output is the same for every -j and for a one-package scan") {
  ScanOutput one = scan_bootstrap("bootstrap", {}, 1);
  ScanOutput two = scan_bootstrap("bootstrap", {}, 2);
  CHECK(one.results == two.results);
  // Scanning one package still follows its dependencies outside the targets.
  ScanOutput pkg = scan_bootstrap("bootstrap", {"BootstrapCycle/trigger-hard"});
  REQUIRE(pkg.results.size() == 1);
  CHECK(pkg.results[0].package == "trigger-hard");
  // A cycle is reported on a scanned ebuild even when its first ebuild is outside the targets.
  ScanOutput partner = scan_bootstrap("bootstrap", {"bootstrap-partners/hard-b"});
  REQUIRE(partner.results.size() == 1);
  CHECK(partner.results[0].package == "hard-b");
  CHECK(partner.results[0].field("cycle") ==
        "BootstrapCycle/trigger-hard-1 -BDEPEND-> bootstrap-partners/hard-b-1 -BDEPEND-> BootstrapCycle/trigger-hard-1");
}

TEST_CASE("bootstrap: python implementations come from the target flags in IUSE") {
  Ebuild e;
  e.iuse = {{Symbol::intern("test"), 0},
            {Symbol::intern("python_targets_python3_13"), 0},
            {Symbol::intern("python_targets_python3_14"), '+'},
            {Symbol::intern("python_single_target_python3_14"), 0}};
  std::vector<Symbol> impls = python_impls_of(e);
  REQUIRE(impls.size() == 2);
  CHECK(impls[0].str() == "python3_13");
  CHECK(impls[1].str() == "python3_14");
}

TEST_CASE("bootstrap: the real GURU corpus has no false BootstrapCycle") {
  std::string tarball = std::string(PKGSCAN_CORPUS) + "/guru-2026-08-21-metadata.tar.xz";
  struct stat st;
  if (stat(tarball.c_str(), &st) != 0) {
    SUCCEED("skipped: corpus not found at " + tarball);
    return;
  }
  char tmpl[] = "/tmp/pkgscan-boot-XXXXXX";
  REQUIRE(mkdtemp(tmpl));
  std::string dir = tmpl;
  REQUIRE(std::system(("tar -xJf '" + tarball + "' -C '" + dir + "'").c_str()) == 0);
  static RealFileSystem fs;
  ScanOptions opts;
  opts.repo = dir;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.keywords = kBootstrapKeywords;
  opts.cli.checks = {"Bootstrap"};
  opts.cli.jobs = 2;
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  ScanOutput out = run_scan(fs, opts);
  std::system(("rm -rf '" + dir + "'").c_str());
  // dev-lang/fbc and dev-lang/swift depend on themselves only inside || with a
  // bootstrap package; app-admin/hiprompt-gtk reaches himitsu-9999 only if live
  // versions were preferred. None of them is a cycle.
  for (const Result& r : out.results) {
    INFO(r.category << "/" << r.package << ": " << r.message);
    CHECK(r.keyword != "BootstrapCycle");
  }
}
