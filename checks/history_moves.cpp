// MoveHistory (--commits): a SLOT change or a package rename needs an entry
// in profiles/updates so that installed packages follow (pkgcheck's
// MissingSlotmove and MissingMove).
#include "history_changes.hpp"
#include "pkgscan/atom.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kMissingSlotmove{
    "MissingSlotmove", Level::Error, Scope::Version,
    "The SLOT of an existing ebuild changed without a matching 'slotmove' line in profiles/updates, so installed "
    "copies keep the old slot and the package manager sees two packages. Add 'slotmove <atom> <old> <new>' to the "
    "current profiles/updates file (see the devmanual's package-moves page)."};
constexpr Keyword kMissingMove{
    "MissingMove", Level::Error, Scope::Package,
    "A package was renamed (its ebuilds moved to another category or name) without a 'move' line in "
    "profiles/updates, so installed copies are orphaned under the old name. Add 'move <old> <new>' to the "
    "current profiles/updates file."};

// SLOT without its sub-slot.
std::string_view slot_of(const Ebuild& e) {
  std::string_view s = e.entry.get(CacheKey::SLOT);
  return s.substr(0, s.find('/'));
}

class MoveHistoryCheck final : public Check {
 public:
  static constexpr std::string_view kName = "MoveHistory";
  static constexpr std::string_view kDoc =
      "With --commits: SLOT changes and package renames that profiles/updates does not record.";
  static constexpr std::array<Keyword, 2> kKeywords = {kMissingSlotmove, kMissingMove};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kHistory = true;

  void begin(const ScanContext& ctx) override {
    if (ctx.history) changes_.build(*ctx.history);
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.history) return;
    const PackageChanges& pc = changes_.of(pkg.category.str(), pkg.package.str());
    if (pc.ebuilds.empty()) return;
    const Profiles& profiles = ctx.repos.main().profiles();
    if (!pc.moved_from.empty()) {
      const std::string to = pkg.key();
      bool recorded = false;
      for (const PackageMove& m : profiles.moves) recorded |= m.from == pc.moved_from && m.to == to;
      if (!recorded)
        with(with(out.package(kMissingMove, pkg, "renamed package: " + pc.moved_from + " -> " + to), "old",
                  pc.moved_from),
             "new", to);
    }
    if (!pc.any('M')) return;
    const Package* old = old_package(ctx, pkg);
    for (const Ebuild& e : pkg.versions) {
      auto it = pc.ebuilds.find(e.pf);
      if (it == pc.ebuilds.end() || it->second != 'M' || e.live || !e.has_cache) continue;
      const Ebuild* was = find_version(old, e.pf);
      if (!was || !was->has_cache || slot_of(*was) == slot_of(e)) continue;
      if (slotmove_recorded(profiles, *was, slot_of(e))) continue;
      std::string from(slot_of(*was)), to(slot_of(e));
      with(with(out.version(kMissingSlotmove, e, "changed SLOT: " + from + " -> " + to), "old", from), "new", to);
    }
  }

 private:
  // A slotmove whose atom matches the old ebuild and whose new slot is the new one.
  static bool slotmove_recorded(const Profiles& profiles, const Ebuild& old, std::string_view new_slot) {
    for (const SlotMove& m : profiles.slotmoves) {
      if (m.to_slot != new_slot) continue;
      auto atom = Atom::parse(m.atom, Eapi::latest());
      if (atom && atom->category == old.category && atom->package == old.package &&
          atom->matches_version(old.version))
        return true;
    }
    return false;
  }

  ChangeIndex changes_;
};

const RegisterCheck<MoveHistoryCheck> kRegister;

}  // namespace
}  // namespace pkgscan
