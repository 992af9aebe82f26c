// Dependency family, slots: MissingSlotDep. An atom in both DEPEND and
// RDEPEND is what the ebuild builds against and then runs with; if it names
// no slot while its matches span several, the two may be different slots.
// dependency.cpp finds the atoms (EAPI 5+, on the RDEPEND copy) and the
// package copies while it resolves them, so this costs no extra lookup.
#include <algorithm>

#include "dependency.hpp"

namespace pkgscan::depcheck {

void check_slot_dep(const Ebuild& e, const Atom& atom, std::span<const Package* const> copies, ResultSink& out) {
  // Fewer than two versions settle it without touching them (cold memory).
  std::size_t total = 0;
  for (const Package* p : copies) total += p->versions.size();
  if (total < 2) return;
  thread_local std::vector<Symbol> slots;
  slots.clear();
  for (const Package* p : copies)
    for (const Ebuild& m : p->versions)
      if (std::find(slots.begin(), slots.end(), m.slot) == slots.end() && atom.matches(m.ref())) slots.push_back(m.slot);
  if (slots.size() < 2) return;
  std::sort(slots.begin(), slots.end(), Symbol::lexical_less);
  std::string list;
  for (Symbol s : slots) list.append(list.empty() ? "" : ", ").append(s.str());
  std::string key = atom.key();
  Result* r = report(out, kMissingSlotDep, e, "DEPEND+RDEPEND", atom.str(),
                     "matches versions in " + std::to_string(slots.size()) + " slots (" + list +
                         ") but names none: add the slot built against (" + key + ":" +
                         std::string(slots.back().str()) + ") or a slot operator (" + key +
                         ":= to rebuild when it changes, " + key + ":* for any)");
  with(r, "slots", list);
}

}  // namespace pkgscan::depcheck
