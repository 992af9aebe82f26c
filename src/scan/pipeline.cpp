// run_scan: configuration layers, repositories, the TBB package pipeline and
// the repo-scope pass. Output order does not depend on the number of threads:
// packages leave the pipeline in sorted order, each with its results sorted.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_group.h>

#include "pkgscan/index.hpp"
#include "pkgscan/metadata_layer.hpp"
#include "pkgscan/pkgcheck_conf.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/scan.hpp"
#include "change_targets.hpp"
#include "reverse_targets.hpp"
#include "targets.hpp"

namespace pkgscan {

namespace {

std::string current_dir() {
  std::string buf(4096, '\0');
  if (!getcwd(buf.data(), buf.size())) return "/";
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  return buf;
}

std::string user_config_path() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::string(x) + "/pkgscan/config.yaml";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config/pkgscan/config.yaml";
  return {};
}

// Later layers win for scalars; list options accumulate so that "+X"/"-X"
// from the command line adjust what the files selected.
void merge(Config& into, const Config& layer) {
  into.checks.insert(into.checks.end(), layer.checks.begin(), layer.checks.end());
  into.keywords.insert(into.keywords.end(), layer.keywords.begin(), layer.keywords.end());
  if (layer.jobs) into.jobs = layer.jobs;
  if (layer.exit) into.exit = layer.exit;
  if (layer.reporter) into.reporter = layer.reporter;
  if (layer.output) into.output = layer.output;
  if (layer.cache_only) into.cache_only = layer.cache_only;
  if (layer.regen) into.regen = layer.regen;
  if (layer.regen_timeout) into.regen_timeout = layer.regen_timeout;
  for (const auto& [k, v] : layer.repo_paths) into.repo_paths[k] = v;
  into.suppress.insert(into.suppress.end(), layer.suppress.begin(), layer.suppress.end());
}

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of the calling thread and of the whole process, in nanoseconds:
// --timings gives checks their CPU time, which a loaded machine does not
// inflate the way it inflates wall time.
std::int64_t cpu_ns(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
std::int64_t thread_cpu_ns() { return cpu_ns(CLOCK_THREAD_CPUTIME_ID); }
std::int64_t process_cpu_ns() { return cpu_ns(CLOCK_PROCESS_CPUTIME_ID); }

// The process's resident memory in megabytes (0 where /proc cannot tell):
// after each phase, it shows which phase the peak RSS comes from.
double resident_mb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  const bool ok = std::fscanf(f, "%lu %lu", &size, &resident) == 2;
  std::fclose(f);
  return ok ? static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0) : 0;
}

// A phase's wall time, with the CPU time all threads spent in it (CPU near
// wall means the phase ran on one thread) and the resident memory after it.
void add_phase(ScanOutput& out, const std::string& name, Clock::time_point wall0, std::int64_t cpu0) {
  char cpu[64];
  std::snprintf(cpu, sizeof cpu, " (CPU %.1f ms, RSS %.0f MB)", (process_cpu_ns() - cpu0) / 1e6, resident_mb());
  out.timings.emplace_back(name + cpu, ms_since(wall0));
}

// Everything a scan builds that outlives run_scan inside ScanOutput::state.
struct ScanState {
  std::unique_ptr<RepoSet> repos;
  std::unique_ptr<MetadataLayer> metadata;  // before the index, which calls it while loading
  std::unique_ptr<RepoIndex> index;
  // --commits: the repository at the merge base, for the history checks.
  std::unique_ptr<RepoSet> base_repos;
  std::unique_ptr<MetadataLayer> base_metadata;
  std::unique_ptr<RepoIndex> base_index;
  std::unique_ptr<History> history;
  // The profiles the checks evaluated (ScanContext builds them on first
  // use): kept with the rest, so that a command-line caller does not spend
  // the end of the scan freeing them.
  std::shared_ptr<LazyProfiles> profiles;
  std::vector<std::unique_ptr<Check>> checks;  // declared last: destroyed first, before the index they read
};

struct Work {
  const RepoIndex::Key* key = nullptr;
  const Package* pkg = nullptr;
  std::vector<Result> results;
};

// Progress of a scan that regenerates: shown only once something was sourced,
// at most a few times a second (the callback decides how to draw it).
void report_progress(const std::function<void(const ScanProgress&)>& progress, const MetadataLayer& layer,
                     std::size_t done, std::size_t total, Clock::time_point start) {
  std::uint64_t regenerated = layer.stats().regenerated;
  if (regenerated == 0) return;
  progress(ScanProgress{done, total, regenerated, ms_since(start), false});
}

// metadata/pkgcheck.conf as a Config: the checks and keywords that map (what
// does not is reported by the Repository check, which reads it again).
Config pkgcheck_layer(const std::string& text, const std::string& repo_root, const FileSystem& fs,
                      const std::string& data_dir) {
  std::string table, name;
  RealFileSystem().read_file(join_path(data_dir, "pkgcheck-checks.txt"), table, nullptr);
  if (fs.read_file(join_path(repo_root, "profiles/repo_name"), name, nullptr)) {
    name = name.substr(0, name.find('\n'));
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r' || name.back() == '\t')) name.pop_back();
  }
  PkgcheckConf conf = read_pkgcheck_conf(text, {name}, table);
  Config c;
  c.checks = std::move(conf.checks);
  c.keywords = std::move(conf.keywords);
  return c;
}

}  // namespace

std::string default_data_dir() {
  if (const char* d = std::getenv("PKGSCAN_DATA_DIR"); d && *d) return d;
  // Next to an installed binary: <prefix>/bin/pkgscan -> <prefix>/share/pkgscan.
  std::string exe(4096, '\0');
  ssize_t n = readlink("/proc/self/exe", exe.data(), exe.size() - 1);
  if (n > 0) {
    exe.resize(static_cast<std::size_t>(n));
    std::string dir = exe.substr(0, exe.rfind('/'));
    std::string share = dir.substr(0, dir.rfind('/')) + "/share/pkgscan";
    if (access((share + "/python-implementations.yaml").c_str(), R_OK) == 0) return share;
  }
  return PKGSCAN_DATA_DIR;
}

ScanOutput run_scan(const FileSystem& fs, const ScanOptions& opts) {
  ScanOutput out;
  auto fail = [&](std::string msg) {
    out.errors.push_back(std::move(msg));
    out.exit_code = 2;
    return out;
  };
  std::string cwd = opts.cwd.empty() ? current_dir() : opts.cwd;
  const auto start = Clock::now();
  const std::int64_t start_cpu = process_cpu_ns();

  ResolvedTargets targets = resolve_targets(fs, opts.git ? std::vector<std::string>() : opts.targets, opts.repo, cwd);
  if (!targets.errors.empty()) {
    out.errors = targets.errors;
    out.exit_code = 2;
    return out;
  }
  out.repo_root = targets.repo_root;

  // --staged / --commits: the changed packages instead of the targets.
  std::optional<ChangeTargets> changed;
  std::string git_prefix;  // the repository's directory inside the git working tree
  if (opts.git) {
    const std::string& wd = opts.git->workdir;
    if (targets.repo_root != wd) {
      if (targets.repo_root.compare(0, wd.size() + 1, wd + "/") != 0)
        return fail("the repository " + targets.repo_root + " is not inside the git working tree " + wd);
      git_prefix = targets.repo_root.substr(wd.size() + 1) + "/";
    }
    changed = change_targets(opts.git->changes, git_prefix);
    if (changed->empty()) {
      out.nothing_to_scan = "nothing to scan: no change " + opts.git->what +
                            " touches a package, an eclass or a repository file of " + targets.repo_root;
      return out;
    }
    targets.filters.clear();
    targets.whole_repo = false;
    for (const auto& [category, package] : changed->packages) {
      TargetFilter f;
      f.category = category;
      f.package = package;
      targets.filters.push_back(std::move(f));
    }
  }

  // Configuration layers, later ones winning: the shipped defaults, the
  // user's file, the repository's metadata/pkgcheck.conf (pkgcheck's
  // settings, as far as they map) and metadata/pkgscan.yaml, --config (which
  // must exist), then the command line. Files are read through `fs`: in a
  // --staged scan the repository's files are the staged ones.
  Config config;
  std::string err;
  std::string data_dir = opts.data_dir.empty() ? default_data_dir() : opts.data_dir;
  struct Layer {
    std::string path;
    bool required;
    bool pkgcheck = false;  // metadata/pkgcheck.conf (INI), not YAML
  };
  const Layer layers[] = {{join_path(data_dir, "config.yaml"), false},
                          {opts.user_config ? user_config_path() : std::string(), false},
                          {join_path(targets.repo_root, "metadata/pkgcheck.conf"), false, true},
                          {join_path(targets.repo_root, "metadata/pkgscan.yaml"), false},
                          {opts.config_file, true}};
  for (const Layer& layer : layers) {
    if (layer.path.empty() || (!layer.required && fs.stat(layer.path) != FileType::Regular)) continue;
    std::string text;
    if (!fs.read_file(layer.path, text, nullptr)) return fail(layer.path + ": cannot read configuration file");
    Config loaded;
    if (layer.pkgcheck) {
      loaded = pkgcheck_layer(text, targets.repo_root, fs, data_dir);
    } else if (!load_config_text(text, layer.path, loaded, &err)) {
      return fail(err);
    }
    merge(config, loaded);
  }
  merge(config, opts.cli);

  Selection sel = select_checks(config.checks, config.keywords);
  if (!sel.errors.empty()) {
    out.errors = sel.errors;
    out.exit_code = 2;
    return out;
  }
  auto exit_policy = ExitPolicy::parse(config.exit.value_or("error"), &err);
  if (!exit_policy) return fail(err);
  // History checks need a --commits range; asked for by name without one is an error.
  const bool with_history = opts.git && opts.git->base_fs;
  for (const CheckInfo& c : sel.checks)
    if (c.history && !with_history && std::find(sel.named.begin(), sel.named.end(), c.name) != sel.named.end())
      return fail("check " + std::string(c.name) + " compares commits: run it with --commits");
  if (!with_history) std::erase_if(sel.checks, [](const CheckInfo& c) { return c.history; });

  // -j: every parallel step from here on (index listing, stream, repo-scope checks).
  int jobs = config.jobs.value_or(0);
  if (jobs <= 0) jobs = static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(jobs));
  out.jobs = jobs;

  // Repositories: the scanned one and its masters, found by name.
  std::map<std::string, std::string> known = read_repos_conf(fs, "/etc/portage/repos.conf");
  for (const auto& [name, path] : config.repo_paths) known[name] = path;
  auto open_wall = Clock::now();
  std::int64_t open_cpu = process_cpu_ns();
  auto main_repo = Repository::open(fs, targets.repo_root, &err);
  if (!main_repo) return fail("cannot open repository " + targets.repo_root + ": " + err);
  auto state = std::make_shared<ScanState>();
  state->repos = std::make_unique<RepoSet>(fs, std::move(main_repo), known);
  const RepoSet& repos = *state->repos;
  // Metadata: the repository's md5-cache, else the user cache, else sourcing
  // the ebuild (DESIGN.md §11). Off with --no-regen or --cache-only, or when
  // the caller gave no way to source ebuilds.
  const bool cache_only = config.cache_only.value_or(false);
  if (config.regen.value_or(true) && !cache_only && opts.make_regenerator) {
    RegenSettings rs;
    rs.data_dir = data_dir;
    rs.jobs = jobs;
    rs.timeout_seconds = config.regen_timeout.value_or(30.0);
    state->metadata = open_scan_metadata(repos, opts.make_regenerator, rs, opts.user_cache_dir, &err);
    if (!state->metadata) return fail(err);
    // The merge base's repository is read the same way; its user cache is
    // the working tree's too (the views are mounted at its path), and
    // entries are checked against the ebuild's md5 before use.
    if (with_history) {
      if (auto base_main = Repository::open(*opts.git->base_fs, targets.repo_root, nullptr)) {
        state->base_repos = std::make_unique<RepoSet>(*opts.git->base_fs, std::move(base_main), known);
        state->base_metadata =
            open_scan_metadata(*state->base_repos, opts.make_regenerator, rs, opts.user_cache_dir, &err);
        if (!state->base_metadata) return fail(err);
      }
    }
  }
  add_phase(out, "repositories and metadata: open", open_wall, open_cpu);
  if (with_history) {
    if (!state->base_repos)
      if (auto base_main = Repository::open(*opts.git->base_fs, targets.repo_root, nullptr))
        state->base_repos = std::make_unique<RepoSet>(*opts.git->base_fs, std::move(base_main), known);
    auto history = std::make_unique<History>();
    history->base_commit = opts.git->base_commit;
    history->commits = opts.git->commits;
    history->changes = changes_below(opts.git->changes, git_prefix);
    history->object_kind = opts.git->object_kind;
    // No repository at the merge base (it was added in the range): every
    // package is new. Its index comes once the targets are final, below.
    history->base_repos = state->base_repos.get();
    state->history = std::move(history);
  }
  auto phase = Clock::now();
  std::int64_t phase_cpu = process_cpu_ns();
  state->index = std::make_unique<RepoIndex>(repos, state->metadata.get());
  const RepoIndex& index = *state->index;
  out.state = state;
  add_phase(out, "index: list repositories", phase, phase_cpu);
  // A typed target that selects no package is a typo (or a category given
  // as a bare name from outside the repository): an error, not a scan of
  // nothing that passes.
  std::vector<std::string> unmatched;
  for (const TargetFilter& f : targets.filters) {
    if (f.typed.empty()) continue;
    const auto& keys = index.main_packages();
    if (std::none_of(keys.begin(), keys.end(), [&](const RepoIndex::Key& k) {
          return f.selects_package(k.category.str(), k.package.str());
        }))
      unmatched.push_back("target " + f.typed + " matches no package in " + targets.repo_root);
  }
  if (!unmatched.empty()) {
    out.errors.insert(out.errors.end(), unmatched.begin(), unmatched.end());
    out.exit_code = 2;
    return out;
  }
  static std::atomic<std::uint64_t> scans{0};
  ScanContext ctx{.repos = repos,
                  .index = index,
                  .data_dir = data_dir,
                  .whole_repo = targets.whole_repo,
                  .cache_only = cache_only,
                  .scan_id = ++scans,
                  .metadata = state->metadata.get(),
                  .history = state->history.get(),
                  .keywords = sel.keywords};
  state->profiles = ctx.lazy_profiles;

  // A changed eclass reaches the packages that inherit it; a removed
  // package, the packages that depend on it (where the removal breaks).
  if (changed) {
    std::set<std::pair<std::string, std::string>> removed;
    for (const auto& [category, package] : changed->packages) {
      const Package* p = index.find_main(Symbol::intern(category), Symbol::intern(package));
      if (!p || p->versions.empty()) removed.emplace(category, package);
    }
    phase = Clock::now();
    phase_cpu = process_cpu_ns();
    for (const auto& [category, package] : reverse_targets(index, changed->eclasses, removed)) {
      TargetFilter f;
      f.category = category;
      f.package = package;
      targets.filters.push_back(std::move(f));
    }
    if (!changed->eclasses.empty() || !removed.empty())
      add_phase(out, "targets: users of changed eclasses, dependents of removed packages", phase, phase_cpu);
  }
  // The history checks compare each scanned package with its copy at the
  // merge base: index just those there.
  if (state->history && state->base_repos) {
    phase = Clock::now();
    phase_cpu = process_cpu_ns();
    std::vector<std::pair<std::string, std::string>> scanned;
    for (const TargetFilter& f : targets.filters) scanned.emplace_back(f.category, f.package);
    state->base_index = std::make_unique<RepoIndex>(*state->base_repos, state->base_metadata.get(), scanned);
    state->history->base_index = state->base_index.get();
    add_phase(out, "history: index the scanned packages at the merge base", phase, phase_cpu);
  }

  // Repo-wide checks cost a walk over most of the tree; a narrower scan (a
  // pre-commit hook on one package) runs them only when they were asked for.
  if (!targets.whole_repo)
    std::erase_if(sel.checks, [&](const CheckInfo& c) {
      return c.repo_wide && std::find(sel.named.begin(), sel.named.end(), c.name) == sel.named.end();
    });
  phase = Clock::now();
  phase_cpu = process_cpu_ns();
  std::vector<std::unique_ptr<Check>>& checks = state->checks;
  for (const CheckInfo& info : sel.checks) checks.push_back(info.create());
  // CPU nanoseconds spent in each check, summed over threads (a check that
  // runs parallel work inside is charged for what its own thread ran).
  std::vector<std::atomic<std::int64_t>> check_ns(checks.size());
  std::vector<const Keyword*> declared;
  for (const CheckInfo& info : sel.checks)
    for (const Keyword& kw : info.keywords) declared.push_back(&kw);
  const KeywordFilter filter(sel.keywords, declared);

  // A check's repo-scope pass, into its own list of results.
  std::vector<std::vector<Result>> per_check(checks.size());
  std::vector<std::int64_t> repo_ns(checks.size());
  auto run_repo_scope = [&](std::size_t i, std::span<const Package* const> scanned_so_far) {
    ResultSink sink(sel.checks[i].name, &filter, per_check[i]);
    std::int64_t t0 = thread_cpu_ns();
    checks[i]->check_repo(scanned_so_far, ctx, sink);
    const std::int64_t spent = thread_cpu_ns() - t0;
    check_ns[i] += spent;
    repo_ns[i] = spent;
  };
  auto begin_check = [&](std::size_t i) {
    const std::int64_t t0 = opts.timings ? thread_cpu_ns() : 0;
    checks[i]->begin(ctx);
    // Only the costly ones: most checks' begin does nothing.
    if (opts.timings && thread_cpu_ns() - t0 >= 5'000'000)
      out.timings.emplace_back("  begin " + std::string(sel.checks[i].name) + " (CPU)", (thread_cpu_ns() - t0) / 1e6);
  };
  // The passes that need nothing from the stream start first and run beside
  // everything after: the other checks' begin (evaluating the profiles is
  // not wholly parallel, and left a core idle a quarter of the time on
  // flatcar) and the stream. The phase's CPU time includes what they ran.
  tbb::task_group beside_stream;
  for (std::size_t i = 0; i < checks.size(); ++i)
    if (sel.checks[i].repo_scope_alone) {
      begin_check(i);
      beside_stream.run([&, i] { run_repo_scope(i, {}); });
    }
  for (std::size_t i = 0; i < checks.size(); ++i)
    if (!sel.checks[i].repo_scope_alone) begin_check(i);
  add_phase(out, "checks: begin", phase, phase_cpu);

  auto suppressed = [&](const Result& r) {
    return std::any_of(config.suppress.begin(), config.suppress.end(), [&](const Suppression& s) { return s.matches(r); });
  };

  // The packages to scan, in sorted order.
  std::vector<RepoIndex::Key> keys;
  for (const RepoIndex::Key& k : index.main_packages())
    if (targets.selects_package(k.category.str(), k.package.str())) keys.push_back(k);

  std::vector<const Package*> scanned;
  std::size_t next = 0;
  std::size_t done = 0;
  phase = Clock::now();
  phase_cpu = process_cpu_ns();
  // Packages in flight: results leave in order, so one slow package (dozens
  // of versions against hundreds of profiles) holds up every package after
  // it. With 4 per thread the other thread ran out of work behind it; 64
  // per thread cost nothing in memory (a package's results) and kept both
  // cores busy (flatcar -j2: 457 -> 425 ms median of 10, the union 918 -> 830).
  tbb::parallel_pipeline(
      static_cast<std::size_t>(jobs) * 64,
      tbb::make_filter<void, Work*>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& fc) -> Work* {
                                      if (next >= keys.size()) {
                                        fc.stop();
                                        return nullptr;
                                      }
                                      auto* w = new Work;  // loading happens in the parallel stage
                                      w->key = &keys[next++];
                                      return w;
                                    }) &
          tbb::make_filter<Work*, Work*>(
              tbb::filter_mode::parallel,
              [&](Work* w) -> Work* {
                w->pkg = index.find_main(w->key->category, w->key->package);
                if (!w->pkg) return w;
                for (std::size_t i = 0; i < checks.size(); ++i) {
                  ResultSink sink(sel.checks[i].name, &filter, w->results);
                  if (!opts.timings) {
                    checks[i]->check_package(*w->pkg, ctx, sink);
                    continue;
                  }
                  std::int64_t t0 = thread_cpu_ns();
                  checks[i]->check_package(*w->pkg, ctx, sink);
                  check_ns[i] += thread_cpu_ns() - t0;
                }
                // The checks have read what they need of the ebuild texts.
                for (const Ebuild& e : w->pkg->versions) e.origin.ebuild_text.reset();
                // Results of versions outside the targets (=cat/pkg-1, an ebuild path) are dropped.
                std::erase_if(w->results, [&](const Result& r) {
                  if (r.version.empty()) return suppressed(r);
                  auto v = Version::parse(r.version);
                  std::string pf = r.package + "-" + r.version;
                  return (v && !targets.selects_version(r.category, r.package, pf, *v)) || suppressed(r);
                });
                sort_results(w->results);
                return w;
              }) &
          tbb::make_filter<Work*, void>(tbb::filter_mode::serial_in_order, [&](Work* w) {
            ++done;
            if (opts.progress && state->metadata) report_progress(opts.progress, *state->metadata, done, keys.size(), phase);
            if (w->pkg) scanned.push_back(w->pkg);
            for (Result& r : w->results) out.results.push_back(std::move(r));
            delete w;
          }));

  add_phase(out, "pipeline: load and check packages", phase, phase_cpu);
  if (opts.progress && state->metadata && state->metadata->stats().regenerated > 0)
    opts.progress(ScanProgress{keys.size(), keys.size(), state->metadata->stats().regenerated, ms_since(phase), true});

  // Repo-scope pass on the filled index: the other checks run side by side
  // (this phase is serial with respect to the stream), each into its own
  // results; then those that ran beside the stream are waited for.
  phase = Clock::now();
  phase_cpu = process_cpu_ns();
  tbb::parallel_for(std::size_t{0}, checks.size(), [&](std::size_t i) {
    if (!sel.checks[i].repo_scope_alone) run_repo_scope(i, scanned);
  });
  beside_stream.wait();
  std::vector<Result> repo_results;
  for (auto& list : per_check)
    repo_results.insert(repo_results.end(), std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
  add_phase(out, "repo-scope checks", phase, phase_cpu);
  if (opts.timings)
    for (std::size_t i = 0; i < checks.size(); ++i)
      if (repo_ns[i] >= 5'000'000)
        out.timings.emplace_back("  repo scope " + std::string(sel.checks[i].name) + " (CPU)", repo_ns[i] / 1e6);
  if (opts.timings)
    for (std::size_t i = 0; i < checks.size(); ++i)
      out.timings.emplace_back("check " + std::string(sel.checks[i].name) + " (CPU, all threads)", check_ns[i] / 1e6);
  std::erase_if(repo_results, suppressed);
  sort_results(repo_results);
  std::size_t mid = out.results.size();
  out.results.insert(out.results.end(), std::make_move_iterator(repo_results.begin()),
                     std::make_move_iterator(repo_results.end()));
  std::inplace_merge(out.results.begin(), out.results.begin() + static_cast<std::ptrdiff_t>(mid), out.results.end(),
                     result_less);

  // Known problems (--baseline) do not count: CI fails on new ones only.
  if (opts.baseline) out.baseline_dropped = opts.baseline->drop_known(out.results);

  out.timings.emplace_back("total", ms_since(start));
  out.timings.emplace_back("total CPU (all threads)", (process_cpu_ns() - start_cpu) / 1e6);
  for (const Result& r : out.results)
    if (exit_policy->fails(r)) {
      out.exit_code = 1;
      break;
    }
  return out;
}

}  // namespace pkgscan
