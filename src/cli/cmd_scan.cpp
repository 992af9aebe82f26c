// pkgscan scan: the main command.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>

#include <tbb/global_control.h>

#include "commands.hpp"
#include "git_inputs.hpp"
#include "options.hpp"
#include "progress_line.hpp"
#include "pkgscan/regen.hpp"
#include "pkgscan/keywords.hpp"
#include "pkgscan/reporter.hpp"
#include "pkgscan/scan.hpp"

namespace pkgscan::cli {

namespace {

struct ScanArgs {
  std::vector<std::string> targets;
  std::string repo;
  std::vector<std::string> repo_paths;
  std::vector<std::string> checks;
  std::vector<std::string> keywords;
  std::string reporter;
  std::string output;
  int jobs = -1;
  std::vector<std::string> exit;
  std::string config;
  std::string color = "auto";
  bool no_user_config = false;
  bool cache_only = false;
  bool no_regen = false;
  double regen_timeout = 0;
  bool quiet = false;
  bool timings = false;
  bool staged = false;
  bool commits = false;     // --commits given (with or without a REF)
  std::string commits_ref;  // --commits REF
  std::string baseline;     // --baseline FILE
};

// Process CPU time in ms: --timings gives the git phase its CPU time too.
double process_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Current directory, for where --staged / --commits look for the repository.
std::string working_directory() {
  std::string buf(4096, '\0');
  if (!getcwd(buf.data(), buf.size())) return "/";
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  return buf;
}

// What a scan keeps alive until the process exits (main leaves without
// freeing): its state, the git views it read and, once reported, its results
// (freeing the real union's 55,000 results one by one took ~12 ms).
struct Kept {
  std::shared_ptr<void> state;
  std::shared_ptr<GitInputs> git;
  std::vector<Result> results;
};

int run(const ScanArgs& a, Context& ctx) {
  ScanOptions opts;
  opts.targets = a.targets;
  opts.repo = a.repo;
  opts.config_file = a.config;
  opts.user_config = !a.no_user_config;
  for (const auto& item : a.checks)
    for (auto& c : split_list(item)) opts.cli.checks.push_back(c);
  for (const auto& item : a.keywords)
    for (auto& k : split_list(item)) opts.cli.keywords.push_back(k);
  if (a.jobs >= 0) opts.cli.jobs = a.jobs;
  if (a.cache_only) opts.cli.cache_only = true;
  if (a.no_regen) opts.cli.regen = false;
  if (a.regen_timeout > 0) opts.cli.regen_timeout = a.regen_timeout;
  opts.make_regenerator = regen::make_scan_regenerator;
  ProgressLine progress("pkgscan scan");
  if (!a.quiet && progress.enabled())
    opts.progress = [&progress](const ScanProgress& p) { progress.update(p); };
  opts.timings = a.timings;
  if (!a.exit.empty()) {  // --exit A --exit B is --exit A,B
    std::string exit;
    for (const auto& item : a.exit) exit += (exit.empty() ? "" : ",") + item;
    opts.cli.exit = exit;
  }
  if (!a.reporter.empty()) opts.cli.reporter = a.reporter;
  if (!a.output.empty()) opts.cli.output = a.output;
  for (const std::string& rp : a.repo_paths) {
    auto eq = rp.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == rp.size()) {
      std::fprintf(stderr, "pkgscan scan: error: --repo-path expects NAME=PATH, got '%s'\n", rp.c_str());
      return 2;
    }
    opts.cli.repo_paths[rp.substr(0, eq)] = rp.substr(eq + 1);
  }

  // --staged / --commits: the content is git's (the index, HEAD's tree) and
  // the targets are what changed; never the working tree.
  auto error = [](const std::string& msg) {
    std::fprintf(stderr, "pkgscan scan: error: %s\n", msg.c_str());
    return 2;
  };
  if (a.staged && a.commits) return error("--staged and --commits exclude each other");
  std::shared_ptr<GitInputs> git;
  std::string git_timing;  // --timings: what reading git cost, before the scan's own phases
  if (a.staged || a.commits) {
    const auto wall0 = std::chrono::steady_clock::now();
    const double cpu0 = process_cpu_ms();
    if (!a.targets.empty())
      return error(std::string(a.staged ? "--staged" : "--commits") + " takes no targets: it scans what changed");
    std::string start = a.repo.empty() ? working_directory() : a.repo;
    std::string err;
    auto in = a.staged ? staged_inputs(start, &err) : commits_inputs(start, a.commits_ref, &err);
    if (!in) return error(err);
    git = std::make_shared<GitInputs>(std::move(*in));
    char line[128];
    std::snprintf(line, sizeof line, "pkgscan: %8.1f ms  git: changes%s (CPU %.1f ms)\n",
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall0).count(),
                  a.staged ? " staged" : " and commits", process_cpu_ms() - cpu0);
    git_timing = line;
    if (git->changes.changes.empty()) {
      std::fprintf(stderr, "pkgscan scan: %s\n",
                   a.staged ? "no changes staged" : ("no changes " + git->changes.what).c_str());
      return 0;
    }
    opts.git = git->changes;
  }

  std::optional<Baseline> baseline;
  if (!a.baseline.empty()) {
    std::string err;
    baseline = Baseline::load(a.baseline, &err);
    if (!baseline) return error(err);
    opts.baseline = &*baseline;
  }

  RealFileSystem real;
  const FileSystem& fs = git ? *git->fs : static_cast<const FileSystem&>(real);
  ScanOutput result = run_scan(fs, opts);
  auto kept = std::make_shared<Kept>();
  kept->state = result.state;
  kept->git = git;
  ctx.keep_alive = kept;
  for (const std::string& e : result.errors) std::fprintf(stderr, "pkgscan scan: error: %s\n", e.c_str());
  if (result.exit_code == 2) return 2;
  if (!result.nothing_to_scan.empty()) std::fprintf(stderr, "pkgscan scan: %s\n", result.nothing_to_scan.c_str());
  if (baseline)
    std::fprintf(stderr, "pkgscan scan: %zu result%s already in the baseline %s dropped\n", result.baseline_dropped,
                 result.baseline_dropped == 1 ? "" : "s", a.baseline.c_str());

  // The reporter and output come from the merged config; run_scan validated the rest.
  std::string reporter = !a.reporter.empty() ? a.reporter : "text";
  std::string output = a.output;
  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  if (!output.empty() && output != "-") {
    file.reset(std::fopen(output.c_str(), "w"));
    if (!file) {
      std::fprintf(stderr, "pkgscan scan: error: cannot write %s\n", output.c_str());
      return 2;
    }
    out = file.get();
  }
  ReporterOptions ropts;
  ropts.tool_version = "0.1.0";
  ropts.repo_root_uri = "file://" + result.repo_root + "/";
  bool tty = out == stdout && isatty(fileno(stdout));
  const char* no_color = std::getenv("NO_COLOR");
  ropts.color = a.color == "always" || (a.color == "auto" && tty && !(no_color && *no_color));
  auto rep = make_reporter(reporter, out, all_keywords(), ropts);
  if (!rep) {
    std::fprintf(stderr, "pkgscan scan: error: unknown reporter '%s' (text, json, sarif)\n", reporter.c_str());
    return 2;
  }
  rep->begin();
  {
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(std::max(1, result.jobs)));
    rep->report_all(result.results);
  }
  rep->end();
  std::fflush(out);
  kept->results = std::move(result.results);
  if (a.timings) std::fputs(git_timing.c_str(), stderr);
  if (a.timings)
    for (const auto& [what, ms] : result.timings) std::fprintf(stderr, "pkgscan: %8.1f ms  %s\n", ms, what.c_str());
  return result.exit_code;
}

}  // namespace

void add_scan_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ScanArgs>();
  auto* sub = app.add_subcommand("scan", "Scan a repository, category, package or ebuild");
  sub->add_option("targets", args->targets,
                  "Paths, cat/pkg, cat/*, =cat/pkg-1.2 (default: what contains the current directory)");
  value_option(sub, "-r,--repo", args->repo, "Repository to scan (path)");
  list_option(sub, "--repo-path", args->repo_paths, "Where to find a master repository: NAME=PATH (repeatable)");
  list_option(sub, "-c,--checks", args->checks, "Checks: X,Y (exactly), +X (add), -X (remove); repeatable");
  list_option(sub, "-k,--keywords", args->keywords, "Keywords or levels: X,Y (only), +X (add), -X (hide); repeatable");
  value_option(sub, "-R,--reporter", args->reporter, "Output format: text, json, sarif");
  value_option(sub, "-o,--output", args->output, "Write the report to FILE");
  value_option(sub, "-j,--jobs", args->jobs, "Threads (default: all cores)");
  list_option(sub, "--exit", args->exit,
              "Exit 1 on results at this level or worse, on these keywords, or none (default: error); repeatable");
  value_option(sub, "--config", args->config, "Extra YAML configuration file");
  sub->add_flag("--cache-only", args->cache_only,
                "Trust the md5-cache: do not hash ebuilds and eclasses to check freshness");
  sub->add_flag("--no-regen", args->no_regen,
                "Do not source ebuilds whose md5-cache entry is missing or stale (use the repository's cache only)");
  value_option(sub, "--regen-timeout", args->regen_timeout, "Seconds an ebuild may take to source (default 30)");
  sub->add_flag("-q,--quiet", args->quiet, "No progress line on stderr");
  sub->add_flag("--timings", args->timings, "Print where the time went to stderr");
  value_option(sub, "--baseline", args->baseline,
               "Drop results already in FILE (JSON Lines of an earlier scan): report and fail on new ones only");
  sub->add_flag("--staged", args->staged,
                "Scan what is staged for the next commit (the index, not the working tree): for pre-commit hooks");
  equals_after_short_name(sub->add_option("--commits", args->commits_ref,
                                          "Scan what the commits since the merge base with REF changed, and check "
                                          "those commits (default REF: the upstream, else origin/HEAD)"))
      ->expected(0, 1)
      ->option_text("[REF]");
  sub->add_flag("--no-user-config", args->no_user_config, "Ignore ~/.config/pkgscan/config.yaml");
  value_option(sub, "--color", args->color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
  auto* commits = sub->get_option("--commits");
  sub->callback([args, commits, &ctx] {
    args->commits = commits->count() > 0;
    ctx.exit_code = run(*args, ctx);
  });
}

}  // namespace pkgscan::cli
