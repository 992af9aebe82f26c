// Visibility: NonsolvableDeps* and RequiredUseUnsatisfiable* on the
// tests/repos/visibility profile tree (base with a directory-form
// package.mask, use.mask, use.stable.mask and package.use.mask; amd64 with
// desktop, dev, exp and a deprecated child; x86).
#include <catch2/catch.hpp>

#include <filesystem>

#include "../../../checks/visibility.hpp"
#include "fixture.hpp"
#include "pkgscan/cache.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

ScanOutput scan(std::vector<std::string> targets, std::vector<std::string> keywords = {}) {
  FixtureScan s;
  s.targets = std::move(targets);
  s.keywords = std::move(keywords);
  return scan_fixture("visibility", s);
}

std::vector<std::string> messages(const std::vector<Result>& results, const std::string& keyword) {
  std::vector<std::string> out;
  for (const Result& r : only(results, keyword)) out.push_back(r.package + ": " + r.message);
  return out;
}

}  // namespace

TEST_CASE("a masked dependency: one result per profile status, counting (keyword, profile) pairs", "[visibility]") {
  ScanOutput out = scan({"NonsolvableDepsInStable/trigger-masked"});
  REQUIRE(out.errors.empty());
  // amd64 keywords the stable and the ~arch view of default/amd64 and
  // default/amd64/desktop: 4 pairs. The deprecated default/amd64/old and
  // the exp profile are not in the default selection.
  CHECK(messages(out.results, "NonsolvableDepsInStable") ==
        std::vector<std::string>{"trigger-masked: nonsolvable depset(rdepend) keyword(amd64) stable profile "
                                 "(default/amd64) (4 total): solutions: [ dep-lib/masked ]"});
  CHECK(messages(out.results, "NonsolvableDepsInDev") ==
        std::vector<std::string>{"trigger-masked: nonsolvable depset(rdepend) keyword(amd64) dev profile "
                                 "(default/amd64/dev) (2 total): solutions: [ dep-lib/masked ]"});
  CHECK(only(out.results, "NonsolvableDepsInExp").empty());
  const Result r = only(out.results, "NonsolvableDepsInStable").front();
  CHECK(r.level == Level::Error);
  CHECK(r.field("attr") == "rdepend");
  CHECK(r.field("keyword") == "amd64");
  CHECK(r.field("profile") == "default/amd64");
  CHECK(r.field("profile_status") == "stable");
  CHECK(r.field("num_profiles") == "4");
  CHECK(r.field("deps") == "dep-lib/masked");
}

TEST_CASE("stable keywords need stable dependencies, ~arch keywords see ~arch ones", "[visibility]") {
  ScanOutput out = scan({"NonsolvableDepsInStable/trigger-keyword", "NonsolvableDepsInStable/clean-unstable"});
  // Only the stable ("amd64") view fails: 2 pairs, not 4.
  CHECK(messages(out.results, "NonsolvableDepsInStable") ==
        std::vector<std::string>{"trigger-keyword: nonsolvable depset(rdepend) keyword(amd64) stable profile "
                                 "(default/amd64) (2 total): solutions: [ dep-lib/unstable ]"});
}

TEST_CASE("USE dependencies meet masked, stable-masked and package-masked flags", "[visibility]") {
  ScanOutput out = scan({"NonsolvableDepsInStable/*"});
  auto stable = messages(out.results, "NonsolvableDepsInStable");
  auto has = [&](const std::string& m) { return std::find(stable.begin(), stable.end(), m) != stable.end(); };
  CHECK(has("trigger-usemask: nonsolvable depset(rdepend) keyword(~amd64) stable profile (default/amd64) (2 total): "
            "solutions: [ dep-lib/withflag[masked-flag] ]"));
  CHECK(has("trigger-stable-usemask: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64) (2 "
            "total): solutions: [ dep-lib/withflag[unstable-flag] ]"));
  // desktop's use.mask says -pkg-flag after base's package.use.mask line: the
  // last word wins, so only default/amd64 (both views) fails.
  CHECK(has("trigger-package-usemask: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64) (2 "
            "total): solutions: [ dep-lib/withflag[pkg-flag] ]"));
  // [pkg-flag=] with pkg-flag free for the ebuild needs a version with the
  // flag on and one with it off; [masked-flag?] falls away (masked here).
  CHECK(has("trigger-usedep: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64) (2 total): "
            "solutions: [ dep-lib/withflag[pkg-flag] ]"));
  // Every atom of a failing || group is named.
  CHECK(has("trigger-anyof: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64) (4 total): "
            "solutions: [ dep-lib/masked, dep-lib/nosuch ]"));
  // A free flag's group is required, whatever its polarity.
  CHECK(has("trigger-conditional: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64) (4 "
            "total): solutions: [ dep-lib/masked ]"));
  for (const std::string& m : stable) CHECK(m.rfind("trigger", 0) == 0);
}

TEST_CASE("a package.use.mask flag is judged per version, even where versions share the profile nodes", "[visibility]") {
  // base masks vflag for dep-lib/versioned and unmasks it for version 2
  // only: both versions meet the same node, with different last words.
  // [vflag] is solvable through version 2, not through version 1 alone.
  ScanOutput out = scan({"NonsolvableDepsInStable/*-versioned-usedep", "dep-lib/versioned"});
  REQUIRE(out.errors.empty());
  CHECK(messages(out.results, "NonsolvableDepsInStable") ==
        std::vector<std::string>{"trigger-versioned-usedep: nonsolvable depset(rdepend) keyword(amd64) stable profile "
                                 "(default/amd64) (4 total): solutions: [ <dep-lib/versioned-2[vflag] ]"});
}

TEST_CASE("experimental profiles only when their keyword is asked for", "[visibility]") {
  ScanOutput out = scan({"NonsolvableDepsInExp/*"}, {"+NonsolvableDepsInExp"});
  CHECK(messages(out.results, "NonsolvableDepsInExp") ==
        std::vector<std::string>{"trigger: nonsolvable depset(rdepend) keyword(~amd64) exp profile "
                                 "(default/amd64/exp): solutions: [ dep-lib/exp-masked ]"});
  CHECK(only(out.results, "NonsolvableDepsInExp").front().level == Level::Warning);
  CHECK(only(scan({"NonsolvableDepsInExp/*"}).results, "NonsolvableDepsInExp").empty());
}

TEST_CASE("REQUIRED_USE that masked, forced or arch flags make impossible", "[visibility]") {
  ScanOutput out = scan({"RequiredUseUnsatisfiableInStable/*", "RequiredUseUnsatisfiableInDev/*"});
  CHECK(messages(out.results, "RequiredUseUnsatisfiableInStable") ==
        std::vector<std::string>{
            "trigger-arch: REQUIRED_USE can't be satisfied due to masked/forced USE flags, keyword(~amd64) stable "
            "profile (default/amd64) (2 total)",
            "trigger-masked: REQUIRED_USE can't be satisfied due to masked/forced USE flags, keyword(~amd64) stable "
            "profile (default/amd64) (2 total)",
            "trigger-stable-mask: REQUIRED_USE can't be satisfied due to masked/forced USE flags, keyword(amd64) "
            "stable profile (default/amd64) (2 total)"});
  auto dev = messages(out.results, "RequiredUseUnsatisfiableInDev");
  CHECK(std::count(dev.begin(), dev.end(),
                   "trigger: REQUIRED_USE can't be satisfied due to masked/forced USE flags, keyword(~amd64) dev "
                   "profile (default/amd64/dev)") == 1);
}

TEST_CASE("a scan that runs no profile check never reads profiles.desc", "[visibility]") {
  // Counts reads of profile files through a wrapping file system.
  class Counting final : public FileSystem {
   public:
    FileType stat(const std::string& p) const override { return real.stat(p); }
    bool read_file(const std::string& p, std::string& out, std::string* err) const override {
      if (p.find("/profiles/") != std::string::npos && p.find("profiles.desc") != std::string::npos) ++desc_reads;
      return real.read_file(p, out, err);
    }
    bool list_dir(const std::string& p, std::vector<DirEntry>& out, std::string* err) const override {
      return real.list_dir(p, out, err);
    }
    std::string on_disk(const std::string& p, std::string* err) const override { return real.on_disk(p, err); }
    bool lstat(const std::string& p, FileInfo& out, std::string* err) const override { return real.lstat(p, out, err); }
    RealFileSystem real;
    mutable int desc_reads = 0;
  };
  Counting fs;
  ScanOptions opts;
  opts.repo = fixture_path("visibility");
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  // Every check that reads profiles left out.
  opts.cli.checks = {"-Visibility", "-Profiles", "-SystemSet", "-RedundantVersion", "-Imlate"};
  run_scan(fs, opts);
  CHECK(fs.desc_reads == 0);
  opts.cli.checks = {"Visibility"};
  ScanOutput with = run_scan(fs, opts);
  CHECK(fs.desc_reads == 1);
  CHECK(!only(with.results, "NonsolvableDepsInStable").empty());
}

TEST_CASE("the required-use solver", "[visibility]") {
  auto sat = [](const char* text, std::vector<std::pair<const char*, bool>> fixed) {
    auto spec = DepSpec::parse(text, SpecKind::RequiredUse, Eapi::of(8));
    REQUIRE(spec);
    std::vector<std::pair<Symbol, bool>> f;
    for (auto [name, on] : fixed) f.emplace_back(Symbol::intern(name), on);
    return visibility::required_use_satisfiable(*spec, Eapi::of(8), f);
  };
  CHECK(sat("^^ ( a b c )", {{"a", false}, {"b", false}}));
  CHECK_FALSE(sat("^^ ( a b c )", {{"a", false}, {"b", false}, {"c", false}}));
  CHECK_FALSE(sat("^^ ( a b )", {{"a", true}, {"b", true}}));
  CHECK(sat("?? ( a b )", {{"a", true}}));
  CHECK_FALSE(sat("a? ( b ) a", {{"b", false}}));
  CHECK(sat("a? ( b )", {{"b", false}}));
  CHECK_FALSE(sat("a !a", {}));
  CHECK(sat("|| ( a b ) c? ( !a )", {{"c", true}}));
  CHECK_FALSE(sat("|| ( a b ) c? ( !a !b )", {{"c", true}}));
  // A group whose conditional members all fall away is unmatched from EAPI 7.
  CHECK_FALSE(sat("|| ( x? ( a ) )", {{"x", false}}));
}

TEST_CASE("failing columns beyond the first 64 are split by clause and counted", "[visibility]") {
  // The fixture plus 70 amd64 profiles that differ (each masks a flag of its
  // own), so their 140 columns span three 64-bit words. dep-lib/many-a is masked in
  // p60..p69, dep-lib/many-b in p65..p69 and p00: three parts fail three
  // sets of clauses, two of them beyond bit 64.
  pkgscan::testing::TempDir dir;
  std::filesystem::copy(fixture_path("visibility"), dir.path(), std::filesystem::copy_options::recursive);
  std::string desc;
  for (int i = 0; i < 70; ++i) {
    const std::string name = (i < 10 ? "p0" : "p") + std::to_string(i);
    const std::string rel = "profiles/default/amd64/many/" + name + "/";
    dir.write(rel + "parent", "../..\n");
    dir.write(rel + "use.mask", "flag" + std::to_string(i) + "\n");  // a column of its own
    std::string mask;
    if (i >= 60) mask += "dep-lib/many-a\n";
    if (i >= 65 || i == 0) mask += "dep-lib/many-b\n";
    if (!mask.empty()) dir.write(rel + "package.mask", mask);
    desc += "amd64 default/amd64/many/" + name + " stable\n";
  }
  std::ofstream(dir / "profiles/profiles.desc", std::ios::app) << desc;
  auto add = [&](const std::string& cat, const std::string& pn, const std::string& rdepend) {
    const std::string ebuild = "EAPI=8\nSLOT=0\nKEYWORDS=\"amd64\"\n" + (rdepend.empty() ? "" : "RDEPEND=\"" + rdepend + "\"\n");
    dir.write(cat + "/" + pn + "/" + pn + "-1.ebuild", ebuild);
    dir.write("metadata/md5-cache/" + cat + "/" + pn + "-1",
              "DEFINED_PHASES=-\nEAPI=8\nKEYWORDS=amd64\n" + (rdepend.empty() ? "" : "RDEPEND=" + rdepend + "\n") +
                  "SLOT=0\n_md5_=" + md5_hex(ebuild) + "\n");
  };
  add("dep-lib", "many-a", "");
  add("dep-lib", "many-b", "");
  add("NonsolvableDepsInStable", "trigger-many", "dep-lib/many-a dep-lib/many-b");
  ScanOutput out = scan_at(RealFileSystem(), dir.path(), {"Visibility"}, {"NonsolvableDepsInStable/trigger-many"},
                           {"NonsolvableDepsInStable"});
  REQUIRE(out.errors.empty());
  // Each failing profile counts twice: the amd64 and the ~amd64 view.
  CHECK(messages(out.results, "NonsolvableDepsInStable") ==
        std::vector<std::string>{
            "trigger-many: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64/many/p00) (2 "
            "total): solutions: [ dep-lib/many-b ]",
            "trigger-many: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64/many/p60) (10 "
            "total): solutions: [ dep-lib/many-a ]",
            "trigger-many: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64/many/p65) (10 "
            "total): solutions: [ dep-lib/many-a, dep-lib/many-b ]"});
}

TEST_CASE("versions and classes with the same dependency text are judged each on its own columns and flags",
          "[visibility]") {
  // trigger-repeated 1-3 and their DEPEND and RDEPEND share one text. What
  // that text comes to is remembered per package, so the memory must tell
  // apart the columns that see each version (1 is amd64, 2 and 3 ~amd64)
  // and the columns masking its conditional flag (rflag is masked for
  // version 3 only, which drops its failing group).
  ScanOutput out = scan({"NonsolvableDepsInStable/trigger-repeated"}, {"NonsolvableDepsInStable"});
  REQUIRE(out.errors.empty());
  std::vector<std::string> got;
  for (const Result& r : only(out.results, "NonsolvableDepsInStable")) got.push_back(r.version + ": " + r.message);
  const std::string masked = "solutions: [ dep-lib/masked ]";
  const std::string both = "solutions: [ dep-lib/masked, dep-lib/unstable ]";
  CHECK(got == std::vector<std::string>{
                   "1: nonsolvable depset(depend) keyword(amd64) stable profile (default/amd64) (2 total): " + both,
                   "1: nonsolvable depset(depend) keyword(~amd64) stable profile (default/amd64) (2 total): " + masked,
                   "1: nonsolvable depset(rdepend) keyword(amd64) stable profile (default/amd64) (2 total): " + both,
                   "1: nonsolvable depset(rdepend) keyword(~amd64) stable profile (default/amd64) (2 total): " + masked,
                   "2: nonsolvable depset(depend) keyword(~amd64) stable profile (default/amd64) (2 total): " + masked,
                   "2: nonsolvable depset(rdepend) keyword(~amd64) stable profile (default/amd64) (2 total): " + masked});
}
