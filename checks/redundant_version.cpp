// RedundantVersion: an older version that newer versions of its slot make
// unnecessary, keyword for keyword and profile for profile (pkgcheck's
// RedundantVersionCheck).
//
// Going down from the newest version (live versions and versions with only
// -arch keywords aside): a version is shadowed by the newer versions of its
// slot whose keywords include all of its own (a newer stable keyword also
// covering the ~arch one). Of those, only the ones visible on every selected
// profile where the older version is visible count, so a newer version that
// a profile masks does not make the older one redundant.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "meta_common.hpp"
#include "pkgscan/check.hpp"
#include "profile_visibility.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kRedundantVersion{
    "RedundantVersion", Level::Info, Scope::Version,
    "Newer versions in the same slot carry all of this version's keywords (a stable keyword also counting as its "
    "~arch) and are visible on every profile (pkgcheck's default selection: stable and dev, not deprecated) "
    "where this version is, so this version could be removed. Live versions and versions with only -arch "
    "keywords are not considered. The message names the newer versions."};

class RedundantVersionCheck final : public Check {
 public:
  static constexpr std::string_view kName = "RedundantVersion";
  static constexpr std::string_view kDoc = "Reports versions that newer versions of the same slot make redundant.";
  static constexpr std::array<Keyword, 1> kKeywords = {kRedundantVersion};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (pkg.versions.size() < 2 || !out.wants(kRedundantVersion)) return;
    struct Newer {
      const Ebuild* e;
      std::set<std::string, std::less<>> keywords;  // without -arch, with ~arch added for each stable one
    };
    std::vector<Newer> newer;
    VisibilityMemo seen;
    for (auto it = pkg.versions.rbegin(); it != pkg.versions.rend(); ++it) {
      const Ebuild& e = *it;
      if (!e.has_cache || e.live) continue;
      std::set<std::string_view> own;
      for (Symbol k : e.keywords)
        if (!k.str().starts_with('-')) own.insert(k.str());
      if (own.empty()) continue;
      std::vector<const Ebuild*> shadowing;
      for (const Newer& n : newer)
        if (n.e->slot == e.slot &&
            std::all_of(own.begin(), own.end(), [&](std::string_view k) { return n.keywords.count(k) > 0; }))
          shadowing.push_back(n.e);
      std::set<std::string, std::less<>> widened(own.begin(), own.end());
      for (std::string_view k : own)
        if (!k.starts_with('~')) widened.insert("~" + std::string(k));
      newer.push_back({&e, std::move(widened)});
      if (shadowing.empty()) continue;
      shadowing = visible_wherever(e, shadowing, ctx, seen);
      if (shadowing.empty()) continue;
      std::sort(shadowing.begin(), shadowing.end(), [](const Ebuild* a, const Ebuild* b) { return a->version < b->version; });
      std::vector<std::string> names;
      for (const Ebuild* s : shadowing) names.push_back(s->version.str());
      meta::field(meta::report(out, kRedundantVersion, e,
                               "slot(" + std::string(e.slot.str()) + ") keywords are overshadowed by version" +
                                   (names.size() == 1 ? ": " : "s: ") + meta::joined(names, ", ")),
                  "versions", meta::joined(names));
    }
  }

 private:
  // Where a version is visible: bit i for the i-th column asked (see
  // visible_wherever), worked out once per version of the package. Asking
  // per pair of versions and column cost most of this check on flatcar.
  using Visibility = std::vector<std::uint64_t>;
  struct VisibilityMemo {
    std::vector<std::size_t> asked;  // the columns the bits stand for, the same for every version of the package
    std::unordered_map<const Ebuild*, Visibility> bits;
  };

  // The newer versions visible on every column where `older` is visible
  // (the columns of the arches `older` keywords). A package no mask list
  // names is visible by its keywords alone: one column per arch and view
  // answers for all of them.
  std::vector<const Ebuild*> visible_wherever(const Ebuild& older, std::vector<const Ebuild*> newer,
                                              const ScanContext& ctx, VisibilityMemo& seen) const {
    const auto& columns = profiles_.columns(ctx);
    if (seen.bits.empty()) {
      if (profiles_.mentioned(older.category, older.package))
        for (std::size_t c = 0; c < columns.size(); ++c) seen.asked.push_back(c);
      else
        seen.asked = profiles_.representatives();
    }
    auto visibility = [&](const Ebuild& e) -> const Visibility& {
      auto [it, added] = seen.bits.try_emplace(&e);
      if (added) {
        it->second.assign((seen.asked.size() + 63) / 64, 0);
        const ProfileVisibility::Atoms matching = profiles_.matching(e);
        for (std::size_t i = 0; i < seen.asked.size(); ++i)
          if (profiles_.visible(seen.asked[i], e, matching)) it->second[i / 64] |= std::uint64_t{1} << (i % 64);
      }
      return it->second;
    };
    const Visibility& old_seen = visibility(older);
    std::erase_if(newer, [&](const Ebuild* n) {
      const Visibility& new_seen = visibility(*n);
      for (std::size_t w = 0; w < old_seen.size(); ++w)
        if (old_seen[w] & ~new_seen[w]) return true;
      return false;
    });
    return newer;
  }

  ProfileVisibility profiles_;
};

const RegisterCheck<RedundantVersionCheck> kRegister;

}  // namespace
}  // namespace pkgscan
