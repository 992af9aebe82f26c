#pragma once
// From the files a git diff changed to what a --staged / --commits scan
// looks at (DESIGN.md §12).
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pkgscan/history.hpp"

namespace pkgscan {

struct ChangeTargets {
  std::set<std::pair<std::string, std::string>> packages;  // (category, package) with a changed file
  std::set<std::string> eclasses;                          // changed eclass names
  bool repo_files = false;  // profiles/, metadata/ (but the md5-cache) or licenses/ changed
  bool empty() const { return packages.empty() && eclasses.empty() && !repo_files; }
};

// `changes` are relative to the git working tree; `prefix` is the ebuild
// repository's directory inside it ("" when it is the top, else "a/b/").
// Paths outside the repository, dot-directories and top-level files are
// ignored; a rename counts at both ends.
ChangeTargets change_targets(const std::vector<FileChange>& changes, const std::string& prefix);

// The same changes relative to the repository's root, those outside dropped.
std::vector<FileChange> changes_below(const std::vector<FileChange>& changes, const std::string& prefix);

}  // namespace pkgscan
