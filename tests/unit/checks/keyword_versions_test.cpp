// The keyword and version checks (RedundantVersion, Imlate, DroppedKeywords,
// UnsortedKeywords, SystemSet, EqualVersions, VirtualProviders,
// VirtualKeywordsUpdate) on tests/repos/keywords and the virtual/* fixture
// repositories: which version each result lands on, and what it says.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

using Lines = std::vector<std::string>;

// "cat/pkg-version: message" (or "cat/pkg: message" at package scope), sorted.
Lines results(const std::string& repo, const std::string& keyword, const std::string& category = "") {
  FixtureScan s;
  s.keywords = {keyword};
  s.checks = {"all"};
  if (!category.empty()) s.targets = {category + "/*"};
  ScanOutput out = scan_fixture(repo, s);
  REQUIRE(out.errors.empty());
  Lines v;
  for (const Result& r : only(out.results, keyword))
    v.push_back(r.category + "/" + r.package + (r.version.empty() ? "" : "-" + r.version) + ": " + r.message);
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("RedundantVersion: shadowed by newer keywords, unless a profile masks the newer version",
          "[keywords]") {
  // trigger-unmasked-3 is masked and unmasked again by the amd64 profile;
  // clean-repo-masked-2 is masked by the repository's own package.mask.
  CHECK(results("keywords", "RedundantVersion", "RedundantVersion") ==
        Lines{"RedundantVersion/trigger-1: slot(0) keywords are overshadowed by version: 2",
              "RedundantVersion/trigger-unmasked-2: slot(0) keywords are overshadowed by version: 3",
              "RedundantVersion/trigger-unstable-1: slot(0) keywords are overshadowed by version: 2"});
}

TEST_CASE("LaggingStable and PotentialStable look at the newest version stable on a stable arch", "[keywords]") {
  CHECK(results("keywords", "LaggingStable", "LaggingStable") ==
        Lines{"LaggingStable/trigger-2: slot(0), stabled arches: [ amd64 ], lagging: [ ~x86 ]"});
  CHECK(results("keywords", "PotentialStable", "PotentialStable") ==
        Lines{"PotentialStable/trigger-1: slot(0), stabled arches: [ amd64 ], potential: [ ~x86 ]"});
}

TEST_CASE("DroppedKeywords: only the newest version that dropped the arch", "[keywords]") {
  CHECK(results("keywords", "DroppedKeywords", "DroppedKeywords") ==
        Lines{"DroppedKeywords/trigger-3: dropped keywords: x86"});
}

TEST_CASE("UnsortedKeywords lists the keywords as written", "[keywords]") {
  CHECK(results("keywords", "UnsortedKeywords", "UnsortedKeywords") ==
        Lines{"UnsortedKeywords/trigger-1: unsorted KEYWORDS: x86, amd64",
              "UnsortedKeywords/trigger-tilde-1: unsorted KEYWORDS: ~x86, amd64"});
}

TEST_CASE("SystemSetMissingKeywords: the literal keyword each selected profile's arch needs", "[keywords]") {
  CHECK(results("keywords", "SystemSetMissingKeywords", "SystemSetMissingKeywords") ==
        Lines{"SystemSetMissingKeywords/trigger-atom: part of @system set, but is missing keywords for arches: "
              "amd64, x86",
              "SystemSetMissingKeywords/trigger-literal: part of @system set, but is missing keywords for arch: "
              "~arm64"});
}

TEST_CASE("EqualVersions: one result per group of equal versions", "[keywords]") {
  CHECK(results("keywords", "EqualVersions", "EqualVersions") ==
        Lines{"EqualVersions/trigger-zeros: equal package versions: [ 1.0.2, 1.000.2 ]",
              "EqualVersions/trigger: equal package versions: [ 1.0, 1.0-r0 ]"});
}

TEST_CASE("virtual/* packages: providers and their keywords", "[keywords]") {
  CHECK(results("VirtualKeywordsUpdate/trigger", "VirtualKeywordsUpdate") ==
        Lines{"virtual/foo-1: KEYWORDS updates available: x86"});
  CHECK(results("VirtualWithDepend/trigger", "VirtualWithDepend") ==
        Lines{"virtual/foo-1: virtual package with a DEPEND defined"});
  CHECK(results("VirtualWithSingleProvider/trigger", "VirtualWithSingleProvider") ==
        Lines{"virtual/foo: virtual package with a single provider: dev-libs/a"});
  CHECK(results("VirtualWithSingleProvider/clean", "VirtualWithSingleProvider").empty());
}
