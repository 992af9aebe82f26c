// Is a cache entry still what sourcing the ebuild would produce? (DESIGN.md §3)
#include "pkgscan/repo.hpp"

namespace pkgscan {

namespace {

bool same_md5(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'F') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'F') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

FreshnessResult check_freshness(const CacheEntry& entry, const std::string& ebuild_md5, const RepoSet& repos) {
  if (!ebuild_md5.empty() && !same_md5(entry.get(CacheKey::MD5), ebuild_md5)) return {Freshness::StaleEbuild, {}};

  // A definite verdict (stale or missing eclass) beats "cannot tell", so the
  // first unverifiable eclass is only remembered while the rest are checked.
  std::optional<std::string> unverifiable;
  const bool masters_missing = !repos.missing_masters().empty();
  for (const EclassRef& ref : entry.eclasses()) {
    const EclassInfo* info = repos.eclass(ref.name);
    if (!info) {
      // It may live in the master we could not open.
      if (masters_missing) {
        if (!unverifiable) unverifiable = ref.name;
        continue;
      }
      return {Freshness::MissingEclass, ref.name};
    }
    if (info->md5.empty()) {  // found but unreadable
      if (!unverifiable) unverifiable = ref.name;
      continue;
    }
    if (!same_md5(info->md5, ref.md5)) return {Freshness::StaleEclass, ref.name};
  }
  if (unverifiable) return {Freshness::Unverifiable, *unverifiable};
  return {Freshness::Fresh, {}};
}

}  // namespace pkgscan
