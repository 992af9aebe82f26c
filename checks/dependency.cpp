// Dependency: does each dependency exist, is it well-formed for its
// variable, does it say what it means? Resolution goes through the shared
// RepoIndex (the repository and its masters). When a master is missing, an
// atom that matches nothing might live there, so it is counted (one
// UnresolvableDeps result) instead of being called nonexistent.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <unordered_map>

#include "dependency.hpp"

namespace pkgscan {
namespace depcheck {

Result* report(ResultSink& out, const Keyword& kw, const Ebuild& e, std::string_view var, const std::string& atom,
               const std::string& reason) {
  std::string msg;
  msg.reserve(var.size() + atom.size() + reason.size() + 4);
  msg.append(var).append(": ").append(atom).append(": ").append(reason);
  Result* r = out.version(kw, e, std::move(msg));
  with(r, "attr", std::string(var));
  with(r, "atom", atom);
  return r;
}

AtomFindings::Finding* AtomFindings::add(const Keyword& kw, DepVar var, const Atom& atom) {
  const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(var));
  Atom bare = atom;
  bare.use.clear();
  for (Finding& f : findings_) {
    if (f.keyword == &kw && f.atom == bare) {
      f.vars |= bit;
      return nullptr;
    }
  }
  findings_.push_back(Finding{&kw, std::move(bare), bit, {}, {}});
  return &findings_.back();
}

void AtomFindings::flush(const Ebuild& e, ResultSink& out, std::vector<std::string>& unresolved) {
  for (Finding& f : findings_) {
    if (f.keyword == &kUnresolvableDeps) {
      unresolved.push_back(f.atom.key());
      continue;
    }
    std::string attr;
    for (DepVar v : kDepVars)
      if (f.vars & (1u << static_cast<unsigned>(v))) attr.append(attr.empty() ? "" : "+").append(dep_var_name(v));
    Result* r = report(out, *f.keyword, e, attr, f.atom.str(), f.reason);
    for (auto& [key, value] : f.fields) with(r, std::move(key), std::move(value));
  }
  findings_.clear();
}

void all_versions(const RepoIndex& index, Symbol category, Symbol package, std::vector<const Ebuild*>& out) {
  index.versions(category, package, out);
}

std::vector<const Ebuild*> all_versions(const RepoIndex& index, Symbol category, Symbol package) {
  std::vector<const Ebuild*> out;
  all_versions(index, category, package, out);
  return out;
}

void PackageLookups::clear() {
  ++generation_;
  if (generation_ == 0) {  // wrapped: forget every stale stamp
    std::fill(slots_.begin(), slots_.end(), Entry{});
    generation_ = 1;
  }
  used_ = 0;
  copies_.clear();
}

PackageLookups::Found PackageLookups::find(const RepoIndex& index, Symbol category, Symbol package) {
  if (slots_.empty() || (used_ + 1) * 2 > slots_.size()) grow();
  const std::uint64_t key = (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
  std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
  for (;; i = (i + 1) & mask) {
    Entry& s = slots_[i];
    if (s.generation != generation_) {
      s = Entry{key, generation_, static_cast<std::uint32_t>(copies_.size()), 0, false};
      index.for_each_copy(category, package, [&](const Package& p) {
        copies_.push_back(&p);
        s.any_version |= !p.versions.empty();
      });
      s.count = static_cast<std::uint32_t>(copies_.size() - s.first);
      ++used_;
      return {std::span<const Package* const>(copies_.data() + s.first, s.count), s.any_version};
    }
    if (s.key == key) return {std::span<const Package* const>(copies_.data() + s.first, s.count), s.any_version};
  }
}

void PackageLookups::grow() {
  std::vector<Entry> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, Entry{});
  const std::size_t mask = slots_.size() - 1;
  for (const Entry& s : old) {
    if (s.generation != generation_) continue;
    std::size_t i = static_cast<std::size_t>((s.key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (slots_[i].generation == generation_) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

namespace {

std::uint64_t pack(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

// The slot part of an atom as written: ":=", ":*", ":2/3=".
std::string slot_text(const Atom& a) {
  std::string s = ":";
  s.append(a.slot.str());
  if (!a.subslot.empty()) s.append("/").append(a.subslot.str());
  if (a.slot_op == SlotOp::Rebuild) s += '=';
  else if (a.slot_op == SlotOp::Any) s += '*';
  return s;
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s.append(sep);
    s.append(items[i]);
  }
  return s;
}

// Where a profiles line came from, for messages: "profiles/updates/1Q-2024:3"
// or, from a master, "gentoo:profiles/updates/1Q-2024:3".
std::string origin(const Repository& repo, const Repository& main, const std::string& path, int line) {
  std::string s = &repo == &main ? std::string() : repo.name() + ":";
  s += path;
  if (line > 0) s += ":" + std::to_string(line);
  return s;
}

// DEPEND atoms without slot or slot operator of the ebuild being checked
// (per thread: check_package runs concurrently), for MissingSlotDep.
thread_local std::vector<const Atom*> depend_unslotted;
// The packages named by the dependencies of the package being checked.
thread_local PackageLookups lookups;
// The per-atom results of the ebuild being checked.
thread_local AtomFindings findings;

bool is_move_source(const std::unordered_map<std::string, std::string>& moves, const std::string& key) {
  return moves.count(key) != 0;
}

}  // namespace

class DependencyCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Dependency";
  static constexpr std::string_view kDoc =
      "Checks dependency atoms against the repository and its masters: existence, package moves, deprecation, "
      "blockers, slot and USE dependencies, revisions, redundancy and self-dependencies.";
  static constexpr std::array<Keyword, 13> kKeywords = {
      kBadDependency,        kDependencyMoved,   kDeprecatedDep,        kMisplacedWeakBlocker, kMissingPackageRevision,
      kMissingSlotDep,       kMissingUseDepDefault, kNonexistentBlocker, kNonexistentDeps,      kRedundantDep,
      kSelfDependency,       kUnresolvableDeps,  kUnstatedIuse};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    const RepoSet& repos = ctx.repos;
    missing_master_ = !repos.missing_masters().empty();
    names_ = join(repos.repo_names());
    implicit_.build(repos);

    // Moves: the main repository first, then masters; the first word on a
    // name wins. Chains (a -> b -> c) are followed to their end below.
    struct Move {
      std::string to, where;
    };
    std::unordered_map<std::string, Move> direct;
    for (const auto& repo : repos.repos())
      for (const PackageMove& m : repo->profiles().moves)
        direct.emplace(m.from, Move{m.to, origin(*repo, repos.main(), m.path, m.line)});
    for (const auto& [from, move] : direct) {
      std::string to = move.to;
      for (int hops = 0; hops < 32; ++hops) {  // bounded: updates files may contain cycles
        auto next = direct.find(to);
        if (next == direct.end() || next->second.to == from) break;
        to = next->second.to;
      }
      moves_[from] = to;
      move_origin_[from] = move.where;
    }

    // package.deprecated: parsed once, grouped by package.
    for (const auto& repo : repos.repos())
      for (const ProfileLine& line : repo->profiles().package_deprecated) {
        auto atom = Atom::parse(line.text, Eapi::latest());
        if (!atom || atom->blocker != Blocker::None) continue;  // malformed lines are the profiles checks' business
        Symbol cat = atom->category, pkg = atom->package;
        deprecated_[pack(cat, pkg)].push_back({std::move(*atom), origin(*repo, repos.main(), line.path, line.line)});
        if (pkg.id() >= deprecated_names_.size()) deprecated_names_.resize(pkg.id() + 1);
        deprecated_names_[pkg.id()] = true;
      }
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    const Wants wants(out);
    std::vector<std::string> unresolved;
    lookups.clear();
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache || !e.eapi) continue;  // MissingCacheEntry / InvalidEapi say why
      check_ebuild(e, wants, ctx.index, out, unresolved);
      check_use_flags(e, implicit_, ctx.index, out);
    }
    if (!unresolved.empty()) {
      std::lock_guard lock(mu_);
      unresolved_refs_ += unresolved.size();
      unresolved_keys_.insert(unresolved.begin(), unresolved.end());
    }
  }

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    std::lock_guard lock(mu_);
    if (unresolved_refs_ == 0) return;
    const auto& missing = ctx.repos.missing_masters();
    std::string masters = join(missing);
    std::string examples;
    std::size_t shown = 0;
    for (const std::string& key : unresolved_keys_) {
      if (shown == 3) break;
      examples += (shown++ ? ", " : "") + key;
    }
    if (unresolved_keys_.size() > shown) examples += ", ...";
    std::string msg = std::to_string(unresolved_refs_) + " dependency atom" + (unresolved_refs_ == 1 ? "" : "s") +
                      " naming " + std::to_string(unresolved_keys_.size()) + " package" +
                      (unresolved_keys_.size() == 1 ? "" : "s") + " (" + examples + ") match nothing in " + names_ +
                      " and may live in the missing master " + masters + ": not checked (use --repo-path " +
                      missing.front() + "=PATH)";
    Result* r = out.repo(kUnresolvableDeps, "metadata/layout.conf", 0, std::move(msg));
    with(r, "masters", masters);
    with(r, "atoms", std::to_string(unresolved_refs_));
    with(r, "packages", std::to_string(unresolved_keys_.size()));
  }

 private:
  struct Deprecation {
    Atom atom;
    std::string where;
  };

  // Which keywords are wanted, asked once per package: wants() looks the
  // name up, and the per-atom path should not.
  struct Wants {
    bool bad, revision, self, blocker, existence, deprecated, redundant, slot;
    explicit Wants(const ResultSink& out)
        : bad(out.wants(kBadDependency)),
          revision(out.wants(kMissingPackageRevision)),
          self(out.wants(kSelfDependency)),
          blocker(out.wants(kNonexistentBlocker)),
          existence(out.wants(kNonexistentDeps) || out.wants(kDependencyMoved) || out.wants(kUnresolvableDeps)),
          deprecated(out.wants(kDeprecatedDep)),
          redundant(out.wants(kRedundantDep)),
          slot(out.wants(kMissingSlotDep)) {}
  };

  // One atom leaf with where it sits: its variable, whether some || group
  // encloses it, and the USE conditions above it (outermost first).
  struct Site {
    DepVar var;
    const DepSpec* spec;
    std::uint32_t leaf;  // index into spec->atoms
    bool in_any_of;
    std::span<const DepSpec::Condition> conditions;
  };

  // Pre-order walk over the flat tree with one reused stack: no allocation
  // per leaf (DepSpec::flatten copies the conditions of every leaf).
  template <class Fn>
  static void walk(const DepSpec& spec, DepVar v, Fn&& fn) {
    struct Open {
      std::uint32_t end;
      bool cond, any;
    };
    thread_local std::vector<Open> stack;
    thread_local std::vector<DepSpec::Condition> conds;
    stack.clear();
    conds.clear();
    int any_depth = 0;
    for (std::uint32_t i = 1; i < spec.nodes.size(); ++i) {
      while (!stack.empty() && i >= stack.back().end) {
        if (stack.back().cond) conds.pop_back();
        if (stack.back().any) --any_depth;
        stack.pop_back();
      }
      const DepNode& n = spec.nodes[i];
      switch (n.kind) {
        case NodeKind::Leaf:
          fn(Site{v, &spec, n.leaf, any_depth > 0, std::span<const DepSpec::Condition>(conds)});
          break;
        case NodeKind::UseCond:
          conds.push_back({n.flag, n.negated});
          stack.push_back({n.end, true, false});
          break;
        case NodeKind::AllOf:
          stack.push_back({n.end, false, false});
          break;
        default:  // || ^^ ??
          ++any_depth;
          stack.push_back({n.end, false, true});
          break;
      }
    }
  }

  void check_ebuild(const Ebuild& e, const Wants& w, const RepoIndex& index, ResultSink& out,
                    std::vector<std::string>& unresolved) const {
    // Weak blockers per variable, for MisplacedWeakBlocker after the loop.
    std::array<std::vector<const Atom*>, 5> weak;
    thread_local std::vector<std::uint64_t> keys;
    depend_unslotted.clear();
    findings.clear();

    for (DepVar v : kDepVars) {
      std::string_view var = dep_var_name(v);
      const DepSpec* spec = e.dep(v);
      if (!spec) continue;  // does not parse: DependencySyntax says why
      keys.clear();
      if (v == DepVar::DEPEND) {
        depend_unslotted.clear();
        for (const Atom& a : spec->atoms)
          if (a.blocker == Blocker::None && a.slot.empty() && a.slot_op == SlotOp::None) depend_unslotted.push_back(&a);
      }
      walk(*spec, v, [&](const Site& site) {
        const Atom& atom = spec->atoms[site.leaf];
        check_atom(e, w, site, atom, index, out);
        if (atom.blocker == Blocker::Weak) weak[static_cast<std::size_t>(v)].push_back(&atom);
        if (!site.in_any_of) keys.push_back(pack(atom.category, atom.package));
      });
      // RedundantDep needs two leaves on one package outside || groups;
      // only then is the full comparison worth its allocations.
      if (!w.redundant || keys.size() < 2) continue;
      std::sort(keys.begin(), keys.end());
      if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) redundant(e, var, *spec, spec->flatten(), out);
    }
    misplaced_weak_blockers(e, weak, out);
    findings.flush(e, out, unresolved);
  }

  void check_atom(const Ebuild& e, const Wants& w, const Site& site, const Atom& atom, const RepoIndex& index,
                  ResultSink& out) const {
    const DepVar v = site.var;
    std::string_view var = dep_var_name(v);
    const bool blocker = atom.blocker != Blocker::None;

    // BadDependency: slot operators where they cannot work, and self-blocks.
    if (w.bad && atom.slot_op == SlotOp::Rebuild && !blocker) {
      if (site.in_any_of)
        report(out, kBadDependency, e, var, atom.str(),
               "':=' slot operator inside '|| ( )': the package manager cannot record which alternative to "
               "rebuild against");
      if (v == DepVar::PDEPEND)
        report(out, kBadDependency, e, var, atom.str(),
               "':=' slot operator is not allowed in PDEPEND: nothing is built against a post-dependency");
    }
    // A blocker that blocks the ebuild itself is reported as that alone, as
    // pkgcheck does: removing it removes its slot operator too.
    if (w.bad && blocker) {
      if (atom.matches(e.ref()))
        report(out, kBadDependency, e, var, atom.str(), "the package blocks itself (" + e.cpv() + ")");
      else if (atom.slot_op != SlotOp::None)
        report(out, kBadDependency, e, var, atom.str(),
               "slot operator '" + slot_text(atom) + "' on a blocker: a blocker is never built against; drop it");
    }

    // MissingPackageRevision.
    if (w.revision && atom.version && !atom.glob && !atom.version->has_revision() &&
        (atom.op == Op::Equal || atom.op == Op::LessEq || atom.op == Op::Greater)) {
      if (AtomFindings::Finding* f = findings.add(kMissingPackageRevision, v, atom)) {
        const std::string& ver = atom.version->str();
        std::string tilde = "~" + atom.key() + "-" + ver;
        if (atom.op == Op::Equal)
          f->reason = "'=' without a revision matches only " + ver + "-r0, not " + ver + "-r1; write " + tilde +
                      " for any revision or add -r0 if that is meant";
        else if (atom.op == Op::LessEq)
          f->reason = "'<=' without a revision excludes " + ver + "-r1 and later revisions; write the last revision meant";
        else
          f->reason = "'>' without a revision already matches " + ver + "-r1; write the revision meant";
      }
    }

    // SelfDependency: only an atom that the ebuild itself satisfies. Inside
    // '|| ( )' another alternative (a -bin or -bootstrap package) can break
    // the cycle, and an atom on another slot or version of the package
    // (signing keys of last year, an older compiler) bootstraps through it.
    if (w.self && !blocker && !site.in_any_of && atom.category == e.category && atom.package == e.package &&
        atom.matches(e.ref())) {
      bool build = v == DepVar::DEPEND || v == DepVar::BDEPEND;
      std::string under;
      for (const DepSpec::Condition& c : site.conditions)
        under.append(under.empty() ? " (under '" : " ").append(c.negated ? "!" : "").append(c.flag.str()).append("?");
      if (!under.empty()) under += "')";
      report(out, kSelfDependency, e, var, atom.str(),
             build ? "build-time dependency on its own package" + under +
                         ": it cannot be built where it is not installed yet (breaks bootstrapping)"
                   : "dependency on its own package" + under +
                         ": always satisfied by itself; state USE constraints with REQUIRED_USE instead");
    }

    if (blocker) {
      if (w.blocker && !missing_master_) nonexistent_blocker(v, atom, index);
      return;
    }

    // Existence: does any version in the repository set match (ignoring USE
    // deps)? The common answer is yes, so that path allocates nothing.
    // MissingSlotDep is decided on the RDEPEND copy of an atom also in DEPEND,
    // with the packages this lookup finds anyway.
    const auto& atoms = site.spec->atoms;
    auto earlier = [&] { return std::find(atoms.begin(), atoms.begin() + site.leaf, atom) != atoms.begin() + site.leaf; };
    const bool slot_dep = w.slot && v == DepVar::RDEPEND && e.eapi->subslots() && atom.slot.empty() &&
                          atom.slot_op == SlotOp::None &&
                          std::any_of(depend_unslotted.begin(), depend_unslotted.end(),
                                      [&](const Atom* d) { return *d == atom; }) &&
                          !earlier();
    if (!w.existence && !slot_dep) return deprecated_dep(w, v, atom, index);

    const PackageLookups::Found found = lookups.find(index, atom.category, atom.package);
    const std::span<const Package* const> copies = found.copies;

    if (w.existence) {
      const bool any_version = found.any_version;
      // Most atoms name a package and nothing else (USE deps do not count
      // here): any version matches, and the versions themselves, cold in
      // memory, need not be touched.
      const bool any_matches = !atom.version && atom.slot.empty();
      bool matched = any_matches && any_version;
      for (const Package* p : copies) {
        if (any_matches) break;
        for (auto m = p->versions.rbegin(); !matched && m != p->versions.rend(); ++m)  // newest first: usually a hit
          matched = atom.matches(m->ref());
      }
      if (!matched) unmatched(v, atom, any_version, index);
    }
    if (slot_dep) check_slot_dep(e, atom, copies, out);
    deprecated_dep(w, v, atom, index);
  }

  void deprecated_dep(const Wants& w, DepVar v, const Atom& atom, const RepoIndex& index) const {
    if (w.deprecated && atom.package.id() < deprecated_names_.size() && deprecated_names_[atom.package.id()]) {
      auto it = deprecated_.find(pack(atom.category, atom.package));
      if (it != deprecated_.end()) deprecated(v, atom, it->second, all_versions(index, atom.category, atom.package));
    }
  }

  // Up to eight versions of the atom's package, oldest first: "1.2, 1.3" or,
  // where the slot decides, "1.2 (slot 0), 2.0 (slot 2)".
  static std::string available(const RepoIndex& index, const Atom& atom, bool with_slots) {
    std::vector<std::string> have;
    for (const Ebuild* m : all_versions(index, atom.category, atom.package)) {
      if (have.size() == 8) {
        have.push_back("...");
        break;
      }
      have.push_back(with_slots ? m->version.str() + " (slot " + std::string(m->slot.str()) + ")" : m->version.str());
    }
    return join(have);
  }

  // An atom (not a blocker) that matches no version: moved, maybe in a
  // missing master, or nonexistent.
  void unmatched(DepVar v, const Atom& atom, bool any_version, const RepoIndex& index) const {
    std::string key = atom.key();
    auto moved = moves_.find(key);
    if (moved != moves_.end()) {
      if (AtomFindings::Finding* f = findings.add(kDependencyMoved, v, atom)) {
        f->reason = "package moved to " + moved->second + " (" + move_origin_.at(key) + ")";
        f->fields.emplace_back("new", moved->second);
      }
    } else if (missing_master_) {
      findings.add(kUnresolvableDeps, v, atom);
    } else if (AtomFindings::Finding* f = findings.add(kNonexistentDeps, v, atom)) {
      if (!any_version) {
        f->reason = "no such package in " + names_;
      } else {
        std::string have = available(index, atom, true);
        f->reason = "no version matches in " + names_ + " (available: " + have + ")";
        f->fields.emplace_back("available", std::move(have));
      }
    }
  }

  // NonexistentBlocker: no version in the repository set has the blocker's
  // name and satisfies its operator and version (glob and ~ included). Its
  // slot and USE dependencies are ignored, as pkgcheck ignores them.
  void nonexistent_blocker(DepVar v, const Atom& atom, const RepoIndex& index) const {
    const PackageLookups::Found found = lookups.find(index, atom.category, atom.package);
    if (!found.any_version) {
      if (is_move_source(moves_, atom.key())) return;  // the package lives on under the name it was moved to
      if (AtomFindings::Finding* f = findings.add(kNonexistentBlocker, v, atom))
        f->reason = "blocks a package that exists in no repository (" + names_ + "): the blocker is probably obsolete";
      return;
    }
    if (!atom.version) return;
    for (const Package* p : found.copies)
      for (const Ebuild& m : p->versions)
        if (atom.matches_version(m.version)) return;
    if (AtomFindings::Finding* f = findings.add(kNonexistentBlocker, v, atom)) {
      std::string have = available(index, atom, false);
      f->reason = "blocks no version of " + atom.key() + " in " + names_ + " (available: " + have +
                  "): the blocker is probably obsolete";
      f->fields.emplace_back("available", std::move(have));
    }
  }

  static void deprecated(DepVar v, const Atom& atom, const std::vector<Deprecation>& entries,
                         const std::vector<const Ebuild*>& versions) {
    const Deprecation* hit = nullptr;
    bool any = false, all = true;
    for (const Ebuild* m : versions) {
      if (!atom.matches(m->ref())) continue;
      any = true;
      const Deprecation* by = nullptr;
      for (const Deprecation& d : entries)
        if (d.atom.matches(m->ref())) by = &d;
      if (!by) all = false;
      else if (!hit) hit = by;
    }
    if (!any) {
      // Nothing to compare with (e.g. the package lives in a missing master):
      // only a deprecation of the whole package applies.
      for (const Deprecation& d : entries)
        if (!d.atom.version && d.atom.slot.empty() && d.atom.use.empty()) hit = &d;
      all = hit != nullptr;
    }
    if (!all || !hit) return;
    if (AtomFindings::Finding* f = findings.add(kDeprecatedDep, v, atom)) {
      f->reason = "deprecated package (" + hit->atom.str() + " in " + hit->where + ")";
      f->fields.emplace_back("deprecated", hit->atom.str());
    }
  }

  // RedundantDep: an atom outside any || group that is already required by
  // another copy under the same or fewer USE conditions.
  static void redundant(const Ebuild& e, std::string_view var, const DepSpec& spec,
                        const std::vector<DepSpec::FlatLeaf>& flat, ResultSink& out) {
    struct Item {
      const Atom* atom;
      std::vector<DepSpec::Condition> cond;  // sorted
      std::size_t order;
    };
    // By name, not by symbol id: ids depend on which thread interned a flag
    // first, and this order shows up in messages, which must not vary with -j.
    auto cond_less = [](const DepSpec::Condition& a, const DepSpec::Condition& b) {
      if (a.flag != b.flag) return a.flag.str() < b.flag.str();
      return a.negated < b.negated;
    };
    std::vector<Item> items;
    for (std::size_t i = 0; i < flat.size(); ++i) {
      if (flat[i].in_any_of) continue;
      Item it{&spec.atoms[spec.nodes[flat[i].node].leaf], flat[i].conditions, i};
      std::sort(it.cond.begin(), it.cond.end(), cond_less);
      it.cond.erase(std::unique(it.cond.begin(), it.cond.end()), it.cond.end());
      items.push_back(std::move(it));
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return pack(a.atom->category, a.atom->package) < pack(b.atom->category, b.atom->package);
    });
    auto cond_text = [](const std::vector<DepSpec::Condition>& c) {
      std::string s;
      for (const auto& x : c) s += std::string(s.empty() ? "" : " ") + (x.negated ? "!" : "") + std::string(x.flag.str()) + "?";
      return s;
    };
    for (std::size_t lo = 0; lo < items.size();) {
      std::size_t hi = lo + 1;
      std::uint64_t key = pack(items[lo].atom->category, items[lo].atom->package);
      while (hi < items.size() && pack(items[hi].atom->category, items[hi].atom->package) == key) ++hi;
      for (std::size_t j = lo; j < hi; ++j) {
        for (std::size_t i = lo; i < hi; ++i) {
          if (i == j || !(*items[i].atom == *items[j].atom)) continue;
          const auto& ci = items[i].cond;
          const auto& cj = items[j].cond;
          bool same = ci == cj;
          if (same && items[i].order > items[j].order) continue;  // report the later copy only
          if (!same && !std::includes(cj.begin(), cj.end(), ci.begin(), ci.end(), cond_less)) continue;
          std::string reason = same ? (ci.empty() ? std::string("listed twice")
                                                  : "listed twice under '" + cond_text(ci) + "'")
                                    : "required under '" + cond_text(cj) + "' but already required " +
                                          (ci.empty() ? std::string("unconditionally") : "under '" + cond_text(ci) + "'");
          report(out, kRedundantDep, e, var, items[j].atom->str(), reason);
          break;
        }
      }
      lo = hi;
    }
  }

  static void misplaced_weak_blockers(const Ebuild& e, const std::array<std::vector<const Atom*>, 5>& weak,
                                      ResultSink& out) {
    auto in = [&](DepVar v, const Atom* a) {
      for (const Atom* b : weak[static_cast<std::size_t>(v)])
        if (*a == *b) return true;
      return false;
    };
    std::set<std::pair<int, std::string>> said;
    for (DepVar v : {DepVar::DEPEND, DepVar::BDEPEND, DepVar::IDEPEND, DepVar::PDEPEND}) {
      for (const Atom* a : weak[static_cast<std::size_t>(v)]) {
        std::string reason;
        if ((v == DepVar::DEPEND || v == DepVar::BDEPEND) && !in(DepVar::RDEPEND, a))
          reason = "weak blocker only at build time: weak blockers decide file collisions at merge time, so it "
                   "belongs in RDEPEND (or make it a strong blocker !!)";
        else if (v == DepVar::IDEPEND && !in(DepVar::RDEPEND, a) && !in(DepVar::DEPEND, a))
          reason = "weak blocker in IDEPEND but not in RDEPEND: it belongs in RDEPEND";
        else if (v == DepVar::PDEPEND)
          reason = "weak blocker in PDEPEND comes too late to matter: it belongs in RDEPEND";
        if (reason.empty() || !said.emplace(static_cast<int>(v), a->str()).second) continue;
        report(out, kMisplacedWeakBlocker, e, dep_var_name(v), a->str(), reason);
      }
    }
  }

  bool missing_master_ = false;
  std::string names_;
  ImplicitIuse implicit_;
  std::unordered_map<std::string, std::string> moves_;        // old "cat/pkg" -> final new name
  std::unordered_map<std::string, std::string> move_origin_;  // old "cat/pkg" -> where the move is written
  std::unordered_map<std::uint64_t, std::vector<Deprecation>> deprecated_;
  // Package names (symbol ids) with some deprecation: a bit test spares the
  // map lookup for almost every atom.
  std::vector<bool> deprecated_names_;

  mutable std::mutex mu_;  // guards the unresolved counters, filled concurrently
  mutable std::size_t unresolved_refs_ = 0;
  mutable std::set<std::string> unresolved_keys_;
};

const RegisterCheck<DependencyCheck> kRegister;

}  // namespace depcheck
}  // namespace pkgscan
