// Dependency family, slots: MissingSlotDep. An atom in both DEPEND and
// RDEPEND is what the ebuild builds against and then runs with; if it names
// no slot while its matches span several, the two may be different slots.
#include <algorithm>
#include <set>

#include "dependency.hpp"

namespace pkgscan::depcheck {
namespace {

// Non-blocker atoms without slot or slot operator, USE conditionals flattened.
void unslotted(const DepSpec* spec, std::vector<const Atom*>& out) {
  out.clear();
  if (!spec) return;
  for (const DepNode& n : spec->nodes) {
    if (n.kind != NodeKind::Leaf) continue;
    const Atom& a = spec->atoms[n.leaf];
    if (a.blocker == Blocker::None && a.slot.empty() && a.slot_op == SlotOp::None) out.push_back(&a);
  }
}

}  // namespace

void check_slot_deps(const Ebuild& e, const RepoIndex& index, ResultSink& out) {
  if (!e.eapi->subslots()) return;  // slot operators arrived with EAPI 5
  thread_local std::vector<const Atom*> build, run;  // reused: this runs for every ebuild
  unslotted(e.dep(DepVar::DEPEND), build);
  if (build.empty()) return;
  unslotted(e.dep(DepVar::RDEPEND), run);
  std::set<std::string> said;
  for (const Atom* a : build) {
    bool in_run = std::any_of(run.begin(), run.end(), [&](const Atom* b) { return *a == *b; });
    if (!in_run || !said.insert(a->str()).second) continue;
    std::vector<Symbol> slots;
    for (const Ebuild* m : all_versions(index, a->category, a->package))
      if (a->matches(m->ref()) && std::find(slots.begin(), slots.end(), m->slot) == slots.end())
        slots.push_back(m->slot);
    if (slots.size() < 2) continue;
    std::sort(slots.begin(), slots.end(), Symbol::lexical_less);
    std::string list;
    for (Symbol s : slots) list += (list.empty() ? "" : ", ") + std::string(s.str());
    std::string key = a->key();
    Result* r = report(out, kMissingSlotDep, e, "DEPEND+RDEPEND", a->str(),
                       "matches versions in " + std::to_string(slots.size()) + " slots (" + list +
                           ") but names none: add the slot built against (" + key + ":" +
                           std::string(slots.back().str()) + ") or a slot operator (" + key + ":= to rebuild when it "
                           "changes, " + key + ":* for any)");
    with(r, "slots", list);
  }
}

}  // namespace pkgscan::depcheck
