// metadata/pkgcheck.conf as a configuration layer.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "checks/fixture.hpp"
#include "pkgscan/pkgcheck_conf.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

std::string table() {
  std::ifstream in(std::string(PKGSCAN_DATA_DIR) + "/pkgcheck-checks.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> ignored_names(const PkgcheckConf& c) {
  std::vector<std::string> out;
  for (const auto& i : c.ignored) out.push_back(i.name + ":" + i.what + ":" + std::to_string(i.line));
  return out;
}

}  // namespace

TEST_CASE("pkgcheck.conf: GURU's file disables what pkgscan has and names the rest", "[pkgcheck-conf]") {
  const std::string guru =
      "[DEFAULT]\n"
      "checks = -UnstableOnlyCheck,-RedundantVersionCheck,-ImlateCheck\n"
      "keywords = -NonsolvableDepsInDev,-NonsolvableDepsInExp\n";
  PkgcheckConf c = read_pkgcheck_conf(guru, {"guru"}, table());
  // RedundantVersionCheck and ImlateCheck stand for their keywords; the
  // keywords are ours too. UnstableOnlyCheck has no equivalent yet.
  CHECK(c.keywords == std::vector<std::string>{"-RedundantVersion", "-LaggingStable", "-PotentialStable",
                                               "-NonsolvableDepsInDev", "-NonsolvableDepsInExp"});
  CHECK(c.checks.empty());
  CHECK(ignored_names(c) == std::vector<std::string>{"UnstableOnlyCheck:check:2"});
}

TEST_CASE("pkgcheck.conf: checks stand for their keywords: signs, sections, continuations", "[pkgcheck-conf]") {
  const std::string text =
      "# comment\n"
      "[DEFAULT]\n"
      "keywords = -RedundantDep,\n"
      "    +DistutilsExtUnneeded\n"
      "checks = -MissingSlotDepCheck\n"
      "profiles = stable\n"
      "[CHECKSETS]\n"
      "mine = BadDescription\n"
      "[other-repo]\n"
      "keywords = -BadDescription\n"
      "[my-repo]\n"
      "keywords: warning\n";
  PkgcheckConf c = read_pkgcheck_conf(text, {"my-repo"}, table());
  CHECK(c.keywords == std::vector<std::string>{"-RedundantDep", "+DistutilsExtUnneeded", "-MissingSlotDep", "warning"});
  CHECK(ignored_names(c) == std::vector<std::string>{"[CHECKSETS]:section:7", "profiles:setting:6"});
  // A check pkgscan shares several keywords with: all of them.
  PkgcheckConf dep = read_pkgcheck_conf("[DEFAULT]\nchecks = -VisibilityCheck\n", {}, table());
  CHECK(dep.keywords == std::vector<std::string>{"-DependencyMoved", "-NonexistentDeps", "-NonsolvableDepsInStable",
                                                 "-NonsolvableDepsInDev", "-NonsolvableDepsInExp"});
}

TEST_CASE("pkgcheck.conf is a layer below metadata/pkgscan.yaml, with its leftovers reported once",
          "[pkgcheck-conf]") {
  pkgscan::testing::TempDir dir;
  std::filesystem::copy(fixture_path("cache"), dir.path(), std::filesystem::copy_options::recursive);
  auto scan = [&] {
    static RealFileSystem fs;
    ScanOptions opts;
    opts.repo = dir.path();
    opts.user_config = false;
    opts.cwd = "/";
    opts.cli.keywords = {"+StaleCacheEntry", "+PkgcheckConfIgnored"};
    opts.cli.exit = "none";
    opts.data_dir = PKGSCAN_DATA_DIR;
    return run_scan(fs, opts);
  };
  REQUIRE(!only(scan().results, "StaleCacheEntry").empty());
  dir.write("metadata/pkgcheck.conf", "[DEFAULT]\nkeywords = -StaleCacheEntry,-NoSuchThing\nchecks = -UnstableOnlyCheck\n");
  ScanOutput hidden = scan();
  // The command line's +StaleCacheEntry comes last and wins; without it the conf hides it.
  CHECK(!only(hidden.results, "StaleCacheEntry").empty());
  auto ignored = only(hidden.results, "PkgcheckConfIgnored");
  REQUIRE(ignored.size() == 2);
  CHECK(ignored[0].path == "metadata/pkgcheck.conf");
  CHECK(ignored[1].message.find("UnstableOnlyCheck") != std::string::npos);
  CHECK(ignored[0].message.find("NoSuchThing") != std::string::npos);

  ScanOptions opts;
  static RealFileSystem fs;
  opts.repo = dir.path();
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  CHECK(only(run_scan(fs, opts).results, "StaleCacheEntry").empty());  // hidden by pkgcheck.conf
  dir.write("metadata/pkgscan.yaml", "keywords: +StaleCacheEntry\n");
  CHECK(!only(run_scan(fs, opts).results, "StaleCacheEntry").empty());  // pkgscan.yaml is above it
}
