#pragma once
// Which arches a repository set knows and which it calls stable, for the
// checks that compare stable and ~arch keywords across versions or against
// profiles (imlate.cpp, system_set.cpp, redundant_version.cpp,
// dropped_keywords.cpp).
#include <set>
#include <string>
#include <string_view>

#include "pkgscan/check.hpp"
#include "pkgscan/repo.hpp"

namespace pkgscan::arches {

using ArchSet = std::set<std::string, std::less<>>;

// arch.list of the repository and its masters (pkgcheck's default --arches).
ArchSet known(const RepoSet& repos);

// The arches profiles/arches.desc (GLEP 72: "<arch> <stable|transitional|
// testing>") of the repository or a master calls stable. Lines of another
// shape are skipped: reading this file is not the place to report on it.
ArchSet arches_desc_stable(const RepoSet& repos);

// pkgcheck's stable arches: arches.desc's stable ones, or when no
// arches.desc names any, the arches with a 'stable' profiles.desc entry.
ArchSet stable(const ScanContext& ctx);

// "~amd64" -> "amd64", "-amd64" -> "amd64", "amd64" -> "amd64".
inline std::string_view strip(std::string_view kw) {
  if (!kw.empty() && (kw[0] == '~' || kw[0] == '-')) kw.remove_prefix(1);
  return kw;
}

// pkgcore's keyword order: a stable sort by (what follows the first '-' of
// the arch, the arch before it) once '~' and '-' are stripped, so plain arches
// (and -*) come first, prefix arches after them grouped by their suffix.
bool keyword_less(std::string_view a, std::string_view b);

}  // namespace pkgscan::arches
