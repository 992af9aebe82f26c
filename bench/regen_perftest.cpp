// regen_perftest TREE [-j N] [--env DIR] [--no-baseline] [--baseline-every K]
//
// Full metadata regeneration of a repository (every ebuild) with the worker
// pool, against a naive baseline run in the same program: one new `bash`
// process per ebuild that sources the ebuild and its eclasses with a minimal
// `inherit` (what a straightforward implementation would do). Prints entries
// per second for both and the ratio. Targets (issue 10): at least 300
// entries/s at -j2 on flatcar and at least 4x the baseline. The baseline can
// run on every Kth ebuild only (its rate is then that of the sample).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <string>
#include <vector>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "pkgscan/atom.hpp"
#include "pkgscan/regen.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/scan.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using namespace pkgscan;

// User + system CPU seconds of reaped child processes (the workers and
// everything they ran).
double children_cpu() {
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The baseline's bash program: a minimal depend phase, no sandbox, no reuse.
const char* kBaselineScript = R"bash(
inherit() {
	local e d
	for e in "$@"; do
		for d in "${__dirs[@]}"; do
			if [[ -f $d/$e.eclass ]]; then
				source "$d/$e.eclass"
				INHERITED+=" $e"
				break
			fi
		done
	done
}
EXPORT_FUNCTIONS() { :; }
die() { exit 1; }
IFS=: read -r -a __dirs <<< "$ECLASS_DIRS"
source "$EBUILD"
set -f
for k in DEPEND RDEPEND SLOT SRC_URI RESTRICT HOMEPAGE LICENSE DESCRIPTION KEYWORDS INHERITED IUSE \
	REQUIRED_USE PDEPEND BDEPEND EAPI PROPERTIES DEFINED_PHASES IDEPEND; do
	echo "$k=$(echo ${!k})"
done
)bash";

// One bash per ebuild; returns how many exited 0.
std::size_t run_baseline(const std::vector<regen::Job>& jobs, const std::string& eclass_dirs, int threads) {
  std::atomic<std::size_t> ok{0};
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(std::size_t(0), jobs.size(), [&](std::size_t i) {
      const regen::Job& job = jobs[i];
      auto split = split_pf(job.pf);
      std::string pn = split ? std::string(split->package) : job.pf;
      std::string pv = split ? std::string(split->version.without_revision()) : "";
      std::vector<std::string> env = {"EBUILD=" + job.path, "ECLASS_DIRS=" + eclass_dirs, "CATEGORY=" + job.category,
                                      "PF=" + job.pf,       "PN=" + pn,                   "PV=" + pv,
                                      "P=" + pn + "-" + pv, "PATH=/dev/null",             "LC_ALL=C"};
      std::vector<char*> envp;
      for (auto& s : env) envp.push_back(s.data());
      envp.push_back(nullptr);
      std::string a0 = "bash", a1 = "--noprofile", a2 = "--norc", a3 = "-c", a4 = kBaselineScript;
      char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), nullptr};
      posix_spawn_file_actions_t fa;
      posix_spawn_file_actions_init(&fa);
      posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
      posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
      posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
      pid_t pid;
      if (posix_spawn(&pid, "/bin/bash", &fa, nullptr, argv, envp.data()) == 0) {
        int status = 0;
        waitpid(pid, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++ok;
      }
      posix_spawn_file_actions_destroy(&fa);
    });
  });
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::string tree, env_dir;
  int jobs = 2;
  bool baseline = true;
  int every = 1;  // the baseline on every Nth ebuild only (it is slow)
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-j" && i + 1 < argc) jobs = std::atoi(argv[++i]);
    else if (a.rfind("-j", 0) == 0 && a.size() > 2) jobs = std::atoi(a.c_str() + 2);
    else if (a == "--env" && i + 1 < argc) env_dir = argv[++i];
    else if (a == "--no-baseline") baseline = false;
    else if (a == "--baseline-every" && i + 1 < argc) every = std::max(1, std::atoi(argv[++i]));
    else if (tree.empty()) tree = a;
    else {
      std::fprintf(stderr, "usage: regen_perftest TREE [-j N] [--env DIR] [--no-baseline] [--baseline-every K]\n");
      return 2;
    }
  }
  if (tree.empty() || jobs < 1) {
    std::fprintf(stderr, "usage: regen_perftest TREE [-j N] [--env DIR] [--no-baseline] [--baseline-every K]\n");
    return 2;
  }
  if (env_dir.empty()) env_dir = default_data_dir() + "/ebuild-env";

  RealFileSystem fs;
  std::string err;
  auto main_repo = Repository::open(fs, tree, &err);
  if (!main_repo) {
    std::fprintf(stderr, "regen_perftest: cannot open %s: %s\n", tree.c_str(), err.c_str());
    return 2;
  }
  RepoSet repos(fs, std::move(main_repo), {});
  std::vector<regen::Job> all;
  const Repository& repo = repos.main();
  for (const std::string& cat : repo.category_dirs())
    for (const std::string& pkg : repo.package_dirs(cat))
      for (const auto& eb : repo.ebuilds(cat, pkg)) all.push_back({cat, eb.pf, repo.abs(eb.path)});
  std::string eclass_dirs;
  for (const Repository* r : repos.eclass_order()) eclass_dirs += (eclass_dirs.empty() ? "" : ":") + r->abs("eclass");

  regen::Options opts;
  opts.env_dir = env_dir;
  opts.jobs = jobs;
  auto t0 = Clock::now();
  double cpu0 = children_cpu();
  regen::RunReport rep = regen::regenerate(repos, all, opts);
  double pool_s = seconds_since(t0);
  double pool_cpu = children_cpu() - cpu0;
  if (!rep.fatal.empty()) {
    std::fprintf(stderr, "regen_perftest: %s\n", rep.fatal.c_str());
    return 2;
  }
  std::size_t ok = 0, shown = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const regen::Outcome& o = rep.outcomes[i];
    ok += o.ok();
    if (!o.ok() && shown++ < 5)
      std::fprintf(stderr, "failed: %s/%s: %s: %s\n", all[i].category.c_str(), all[i].pf.c_str(),
                   std::string(regen::reason_name(o.failure->reason)).c_str(), o.failure->message.c_str());
  }
  for (const std::string& n : rep.protections.notices) std::fprintf(stderr, "notice: %s\n", n.c_str());
  double pool_rate = static_cast<double>(all.size()) / pool_s;
  std::printf("tree          %s\n", tree.c_str());
  std::printf("ebuilds       %zu\n", all.size());
  std::printf("jobs          %d\n", jobs);
  std::printf("pool          %.2f s, %.1f ebuilds/s, %zu entries, %zu failed\n", pool_s, pool_rate, ok,
              all.size() - ok);
  // CPU per ebuild does not depend on what else the machine runs: 300
  // ebuilds/s at -j2 needs at most 6.7 ms per ebuild.
  std::printf("pool cpu      %.1f ms per ebuild (bash user+sys)\n", 1000 * pool_cpu / static_cast<double>(all.size()));

  if (baseline) {
    t0 = Clock::now();
    cpu0 = children_cpu();
    std::vector<regen::Job> sample;
    for (std::size_t i = 0; i < all.size(); i += static_cast<std::size_t>(every)) sample.push_back(all[i]);
    std::size_t base_ok = run_baseline(sample, eclass_dirs, jobs);
    double base_s = seconds_since(t0);
    double base_cpu = children_cpu() - cpu0;
    double base_rate = static_cast<double>(sample.size()) / base_s;
    std::printf("baseline      %.2f s for %zu ebuilds (every %d), %.1f ebuilds/s (one bash per ebuild; %zu exited 0)\n",
                base_s, sample.size(), every, base_rate, base_ok);
    std::printf("baseline cpu  %.1f ms per ebuild\n", 1000 * base_cpu / static_cast<double>(sample.size()));
    std::printf("ratio         %.2fx the baseline (wall); %.2fx (cpu per ebuild)\n", pool_rate / base_rate,
                (base_cpu / static_cast<double>(sample.size())) / (pool_cpu / static_cast<double>(all.size())));
    std::printf("targets       >= 300 ebuilds/s: %s; >= 4x baseline: %s\n", pool_rate >= 300 ? "met" : "MISSED",
                pool_rate / base_rate >= 4 ? "met" : "MISSED");
  }
  return 0;
}
