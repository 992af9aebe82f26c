// pkgscan regen [TARGET...]: write missing and stale md5-cache entries of a
// repository by sourcing its ebuilds (what `egencache --update` does).
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "progress_line.hpp"
#include "pkgscan/atom.hpp"
#include "pkgscan/regen.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/scan.hpp"
#include "../scan/targets.hpp"

namespace pkgscan::cli {

namespace {

struct RegenArgs {
  std::vector<std::string> targets;
  std::string repo;
  std::vector<std::string> repo_paths;  // NAME=PATH
  std::string jobs;
  bool force = false;
  bool prune = false;
  double timeout = 30;
  bool quiet = false;
};

// "-j=4" reaches us as "=4" (short options take no '='): accept it.
std::string strip_eq(const std::string& v) { return !v.empty() && v[0] == '=' ? v.substr(1) : v; }

int run_regen(const RegenArgs& a) {
  RealFileSystem fs;
  std::string cwd(4096, '\0');
  if (!getcwd(cwd.data(), cwd.size())) cwd = "/";
  cwd.resize(std::char_traits<char>::length(cwd.c_str()));

  ResolvedTargets targets = resolve_targets(fs, a.targets, strip_eq(a.repo), cwd);
  for (const std::string& err : targets.errors) std::fprintf(stderr, "pkgscan regen: error: %s\n", err.c_str());
  if (!targets.errors.empty()) return 2;
  int jobs = 0;
  if (!a.jobs.empty()) {
    std::string j = strip_eq(a.jobs);
    char* end = nullptr;
    long v = std::strtol(j.c_str(), &end, 10);
    if (j.empty() || *end || v < 0 || v > 1024) {
      std::fprintf(stderr, "pkgscan regen: error: -j expects a number of jobs, got '%s'\n", j.c_str());
      return 2;
    }
    jobs = static_cast<int>(v);
  }
  if (a.timeout <= 0) {
    std::fprintf(stderr, "pkgscan regen: error: --timeout must be positive\n");
    return 2;
  }

  std::map<std::string, std::string> known = read_repos_conf(fs, "/etc/portage/repos.conf");
  for (const std::string& item : a.repo_paths) {
    std::string rp = strip_eq(item);
    auto eq = rp.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == rp.size()) {
      std::fprintf(stderr, "pkgscan regen: error: --repo-path expects NAME=PATH, got '%s'\n", rp.c_str());
      return 2;
    }
    known[rp.substr(0, eq)] = rp.substr(eq + 1);
  }
  std::string err;
  auto main_repo = Repository::open(fs, targets.repo_root, &err);
  if (!main_repo) {
    std::fprintf(stderr, "pkgscan regen: error: cannot open repository %s: %s\n", targets.repo_root.c_str(), err.c_str());
    return 2;
  }
  RepoSet repos(fs, std::move(main_repo), known);
  for (const std::string& m : repos.missing_masters())
    std::fprintf(stderr, "pkgscan regen: warning: master repository '%s' not found (use --repo-path %s=PATH): "
                 "ebuilds inheriting its eclasses will fail\n", m.c_str(), m.c_str());

  regen::UpdateOptions opts;
  opts.force = a.force;
  opts.prune = a.prune;
  opts.regen.env_dir = join_path(default_data_dir(), "ebuild-env");
  opts.regen.jobs = jobs;
  opts.regen.limits.timeout_s = a.timeout;
  if (!targets.whole_repo) {
    opts.select_package = [&](const std::string& c, const std::string& p) { return targets.selects_package(c, p); };
    opts.select_ebuild = [&](const std::string& c, const std::string& p, const std::string& pf) {
      auto split = split_pf(pf);
      return split && targets.selects_version(c, p, pf, split->version);
    };
  }
  ProgressLine progress("regen", !a.quiet);
  const auto started = std::chrono::steady_clock::now();
  opts.regen.progress = [&](std::size_t done, std::size_t total) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    progress.draw(done, total, "ebuilds", ms, "", false);
  };

  regen::UpdateReport rep = regen::update_cache(repos, opts);
  progress.clear();

  for (const std::string& n : rep.run.protections.notices) std::fprintf(stderr, "pkgscan regen: notice: %s\n", n.c_str());
  for (const std::string& n : rep.run.notices) std::fprintf(stderr, "pkgscan regen: notice: %s\n", n.c_str());
  for (const auto& [job, f] : rep.failures) {
    std::string where = f.file.empty() ? job.path : f.file;
    if (f.line > 0) where += ":" + std::to_string(f.line);
    std::fprintf(stderr, "pkgscan regen: %s/%s: %s: %s: %s\n", job.category.c_str(), job.pf.c_str(), where.c_str(),
                 std::string(regen::reason_name(f.reason)).c_str(), f.message.c_str());
  }
  for (const std::string& e : rep.errors) std::fprintf(stderr, "pkgscan regen: error: %s\n", e.c_str());
  if (!a.quiet)
    std::fprintf(stderr, "pkgscan regen: %zu ebuilds: %zu fresh, %zu written, %zu unchanged, %zu failed%s\n",
                 rep.ebuilds, rep.fresh, rep.written, rep.unchanged, rep.failures.size(),
                 a.prune ? (", " + std::to_string(rep.pruned) + " pruned").c_str() : "");
  if (!rep.errors.empty()) return 2;
  return rep.failures.empty() ? 0 : 1;
}

}  // namespace

void add_regen_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<RegenArgs>();
  auto* sub = app.add_subcommand("regen", "Write missing and stale metadata/md5-cache entries by sourcing ebuilds");
  sub->add_option("targets", args->targets,
                  "Paths, cat/pkg, cat/*, =cat/pkg-1.2 (default: what contains the current directory)");
  sub->add_option("-r,--repo", args->repo, "Repository (path)");
  // One value per use, so that a repeatable option never swallows a target after it.
  sub->add_option("--repo-path", args->repo_paths, "Where to find a master repository: NAME=PATH (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("-j,--jobs", args->jobs, "Bash workers (default: all cores)");
  sub->add_flag("--force", args->force, "Rewrite every selected entry, fresh or not");
  sub->add_flag("--prune", args->prune, "Remove entries whose ebuild is gone");
  sub->add_option("--timeout", args->timeout, "Seconds one ebuild may take before it is killed (default: 30)");
  sub->add_flag("-q,--quiet", args->quiet, "No progress line and no summary");
  sub->footer([] {
    return "Exit status: 0 all entries fresh or written; 1 some ebuilds failed (listed on stderr);\n"
           "2 fatal error.\n\n"
           "Sourcing runs the repository's code. On this machine the workers get:\n" +
           regen::describe_protections(regen::probe_protections());
  });
  sub->callback([args, &ctx] { ctx.exit_code = run_regen(*args); });
}

}  // namespace pkgscan::cli
