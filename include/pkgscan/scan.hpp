#pragma once
// Running a scan: target selection, check/keyword selection, the TBB
// pipeline, and the exit status.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pkgscan/baseline.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/config.hpp"
#include "pkgscan/fs.hpp"
#include "pkgscan/history.hpp"
#include "pkgscan/metadata_layer.hpp"
#include "pkgscan/result.hpp"

namespace pkgscan {

// How a scan regenerates metadata (given to ScanOptions::make_regenerator).
struct RegenSettings {
  std::string data_dir;          // where data/ebuild-env lives
  int jobs = 1;                  // bash workers at most
  double timeout_seconds = 30;   // per ebuild
};

// Starts the sourcing workers for a repository set; null with *err set on a
// fatal problem (e.g. no bash). The CLI passes regen::make_scan_regenerator.
using RegeneratorFactory =
    std::function<std::unique_ptr<Regenerator>(const RepoSet&, const RegenSettings&, std::string* err)>;

// The metadata layer scan and inspect read through: the regenerator the
// factory starts, and the user cache under user_cache_base (empty: the
// default). Null with *err set when the regenerator cannot start.
std::unique_ptr<MetadataLayer> open_scan_metadata(const RepoSet& repos, const RegeneratorFactory& make_regenerator,
                                                  const RegenSettings& settings, const std::string& user_cache_base,
                                                  std::string* err);

// Progress of a scan that sources ebuilds, for a terminal's status line.
struct ScanProgress {
  std::size_t packages_done = 0, packages_total = 0;
  std::uint64_t regenerated = 0;  // ebuilds sourced so far
  double elapsed_ms = 0;
  bool finished = false;
};

// A --staged or --commits scan (DESIGN.md §12): what changed, from git. The
// content scanned is the FileSystem given to run_scan (the index, or HEAD's
// tree); the packages scanned are the changed ones, the users of changed
// eclasses and the dependents of removed packages.
struct GitChanges {
  std::string workdir;              // the git working tree; change paths are relative to it
  std::vector<FileChange> changes;  // staged against HEAD, or merge base -> HEAD
  std::string what;                 // "staged", "between origin/main and HEAD": for messages
  // --commits only: the repository at the merge base, and the range.
  const FileSystem* base_fs = nullptr;
  std::string base_commit;
  std::vector<CommitInfo> commits;  // oldest first
  std::function<std::string(const std::string&)> object_kind;  // History::object_kind
};

struct ScanOptions {
  std::vector<std::string> targets;         // paths, cat/pkg, cat/*, =cat/pkg-1.2; empty = current directory
  std::string repo;                         // -r: repository path (default: from targets / cwd)
  std::string cwd;                          // where relative paths start (default: getcwd)
  // Configuration layers, later ones winning: the user's file (unless
  // user_config is false), the repository's metadata/pkgscan.yaml, the
  // --config file, then the command line.
  bool user_config = true;
  std::string config_file;                  // --config
  Config cli;                               // from the command line
  bool timings = false;                     // measure each check's time (--timings); costs ~1%
  std::string data_dir;                     // runtime data
  // Sources ebuilds whose metadata is missing or stale (the CLI passes the
  // bash worker pool; null: the repository's md5-cache only). Returns null
  // with *err set on a fatal problem (e.g. no bash).
  RegeneratorFactory make_regenerator;
  std::string user_cache_dir;               // default: $XDG_CACHE_HOME/pkgscan
  std::function<void(const ScanProgress&)> progress;  // called from one thread at a time
  std::optional<GitChanges> git;            // --staged / --commits: replaces `targets`
  const Baseline* baseline = nullptr;       // --baseline: results it holds are dropped (before --exit)
};

struct ScanOutput {
  std::vector<Result> results;     // final order
  std::vector<std::string> errors; // fatal problems (exit 2), e.g. "not a repository: /x"
  std::string repo_root;           // the scanned repository
  // A git scan whose changes touch no package, eclass or repository file:
  // what to tell the user (the scan ran no checks; exit 0).
  std::string nothing_to_scan;
  std::size_t baseline_dropped = 0;  // results dropped because the baseline has them
  int exit_code = 0;               // 0, 1 (results at the --exit threshold), 2 (errors)
  int jobs = 1;                    // the threads the scan used (-j, or the configuration's jobs)
  // Where the time went (--timings): phases in wall milliseconds, and each
  // check's time summed over all threads.
  std::vector<std::pair<std::string, double>> timings;
  // The repositories, index and checks of the scan, kept alive with the
  // output: a command-line caller can exit without freeing them.
  std::shared_ptr<void> state;
};

// Selected checks and keywords, from -c / -k (comma lists; X = exactly, +X add, -X remove).
struct Selection {
  std::vector<CheckInfo> checks;
  std::vector<std::string> keywords;  // enabled keyword names, sorted
  std::vector<std::string> named;     // checks asked for by name (directly, or through one of their keywords)
  std::vector<std::string> errors;    // unknown names
};
Selection select_checks(const std::vector<std::string>& checks_spec, const std::vector<std::string>& keywords_spec);

// Which results make the exit status 1: "error"/"warning"/"style"/"info" (that
// level or more severe), "none", or a comma list of keyword names.
struct ExitPolicy {
  static std::optional<ExitPolicy> parse(const std::string& spec, std::string* err);
  bool fails(const Result& r) const;
  std::optional<Level> threshold;       // level threshold
  std::vector<std::string> keywords;    // explicit keywords
};

ScanOutput run_scan(const FileSystem& fs, const ScanOptions& opts);

// Default data directory: $PKGSCAN_DATA_DIR, else next to the binary
// (../share/pkgscan), else the source tree's data/.
std::string default_data_dir();

}  // namespace pkgscan
