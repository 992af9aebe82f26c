#pragma once
// Is a version visible on a profile? For the checks outside the Visibility
// family that ask it for a handful of versions (redundant_version.cpp): the
// same profile selection as Visibility (pkgcheck's default: stable and dev,
// not deprecated), by column. Built on first use.
//
// Most packages are named by no package.mask or package.unmask line of any
// profile: for them visibility is the keywords alone, the same on every
// column of one arch and view, so callers may ask one column per
// (arch, view) (representatives()). The mask lists of ~300 profiles share
// their atoms (the same files stacked): one index by package of every
// distinct atom, and per profile a sorted list of which atoms it has.
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "pkgscan/check.hpp"
#include "visibility.hpp"

namespace pkgscan {

class ProfileVisibility {
 public:
  // The columns (profile x stable/~arch view); ctx.profiles() is read on the first call.
  const std::vector<visibility::Column>& columns(const ScanContext& ctx) const;
  // One column for each distinct (arch, view), in column order; after columns().
  const std::vector<std::size_t>& representatives() const { return representatives_; }

  // Does the column accept the version's keywords? The stable view of arch A
  // wants the literal "A", the ~arch view "A" or "~A".
  static bool keyword_accepted(const visibility::Column& col, const Ebuild& e);
  // Whether any mask or unmask list names the package (after columns()).
  bool mentioned(Symbol category, Symbol package) const;
  using Atoms = std::vector<const Atom*>;  // sorted by address: membership by binary search
  // The atoms of every mask and unmask list that match the version: worked
  // out once per version, then asked per column.
  Atoms matching(const Ebuild& e) const;
  // Masked by package.mask (the repository's, which no profile can lift, or
  // the profile's) and not unmasked by the profile's package.unmask, given
  // the version's matching() atoms.
  bool masked(std::size_t column, const Atoms& matching) const;
  bool visible(std::size_t column, const Ebuild& e, const Atoms& matching) const {
    return keyword_accepted(cols_.columns[column], e) && !masked(column, matching);
  }

 private:
  void build(const ScanContext& ctx) const;
  mutable std::once_flag once_;
  mutable visibility::ColumnSet cols_;
  mutable std::vector<std::size_t> representatives_;
  mutable std::unordered_map<std::uint64_t, Atoms> by_package_;  // every distinct atom, by (category, package)
  mutable Atoms repo_masks_;
  // Per distinct ProfileData (the stable and ~arch view of a profile share
  // one), and which of them each column uses.
  mutable std::vector<Atoms> masks_, unmasks_;
  mutable std::vector<std::size_t> data_of_column_;
};

}  // namespace pkgscan
