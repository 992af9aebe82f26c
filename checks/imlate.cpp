// Imlate: versions whose ~arch keywords lag behind stabilisation (pkgcheck's
// ImlateCheck: LaggingStable, PotentialStable).
//
// Per slot, only the newest version that is stable on some stable arch is
// looked at: an arch stable on an older version of the slot but only ~arch
// there has fallen behind (LaggingStable, unless a newer version of the slot
// is stable there already); a stable arch it carries only as ~arch could be
// stabilised (PotentialStable).
#include <algorithm>
#include <map>
#include <set>

#include "arches.hpp"
#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kLaggingStable{
    "LaggingStable", Level::Info, Scope::Version,
    "The newest version of a slot that is stable on some stable arch keeps, as ~arch, arches where an older "
    "version of the slot is stable and no newer one is: those arches lag behind the stabilisation. Stable arches "
    "are those arches.desc calls stable (or, without arches.desc, the arches with a stable profile)."};
constexpr Keyword kPotentialStable{
    "PotentialStable", Level::Info, Scope::Version,
    "The newest version of a slot that is stable on some stable arch is only ~arch on other stable arches (where "
    "no version of the slot was stable before): it is a candidate for stabilisation there."};

std::string slot_list(const std::set<std::string>& kws) {
  return meta::joined(std::vector<std::string>(kws.begin(), kws.end()), ", ");
}

class ImlateCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Imlate";
  static constexpr std::string_view kDoc =
      "Compares the stable and ~arch keywords of the versions of each slot, on the repository's stable arches.";
  static constexpr std::array<Keyword, 2> kKeywords = {kLaggingStable, kPotentialStable};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    if (!ctx.reports(kLaggingStable.name) && !ctx.reports(kPotentialStable.name)) return;
    all_ = arches::known(ctx.repos);
    stable_ = arches::stable(ctx);
  }

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    if (stable_.empty()) return;
    std::map<std::string_view, std::vector<const Ebuild*>> by_slot;  // ascending versions per slot
    for (const Ebuild& e : pkg.versions)
      if (e.has_cache) by_slot[e.slot.str()].push_back(&e);
    for (const auto& [slot, versions] : by_slot) check_slot(slot, versions, out);
  }

 private:
  void check_slot(std::string_view slot, const std::vector<const Ebuild*>& versions, ResultSink& out) const {
    // "~A" for every known arch A that some version of the slot has stable.
    std::set<std::string> once_stable;
    for (const Ebuild* e : versions)
      for (Symbol k : e->keywords)
        if (all_.count(k.str())) once_stable.insert("~" + std::string(k.str()));

    std::set<std::string> newer_stable;  // "~A" for arches stable in a newer version of the slot
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
      const Ebuild& e = **it;
      std::set<std::string> stable_here;  // "~A" for the stable arches A this version has stable
      for (Symbol k : e.keywords)
        if (stable_.count(k.str())) stable_here.insert("~" + std::string(k.str()));
      if (stable_here.empty()) {
        for (Symbol k : e.keywords)
          if (all_.count(k.str())) newer_stable.insert("~" + std::string(k.str()));
        continue;
      }
      std::set<std::string> stable_kws;  // its stable keywords as written, for the message
      for (Symbol k : e.keywords)
        if (!k.str().empty() && k.str()[0] != '~' && k.str()[0] != '-') stable_kws.emplace(k.str());

      std::set<std::string> lagging;
      for (Symbol k : e.keywords) {
        std::string kw(k.str());
        if (once_stable.count(kw) && !newer_stable.count(kw) && !stable_here.count(kw)) lagging.insert(kw);
      }
      if (!lagging.empty())
        meta::field(meta::report(out, kLaggingStable, e,
                                 "slot(" + std::string(slot) + "), stabled arches: [ " + slot_list(stable_kws) +
                                     " ], lagging: [ " + slot_list(lagging) + " ]"),
                    "keywords", meta::joined(std::vector<std::string>(lagging.begin(), lagging.end())));

      std::set<std::string> potential;
      for (Symbol k : e.keywords) {
        std::string_view kw = k.str();
        if (kw.empty() || kw[0] != '~' || !stable_.count(kw.substr(1))) continue;
        std::string s(kw);
        if (!lagging.count(s) && !stable_here.count(s)) potential.insert(s);
      }
      if (!potential.empty())
        meta::field(meta::report(out, kPotentialStable, e,
                                 "slot(" + std::string(slot) + "), stabled arches: [ " + slot_list(stable_kws) +
                                     " ], potential: [ " + slot_list(potential) + " ]"),
                    "keywords", meta::joined(std::vector<std::string>(potential.begin(), potential.end())));
      break;
    }
  }

  arches::ArchSet all_, stable_;
};

const RegisterCheck<ImlateCheck> kRegister;

}  // namespace
}  // namespace pkgscan
