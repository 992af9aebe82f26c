// Level and scope names, field lookup and the canonical result order.
#include "pkgscan/result.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <tuple>

#include "pkgscan/version.hpp"

namespace pkgscan {

std::string_view level_name(Level l) {
  switch (l) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Style: return "style";
    case Level::Info: return "info";
  }
  return "warning";
}

std::string_view scope_name(Scope s) {
  switch (s) {
    case Scope::Repo: return "repo";
    case Scope::Category: return "category";
    case Scope::Package: return "package";
    case Scope::Version: return "version";
    case Scope::Commit: return "commit";
  }
  return "version";
}

std::optional<Level> level_from_name(std::string_view s) {
  for (Level l : {Level::Error, Level::Warning, Level::Style, Level::Info})
    if (level_name(l) == s) return l;
  return std::nullopt;
}

std::optional<Scope> scope_from_name(std::string_view s) {
  for (Scope sc : {Scope::Repo, Scope::Category, Scope::Package, Scope::Version, Scope::Commit})
    if (scope_name(sc) == s) return sc;
  return std::nullopt;
}

std::string_view Result::field(std::string_view name) const {
  for (const auto& [key, value] : fields)
    if (key == name) return value;
  return {};
}

namespace {

// Three-way comparison of two version strings. Empty (non-version results of
// the package) sorts first, then valid versions in PMS order, then strings
// that are not versions at all in byte order. Putting invalid strings in a
// block of their own keeps this a strict weak order: mixing PMS and byte
// comparisons between the same strings would not be transitive. PMS-equal
// spellings (1.0 and 1.0-r0) are told apart by their text so that the order
// never depends on the order results arrived in.
int compare_version_strings(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  if (a.empty()) return -1;
  if (b.empty()) return 1;
  // valid_prefix, not parse: no copy of the string per comparison.
  bool va = Version::valid_prefix(a) == a.size();
  bool vb = Version::valid_prefix(b) == b.size();
  if (va && vb) {
    int c = compare_versions(a, b);
    if (c != 0) return c;
  } else if (va || vb) {
    return va ? -1 : 1;
  }
  return a < b ? -1 : 1;
}

}  // namespace

namespace {

// result_less with the version comparison given: `version(a, b)` is
// compare_version_strings of their versions, or an equivalent.
template <class VersionCompare>
bool result_less_by(const Result& a, const Result& b, VersionCompare&& version) {
  const bool ca = a.scope == Scope::Commit, cb = b.scope == Scope::Commit;
  if (ca != cb) return ca;
  if (a.commit != b.commit) return a.commit < b.commit;
  if (a.category != b.category) return a.category < b.category;
  if (a.package != b.package) return a.package < b.package;
  if (int c = version(a, b); c != 0) return c < 0;
  // The rest only breaks ties, so that equal-looking results still come out
  // in one order whatever -j was.
  return std::tie(a.keyword, a.message, a.path, a.line, a.check, a.level, a.scope, a.fields) <
         std::tie(b.keyword, b.message, b.path, b.line, b.check, b.level, b.scope, b.fields);
}

}  // namespace

bool result_less(const Result& a, const Result& b) {
  return result_less_by(a, b, [](const Result& x, const Result& y) { return compare_version_strings(x.version, y.version); });
}

void sort_results(std::vector<Result>& results) {
  if (results.size() < 2) return;
  // The few distinct version strings are ranked once: comparing two results'
  // versions is then comparing two integers, where compare_version_strings
  // parses both strings every time (half the cost of sorting a package's
  // results). Distinct strings never compare equal, so ranks order alike.
  std::vector<std::string_view> distinct;
  for (const Result& r : results) distinct.push_back(r.version);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::uint32_t> by_version(distinct.size());
  for (std::uint32_t i = 0; i < by_version.size(); ++i) by_version[i] = i;
  std::sort(by_version.begin(), by_version.end(), [&](std::uint32_t a, std::uint32_t b) {
    return compare_version_strings(distinct[a], distinct[b]) < 0;
  });
  std::vector<std::uint32_t> rank_of_distinct(distinct.size());
  for (std::uint32_t r = 0; r < by_version.size(); ++r) rank_of_distinct[by_version[r]] = r;
  std::vector<std::uint32_t> rank(results.size());
  for (std::size_t i = 0; i < results.size(); ++i)
    rank[i] = rank_of_distinct[static_cast<std::size_t>(
        std::lower_bound(distinct.begin(), distinct.end(), std::string_view(results[i].version)) - distinct.begin())];

  std::vector<std::uint32_t> order(results.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return result_less_by(results[a], results[b], [&](const Result&, const Result&) {
      return rank[a] == rank[b] ? 0 : rank[a] < rank[b] ? -1 : 1;
    });
  });
  std::vector<Result> sorted;
  sorted.reserve(results.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(results[i]));
  results = std::move(sorted);
}

bool operator==(const Result& a, const Result& b) {
  return a.keyword == b.keyword && a.level == b.level && a.scope == b.scope &&
         a.check == b.check && a.category == b.category && a.package == b.package &&
         a.version == b.version && a.path == b.path && a.line == b.line &&
         a.commit == b.commit && a.message == b.message && a.fields == b.fields;
}

namespace {

// 64-bit FNV-1a: fixed by definition, so fingerprints agree between runs,
// machines and builds, which std::hash does not promise.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

bool is_run_summary(std::string_view keyword) {
  for (std::string_view k : kRunSummaryKeywords)
    if (k == keyword) return true;
  return false;
}

std::string result_fingerprint(const Result& r) {
  std::string key = r.keyword;
  key += '\0';
  key += r.category + "/" + r.package + "/" + r.version;
  key += '\0';
  if (!is_run_summary(r.keyword)) key += r.message;
  // Only commit results add their commit: older fingerprints stay valid.
  if (!r.commit.empty()) {
    key += '\0';
    key += r.commit;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
  return hex;
}

}  // namespace pkgscan
