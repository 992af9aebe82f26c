// SystemSet: packages of a profile's system set ("*atom" lines of
// `packages`) must be keyworded for the profile's arch, or the profile
// cannot install its own base system (pkgcheck's SystemSetMissingKeywords).
#include <algorithm>
#include <set>
#include <unordered_map>

#include "arches.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/profiles.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kSystemSetMissingKeywords{
    "SystemSetMissingKeywords", Level::Error, Scope::Package,
    "The package is in the system set of a selected profile (a '*atom' line of a profile's `packages` file; "
    "stable and dev profiles, not deprecated) but no version matching the atom carries the profile arch's "
    "keyword: 'arch' when arches.desc calls the arch stable, '~arch' otherwise (the literal keyword: a stable "
    "'arch' does not stand in for '~arch'). Keyword the package or drop it from the system set."};

std::uint64_t pack(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

class SystemSetCheck final : public Check {
 public:
  static constexpr std::string_view kName = "SystemSet";
  static constexpr std::string_view kDoc =
      "Checks that the packages of each profile's system set carry the keyword of the profile's arch.";
  static constexpr std::array<Keyword, 1> kKeywords = {kSystemSetMissingKeywords};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    if (!ctx.reports(kSystemSetMissingKeywords.name)) return;  // spares loading the profiles
    const arches::ArchSet known = arches::known(ctx.repos);
    const arches::ArchSet stable = arches::arches_desc_stable(ctx.repos);
    const ProfileSet& set = ctx.profiles();
    std::vector<const ProfileEntry*> selected;
    for (const ProfileEntry& entry : set.entries())
      if ((entry.status == ProfileStatus::Stable || entry.status == ProfileStatus::Dev) && !entry.deprecated &&
          known.count(entry.arch))
        selected.push_back(&entry);
    // Evaluated side by side: this runs before the package stream starts
    // (each stack once per scan; the Visibility check reuses them).
    const std::vector<const ProfileData*> evaluated = set.data(selected);
    for (std::size_t i = 0; i < selected.size(); ++i) {
      const ProfileEntry& entry = *selected[i];
      const ProfileData* data = evaluated[i];
      if (!data) continue;  // the Profiles check says why
      std::string keyword = stable.count(entry.arch) ? entry.arch : "~" + entry.arch;
      for (const Atom* a : data->system) {
        auto& wanted = wanted_[pack(a->category, a->package)];
        Requirement r{a, keyword};
        if (std::none_of(wanted.begin(), wanted.end(), [&](const Requirement& w) { return *w.atom == *a && w.keyword == keyword; }))
          wanted.push_back(std::move(r));
      }
    }
  }

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    auto it = wanted_.find(pack(pkg.category, pkg.package));
    if (it == wanted_.end()) return;
    std::set<std::string> missing;
    for (const Requirement& r : it->second) {
      bool matched = false, keyworded = false;
      for (const Ebuild& e : pkg.versions) {
        if (!e.has_cache || !r.atom->matches(e.ref())) continue;
        matched = true;
        keyworded = keyworded || std::any_of(e.keywords.begin(), e.keywords.end(), [&](Symbol k) { return k.str() == r.keyword; });
      }
      if (matched && !keyworded) missing.insert(r.keyword);  // no match at all: UnknownProfilePackage
    }
    if (missing.empty()) return;
    std::vector<std::string> list(missing.begin(), missing.end());
    std::stable_sort(list.begin(), list.end(), arches::keyword_less);
    std::string joined;
    for (const std::string& k : list) joined += (joined.empty() ? "" : ", ") + k;
    with(out.package(kSystemSetMissingKeywords, pkg,
                     std::string("part of @system set, but is missing keywords for arch") +
                         (list.size() == 1 ? ": " : "es: ") + joined),
         "keywords", joined);
  }

 private:
  struct Requirement {
    const Atom* atom;     // owned by the profile set, which lives as long as the scan
    std::string keyword;  // "amd64" or "~amd64"
  };
  std::unordered_map<std::uint64_t, std::vector<Requirement>> wanted_;  // by (category, package)
};

const RegisterCheck<SystemSetCheck> kRegister;

}  // namespace
}  // namespace pkgscan
