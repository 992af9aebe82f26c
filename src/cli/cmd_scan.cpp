// pkgscan scan: the main command.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "commands.hpp"
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

  RealFileSystem fs;
  ScanOutput result = run_scan(fs, opts);
  ctx.keep_alive = result.state;
  for (const std::string& e : result.errors) std::fprintf(stderr, "pkgscan scan: error: %s\n", e.c_str());
  if (result.exit_code == 2) return 2;

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
  for (const Result& r : result.results) rep->report(r);
  rep->end();
  std::fflush(out);
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
  sub->add_flag("--no-user-config", args->no_user_config, "Ignore ~/.config/pkgscan/config.yaml");
  value_option(sub, "--color", args->color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
  sub->callback([args, &ctx] { ctx.exit_code = run(*args, ctx); });
}

}  // namespace pkgscan::cli
