#pragma once
// Running a scan: target selection, check/keyword selection, the TBB
// pipeline, and the exit status.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pkgscan/check.hpp"
#include "pkgscan/config.hpp"
#include "pkgscan/fs.hpp"
#include "pkgscan/result.hpp"

namespace pkgscan {

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
};

struct ScanOutput {
  std::vector<Result> results;     // final order
  std::vector<std::string> errors; // fatal problems (exit 2), e.g. "not a repository: /x"
  std::string repo_root;           // the scanned repository
  int exit_code = 0;               // 0, 1 (results at the --exit threshold), 2 (errors)
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
