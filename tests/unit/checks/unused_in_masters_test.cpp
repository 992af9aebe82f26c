// UnusedInMasters on the fixture overlay tests/repos/unused-in-masters and
// its master tests/repos/unused-in-masters-master: the exact messages, and
// what keeps the check quiet (not selected, master missing, master metadata
// incomplete, no masters at all).
#include <catch2/catch.hpp>
#include <filesystem>

#include "fixture.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;
using pkgscan::testing::TempDir;

namespace {

const std::vector<std::string> kKeywords = {"UnusedInMastersLicenses", "UnusedInMastersMirrors",
                                            "UnusedInMastersEclasses", "UnusedInMastersGlobalUse"};

std::vector<Result> unused_in_masters(const std::vector<Result>& in) {
  std::vector<Result> out;
  for (const Result& r : in)
    if (r.check == "UnusedInMasters") out.push_back(r);
  return out;
}

const Result* find(const std::vector<Result>& in, const std::string& keyword, const std::string& package) {
  for (const Result& r : in)
    if (r.keyword == keyword && r.package == package) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("UnusedInMasters: pkgcheck's messages, one result per ebuild and keyword") {
  FixtureScan s;
  s.checks = {"+UnusedInMasters"};
  s.keywords = kKeywords;
  ScanOutput out = scan_fixture("unused-in-masters", s);
  REQUIRE(out.errors.empty());
  std::vector<Result> results = unused_in_masters(out.results);

  const Result* r = find(results, "UnusedInMastersLicenses", "trigger");
  REQUIRE(r);
  CHECK(r->message == "unused licenses in master repo(s): Dormant, Other");
  CHECK(r->field("licenses") == "Dormant Other");
  CHECK(r->level == Level::Warning);
  CHECK(r->scope == Scope::Version);
  CHECK(r->version == "1");
  r = find(results, "UnusedInMastersLicenses", "trigger-conditional");
  REQUIRE(r);
  CHECK(r->message == "unused license in master repo(s): Dormant");

  r = find(results, "UnusedInMastersMirrors", "trigger");
  REQUIRE(r);
  CHECK(r->message == "unused mirror in master repo(s): dormant");
  r = find(results, "UnusedInMastersEclasses", "trigger");
  REQUIRE(r);
  CHECK(r->message == "unused eclass in master repo(s): dormant");
  r = find(results, "UnusedInMastersGlobalUse", "trigger");
  REQUIRE(r);
  CHECK(r->message == "use.desc unused flag in master repo(s): dormant");
  CHECK(r->field("flags") == "dormant");
  // The master's packages only describe "localised" as their own flag: that
  // is no use of the global one.
  r = find(results, "UnusedInMastersGlobalUse", "trigger-local-in-master");
  REQUIRE(r);
  CHECK(r->message == "use.desc unused flag in master repo(s): localised");

  CHECK(results.size() == 6);
}

TEST_CASE("UnusedInMasters: not in the default set, but asking for a keyword runs it") {
  ScanOutput plain = scan_fixture("unused-in-masters");
  REQUIRE(plain.errors.empty());
  CHECK(unused_in_masters(plain.results).empty());

  FixtureScan s;
  s.keywords = {"UnusedInMastersEclasses"};
  ScanOutput asked = scan_fixture("unused-in-masters", s);
  REQUIRE(asked.errors.empty());
  CHECK(unused_in_masters(asked.results).size() == 1);
}

TEST_CASE("UnusedInMasters: quiet when a master is missing or its metadata is incomplete") {
  FixtureScan s;
  s.checks = {"+UnusedInMasters"};
  s.keywords = kKeywords;

  SECTION("master not found") {
    TempDir empty;  // not a repository: the master stays missing
    s.repo_paths = {{"uim-master", empty.path() + "/none"}};
    ScanOutput out = scan_fixture("unused-in-masters", s);
    CHECK(unused_in_masters(out.results).empty());
  }
  SECTION("a master ebuild without cache entry: its use is unknown") {
    TempDir copy;
    std::filesystem::copy(fixture_path("unused-in-masters-master"), copy.path() + "/master",
                          std::filesystem::copy_options::recursive);
    std::filesystem::remove(copy.path() + "/master/metadata/md5-cache/app-misc/describer-1");
    s.repo_paths = {{"uim-master", copy.path() + "/master"}};
    ScanOutput out = scan_fixture("unused-in-masters", s);
    CHECK(unused_in_masters(out.results).empty());
  }
  SECTION("the same copy, complete, reports (the copy is a valid master)") {
    TempDir copy;
    std::filesystem::copy(fixture_path("unused-in-masters-master"), copy.path() + "/master",
                          std::filesystem::copy_options::recursive);
    s.repo_paths = {{"uim-master", copy.path() + "/master"}};
    ScanOutput out = scan_fixture("unused-in-masters", s);
    CHECK(unused_in_masters(out.results).size() == 6);
  }
}

TEST_CASE("UnusedInMasters: a repository without masters reports nothing") {
  FixtureScan s;
  s.checks = {"+UnusedInMasters"};
  s.keywords = kKeywords;
  ScanOutput out = scan_fixture("unused-in-masters-master", s);
  REQUIRE(out.errors.empty());
  CHECK(unused_in_masters(out.results).empty());
}
