#pragma once
// Running scans on the fixture repositories under tests/repos/.
//
// Convention (enforced by keyword_fixtures_test.cpp for every registered keyword K):
//  - version/package scope: some fixture repository has a category named K with
//    packages "trigger*" (each must report K) and "clean*" (must report nothing of K);
//  - repo/category scope, and keywords about packages of one fixed category
//    (virtual/*): tests/repos/K/trigger/ and tests/repos/K/clean/ are whole
//    repositories; the trigger one must report K, the clean one must not.
// A fixture repository holding a file named `.regen` is scanned with
// metadata regeneration (the bash worker pool, a private user cache);
// the others are read from their md5-cache alone. A file `.repo-paths`
// names masters that are fixtures too ("NAME DIR" lines, DIR relative to
// tests/repos; # comments), as --repo-path NAME=tests/repos/DIR would.
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pkgscan/regen.hpp"
#include "pkgscan/scan.hpp"
#include "repo/temp_dir.hpp"

namespace pkgscan::test {

inline std::string fixture_path(const std::string& rel) { return std::string(PKGSCAN_FIXTURES) + "/" + rel; }

struct FixtureScan {
  std::vector<std::string> targets;
  std::vector<std::string> keywords;  // -k (plain names: exactly these)
  std::vector<std::string> checks;    // -c
  std::map<std::string, std::string> repo_paths;
  int jobs = 2;
};

// What a test scan of the repository at `root` starts from: no user
// configuration, exit status 0 whatever is found, the source tree's data.
inline ScanOptions test_scan_options(const std::string& root) {
  ScanOptions opts;
  opts.repo = root;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  return opts;
}

// Scans the repository at `root` through `filesystem` (a counting or
// faulting one in bad-input tests), with the checks given (-c).
inline ScanOutput scan_at(const FileSystem& filesystem, const std::string& root, const std::vector<std::string>& checks,
                          const std::vector<std::string>& targets = {},
                          const std::vector<std::string>& keywords = {},
                          std::map<std::string, std::string> repo_paths = {}) {
  ScanOptions opts = test_scan_options(root);
  opts.targets = targets;
  opts.cli.checks = checks;
  opts.cli.keywords = keywords;
  opts.cli.repo_paths = std::move(repo_paths);
  opts.cli.jobs = 2;
  return run_scan(filesystem, opts);
}

// Scans the repository at tests/repos/<repo> and returns the output.
inline ScanOutput scan_fixture(const std::string& repo, const FixtureScan& s = {}) {
  static RealFileSystem fs;
  ScanOptions opts;
  opts.repo = fixture_path(repo);
  opts.targets = s.targets;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.keywords = s.keywords;
  opts.cli.checks = s.checks;
  opts.cli.repo_paths = s.repo_paths;
  std::ifstream masters(fixture_path(repo + "/.repo-paths"));
  for (std::string line; std::getline(masters, line);) {
    std::istringstream words(line.substr(0, line.find('#')));
    std::string name, dir;
    if (words >> name >> dir) opts.cli.repo_paths.emplace(name, fixture_path(dir));
  }
  opts.cli.jobs = s.jobs;
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  pkgscan::testing::TempDir user_cache;
  if (fs.stat(fixture_path(repo + "/.regen")) == FileType::Regular) {
    opts.make_regenerator = regen::make_scan_regenerator;
    opts.user_cache_dir = user_cache.path();
  }
  return run_scan(fs, opts);
}

inline std::vector<Result> only(const std::vector<Result>& in, const std::string& keyword) {
  std::vector<Result> out;
  for (const Result& r : in)
    if (r.keyword == keyword) out.push_back(r);
  return out;
}

inline std::vector<Result> in_package(const std::vector<Result>& in, const std::string& cat, const std::string& pkg) {
  std::vector<Result> out;
  for (const Result& r : in)
    if (r.category == cat && r.package == pkg) out.push_back(r);
  return out;
}

}  // namespace pkgscan::test
