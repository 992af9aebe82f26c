#pragma once
// Turning command-line targets into a repository and a package filter.
#include <optional>
#include <string>
#include <vector>

#include "pkgscan/atom.hpp"
#include "pkgscan/fs.hpp"

namespace pkgscan {

struct TargetFilter {
  std::string category = "*";  // fnmatch globs
  std::string package = "*";
  std::optional<Atom> atom;    // version restriction (=cat/pkg-1.2, an ebuild path)
  std::string pf;              // an exact cache entry / ebuild name
  // The target as typed when it is a name, glob or atom rather than an
  // existing path: one that selects no package is a typo to report, not a
  // scan of nothing that passes. Empty for paths and changed packages.
  std::string typed;

  bool selects_package(std::string_view category, std::string_view package) const;
};

struct ResolvedTargets {
  std::string repo_root;
  std::vector<TargetFilter> filters;  // empty list never happens: whole repo = {*/*}
  bool whole_repo = false;
  std::vector<std::string> errors;

  bool selects_package(std::string_view category, std::string_view package) const;  // by any filter
  // Version-level restriction for results of this package (true = keep).
  bool selects_version(std::string_view category, std::string_view package, const std::string& pf,
                       const class Version& v) const;
};

ResolvedTargets resolve_targets(const FileSystem& fs, const std::vector<std::string>& targets,
                                const std::string& repo_opt, const std::string& cwd);

}  // namespace pkgscan
