// run_scan end to end on fixture repositories: selection, exit policy,
// determinism across thread counts.
#include <catch2/catch.hpp>

#include "../checks/fixture.hpp"
#include "pkgscan/reporter.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

using namespace pkgscan;
using namespace pkgscan::test;

TEST_CASE("check and keyword selection") {
  auto sel = select_checks({}, {});
  REQUIRE(sel.errors.empty());
  CHECK(std::any_of(sel.checks.begin(), sel.checks.end(), [](const CheckInfo& c) { return c.name == "Cache"; }));

  auto only_cache = select_checks({"Cache"}, {});
  REQUIRE(only_cache.checks.size() == 1);
  CHECK(only_cache.checks[0].name == "Cache");

  auto minus = select_checks({"-Cache"}, {});
  CHECK(std::none_of(minus.checks.begin(), minus.checks.end(), [](const CheckInfo& c) { return c.name == "Cache"; }));

  auto kw = select_checks({}, {"StaleCacheEntry"});
  CHECK(kw.keywords == std::vector<std::string>{"StaleCacheEntry"});
  REQUIRE(kw.checks.size() == 1);
  CHECK(kw.checks[0].name == "Cache");

  auto hide = select_checks({}, {"-StaleCacheEntry"});
  CHECK(std::find(hide.keywords.begin(), hide.keywords.end(), "StaleCacheEntry") == hide.keywords.end());
  CHECK(std::find(hide.keywords.begin(), hide.keywords.end(), "MissingCacheEntry") != hide.keywords.end());

  // A keyword never brings back a check that -c removed or left out.
  auto removed = select_checks({"-Cache"}, {"StaleCacheEntry"});
  CHECK(removed.checks.empty());
  CHECK(removed.keywords.empty());
  auto exact = select_checks({"Repository"}, {"StaleCacheEntry", "MissingMaster"});
  REQUIRE(exact.checks.size() == 1);
  CHECK(exact.checks[0].name == "Repository");
  CHECK(exact.keywords == std::vector<std::string>{"MissingMaster"});

  auto unknown = select_checks({"NoSuchCheck"}, {"NoSuchKeyword"});
  CHECK(unknown.errors.size() == 2);
}

TEST_CASE("exit policy: level threshold, keywords, none") {
  std::string err;
  Result warn;
  warn.keyword = "StaleCacheEntry";
  warn.level = Level::Warning;
  Result error;
  error.keyword = "MissingCacheEntry";
  error.level = Level::Error;

  auto def = ExitPolicy::parse("error", &err);
  REQUIRE(def);
  CHECK(def->fails(error));
  CHECK_FALSE(def->fails(warn));
  auto w = ExitPolicy::parse("warning", &err);
  CHECK(w->fails(warn));
  CHECK(w->fails(error));
  auto none = ExitPolicy::parse("none", &err);
  CHECK_FALSE(none->fails(error));
  auto kw = ExitPolicy::parse("StaleCacheEntry", &err);
  REQUIRE(kw);
  CHECK(kw->fails(warn));
  CHECK_FALSE(kw->fails(error));
  CHECK_FALSE(ExitPolicy::parse("Bogus", &err));
  CHECK(err.find("Bogus") != std::string::npos);
  // A repeated --exit joins its values: 'none' then means nothing, and says so.
  auto both = ExitPolicy::parse("error,StaleCacheEntry", &err);
  REQUIRE(both);
  CHECK(both->fails(warn));
  CHECK(both->fails(error));
  CHECK_FALSE(ExitPolicy::parse("none,error", &err));
  CHECK(err == "--exit: 'none' cannot be combined with levels or keywords ('none,error')");
}

TEST_CASE("results are identical for -j1 and -j2 and sorted") {
  FixtureScan one;
  one.jobs = 1;
  FixtureScan two;
  two.jobs = 2;
  ScanOutput a = scan_fixture("cache", one);
  ScanOutput b = scan_fixture("cache", two);
  REQUIRE(a.errors.empty());
  REQUIRE(!a.results.empty());
  REQUIRE(a.results.size() == b.results.size());
  for (std::size_t i = 0; i < a.results.size(); ++i) {
    CHECK(result_to_json(a.results[i]) == result_to_json(b.results[i]));
    if (i) CHECK_FALSE(result_less(a.results[i], a.results[i - 1]));
  }
}

TEST_CASE("timings: each phase gives its CPU time and the resident memory after it") {
  RealFileSystem fs;
  ScanOptions opts = test_scan_options(fixture_path("cache"));
  opts.timings = true;
  ScanOutput out = run_scan(fs, opts);
  REQUIRE(out.errors.empty());
  int phases = 0;
  for (const auto& [what, ms] : out.timings) {
    const auto rss = what.find(", RSS ");
    if (what.find(" (CPU ") == std::string::npos || rss == std::string::npos) continue;
    ++phases;
    // A scan resides in a few megabytes at least: the figure is read, not zero.
    CHECK(std::atof(what.c_str() + rss + 6) >= 1.0);
    CHECK(what.ends_with(" MB)"));
  }
  CHECK(phases >= 5);  // open, index, begin, pipeline, repo scope
}

TEST_CASE("exit code follows the --exit policy") {
  RealFileSystem fs;
  ScanOptions opts;
  opts.repo = fixture_path("cache");
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.exit = "error";
  CHECK(run_scan(fs, opts).exit_code == 1);  // MissingCacheEntry is an error
  opts.cli.exit = "none";
  CHECK(run_scan(fs, opts).exit_code == 0);
  opts.cli.keywords = {"StaleCacheEntry"};
  opts.cli.exit = "error";
  CHECK(run_scan(fs, opts).exit_code == 0);  // the error-level keywords are not reported
  opts.cli.exit = "bogus";
  ScanOutput bad = run_scan(fs, opts);
  CHECK(bad.exit_code == 2);
  CHECK(!bad.errors.empty());
}

TEST_CASE("targets narrow the scan to a package or one version") {
  FixtureScan s;
  s.targets = {"StaleCacheEntry/trigger"};
  ScanOutput out = scan_fixture("cache", s);
  REQUIRE(out.errors.empty());
  REQUIRE(!out.results.empty());
  for (const Result& r : out.results)
    if (!r.category.empty()) CHECK((r.category == "StaleCacheEntry" && r.package == "trigger"));
}

TEST_CASE("a missing repository is a fatal error with exit status 2") {
  RealFileSystem fs;
  ScanOptions opts;
  opts.repo = "/nonexistent/repo";
  opts.user_config = false;
  ScanOutput out = run_scan(fs, opts);
  CHECK(out.exit_code == 2);
  REQUIRE(!out.errors.empty());
}

TEST_CASE("cache-only mode trusts the cache: no freshness results") {
  RealFileSystem fs;
  ScanOptions opts;
  opts.repo = fixture_path("cache");
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.exit = "none";
  opts.cli.keywords = {"StaleCacheEntry"};
  CHECK(!run_scan(fs, opts).results.empty());
  opts.cli.cache_only = true;
  CHECK(run_scan(fs, opts).results.empty());
}

TEST_CASE("repo-wide checks run on narrow scans only when named") {
  auto sel = select_checks({}, {});
  const CheckInfo* boot = nullptr;
  for (const CheckInfo& c : CheckRegistry::instance().checks())
    if (c.repo_wide) boot = CheckRegistry::instance().find_check(c.name);
  REQUIRE(boot != nullptr);
  CHECK(sel.named.empty());
  auto by_name = select_checks({"+" + std::string(boot->name)}, {});
  CHECK(std::find(by_name.named.begin(), by_name.named.end(), boot->name) != by_name.named.end());
  auto by_keyword = select_checks({}, {std::string(boot->keywords[0].name)});
  CHECK(std::find(by_keyword.named.begin(), by_keyword.named.end(), boot->name) != by_keyword.named.end());
  auto by_level = select_checks({}, {"error"});
  CHECK(std::find(by_level.named.begin(), by_level.named.end(), boot->name) == by_level.named.end());
}

TEST_CASE("the repository's metadata/pkgscan.yaml and --config apply, suppressions included") {
  // A private copy of the cache fixture, so the configuration file can be added.
  std::string dir = "/tmp/pkgscan-config-test-" + std::to_string(::getpid());
  REQUIRE(std::system(("rm -rf " + dir + " && cp -r " + fixture_path("cache") + " " + dir).c_str()) == 0);
  {
    std::FILE* f = std::fopen((dir + "/metadata/pkgscan.yaml").c_str(), "w");
    REQUIRE(f);
    std::fputs("keywords: [StaleCacheEntry, MissingCacheEntry]\n"
               "suppress:\n"
               "  - {keyword: StaleCacheEntry, target: 'StaleCacheEntry/trigger-eclass', reason: eclass under review}\n",
               f);
    std::fclose(f);
  }
  RealFileSystem fs;
  ScanOptions opts;
  opts.repo = dir;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.exit = "none";
  ScanOutput out = run_scan(fs, opts);
  REQUIRE(out.errors.empty());
  for (const Result& r : out.results)  // the repository's keyword list applied
    CHECK((r.keyword == "StaleCacheEntry" || r.keyword == "MissingCacheEntry"));
  CHECK(in_package(out.results, "StaleCacheEntry", "trigger-eclass").empty());  // suppressed
  CHECK(!in_package(out.results, "StaleCacheEntry", "trigger").empty());        // not suppressed

  // --config comes after the repository's file: "-MissingCacheEntry" adjusts its list.
  std::string extra = dir + "-extra.yaml";
  {
    std::FILE* f = std::fopen(extra.c_str(), "w");
    REQUIRE(f);
    std::fputs("keywords: -MissingCacheEntry\nexit: warning\n", f);
    std::fclose(f);
  }
  opts.config_file = extra;
  opts.cli.exit.reset();
  ScanOutput layered = run_scan(fs, opts);
  REQUIRE(layered.errors.empty());
  CHECK(only(layered.results, "MissingCacheEntry").empty());
  CHECK(!only(layered.results, "StaleCacheEntry").empty());
  CHECK(layered.exit_code == 1);  // exit: warning from --config
  std::system(("rm -rf " + dir + " " + extra).c_str());
}

TEST_CASE("run summaries (fingerprinted without their message) are repository-scope notices of registered checks") {
  auto& reg = CheckRegistry::instance();
  for (std::string_view name : kRunSummaryKeywords) {
    INFO(name);
    const Keyword* kw = reg.find_keyword(name);
    REQUIRE(kw);
    CHECK(kw->scope == Scope::Repo);
    CHECK(kw->level == Level::Info);
    CHECK(is_run_summary(name));
  }
  CHECK_FALSE(is_run_summary("PotentialGlobalUse"));
}
