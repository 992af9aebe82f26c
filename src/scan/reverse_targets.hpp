#pragma once
// Packages a change reaches without touching them: the users of a changed
// eclass, the dependents of a removed package (DESIGN.md §12).
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pkgscan/index.hpp"

namespace pkgscan {

// Main-repository packages with an ebuild that inherits one of `eclasses`
// (directly or not) or names one of `removed` (category, package) in a
// dependency variable; sorted. Only packages whose ebuild text mentions such
// an eclass (or an eclass that mentions one), or a removed package, are
// loaded to be sure; in parallel.
std::vector<std::pair<std::string, std::string>> reverse_targets(
    const RepoIndex& index, const std::set<std::string>& eclasses,
    const std::set<std::pair<std::string, std::string>>& removed);

}  // namespace pkgscan
