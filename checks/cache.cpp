// Cache: is each ebuild's md5-cache entry present, readable, well-formed and
// fresh? Everything else the scanner says about an ebuild comes from this
// entry, so a stale or broken one is worth knowing first.
#include <algorithm>
#include <mutex>
#include <set>

#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kMissingCacheEntry{
    "MissingCacheEntry", Level::Error, Scope::Version,
    "The ebuild has no metadata/md5-cache entry, so its metadata could not be checked. Regenerate the cache "
    "(egencache --update or pmaint regen)."};
constexpr Keyword kStaleCacheEntry{
    "StaleCacheEntry", Level::Warning, Scope::Version,
    "The md5-cache entry does not match the ebuild (_md5_) or one of its eclasses (_eclasses_), so the "
    "metadata checked may not be what the ebuild says. Regenerate the cache."};
constexpr Keyword kOrphanedCacheEntry{
    "OrphanedCacheEntry", Level::Warning, Scope::Version,
    "An md5-cache entry exists for a version that has no ebuild (it was removed or renamed). Regenerate the "
    "cache or delete the entry."};
constexpr Keyword kMalformedCacheEntry{
    "MalformedCacheEntry", Level::Error, Scope::Version,
    "The md5-cache entry could not be read or has malformed lines (no '=', NUL bytes, invalid UTF-8, "
    "duplicate keys, truncation). The well-formed keys are still checked."};
constexpr Keyword kMissingEclass{
    "MissingEclass", Level::Error, Scope::Version,
    "An eclass named in the entry's _eclasses_ exists in none of the repository's eclass directories."};
constexpr Keyword kUnverifiableCache{
    "UnverifiableCache", Level::Info, Scope::Repo,
    "Some cache entries inherit eclasses that are not in this repository and may live in a master repository "
    "that was not found, so their freshness could not be verified. Reported once; supply the master with "
    "--repo-path NAME=PATH."};
constexpr Keyword kNoMetadataCache{
    "NoMetadataCache", Level::Warning, Scope::Repo,
    "The repository has ebuilds but no metadata/md5-cache directory (e.g. a git checkout) and regeneration was "
    "turned off (--no-regen), so ebuild metadata could not be checked. Scan without --no-regen, or generate the "
    "cache with pkgscan regen (or egencache --update)."};

class CacheCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Cache";
  static constexpr std::string_view kDoc =
      "Validates md5-cache entries against ebuilds and eclasses: missing, stale, orphaned and malformed entries.";
  static constexpr std::array<Keyword, 7> kKeywords = {kMissingCacheEntry, kStaleCacheEntry, kOrphanedCacheEntry,
                                                       kMalformedCacheEntry, kMissingEclass, kUnverifiableCache,
                                                       kNoMetadataCache};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    const Repository& main = ctx.repos.main();
    no_cache_ = !ctx.index.metadata_only(main) &&
                main.fs().stat(main.abs("metadata/md5-cache")) != FileType::Directory;
    metadata_only_ = ctx.index.metadata_only(main);
    cache_only_ = ctx.cache_only;
    regenerating_ = ctx.metadata && ctx.metadata->regenerates(main);
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (no_cache_) return;  // said once at repo scope (or, with regeneration, by the Sourcing summary)
    for (const Ebuild& e : pkg.versions) {
      if (e.origin.checked) {
        check_judged(pkg, e, out);
        continue;
      }
      if (!e.has_cache) {
        // A file that exists but cannot be read is broken, not missing.
        if (pkg.repo->fs().stat(pkg.repo->abs(e.cache_path)) != FileType::Missing) {
          Result* r = out.version(kMalformedCacheEntry, e, "cache entry cannot be read: " + e.cache_error);
          if (r) r->path = e.cache_path;
        } else {
          out.version(kMissingCacheEntry, e, "no cache entry at " + e.cache_path);
        }
        continue;
      }
      for (const CacheIssue& issue : e.entry.issues) {
        Result* r = out.version(kMalformedCacheEntry, e, "malformed cache entry: " + issue.message);
        if (r) {
          r->path = e.cache_path;
          r->line = issue.line;
        }
      }
      if (metadata_only_ || cache_only_) continue;  // nothing to compare with, or told to trust the cache
      std::string ebuild_md5;
      if (out.wants(kStaleCacheEntry))
        if (const std::string* text = ctx.ebuild_text(pkg, e)) ebuild_md5 = md5_hex(*text);
      report_freshness(e, check_freshness(e.entry, ebuild_md5, ctx.repos), out);
    }
    for (const std::string& pf : pkg.orphan_cache) {
      Ebuild stub;
      stub.category = pkg.category;
      stub.package = pkg.package;
      if (auto split = split_pf(pf)) stub.version = split->version;
      stub.cache_path = pkg.repo->cache_path(std::string(pkg.category.str()), pf);
      out.version(kOrphanedCacheEntry, stub, "cache entry " + stub.cache_path + " has no ebuild");
    }
  }

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    if (no_cache_ && !regenerating_) {
      out.repo(kNoMetadataCache, "metadata/md5-cache", 0,
               "repository has ebuilds but no metadata/md5-cache: metadata checks were skipped");
    }
    if (!unverifiable_.empty()) {
      std::string names;
      for (const auto& n : unverifiable_) names += (names.empty() ? "" : ", ") + n;
      std::string masters;
      for (const auto& m : ctx.repos.missing_masters()) masters += (masters.empty() ? "" : ", ") + m;
      with(out.repo(kUnverifiableCache, "metadata/layout.conf", 0,
                    "freshness of cache entries could not be verified: eclasses not found (" +
                        std::to_string(unverifiable_.size()) + "): " + names + "; they may live in missing master(s) " +
                        masters),
           "eclasses", names);
    }
  }

 private:
  // The metadata layer already hashed the ebuild and judged the repository's
  // entry (the checks may be seeing regenerated metadata instead): report on
  // the committed entry without reading anything again.
  void check_judged(const Package& pkg, const Ebuild& e, ResultSink& out) const {
    const EntryOrigin& o = e.origin;
    if (!o.repo_entry) {
      out.version(kMissingCacheEntry, e, "no cache entry at " + e.cache_path);
      return;
    }
    if (!e.cache_error.empty() && o.repo_issues.empty() && o.source == EntrySource::None) {
      Result* r = out.version(kMalformedCacheEntry, e, "cache entry cannot be read: " + e.cache_error);
      if (r) r->path = e.cache_path;
      return;
    }
    for (const CacheIssue& issue : o.repo_issues) {
      Result* r = out.version(kMalformedCacheEntry, e, "malformed cache entry: " + issue.message);
      if (r) {
        r->path = e.cache_path;
        r->line = issue.line;
      }
    }
    report_freshness(e, o.repo_freshness, out);
  }

  void report_freshness(const Ebuild& e, const FreshnessResult& fresh, ResultSink& out) const {
    switch (fresh.state) {
      case Freshness::Fresh: break;
      case Freshness::StaleEbuild:
        with(out.version(kStaleCacheEntry, e, "cache entry is stale: _md5_ does not match the ebuild"), "reason", "ebuild");
        break;
      case Freshness::StaleEclass:
        with(out.version(kStaleCacheEntry, e, "cache entry is stale: eclass " + fresh.eclass + " changed"), "eclass",
             fresh.eclass);
        break;
      case Freshness::MissingEclass:
        with(out.version(kMissingEclass, e, "inherits eclass " + fresh.eclass + ", which exists in no repository"),
             "eclass", fresh.eclass);
        break;
      case Freshness::Unverifiable: {
        std::lock_guard<std::mutex> lock(mu_);
        unverifiable_.insert(fresh.eclass);
        break;
      }
    }
  }

  bool regenerating_ = false;
  bool no_cache_ = false;
  bool metadata_only_ = false;
  bool cache_only_ = false;
  mutable std::mutex mu_;
  mutable std::set<std::string> unverifiable_;
};

const RegisterCheck<CacheCheck> kRegister;

}  // namespace
}  // namespace pkgscan
