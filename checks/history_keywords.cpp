// KeywordHistory (--commits): keywords a range drops from a package, and
// stable keywords on ebuilds that were added directly (pkgcheck's
// GitPkgCommitsCheck keywords of the same names).
#include <algorithm>
#include <set>

#include "history_changes.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kDroppedUnstableKeywords{
    "DroppedUnstableKeywords", Level::Error, Scope::Package,
    "Ebuilds removed in the commits being checked took ~arch keywords with them that no remaining version of the "
    "package has (neither ~arch nor arch), so the package disappears for users of that arch. Keep a version with "
    "the keyword, or drop it on purpose with the arch team's agreement."};
constexpr Keyword kDroppedStableKeywords{
    "DroppedStableKeywords", Level::Error, Scope::Package,
    "Ebuilds removed in the commits being checked took stable keywords with them that no remaining version of the "
    "package has, so stable users of that arch lose the package (or are downgraded to testing). Keep a stable "
    "version for each arch until a newer one is stabilised."};
constexpr Keyword kDirectStableKeywords{
    "DirectStableKeywords", Level::Error, Scope::Version,
    "An ebuild added in the commits being checked has stable keywords. New ebuilds go in as ~arch and are "
    "stabilised later by the arch teams (acct-user, acct-group, sec-keys and virtual packages excepted)."};

// Categories whose new ebuilds may be stable at once (as in pkgcheck).
bool direct_stable_allowed(std::string_view category) {
  return category == "acct-user" || category == "acct-group" || category == "sec-keys" || category == "virtual";
}

std::string_view arch_of(std::string_view kw) {
  if (!kw.empty() && (kw[0] == '~' || kw[0] == '-')) kw.remove_prefix(1);
  return kw;
}

// "[ amd64, ~x86 ]" ordered by arch, then stable before ~.
std::string keyword_list(std::vector<std::string> kws) {
  std::sort(kws.begin(), kws.end(), [](const std::string& a, const std::string& b) {
    if (arch_of(a) != arch_of(b)) return arch_of(a) < arch_of(b);
    return a < b;
  });
  std::string out = "[ ";
  for (std::size_t i = 0; i < kws.size(); ++i) out += (i ? ", " : "") + kws[i];
  return out + " ]";
}

std::set<std::string> keywords_of(const Package& pkg) {
  std::set<std::string> out;
  for (const Ebuild& e : pkg.versions)
    for (Symbol k : e.keywords) out.emplace(k.str());
  return out;
}

class KeywordHistoryCheck final : public Check {
 public:
  static constexpr std::string_view kName = "KeywordHistory";
  static constexpr std::string_view kDoc =
      "With --commits: keywords that ebuild removals drop from a package, and stable keywords on newly added ebuilds.";
  static constexpr std::array<Keyword, 3> kKeywords = {kDroppedUnstableKeywords, kDroppedStableKeywords,
                                                       kDirectStableKeywords};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kHistory = true;

  void begin(const ScanContext& ctx) override {
    if (ctx.history) changes_.build(*ctx.history);
    for (const auto& repo : ctx.repos.repos())
      for (const std::string& a : repo->profiles().arches) arches_.insert(a);
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.history) return;
    const PackageChanges& pc = changes_.of(pkg.category.str(), pkg.package.str());
    if (pc.ebuilds.empty()) return;
    if (pc.any('D')) dropped(pkg, pc, ctx, out);
    if (direct_stable_allowed(pkg.category.str())) return;
    for (const Ebuild& e : pkg.versions) {
      auto it = pc.ebuilds.find(e.pf);
      if (it == pc.ebuilds.end() || it->second != 'A') continue;
      std::vector<std::string> stable;
      for (Symbol k : e.keywords)
        if (!k.str().empty() && k.str()[0] != '~' && k.str()[0] != '-') stable.emplace_back(k.str());
      if (!stable.empty())
        with(out.version(kDirectStableKeywords, e,
                         std::string("directly committed with stable keyword") + (stable.size() > 1 ? "s" : "") +
                             ": " + keyword_list(stable)),
             "keywords", keyword_list(stable));
    }
  }

 private:
  // What the removed versions had that no remaining version has.
  void dropped(const Package& pkg, const PackageChanges& pc, const ScanContext& ctx, ResultSink& out) const {
    const Package* old = old_package(ctx, pkg);
    if (!old) return;
    std::set<std::string> before = keywords_of(*old), now = keywords_of(pkg);
    std::vector<std::string> stable, unstable;
    for (const std::string& k : before) {
      if (now.count(k)) continue;
      if (arches_.count(k)) {
        stable.push_back(k);
      } else if (k[0] == '~' && arches_.count(k.substr(1)) && !now.count(k.substr(1))) {
        unstable.push_back(k);
      }
    }
    if (stable.empty() && unstable.empty()) return;
    // Name the first commit that removed one of the versions.
    std::string commit;
    for (const auto& [pf, status] : pc.ebuilds)
      if (status == 'D' && commit.empty())
        commit = changes_.first_commit(*ctx.history, pkg.key() + "/" + pf + ".ebuild", 'D');
    std::string by = commit.empty() ? "the commits" : "commit " + commit + " (or later)";
    auto report = [&](const Keyword& kw, const char* what, const std::vector<std::string>& kws) {
      if (kws.empty()) return;
      Result* r = out.package(kw, pkg,
                              by + " dropped " + what + " keyword" + (kws.size() > 1 ? "s" : "") + ": " +
                                  keyword_list(kws));
      with(r, "keywords", keyword_list(kws));
      if (!commit.empty()) with(r, "commit", commit);
    };
    report(kDroppedStableKeywords, "stable", stable);
    report(kDroppedUnstableKeywords, "unstable", unstable);
  }

  ChangeIndex changes_;
  std::set<std::string> arches_;
};

const RegisterCheck<KeywordHistoryCheck> kRegister;

}  // namespace
}  // namespace pkgscan
