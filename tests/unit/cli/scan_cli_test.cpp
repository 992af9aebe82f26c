// End-to-end tests of `pkgscan scan` and `pkgscan show`, run on the built binary.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "run_command.hpp"

using pkgscan::test::pkgscan_cmd;
using pkgscan::test::Run;
using pkgscan::test::run_shell;

namespace {

std::string fixture(const std::string& rel) { return std::string("'") + PKGSCAN_FIXTURES + "/" + rel + "'"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("scan: exit status 0, 1 and 2", "[cli][scan]") {
  std::string scan = pkgscan_cmd() + " scan --no-user-config -r " + fixture("cache");
  CHECK(run_shell(scan + " >/dev/null").status == 1);  // errors reported, default --exit error
  CHECK(run_shell(scan + " --exit none >/dev/null").status == 0);
  CHECK(run_shell(scan + " -k StaleCacheEntry >/dev/null").status == 0);
  CHECK(run_shell(scan + " -k StaleCacheEntry --exit warning >/dev/null").status == 1);
  Run bad = run_shell(scan + " -c NoSuchCheck 2>&1");
  CHECK(bad.status == 2);
  CHECK(bad.out.find("unknown check 'NoSuchCheck'") != std::string::npos);
  Run missing = run_shell(pkgscan_cmd() + " scan --no-user-config -r /nonexistent 2>&1");
  CHECK(missing.status == 2);
  CHECK(missing.out.find("/nonexistent") != std::string::npos);
  CHECK(run_shell(scan + " --bogus-option 2>/dev/null").status == 2);
  // Values that start with '-' (remove a check), with or without '='.
  CHECK(run_shell(scan + " -k StaleCacheEntry -c -Cache --exit warning >/dev/null").status == 0);
  CHECK(run_shell(scan + " -k StaleCacheEntry -c=-Cache --exit warning >/dev/null").status == 0);
  CHECK(run_shell(scan + " -k StaleCacheEntry --checks=-Cache --exit warning >/dev/null").status == 0);
}

TEST_CASE("scan: with -r, targets are also paths inside the repository, and a target matching nothing is an error",
          "[cli][scan]") {
  // From outside the repository, as a CI job runs it: `StaleCacheEntry` is a
  // category of the fixture, not a path here, and must not be read as a
  // package name that matches nothing.
  std::string scan = "cd / && " + pkgscan_cmd() + " scan --no-user-config --exit none -k StaleCacheEntry -r " +
                     fixture("cache");
  Run category = run_shell(scan + " StaleCacheEntry 2>&1");
  CHECK(category.status == 0);
  CHECK(category.out.find("StaleCacheEntry/trigger") != std::string::npos);
  Run ebuild = run_shell(scan + " StaleCacheEntry/trigger/trigger-1.ebuild 2>&1");
  CHECK(ebuild.status == 0);
  CHECK(ebuild.out.find("StaleCacheEntry/trigger") != std::string::npos);
  // A typo must not pass as a clean scan of nothing: package name, cat/pkg, glob.
  for (const char* typo : {"triggr", "StaleCacheEntry/triggr", "Stale*/nothing*"}) {
    Run bad = run_shell(scan + " '" + typo + "' 2>&1");
    CHECK(bad.status == 2);
    CHECK(bad.out.find(std::string("target ") + typo + " matches no package") != std::string::npos);
  }
  // One good and one bad target: still an error, nothing scanned.
  Run mixed = run_shell(scan + " StaleCacheEntry/trigger triggr 2>&1");
  CHECK(mixed.status == 2);
  CHECK(mixed.out.find("StaleCacheEntry/trigger\n") == std::string::npos);
}

TEST_CASE("scan: reporters and output file", "[cli][scan]") {
  std::string scan = pkgscan_cmd() + " scan --no-user-config --exit none -r " + fixture("cache");
  Run text = run_shell(scan + " -k StaleCacheEntry --color never");
  CHECK(text.out.find("StaleCacheEntry/trigger\n  StaleCacheEntry: version 1: ") != std::string::npos);
  Run json = run_shell(scan + " -R json -k StaleCacheEntry");
  CHECK(json.out.find("\"keyword\":\"StaleCacheEntry\"") != std::string::npos);
  std::string path = "/tmp/pkgscan-scan-cli-" + std::to_string(::getpid()) + ".sarif";
  REQUIRE(run_shell(scan + " -R sarif -o " + path).status == 0);
  std::string sarif = read_file(path);
  std::remove(path.c_str());
  CHECK((sarif.find("\"version\": \"2.1.0\"") != std::string::npos || sarif.find("\"version\":\"2.1.0\"") != std::string::npos));
  CHECK(sarif.find("StaleCacheEntry") != std::string::npos);
}

TEST_CASE("scan: configuration errors name the file and line", "[cli][scan]") {
  std::string cfg = "/tmp/pkgscan-scan-cli-" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(cfg) << "jobs: 2\nnot-an-option: 1\n";
  Run r = run_shell(pkgscan_cmd() + " scan --no-user-config --config " + cfg + " -r " + fixture("cache") + " 2>&1");
  std::remove(cfg.c_str());
  CHECK(r.status == 2);
  CHECK(r.out.find(cfg + ":2: unknown option 'not-an-option'") != std::string::npos);
}

TEST_CASE("scan output is byte-identical for -j1 and -j2 in separate processes", "[cli][scan]") {
  // Separate processes matter: interned-name ids depend on which thread saw a
  // name first, and only a fresh process shows an order that leaked from them.
  std::string gen = std::string(PKGSCAN_BINARY);
  gen = gen.substr(0, gen.rfind('/')) + "/bench/gen-tree";
  if (run_shell("test -x '" + gen + "'").status != 0) {
    WARN("skipped: gen-tree is not built");
    return;
  }
  std::string tree = "/tmp/pkgscan-determinism-" + std::to_string(::getpid());
  REQUIRE(run_shell("'" + gen + "' 1500 " + tree + " >/dev/null").status == 0);
  std::string scan = pkgscan_cmd() + " scan --no-user-config --exit none -c all -R json -r " + tree;
  Run one = run_shell(scan + " -j1");
  Run two = run_shell(scan + " -j2");
  run_shell("rm -rf " + tree);
  REQUIRE(one.status == 0);
  CHECK(one.out.size() > 1000);
  CHECK(one.out == two.out);
}

TEST_CASE("data/keywords.md matches the keyword registry", "[cli][show]") {
  Run md = run_shell(pkgscan_cmd() + " show keywords --markdown");
  REQUIRE(md.status == 0);
  INFO("regenerate with: pkgscan show keywords --markdown > data/keywords.md");
  CHECK(md.out == read_file(std::string(PKGSCAN_DATA_DIR) + "/keywords.md"));
}

TEST_CASE("show lists checks, keywords and reporters", "[cli][show]") {
  Run checks = run_shell(pkgscan_cmd() + " show checks");
  CHECK(checks.out.find("Bootstrap (whole-repository scans, or when selected)") != std::string::npos);
  Run kw = run_shell(pkgscan_cmd() + " show keywords --json");
  CHECK(kw.out.find("\"name\": \"NonexistentDeps\"") != std::string::npos);
  Run rep = run_shell(pkgscan_cmd() + " show reporters");
  CHECK(rep.out == "text\njson\nsarif\n");
}

TEST_CASE("scan: --baseline reports and fails on new results only", "[cli][scan][baseline]") {
  std::string scan = pkgscan_cmd() + " scan --no-user-config -r " + fixture("cache") + " -k StaleCacheEntry";
  std::string base = "/tmp/pkgscan-baseline-" + std::to_string(::getpid()) + ".jsonl";
  REQUIRE(run_shell(scan + " --exit none -R json -o " + base).status == 0);
  std::string all = read_file(base);
  REQUIRE(!all.empty());
  // Everything known: nothing reported, exit 0 even at --exit warning.
  Run known = run_shell(scan + " --exit warning --baseline " + base + " 2>&1");
  CHECK(known.status == 0);
  CHECK(known.out.find("StaleCacheEntry:") == std::string::npos);
  CHECK(known.out.find("already in the baseline") != std::string::npos);
  // A baseline with one result fewer: that one is new again.
  std::string first_line = all.substr(0, all.find('\n') + 1);
  { std::ofstream(base) << all.substr(first_line.size()); }
  Run partial = run_shell(scan + " --baseline=" + base + " --exit warning -R json 2>/dev/null");
  CHECK(partial.status == 1);
  CHECK(partial.out == first_line);
  std::remove(base.c_str());
  CHECK(run_shell(scan + " --baseline /nonexistent/base.jsonl 2>/dev/null").status == 2);
}
