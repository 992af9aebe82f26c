#pragma once
// What the history checks share (--commits, DESIGN.md §12): how each
// package's ebuilds changed between the merge base and HEAD, the package as
// it was at the merge base, and the first commit of the range that touched
// an ebuild.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pkgscan/check.hpp"

namespace pkgscan {

// One package's changes over the range.
struct PackageChanges {
  // PF -> 'A' added, 'M' modified, 'D' removed. A renamed ebuild is a
  // removal of the old PF and an addition of the new one (a revision bump
  // made with `git mv` is an addition).
  std::map<std::string, char> ebuilds;
  std::string moved_from;  // "cat/pkg" whose ebuilds were renamed into this package; else empty
  bool any(char status) const;
};

// Every package's changes, from History::changes; built once per scan (begin()).
class ChangeIndex {
 public:
  void build(const History& h);
  // Changes of cat/pkg; an empty PackageChanges when it has none.
  const PackageChanges& of(std::string_view category, std::string_view package) const;
  // The short hash of the first commit of the range that changed `path`
  // (repo-relative) with `status` ('D', 'A', ...); empty when none did.
  std::string first_commit(const History& h, const std::string& path, char status) const;

 private:
  std::map<std::string, PackageChanges, std::less<>> packages_;
};

// The package at the merge base; null when it did not exist there.
const Package* old_package(const ScanContext& ctx, const Package& pkg);
const Ebuild* find_version(const Package* pkg, const std::string& pf);

// An ebuild's bytes read through its repository's file system (the old or
// the new tree); empty when unreadable.
std::string read_ebuild(const Package& pkg, const Ebuild& e);

}  // namespace pkgscan
