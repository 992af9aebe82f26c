#pragma once
// Configuration (YAML): ~/.config/pkgscan/config.yaml, then the repository's
// metadata/pkgscan.yaml, then --config FILE, then the command line. Keys
// mirror the long options; `suppress:` accepts results with a reason.
//
//   checks: [-Python]            # or "checks: +DistutilsExt,-Bootstrap"
//   keywords: -RedundantDep
//   jobs: 4
//   exit: warning
//   reporter: json
//   repo-paths: {gentoo: /var/db/repos/gentoo}
//   regen: false                  # do not source ebuilds for missing/stale metadata
//   regen-timeout: 30             # seconds per ebuild
//   suppress:
//     - keyword: NonexistentDeps
//       target: dev-python/foo        # cat/pkg, cat/*, =cat/pkg-1.2 or */*
//       reason: provided by an out-of-tree overlay
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pkgscan/result.hpp"

namespace pkgscan {

struct Suppression {
  std::string keyword;  // keyword name ("*" for any)
  std::string target;   // cat/pkg pattern with * globs, or =cat/pkg-ver
  std::string reason;   // required
  std::string source;   // file:line it came from
  bool matches(const Result& r) const;
};

struct Config {
  std::vector<std::string> checks;      // accumulated -c items, in order
  std::vector<std::string> keywords;    // accumulated -k items, in order
  std::optional<int> jobs;
  std::optional<std::string> exit;
  std::optional<std::string> reporter;
  std::optional<std::string> output;
  std::optional<bool> cache_only;
  std::optional<bool> regen;             // regenerate missing/stale metadata by sourcing (default true)
  std::optional<double> regen_timeout;   // seconds per ebuild (default 30)
  std::map<std::string, std::string> repo_paths;  // name -> path
  std::vector<Suppression> suppress;
};

// Merges a YAML file into `into`. False with a message naming the file and
// line on a syntax error, an unknown key or a bad value.
bool load_config_file(const std::string& path, Config& into, std::string* err);
bool load_config_text(const std::string& text, const std::string& source_name, Config& into, std::string* err);
// Splits "a,b, c" into items; used for both config and command line.
std::vector<std::string> split_list(const std::string& s);

}  // namespace pkgscan
