#pragma once
// Is a version visible on a profile? For the checks outside the Visibility
// family that ask it for a handful of versions (redundant_version.cpp,
// system_set.cpp): the same profile selection as Visibility (pkgcheck's
// default: stable and dev, not deprecated), by column, with each column's
// package.mask/package.unmask atoms indexed by package. Built on first use.
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

  // Does the column accept the version's keywords? The stable view of arch A
  // wants the literal "A", the ~arch view "A" or "~A".
  static bool keyword_accepted(const visibility::Column& col, const Ebuild& e);
  // Masked by package.mask (the repository's, which no profile can lift, or
  // the profile's) and not unmasked by the profile's package.unmask.
  bool masked(std::size_t column, const Ebuild& e) const;
  bool visible(std::size_t column, const Ebuild& e) const {
    return keyword_accepted(cols_.columns[column], e) && !masked(column, e);
  }

 private:
  using AtomIndex = std::unordered_map<std::uint64_t, std::vector<const Atom*>>;  // by (category, package)
  void build(const ScanContext& ctx) const;
  mutable std::once_flag once_;
  mutable visibility::ColumnSet cols_;
  mutable AtomIndex repo_masks_;
  // Per distinct ProfileData (the stable and ~arch view of a profile share
  // one), and which of them each column uses.
  mutable std::vector<AtomIndex> masks_, unmasks_;
  mutable std::vector<std::size_t> data_of_column_;
};

}  // namespace pkgscan
