// Baselines: known results dropped by fingerprint, one per baseline line.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "pkgscan/baseline.hpp"
#include "pkgscan/reporter.hpp"
#include "report_helpers.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using pkgscan::test::make_result;

namespace {

Result dep(const std::string& version, const std::string& message, int line = 3) {
  Result r = make_result("NonexistentDeps", Level::Warning, Scope::Version, "app-misc", "foo", version, message);
  r.line = line;
  return r;
}

}  // namespace

TEST_CASE("baseline: known results are dropped whatever their line or path", "[baseline]") {
  Baseline b = Baseline::of({dep("1", "RDEPEND: a/b", 3), dep("1", "RDEPEND: a/c", 4)});
  std::vector<Result> now = {dep("1", "RDEPEND: a/b", 9), dep("1", "RDEPEND: a/d", 4), dep("2", "RDEPEND: a/b", 3)};
  now[0].path = "moved/elsewhere.ebuild";
  CHECK(b.drop_known(now) == 1);
  REQUIRE(now.size() == 2);
  CHECK(now[0].message == "RDEPEND: a/d");  // a new message: new
  CHECK(now[1].version == "2");             // another version: new
}

TEST_CASE("baseline: one baseline line drops one result", "[baseline]") {
  Baseline b = Baseline::of({dep("1", "RDEPEND: a/b")});
  std::vector<Result> now = {dep("1", "RDEPEND: a/b"), dep("1", "RDEPEND: a/b")};
  CHECK(b.drop_known(now) == 1);
  CHECK(now.size() == 1);
  // The baseline itself is not used up: the next call drops again.
  std::vector<Result> again = {dep("1", "RDEPEND: a/b")};
  CHECK(b.drop_known(again) == 1);
}

TEST_CASE("baseline: commit results match by commit", "[baseline][commit]") {
  Result a = make_result("MissingSignOff", Level::Error, Scope::Commit, "", "", "", "missing sign-off: X <x@y>");
  a.commit = "0123456789ab";
  Result b = a;
  b.commit = "ba9876543210";
  std::vector<Result> now = {a, b};
  CHECK(Baseline::of({a}).drop_known(now) == 1);
  REQUIRE(now.size() == 1);
  CHECK(now[0].commit == "ba9876543210");
}

TEST_CASE("baseline: files are JSON Lines, a bad line names file and line", "[baseline]") {
  pkgscan::testing::TempDir dir;
  dir.write("good.jsonl", result_to_json(dep("1", "RDEPEND: a/b")) + "\n\n" + result_to_json(dep("2", "x")));
  std::string err;
  auto b = Baseline::load(dir / "good.jsonl", &err);
  REQUIRE(b);
  CHECK(b->size() == 2);
  dir.write("bad.jsonl", result_to_json(dep("1", "x")) + "\nnot json\n");
  CHECK_FALSE(Baseline::load(dir / "bad.jsonl", &err));
  CHECK(err.find(dir / "bad.jsonl" + ":2:") == 0);
  CHECK_FALSE(Baseline::load(dir / "missing.jsonl", &err));
  CHECK(err.find("cannot read the baseline") != std::string::npos);
  dir.write("empty.jsonl", "");
  auto empty = Baseline::load(dir / "empty.jsonl", &err);
  REQUIRE(empty);
  CHECK(empty->size() == 0);
}
