// bootstrap_perftest: the Bootstrap check's cost against the full default scan.
//
//   bootstrap_perftest REPO [-j N] [--repeat K]
//
// Loads every package of REPO (as a scan does), then times the Bootstrap
// check's repo pass (graph build and the three cycle analyses) and, apart,
// BuildGraph::build alone; then a full default scan of REPO. Prints the best
// of K runs of each and the ratio check / scan. Targets (issue 6): check
// <= 300 ms at -j2 and <= 25% of the full scan.
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "pkgscan/build_graph.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/scan.hpp"

using namespace pkgscan;

namespace {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bootstrap_perftest REPO [-j N] [--repeat K]\n");
    return 2;
  }
  std::string root = argv[1];
  int jobs = 2, repeat = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "-j")) jobs = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--repeat")) repeat = std::atoi(argv[i + 1]);
  }
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(jobs));

  RealFileSystem fs;
  std::string err;
  auto main_repo = Repository::open(fs, root, &err);
  if (!main_repo) {
    std::fprintf(stderr, "cannot open %s: %s\n", root.c_str(), err.c_str());
    return 2;
  }
  RepoSet repos(fs, std::move(main_repo), {});
  RepoIndex index(repos);
  const auto& keys = index.main_packages();
  std::vector<const Package*> scanned(keys.size());
  tbb::parallel_for(std::size_t{0}, keys.size(),
                    [&](std::size_t i) { scanned[i] = index.find_main(keys[i].category, keys[i].package); });
  std::erase(scanned, nullptr);
  std::vector<const Ebuild*> roots;
  for (const Package* p : scanned)
    for (const Ebuild& e : p->versions) roots.push_back(&e);

  const CheckInfo* info = CheckRegistry::instance().find_check("Bootstrap");
  if (!info) {
    std::fprintf(stderr, "Bootstrap check not registered\n");
    return 2;
  }
  ScanContext ctx{.repos = repos, .index = index, .data_dir = PKGSCAN_DATA_DIR, .whole_repo = true, .keywords = {}};
  // CPU time as well as wall time: the machine may be shared, and the check runs on one thread.
  double best_check = 1e18, best_build = 1e18, best_check_cpu = 1e18;
  std::size_t results = 0, variants = 0;
  for (int k = 0; k < repeat; ++k) {
    double t0 = now_ms();
    BuildGraph g = BuildGraph::build(index, roots);
    best_build = std::min(best_build, now_ms() - t0);
    variants = g.variant_count();

    std::unique_ptr<Check> check = info->create();
    check->begin(ctx);
    std::vector<Result> out;
    ResultSink sink(info->name, nullptr, out);
    t0 = now_ms();
    std::clock_t c0 = std::clock();
    check->check_repo(scanned, ctx, sink);
    best_check_cpu = std::min(best_check_cpu, 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC);
    best_check = std::min(best_check, now_ms() - t0);
    results = out.size();
  }

  double best_scan = 1e18;
  for (int k = 0; k < repeat; ++k) {
    ScanOptions opts;
    opts.repo = root;
    opts.user_config = false;
    opts.cwd = "/";
    opts.cli.jobs = jobs;
    opts.cli.exit = "none";
    opts.data_dir = PKGSCAN_DATA_DIR;
    double t0 = now_ms();
    ScanOutput out = run_scan(fs, opts);
    best_scan = std::min(best_scan, now_ms() - t0);
  }

  std::printf("ebuilds %zu, graph variants %zu, bootstrap results %zu\n", roots.size(), variants, results);
  std::printf("graph build      %8.1f ms\n", best_build);
  std::printf("bootstrap check  %8.1f ms wall, %.1f ms CPU (target <= 300 ms at -j2)\n", best_check, best_check_cpu);
  std::printf("full scan        %8.1f ms (-j%d, default checks)\n", best_scan, jobs);
  std::printf("check / scan     %8.1f %% (target <= 25%%)\n", 100.0 * best_check / best_scan);
  return 0;
}
