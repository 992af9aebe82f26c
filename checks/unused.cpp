// Unused: licences, eclasses and third-party mirrors that the repository
// defines and none of its packages uses (pkgcheck's UnusedLicensesCheck,
// UnusedEclassesCheck and UnusedMirrorsCheck), and mirror:// URIs naming a
// mirror that profiles/thirdpartymirrors does not define (SrcUriCheck's
// UnknownMirror). Usage is marked while packages stream past (one flag per
// candidate name, set without locks) and judged once at the end, on
// whole-repository scans only: a narrower scan sees too few packages to say
// that something is unused.
#include <atomic>
#include <functional>
#include <set>

#include "meta_common.hpp"
#include "unused_names.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

using unused::Candidates;
using unused::mirror_of;
using unused::spec_token;

constexpr Keyword kUnusedLicenses{
    "UnusedLicenses", Level::Warning, Scope::Repo,
    "Licence files in licenses/ that no ebuild's LICENSE names (any USE branch), leaving out those a master "
    "repository also has. Membership of a licence group does not count as use. Whole-repository scans only; "
    "not reported while some ebuild has no cache entry (its LICENSE is unknown)."};
constexpr Keyword kUnusedEclasses{
    "UnusedEclasses", Level::Warning, Scope::Repo,
    "Eclasses in eclass/ that no ebuild inherits, directly or through another eclass (the cache's _eclasses_), "
    "leaving out those a master repository also has. Whole-repository scans only; not reported while some "
    "ebuild has no cache entry."};
constexpr Keyword kUnusedMirrors{
    "UnusedMirrors", Level::Warning, Scope::Repo,
    "Mirrors in profiles/thirdpartymirrors that no ebuild's SRC_URI uses as mirror://NAME/ (any USE branch), "
    "leaving out those a master repository also defines. Whole-repository scans only; not reported while some "
    "ebuild has no cache entry."};
constexpr Keyword kUnknownMirror{
    "UnknownMirror", Level::Error, Scope::Version,
    "SRC_URI uses mirror://NAME/ with a NAME that profiles/thirdpartymirrors of the repository and its masters "
    "does not define, so the file cannot be fetched. Not reported while a master repository is missing."};

// The repository's own names minus those any master has.
std::set<std::string> own(const RepoSet& repos, const std::function<std::set<std::string>(const Repository&)>& names) {
  std::set<std::string> mine = names(repos.main());
  for (std::size_t i = 1; i < repos.repos().size(); ++i)
    for (const std::string& n : names(*repos.repos()[i])) mine.erase(n);
  return mine;
}

class UnusedCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Unused";
  static constexpr std::string_view kDoc =
      "Reports licences, eclasses and third-party mirrors that the repository defines but no package uses "
      "(whole-repository scans), and mirror:// URIs naming an undefined mirror.";
  static constexpr std::array<Keyword, 4> kKeywords = {kUnusedLicenses, kUnusedEclasses, kUnusedMirrors,
                                                       kUnknownMirror};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    const RepoSet& repos = ctx.repos;
    masters_complete_ = repos.missing_masters().empty();
    for (const auto& repo : repos.repos())
      for (const auto& [name, urls] : repo->profiles().thirdpartymirrors) known_mirrors_.insert(name);
    if (!ctx.whole_repo) return;
    licenses_.assign(own(repos, unused::license_names));
    eclasses_.assign(own(repos, unused::eclass_names));
    mirrors_.assign(own(repos, unused::mirror_names));
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    const bool collect = ctx.whole_repo;
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) {
        incomplete_.store(true, std::memory_order_relaxed);
        continue;
      }
      if (collect && !licenses_.empty())
        for (std::string_view t : meta::tokens(e.entry.get(CacheKey::LICENSE)))
          if (!spec_token(t)) licenses_.mark(t);
      if (collect && !eclasses_.empty())
        for (Symbol eclass : e.inherited) eclasses_.mark(eclass.str());
      mirrors(e, collect, out);
    }
  }

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.whole_repo || incomplete_.load()) return;
    report(out, kUnusedLicenses, "licenses", "license", "licenses", licenses_);
    report(out, kUnusedEclasses, "eclass", "eclass", "eclasses", eclasses_);
    report(out, kUnusedMirrors, "profiles/thirdpartymirrors", "mirror", "mirrors", mirrors_);
  }

 private:
  void mirrors(const Ebuild& e, bool collect, ResultSink& out) const {
    const std::string& src_uri = e.entry.get(CacheKey::SRC_URI);
    if (src_uri.find("mirror://") == std::string::npos) return;
    meta::UniqueList unknown;
    for (std::string_view uri : meta::tokens(src_uri)) {
      std::string_view name = mirror_of(uri);
      if (name.empty()) continue;
      if (collect) mirrors_.mark(name);
      if (masters_complete_ && !known_mirrors_.count(name)) unknown.add(uri);
    }
    for (const std::string& uri : unknown.items()) {
      std::string name(mirror_of(uri));
      Result* r = meta::report(out, kUnknownMirror, e, "unknown mirror '" + name + "' from URI '" + uri + "'");
      meta::field(r, "mirror", name);
    }
  }

  static void report(ResultSink& out, const Keyword& kw, const std::string& path, std::string_view one,
                     std::string_view many, const Candidates& candidates) {
    std::vector<std::string> unused = candidates.unused();
    if (unused.empty()) return;
    std::string message = "unused " + std::string(unused.size() == 1 ? one : many) + ": " + meta::joined(unused, ", ");
    with(out.repo(kw, path, 0, std::move(message)), "count", std::to_string(unused.size()));
  }

  bool masters_complete_ = true;
  std::set<std::string, std::less<>> known_mirrors_;  // the repository's and its masters'
  Candidates licenses_, eclasses_, mirrors_;
  mutable std::atomic<bool> incomplete_{false};  // some ebuild has no cache entry: usage is unknown
};

const RegisterCheck<UnusedCheck> kRegister;

}  // namespace
}  // namespace pkgscan
