// Issue 12 benchmark: the Visibility check (NonsolvableDeps*,
// RequiredUseUnsatisfiable*) against the rest of the default scan, in one run.
//
//   visibility_perftest TREE [-j N] [--repeat K]
//
// Runs, best of K each (after one warm-up run):
//   baseline  the default scan without the Visibility check (-c -Visibility)
//   full      the default scan
// The Visibility cost is full - baseline (wall). It also counts the
// (ebuild, profile) evaluations the check makes: for every ebuild, each
// default-selected profile (stable and dev, not deprecated) of an arch it
// keywords, stable keywords counting twice (the stable and the ~arch view),
// as pkgcheck counts them. Targets (issue 12): Visibility <= 1.5 s at -j2
// and <= 1.5 x the baseline.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "pkgscan/index.hpp"
#include "pkgscan/profiles.hpp"
#include "pkgscan/scan.hpp"

using namespace pkgscan;

namespace {

double run_ms(const RealFileSystem& fs, const std::string& tree, int jobs, std::vector<std::string> checks,
              std::size_t* results) {
  ScanOptions opts;
  opts.repo = tree;
  opts.cwd = "/";
  opts.user_config = false;
  opts.data_dir = PKGSCAN_DATA_DIR;
  opts.cli.jobs = jobs;
  opts.cli.exit = "none";
  opts.cli.checks = std::move(checks);
  auto t0 = std::chrono::steady_clock::now();
  ScanOutput out = run_scan(fs, opts);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!out.errors.empty()) {
    std::fprintf(stderr, "scan failed: %s\n", out.errors.front().c_str());
    std::exit(2);
  }
  if (results) *results = out.results.size();
  return ms;
}

double best_of(int repeat, const RealFileSystem& fs, const std::string& tree, int jobs,
               const std::vector<std::string>& checks, std::size_t* results) {
  run_ms(fs, tree, jobs, checks, nullptr);  // warm the page cache
  double best = 1e300;
  for (int i = 0; i < repeat; ++i) best = std::min(best, run_ms(fs, tree, jobs, checks, results));
  return best;
}

// (ebuild, profile) pairs the check evaluates, counted as pkgcheck does.
std::size_t count_pairs(const RealFileSystem& fs, const std::string& tree, std::size_t* profiles) {
  std::string err;
  auto main = Repository::open(fs, tree, &err);
  if (!main) {
    std::fprintf(stderr, "%s\n", err.c_str());
    std::exit(2);
  }
  RepoSet repos(fs, std::move(main), {});
  RepoIndex index(repos);
  auto set = ProfileSet::load(repos);
  std::map<std::string, std::size_t> per_arch;
  *profiles = 0;
  for (const ProfileEntry& e : set->entries())
    if ((e.status == ProfileStatus::Stable || e.status == ProfileStatus::Dev) && !e.deprecated && e.node) {
      ++per_arch[e.arch];
      ++*profiles;
    }
  std::size_t pairs = 0;
  for (const RepoIndex::Key& k : index.main_packages())
    for (const Ebuild& e : index.find_main(k.category, k.package)->versions)
      for (Symbol kw : e.keywords) {
        std::string_view s = kw.str();
        bool unstable = !s.empty() && s[0] == '~';
        auto it = per_arch.find(std::string(unstable ? s.substr(1) : s));
        if (it != per_arch.end()) pairs += it->second * (unstable ? 1 : 2);
      }
  return pairs;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s TREE [-j N] [--repeat K]\n", argv[0]);
    return 2;
  }
  std::string tree = argv[1];
  int jobs = 2, repeat = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "-j") jobs = std::atoi(argv[i + 1]);
    else if (a == "--repeat") repeat = std::atoi(argv[i + 1]);
  }
  RealFileSystem fs;
  std::size_t base_results = 0, full_results = 0, profiles = 0;
  double base = best_of(repeat, fs, tree, jobs, {"-Visibility"}, &base_results);
  double full = best_of(repeat, fs, tree, jobs, {}, &full_results);
  double alone = best_of(repeat, fs, tree, jobs, {"Visibility"}, nullptr);
  std::size_t pairs = count_pairs(fs, tree, &profiles);
  double vis = full - base;
  std::printf("tree:                       %s (-j%d, best of %d)\n", tree.c_str(), jobs, repeat);
  std::printf("profiles (stable+dev):      %zu\n", profiles);
  std::printf("default scan w/o Visibility %.0f ms (%zu results)\n", base, base_results);
  std::printf("default scan:               %.0f ms (%zu results)\n", full, full_results);
  std::printf("Visibility cost (wall):     %.0f ms   (target <= 1500 ms)\n", vis);
  std::printf("ratio to the rest:          %.2f     (target <= 1.5)\n", vis / base);
  std::printf("-c Visibility alone:        %.0f ms (loads every package too)\n", alone);
  std::printf("(ebuild, profile) pairs:    %zu, %.1f M/s\n", pairs, vis > 0 ? pairs / vis / 1e3 : 0.0);
  return 0;
}
