// Visibility: the selected profiles as columns.
#include <algorithm>

#include "visibility.hpp"

namespace pkgscan::visibility {

namespace {

// Do two evaluated profiles see packages the same way under the same view?
// (USE defaults, package.use and the system set do not matter here.)
bool same_view(const ProfileData& a, const ProfileData& b, bool stable) {
  if (&a == &b) return true;
  const bool rules = stable ? a.stable_use_mask == b.stable_use_mask && a.stable_use_force == b.stable_use_force
                            : a.use_mask == b.use_mask && a.use_force == b.use_force;
  return rules && a.masks == b.masks && a.unmasks == b.unmasks && a.iuse_effective == b.iuse_effective &&
         a.provided == b.provided;
}

}  // namespace

ColumnSet build_columns(const ProfileSet& profiles, bool with_exp) {
  ColumnSet out;
  out.known_arches = profiles.known_arches();
  std::vector<const ProfileEntry*> selected;
  for (const ProfileEntry& e : profiles.entries()) {
    const bool status = e.status == ProfileStatus::Stable || e.status == ProfileStatus::Dev ||
                        (with_exp && e.status == ProfileStatus::Exp);
    if (!status || e.deprecated) continue;
    if (std::find(out.known_arches.begin(), out.known_arches.end(), e.arch) == out.known_arches.end()) continue;
    selected.push_back(&e);
  }
  const std::vector<const ProfileData*> data = profiles.data(selected);

  for (std::size_t i = 0; i < selected.size(); ++i) {
    if (!data[i]) {
      out.skipped.push_back(selected[i]->path);
      continue;
    }
    for (bool stable : {true, false}) {
      auto same = std::find_if(out.columns.begin(), out.columns.end(), [&](const Column& c) {
        return c.stable == stable && c.arch == selected[i]->arch && same_view(*c.data, *data[i], stable);
      });
      if (same == out.columns.end()) {
        const std::string& arch = selected[i]->arch;
        out.columns.push_back(Column{arch, stable, data[i], {}, stable ? arch : "~" + arch, Symbol::intern(arch),
                                     stable ? Symbol() : Symbol::intern("~" + arch)});
        same = out.columns.end() - 1;
      }
      same->entries.push_back(selected[i]);
    }
  }
  return out;
}

}  // namespace pkgscan::visibility
