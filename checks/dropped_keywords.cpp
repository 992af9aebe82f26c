// DroppedKeywords: an arch that an earlier version of the package carried
// (stable, ~arch or even -arch) and a later one no longer names at all
// (pkgcheck's DroppedKeywordsCheck).
#include <algorithm>
#include <map>
#include <set>

#include "arches.hpp"
#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kDroppedKeywords{
    "DroppedKeywords", Level::Warning, Scope::Version,
    "Going up the package's versions (live ones and ones without KEYWORDS aside), this version no longer names "
    "an arch (of arch.list) that an earlier version named, in any form. Re-adding the arch in a later version "
    "clears it, and a version with '*' in KEYWORDS (-* included) drops nothing. Only the newest version that "
    "dropped an arch is reported. Keep the keyword (as ~arch) or drop it on purpose with -arch."};

class DroppedKeywordsCheck final : public Check {
 public:
  static constexpr std::string_view kName = "DroppedKeywords";
  static constexpr std::string_view kDoc = "Reports arches whose keywords were dropped in a version bump.";
  static constexpr std::array<Keyword, 1> kKeywords = {kDroppedKeywords};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override { arches_ = arches::known(ctx.repos); }

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    std::vector<const Ebuild*> versions;
    for (const Ebuild& e : pkg.versions)
      if (e.has_cache && !e.keywords.empty() && !e.live) versions.push_back(&e);
    if (versions.size() <= 1 || arches_.empty()) return;

    std::set<std::string_view> seen, previous;
    std::map<std::string_view, std::vector<const Ebuild*>> changes;  // arch -> versions that dropped it
    for (const Ebuild* e : versions) {
      std::set<std::string_view> here, disabled;
      for (Symbol k : e->keywords) {
        std::string_view kw = k.str();
        if (!kw.empty() && kw[0] == '-') disabled.insert(kw.substr(1));
        while (!kw.empty() && (kw[0] == '~' || kw[0] == '-')) kw.remove_prefix(1);
        here.insert(kw);
      }
      if (!here.count("*")) {
        for (std::string_view a : seen)  // previous is a subset of seen
          if (!here.count(a) && arches_.count(a)) changes[a].push_back(e);
      }
      // An arch named again (not as -arch) was not dropped after all.
      for (std::string_view a : here)
        if (!previous.count(a) && !disabled.count(a)) changes.erase(a);
      seen.insert(here.begin(), here.end());
      previous = std::move(here);
    }

    std::map<const Ebuild*, std::vector<std::string>> dropped;  // newest dropping version per arch
    for (const auto& [arch, by] : changes) dropped[by.back()].emplace_back(arch);
    for (const Ebuild* e : versions) {
      auto it = dropped.find(e);
      if (it == dropped.end()) continue;
      meta::field(meta::report(out, kDroppedKeywords, *e, "dropped keywords: " + meta::joined(it->second, ", ")),
                  "arches", meta::joined(it->second));
    }
  }

 private:
  arches::ArchSet arches_;
};

const RegisterCheck<DroppedKeywordsCheck> kRegister;

}  // namespace
}  // namespace pkgscan
