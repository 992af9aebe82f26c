// Every registered keyword has a fixture that triggers it and one that must not.
#include <dirent.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

bool is_dir(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> list(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') out.emplace_back(e->d_name);
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Fixture repositories holding a category named after the keyword.
std::vector<std::string> repos_with_category(const std::string& keyword) {
  std::vector<std::string> out;
  for (const std::string& repo : list(PKGSCAN_FIXTURES))
    if (is_dir(fixture_path(repo + "/" + keyword)) &&
        (is_dir(fixture_path(repo + "/profiles")) || is_dir(fixture_path(repo + "/metadata"))))
      out.push_back(repo);
  return out;
}

}  // namespace

TEST_CASE("every keyword has a triggering and a clean fixture") {
  for (const Keyword& kw : CheckRegistry::instance().keywords()) {
    std::string name(kw.name);
    INFO("keyword " << name);
    // Needs a user cache written by an earlier scan of the same path, which a
    // fixture cannot ship (the cache is keyed by the absolute repository
    // path): tests/unit/scan/metadata_layer_test.cpp triggers it and checks
    // the clean case.
    if (name == "UserCacheRebuilt") continue;
    // Repository and category scope, and keywords about packages of a fixed
    // category (virtual/*) that a category named after the keyword cannot
    // hold: whole repositories.
    if (kw.scope == Scope::Repo || kw.scope == Scope::Category || is_dir(fixture_path(name + "/trigger"))) {
      REQUIRE(is_dir(fixture_path(name + "/trigger")));
      REQUIRE(is_dir(fixture_path(name + "/clean")));
      FixtureScan s;
      s.keywords = {name};
      s.checks = {"all"};
      ScanOutput hit = scan_fixture(name + "/trigger", s);
      INFO("errors: " << (hit.errors.empty() ? "" : hit.errors[0]));
      CHECK(!only(hit.results, name).empty());
      ScanOutput miss = scan_fixture(name + "/clean", s);
      CHECK(only(miss.results, name).empty());
      continue;
    }
    auto repos = repos_with_category(name);
    REQUIRE(!repos.empty());
    for (const std::string& repo : repos) {
      INFO("fixture repository " << repo);
      FixtureScan s;
      s.keywords = {name};
      s.checks = {"all"};
      s.targets = {name + "/*"};
      ScanOutput out = scan_fixture(repo, s);
      INFO("errors: " << (out.errors.empty() ? "" : out.errors[0]));
      REQUIRE(out.errors.empty());
      auto results = only(out.results, name);
      bool any_trigger = false, any_clean = false;
      for (const std::string& pkg : list(fixture_path(repo + "/" + name))) {
        if (pkg.rfind("trigger", 0) == 0) {
          any_trigger = true;
          INFO("package " << name << "/" << pkg << " must report " << name);
          CHECK(!in_package(results, name, pkg).empty());
        } else if (pkg.rfind("clean", 0) == 0) {
          any_clean = true;
          auto bad = in_package(results, name, pkg);
          INFO("package " << name << "/" << pkg << " must not report " << name << ": "
                          << (bad.empty() ? "" : bad[0].message));
          CHECK(bad.empty());
        }
      }
      CHECK(any_trigger);
      CHECK(any_clean);
    }
  }
}
