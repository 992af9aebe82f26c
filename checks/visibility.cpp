// Visibility: is every dependency of an ebuild installable on every profile
// that keywords it, and can its REQUIRED_USE be met there? (pkgcheck's
// NonsolvableDeps* and RequiredUseUnsatisfiable*, with pkgcheck's profile
// selection and grouping; reference/profiles-and-checks.md §2.)
//
// Per ebuild: the columns (profiles x stable/~arch view) that see it, split
// into parts that agree on the ebuild's conditional flags; per part, the
// dependency class in conjunctive normal form (each clause an atom or the
// alternatives of an '|| ( )' group); a clause fails in the columns where no
// visible version satisfies any of its atoms. Atom answers are bit sets over
// all columns, cached per package.
#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include <tbb/concurrent_unordered_map.h>

#include "visibility.hpp"

namespace pkgscan::visibility {

namespace {

std::uint64_t pack(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

struct AtomHash {
  std::size_t operator()(const Atom& a) const noexcept {
    std::size_t h = pack(a.category, a.package) * 0x9E3779B97F4A7C15ull;
    auto mix = [&](std::size_t x) { h ^= x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2); };
    if (a.version) mix(a.version->hash());
    mix(static_cast<std::size_t>(a.op) | (static_cast<std::size_t>(a.glob) << 4) |
        (static_cast<std::size_t>(a.slot_op) << 5));
    mix(a.slot.id());
    mix(a.subslot.id());
    for (const UseDep& u : a.use)
      mix(u.flag.id() * 16 + static_cast<std::size_t>(u.kind) * 4 + static_cast<std::size_t>(u.def));
    return h;
  }
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// The state of one of the depending ebuild's flags in a part of the columns.
enum class FlagState : std::int8_t { Off, On, Free };

// Which of the family's keywords are wanted, asked once per package.
struct Wants {
  bool deps, required_use;
  explicit Wants(const ResultSink& out)
      : deps(out.wants(kNonsolvableDepsInStable) || out.wants(kNonsolvableDepsInDev) ||
             out.wants(kNonsolvableDepsInExp)),
        required_use(out.wants(kRequiredUseUnsatisfiableInStable) || out.wants(kRequiredUseUnsatisfiableInDev) ||
                     out.wants(kRequiredUseUnsatisfiableInExp)) {}
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual void check_package(const Package& pkg, ResultSink& out) const = 0;
};

template <std::size_t N>
class Engine final : public Evaluator {
  using B = Bits<N>;

 public:
  Engine(ColumnSet cols, const ScanContext& ctx) : cols_(std::move(cols)), index_(ctx.index) {
    const std::size_t n = cols_.columns.size();
    all_ = B::all(n);
    rank_profiles();
    for (const std::string& a : cols_.known_arches) arch_flags_.insert(Symbol::intern(a).id());

    // Package masks: each distinct atom once, with the columns it masks or unmasks.
    std::unordered_map<const Atom*, std::size_t> where;
    auto entry = [&](const Atom* a) -> MaskAtom& {
      auto [it, added] = where.emplace(a, 0);
      auto& list = masks_[pack(a->category, a->package)];
      if (added) {
        it->second = list.size();
        list.push_back(MaskAtom{a, {}, {}});
      }
      return list[it->second];
    };
    // Once per evaluated profile, not per column: the stable and ~arch views
    // share one, and a mask list runs to hundreds of atoms.
    for (const Atom* a : ctx.profiles().repo_masks()) entry(a).masked |= all_;
    std::vector<std::pair<const ProfileData*, B>> by_data;
    for (std::size_t c = 0; c < n; ++c) {
      const ProfileData* d = cols_.columns[c].data;
      auto it = std::find_if(by_data.begin(), by_data.end(), [&](const auto& x) { return x.first == d; });
      if (it == by_data.end()) it = by_data.insert(by_data.end(), {d, B{}});
      it->second.set(c);
    }
    for (const auto& [d, columns] : by_data) {
      for (const Atom* a : d->masks) entry(a).masked |= columns;
      for (const Atom* a : d->unmasks) entry(a).unmasked |= columns;
    }
    for (std::size_t c = 0; c < n; ++c) {
      const Column& col = cols_.columns[c];

      // Keywords: "amd64" is seen by both views of amd64 profiles, "~amd64" by the ~arch view only.
      keyword_bits_[Symbol::intern("~" + col.arch).id()].set(c);
      keyword_bits_[Symbol::intern(col.arch).id()].set(c);
      if (col.stable) keyword_bits_[Symbol::intern("~" + col.arch).id()].reset(c);

      // Flags: the profile's global masks and forces, each arch flag other
      // than the profile's own masked and its own forced (as pkgcheck does).
      for (Symbol f : col.masked().global()) masked_[f.id()].set(c);
      for (Symbol f : col.forced().global()) forced_[f.id()].set(c);
      for (const std::string& a : cols_.known_arches) {
        Symbol f = Symbol::intern(a);
        if (a == col.arch) {
          forced_[f.id()].set(c);
          masked_[f.id()].reset(c);
        } else {
          masked_[f.id()].set(c);
        }
      }
      for (Symbol f : col.data->iuse_effective) iuse_effective_[f.id()].set(c);
      for (auto [groups, rules] : {std::pair{&masked_rules_, &col.masked()}, {&forced_rules_, &col.forced()}}) {
        auto g = std::find_if(groups->begin(), groups->end(), [&](const RuleGroup& x) { return *x.rules == *rules; });
        if (g == groups->end()) {
          RuleSlots& slots = groups == &masked_rules_ ? masked_slots_ : forced_slots_;
          g = groups->insert(groups->end(), RuleGroup{rules, B{}, {}});
          for (const ProfileNode* node : rules->nodes()) g->slots.push_back(slots.number(node, rules));
        }
        g->columns.set(c);
      }
      for (const ProvidedLine* p : col.data->provided) {
        auto& list = provided_[pack(p->category, p->package)];
        auto it = std::find_if(list.begin(), list.end(), [&](const auto& x) { return x.first == p; });
        if (it == list.end()) it = list.insert(list.end(), {p, B{}});
        it->second.set(c);
      }
    }
    // Which groups stack each node: a version's package lines speak through
    // a few nodes, and only the groups stacking one of them can differ from
    // the global answer.
    for (auto [groups, of] : {std::pair{&masked_rules_, &masked_groups_of_}, {&forced_rules_, &forced_groups_of_}})
      for (std::uint32_t g = 0; g < groups->size(); ++g)
        for (const ProfileNode* node : (*groups)[g].rules->nodes()) (*of)[node].push_back(g);
    for (auto [groups, slots] : {std::pair{&masked_rules_, &masked_slots_}, {&forced_rules_, &forced_slots_}}) {
      const std::size_t width = slots->slots.size();
      slots->position.assign(groups->size() * width, -1);
      for (std::size_t g = 0; g < groups->size(); ++g)
        for (std::size_t i = 0; i < (*groups)[g].slots.size(); ++i)
          slots->position[g * width + (*groups)[g].slots[i]] = static_cast<std::int16_t>(i);
      for (std::uint32_t slot = 0; slot < width; ++slot) {
        const auto& [node, rules] = slots->slots[slot];
        for (bool stable_file : {false, true}) {
          if (stable_file && !rules->stable()) continue;
          for (const auto& [flag, set] : rules->global_words(*node, stable_file)) {
            auto& list = slots->global[flag.id()];
            if (list.empty() || list.back() != slot) list.push_back(slot);
          }
        }
      }
    }
    // Packages that some package.use.{mask,force} line names, with the flags
    // named: those flags are worked out per column for each version of the
    // package (everything else uses the global tables).
    for (const ProfileNode* node : ctx.profiles().nodes())
      for (const auto& [lines, index] :
           {std::pair{&node->package_use_mask, &node->index_use_mask}, {&node->package_use_force, &node->index_use_force},
            {&node->package_use_stable_mask, &node->index_use_stable_mask},
            {&node->package_use_stable_force, &node->index_use_stable_force}})
        for (const auto& [key, line] : *index) {
          auto& flags = rule_flags_[key];
          for (const FlagLine& f : (*lines)[line].flags)
            if (std::find(flags.begin(), flags.end(), f.flag) == flags.end()) flags.push_back(f.flag);
          auto& named_in = rule_nodes_[key];
          if (std::find(named_in.begin(), named_in.end(), node) == named_in.end()) named_in.push_back(node);
        }
    for (const auto& repo : ctx.repos.repos())
      for (const PackageMove& m : repo->profiles().moves) {
        auto slash = m.from.find('/');
        if (slash == std::string::npos) continue;
        moved_.insert(pack(Symbol::intern(std::string_view(m.from).substr(0, slash)),
                           Symbol::intern(std::string_view(m.from).substr(slash + 1))));
      }
  }

  void check_package(const Package& pkg, ResultSink& out) const override {
    const Wants wants(out);
    if (!wants.deps && !wants.required_use) return;
    cache().clear();
    const Versions& own = versions(pkg.category, pkg.package);
    for (const VersionInfo& info : own.list) {
      const Ebuild& e = *info.ebuild;
      if (!e.has_cache || !e.eapi) continue;
      if (std::none_of(pkg.versions.begin(), pkg.versions.end(), [&](const Ebuild& x) { return &x == &e; })) continue;
      // The columns that see this ebuild: its keywords accepted, not masked.
      if (!info.visible.any()) continue;
      if (wants.deps) check_deps(info, out);
      if (wants.required_use) check_required_use(info, out);
    }
  }

 private:
  struct MaskAtom {
    const Atom* atom;
    B masked, unmasked;
  };
  // Columns whose masked (or forced) flag rules are equal: package lines are
  // worked out once per group, not once per column.
  struct RuleGroup {
    const FlagRules* rules;
    B columns;
    std::vector<std::uint32_t> slots;  // its nodes, as indices into the kind's RuleSlots
  };
  // The distinct (node, stable) pairs of one kind's groups, numbered, so a
  // node's effect on a flag is worked out once per version and shared by
  // every group stacking it (hundreds of groups share a few dozen nodes).
  struct RuleSlots {
    std::vector<std::pair<const ProfileNode*, const FlagRules*>> slots;  // node, and rules that can evaluate it
    std::map<std::pair<const ProfileNode*, bool>, std::uint32_t> numbers;
    // position[group * slots.size() + slot]: where the slot is last in the
    // group's stack, -1 when the group does not stack it.
    std::vector<std::int16_t> position;
    // flag id -> the slots whose global lines (use.mask, and use.stable.mask
    // for stable slots; force alike) name the flag.
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> global;
    std::uint32_t number(const ProfileNode* n, const FlagRules* rules) {
      auto [it, added] = numbers.emplace(std::pair{n, rules->stable()}, static_cast<std::uint32_t>(slots.size()));
      if (added) slots.emplace_back(n, rules);
      return it->second;
    }
  };

  // One version and the columns that see it; for a package that
  // package.use.{mask,force} lines name, the columns where each flag they
  // name is masked or forced for this version.
  struct VersionInfo {
    const Ebuild* ebuild;
    B visible;
    std::vector<std::pair<std::uint32_t, B>> masked, forced;
  };
  // Every version of one cat/pkg in the repository set. Worked out once per
  // scan, on first use.
  struct Versions {
    std::once_flag once;
    std::vector<VersionInfo> list;
  };

  // A part of an ebuild's columns that agrees on its conditional flags.
  struct Part {
    B columns;
    std::vector<FlagState> state;  // parallel to the flags partitioned on
  };

  // Clauses in conjunctive normal form, flat: clause k is
  // atoms[begin(k), ends[k]), the alternatives one of which must be solvable.
  struct Cnf {
    std::vector<const Atom*> atoms;
    std::vector<std::uint32_t> ends;
    std::size_t size() const { return ends.size(); }
    std::uint32_t begin(std::size_t k) const { return k ? ends[k - 1] : 0; }
    std::span<const Atom* const> clause(std::size_t k) const {
      return {atoms.data() + begin(k), atoms.data() + ends[k]};
    }
    void add(std::span<const Atom* const> a, std::span<const Atom* const> b = {}) {
      atoms.insert(atoms.end(), a.begin(), a.end());
      atoms.insert(atoms.end(), b.begin(), b.end());
      ends.push_back(static_cast<std::uint32_t>(atoms.size()));
    }
    void clear() {
      atoms.clear();
      ends.clear();
    }
  };

  // One dependency class's failing atoms as reported: the atoms' text
  // ("a, b"), in order, and the columns where they fail.
  using Groups = std::vector<std::pair<std::string, B>>;

  // Versions of a package and their classes repeat one another (DEPEND=
  // "${RDEPEND}"; a new version keeps the old one's dependencies): on
  // flatcar 43% of the classes are a text its package checked before under
  // the same keywords. What a class comes to depends only on its text, the
  // EAPI it was parsed at, the columns that see the ebuild and, per
  // conditional flag, the columns masking and forcing it (partition() and
  // cnf() use nothing else; atom answers are per package), so it is worked
  // out once per package for each such key.
  struct DepsMemoEntry {
    std::size_t hash;
    std::string_view text;  // the cache entry's, alive while its package is checked
    Eapi eapi;
    B visible;
    std::vector<B> flag_columns;  // per conditional flag: masked, forced
    Groups groups;
  };

  // What one package's checking remembers (per thread, cleared per package):
  // atom answers by address and by value, and atoms with their conditional
  // USE dependencies resolved, by (atom, flag states).
  struct Memo {
    std::unordered_map<const Atom*, B> by_address;
    std::unordered_map<Atom, B, AtomHash> by_value;
    std::map<std::pair<const Atom*, std::uint64_t>, std::vector<const Atom*>> resolved;
    std::deque<Atom> atoms;  // the resolved atoms
    std::vector<DepsMemoEntry> deps;
    void clear() {
      deps.clear();
      reset(by_address);
      reset(by_value);
      resolved.clear();
      atoms.clear();
    }
    // clear() zeroes every bucket, and the bucket array keeps the size of
    // the largest package seen: ~150 KB per package on the real union
    // (158M instructions of memset). A map grown large starts afresh.
    template <class Map>
    static void reset(Map& m) {
      if (m.bucket_count() > 1024) Map().swap(m);
      else m.clear();
    }
  };
  static Memo& cache() {
    thread_local Memo m;
    return m;
  }

  const B& lookup(const std::unordered_map<std::uint32_t, B>& table, Symbol f) const {
    static const B kNone{};
    auto it = table.find(f.id());
    return it == table.end() ? kNone : it->second;
  }

  B visible(const Ebuild& v) const {
    B kw{};
    for (Symbol k : v.keywords)
      if (auto it = keyword_bits_.find(k.id()); it != keyword_bits_.end()) kw |= it->second;
    if (!kw.any()) return kw;
    auto it = masks_.find(pack(v.category, v.package));
    if (it == masks_.end()) return kw;
    B masked{}, unmasked{};
    const PackageRef ref = v.ref();
    for (const MaskAtom& m : it->second)
      if (m.atom->matches(ref)) {
        masked |= m.masked;
        unmasked |= m.unmasked;
      }
    return kw.minus(masked.minus(unmasked));
  }

  const Versions& versions(Symbol category, Symbol package) const {
    const std::uint64_t key = pack(category, package);
    auto it = versions_.find(key);
    if (it == versions_.end()) it = versions_.emplace(key, std::make_unique<Versions>()).first;
    Versions& vs = *it->second;
    std::call_once(vs.once, [&] {
      auto rules = rule_flags_.find(key);
      index_.for_each_copy(category, package, [&](const Package& p) {
        for (const Ebuild& e : p.versions) {
          VersionInfo& info = vs.list.emplace_back(VersionInfo{&e, visible(e), {}, {}});
          if (rules == rule_flags_.end()) continue;
          const MatchingLines mask = matching_lines(e, false), force = matching_lines(e, true);
          for (Symbol f : rules->second) {
            if (arch_flags_.count(f.id())) continue;  // arch flags are set last and win
            info.masked.emplace_back(f.id(), package_flag_columns(e, f, false, mask));
            info.forced.emplace_back(f.id(), package_flag_columns(e, f, true, force));
          }
        }
      });
    });
    return vs;
  }

  // What package_flag_columns worked out, for the whole scan: its answer
  // depends only on the flag, the kind, the nodes whose package lines speak
  // for the version and the words the slots say, and packages share those
  // far more than they differ (a line of base/package.use.mask names a flag
  // for many packages): on flatcar, ~2,900 versions' worth of replaying
  // every touched group came to 234 distinct answers.
  // (The words nearly always imply the speaking nodes, since a speaking
  // node's slots have a word; the nodes stay in the key so that it plainly
  // holds everything the answer is made of.)
  struct FlagKey {
    std::uint32_t flag = 0;
    bool force = false;
    std::vector<const ProfileNode*> speaking;
    std::vector<std::pair<std::uint32_t, bool>> words;
    bool operator==(const FlagKey&) const = default;
  };
  struct FlagKeyHash {
    std::size_t operator()(const FlagKey& k) const noexcept {
      std::size_t h = k.flag * 2 + k.force;
      auto mix = [&](std::size_t x) { h ^= x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2); };
      for (const ProfileNode* n : k.speaking) mix(reinterpret_cast<std::uintptr_t>(n));
      for (const auto& [slot, set] : k.words) mix(slot * 2 + set);
      return h;
    }
  };

  // The package lines of one kind (mask: package.use.mask and
  // package.use.stable.mask; force alike) whose atom matches a version, with
  // their nodes, in the order of the nodes naming the package. Matched once
  // per version, not once per flag the lines name.
  using MatchingLines = std::vector<std::pair<const ProfileNode*, const PackageFlagsLine*>>;
  MatchingLines matching_lines(const Ebuild& v, bool force) const {
    MatchingLines out;
    const std::uint64_t key = pack(v.category, v.package);
    auto it = rule_nodes_.find(key);
    if (it == rule_nodes_.end()) return out;
    const PackageRef ref = v.ref();
    for (const ProfileNode* n : it->second) {
      using Lines = std::pair<const std::vector<PackageFlagsLine>*, const ProfileNode::LineIndex*>;
      for (const auto& [lines, index] :
           force ? std::array{Lines{&n->package_use_force, &n->index_use_force},
                              Lines{&n->package_use_stable_force, &n->index_use_stable_force}}
                 : std::array{Lines{&n->package_use_mask, &n->index_use_mask},
                              Lines{&n->package_use_stable_mask, &n->index_use_stable_mask}})
        for (auto i = std::lower_bound(index->begin(), index->end(), std::pair{key, std::uint32_t{0}});
             i != index->end() && i->first == key; ++i)
          if (const PackageFlagsLine& l = (*lines)[i->second]; l.atom.matches(ref)) out.emplace_back(n, &l);
    }
    return out;
  }

  // The columns where `flag` is masked (force: forced) for this version,
  // package.use.* lines included; `matching` is matching_lines(v, force).
  B package_flag_columns(const Ebuild& v, Symbol flag, bool force, const MatchingLines& matching) const {
    B b = lookup(force ? forced_ : masked_, flag);
    const PackageRef ref = v.ref();
    // The nodes whose package lines of this kind say something about the
    // flag for this version: only profiles stacking one of them can differ
    // from the global answer.
    std::vector<const ProfileNode*> speaking;
    for (const auto& [n, l] : matching)
      if (std::any_of(l->flags.begin(), l->flags.end(), [&](const FlagLine& f) { return f.flag == flag; }) &&
          std::find(speaking.begin(), speaking.end(), n) == speaking.end())
        speaking.push_back(n);
    if (speaking.empty()) return b;
    // The slots that can have a word on the flag for this version: those
    // whose global lines name it and the speaking nodes'. Every other slot
    // says nothing, so a group's answer is the word of the one of these it
    // stacks last (replaying every slot of every group cost ~50,000
    // instructions per version and flag on flatcar).
    const RuleSlots& slots = force ? forced_slots_ : masked_slots_;
    thread_local std::vector<std::pair<std::uint32_t, bool>> words;  // slot, set
    words.clear();
    auto consider = [&](std::uint32_t slot) {
      const std::int8_t e = slots.slots[slot].second->node_effect(*slots.slots[slot].first, flag, ref);
      if (e >= 0) words.emplace_back(slot, e == 1);
    };
    if (auto it = slots.global.find(flag.id()); it != slots.global.end())
      for (std::uint32_t slot : it->second) consider(slot);
    for (const ProfileNode* n : speaking)
      for (bool stable : {false, true})
        if (auto it = slots.numbers.find({n, stable}); it != slots.numbers.end()) consider(it->second);
    FlagKey asked{flag.id(), force, std::move(speaking), words};
    {
      std::lock_guard lock(flag_memo_mutex_);
      if (auto it = flag_memo_.find(asked); it != flag_memo_.end()) return it->second;
    }
    // Each group once: a table marks those taken.
    const std::vector<RuleGroup>& groups = force ? forced_rules_ : masked_rules_;
    thread_local std::vector<std::uint32_t> touched;
    thread_local std::vector<char> taken;
    touched.clear();
    if (taken.size() < groups.size()) taken.resize(groups.size(), 0);
    const auto& groups_of = force ? forced_groups_of_ : masked_groups_of_;
    for (const ProfileNode* n : asked.speaking)
      if (auto it = groups_of.find(n); it != groups_of.end())
        for (std::uint32_t gi : it->second)
          if (!taken[gi]) {
            taken[gi] = 1;
            touched.push_back(gi);
          }
    for (std::uint32_t gi : touched) taken[gi] = 0;
    // Each column is in one group, so the order groups are applied in does not matter.
    const std::size_t width = slots.slots.size();
    for (std::uint32_t gi : touched) {
      int last = -1;
      bool set = false;  // no word at all: not set
      for (const auto& [slot, word] : words)
        if (const int at = slots.position[gi * width + slot]; at > last) {
          last = at;
          set = word;
        }
      if (set) b |= groups[gi].columns;
      else b = b.minus(groups[gi].columns);
    }
    std::lock_guard lock(flag_memo_mutex_);
    flag_memo_.emplace(std::move(asked), b);
    return b;
  }

  // The columns where `flag` is masked (force: forced) for this version.
  const B& flag_columns(const VersionInfo& v, Symbol flag, bool force) const {
    for (const auto& [f, columns] : force ? v.forced : v.masked)
      if (f == flag.id()) return columns;
    return lookup(force ? forced_ : masked_, flag);
  }

  // The columns where a candidate can have `u` (enabled or disabled, after
  // conditionals are resolved) as the profile allows (pkgcheck's
  // FakeConfigurable): a flag in the candidate's IUSE must not be masked
  // (forced, to disable it); a flag outside it follows the (+)/(-) default,
  // or, without one, must be in the profile's implicit IUSE.
  B use_columns(const VersionInfo& v, const UseDep& u) const {
    const bool enable = u.kind == UseDep::Kind::Enabled;
    if (v.ebuild->has_iuse(u.flag)) return ~flag_columns(v, u.flag, !enable);
    if (u.def == UseDep::Default::Enabled) return enable ? all_ : B{};
    if (u.def == UseDep::Default::Disabled) return enable ? B{} : all_;
    return lookup(iuse_effective_, u.flag).minus(flag_columns(v, u.flag, !enable));
  }

  // The columns where some visible version satisfies the atom (USE
  // dependencies unconditional by now), or package.provided does.
  // (A reference into the package's memo: valid until the next package.)
  const B& solvable(const Atom& a) const {
    Memo& m = cache();
    if (auto it = m.by_address.find(&a); it != m.by_address.end()) return it->second;
    auto& memo = m.by_value;
    if (auto it = memo.find(a); it != memo.end()) return m.by_address.emplace(&a, it->second).first->second;
    const Versions& vs = versions(a.category, a.package);
    B out{};
    for (const VersionInfo& v : vs.list) {
      if (!v.visible.minus(out).any()) continue;  // nothing this version could add
      if (!a.matches(v.ebuild->ref())) continue;
      B ok = v.visible;
      for (const UseDep& u : a.use) {
        ok &= use_columns(v, u);
        if (!ok.any()) break;
      }
      out |= ok;
    }
    if (auto it = provided_.find(pack(a.category, a.package)); it != provided_.end())
      for (const auto& [line, columns] : it->second) {
        PackageRef ref;
        ref.category = line->category;
        ref.package = line->package;
        ref.version = &line->version;
        ref.slot = Symbol::intern("0");
        ref.subslot = ref.slot;
        if (a.matches(ref)) out |= columns;
      }
    memo.emplace(a, out);
    return m.by_address.emplace(&a, out).first->second;
  }

  // Splits `needed` into parts where each flag is masked, forced or free alike.
  std::vector<Part> partition(const VersionInfo& e, const std::vector<Symbol>& flags) const {
    const B& needed = e.visible;
    std::vector<Part> parts{Part{needed, {}}};
    std::vector<std::pair<B, B>> states;  // per flag: (off, on) columns
    for (Symbol f : flags) {
      const B& off = flag_columns(e, f, false);
      B on = flag_columns(e, f, true).minus(off);
      states.emplace_back(off, on);
      if (!(off & needed).any() && !(on & needed).any()) continue;
      std::vector<Part> next;
      for (const Part& p : parts)
        for (const B& s : {p.columns & off, p.columns & on, p.columns.minus(off | on)})
          if (s.any()) next.push_back(Part{s, {}});
      parts = std::move(next);
    }
    for (Part& p : parts) {
      const std::size_t c = p.columns.first();
      for (const auto& [off, on] : states)
        p.state.push_back(off.test(c) ? FlagState::Off : on.test(c) ? FlagState::On : FlagState::Free);
    }
    return parts;
  }

  // --- dependency classes ---------------------------------------------------

  // The conditional flags of a spec: USE-conditional groups and conditional
  // USE dependencies ([flag?], [flag=], ...), in order of appearance.
  static std::vector<Symbol> conditional_flags(const DepSpec& spec) {
    std::vector<Symbol> flags;
    auto add = [&](Symbol f) {
      if (std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
    };
    for (const DepNode& n : spec.nodes)
      if (n.kind == NodeKind::UseCond) add(n.flag);
    for (const Atom& a : spec.atoms)
      for (const UseDep& u : a.use)
        if (u.conditional()) add(u.flag);
    return flags;
  }

  struct Evaluation {
    const std::vector<Symbol>& flags;
    const Part& part;
    FlagState state(Symbol f) const {
      auto it = std::find(flags.begin(), flags.end(), f);
      return it == flags.end() ? FlagState::Free : part.state[static_cast<std::size_t>(it - flags.begin())];
    }
  };

  // The atom with its conditional USE dependencies resolved for the part:
  // a flag the profile masks or forces picks its branch; a free flag takes
  // both ([f=] needs a version with f and one without), so one atom may
  // become several, all required.
  static void resolve(const Atom& a, const Evaluation& ev, std::vector<const Atom*>& out) {
    // The states of the atom's conditional flags, two bits each, as the key
    // of what was resolved before (versions and parts repeat themselves).
    std::uint64_t states = 0;
    int conditional = 0;
    for (const UseDep& u : a.use)
      if (u.conditional()) states |= static_cast<std::uint64_t>(ev.state(u.flag)) << (2 * conditional++);
    if (conditional == 0) {
      out.push_back(&a);
      return;
    }
    Memo& m = cache();
    auto known = m.resolved.end();
    if (conditional <= 32) {
      known = m.resolved.find({&a, states});
      if (known != m.resolved.end()) {
        out.insert(out.end(), known->second.begin(), known->second.end());
        return;
      }
    }
    std::vector<const Atom*> made;
    std::vector<std::vector<UseDep>> variants{{}};
    auto add_all = [&](UseDep d) {
      for (auto& v : variants) v.push_back(d);
    };
    for (const UseDep& u : a.use) {
      if (!u.conditional()) {
        add_all(u);
        continue;
      }
      const FlagState s = ev.state(u.flag);
      const bool on = s == FlagState::On, off = s == FlagState::Off;
      UseDep enabled{u.flag, UseDep::Kind::Enabled, u.def}, disabled{u.flag, UseDep::Kind::Disabled, u.def};
      switch (u.kind) {
        case UseDep::Kind::IfEnabled:
          if (!off) add_all(enabled);
          break;
        case UseDep::Kind::IfDisabled:
          if (!on) add_all(disabled);
          break;
        case UseDep::Kind::Equal:
        case UseDep::Kind::NotEqual: {
          const bool same = u.kind == UseDep::Kind::Equal;
          if (on || off) {
            add_all(on == same ? enabled : disabled);
          } else if (variants.size() < 64) {  // both ways; bounded (2^6 combinations)
            std::vector<std::vector<UseDep>> both;
            for (const auto& v : variants) {
              both.push_back(v);
              both.back().push_back(enabled);
              both.push_back(v);
              both.back().push_back(disabled);
            }
            variants = std::move(both);
          } else {
            add_all(enabled);
          }
          break;
        }
        default:
          break;
      }
    }
    for (auto& use : variants) {
      Atom& r = m.atoms.emplace_back(a);
      std::sort(use.begin(), use.end(), [](const UseDep& x, const UseDep& y) {
        if (x.flag != y.flag) return x.flag.str() < y.flag.str();
        return x.kind != y.kind ? x.kind < y.kind : x.def < y.def;
      });
      use.erase(std::unique(use.begin(), use.end()), use.end());
      r.use = std::move(use);
      made.push_back(&r);
    }
    out.insert(out.end(), made.begin(), made.end());
    if (conditional <= 32) m.resolved.emplace(std::pair{&a, states}, std::move(made));
  }

  // The clauses of node i (conjunctive normal form), appended to `out`.
  static void cnf(const DepSpec& spec, std::uint32_t i, const Evaluation& ev, Cnf& out) {
    constexpr std::size_t kMaxClauses = 4096;
    const DepNode& n = spec.nodes[i];
    switch (n.kind) {
      case NodeKind::Leaf: {
        thread_local std::vector<const Atom*> atoms;
        atoms.clear();
        resolve(spec.atoms[n.leaf], ev, atoms);
        for (const Atom* a : atoms) out.add({&a, 1});
        return;
      }
      case NodeKind::UseCond: {
        // PMS: a masked or forced flag decides; a free flag's group is
        // required (the user may enable it), whatever its polarity.
        const FlagState s = ev.state(n.flag);
        if (s != FlagState::Free && (s == FlagState::On) == n.negated) return;
        [[fallthrough]];
      }
      case NodeKind::AllOf:
        for (std::uint32_t c = i + 1; c < n.end; c = spec.nodes[c].end) cnf(spec, c, ev, out);
        return;
      default: {  // || ( ): every combination of one clause per alternative
        Cnf product;
        product.add({});
        bool any_member = false;
        for (std::uint32_t c = i + 1; c < n.end; c = spec.nodes[c].end) {
          Cnf alt;
          cnf(spec, c, ev, alt);
          if (alt.size() == 0) {
            // An alternative that is always satisfied makes the group true,
            // unless its condition dropped it (then it is no member).
            const DepNode& child = spec.nodes[c];
            const bool dropped = child.kind == NodeKind::UseCond && ev.state(child.flag) != FlagState::Free &&
                                 (ev.state(child.flag) == FlagState::On) == child.negated;
            if (!dropped) return;
            continue;
          }
          any_member = true;
          Cnf next;
          if (product.size() * alt.size() > kMaxClauses) {
            // Too many combinations: one clause with every alternative's
            // atoms (solvable when any of them is, a weaker test).
            next.add(product.atoms, alt.atoms);
          } else {
            for (std::size_t p = 0; p < product.size(); ++p)
              for (std::size_t k = 0; k < alt.size(); ++k) next.add(product.clause(p), alt.clause(k));
          }
          product = std::move(next);
        }
        if (!any_member) return;
        for (std::size_t p = 0; p < product.size(); ++p) out.add(product.clause(p));
        return;
      }
    }
  }

  // What the dependency class `var` of a version comes to. (A reference into
  // the package's memo: valid until the next call.)
  const Groups& dep_groups(const VersionInfo& info, DepVar var, const DepSpec& spec) const {
    const Ebuild& e = *info.ebuild;
    const std::vector<Symbol> flags = conditional_flags(spec);
    const std::string_view text = e.entry.get(dep_var_key(var));
    const std::size_t hash = std::hash<std::string_view>{}(text);
    std::vector<DepsMemoEntry>& memo = cache().deps;
    auto same = [&](const DepsMemoEntry& m) {
      if (m.hash != hash || m.eapi != *e.eapi || m.visible != info.visible || m.text != text) return false;
      for (std::size_t k = 0; k < flags.size(); ++k)
        if (m.flag_columns[2 * k] != flag_columns(info, flags[k], false) ||
            m.flag_columns[2 * k + 1] != flag_columns(info, flags[k], true))
          return false;
      return true;
    };
    for (const DepsMemoEntry& m : memo)
      if (same(m)) return m.groups;

    // The failing clauses: the columns where they fail, and their atoms.
    std::vector<std::pair<B, std::vector<const Atom*>>> failures;
    thread_local Cnf clauses;
    for (const Part& part : partition(info, flags)) {
      const Evaluation ev{flags, part};
      clauses.clear();
      cnf(spec, 0, ev, clauses);
      // The part's columns lie under the ebuild's few keywords: only the
      // words where it has bits are worked on (the table has 16 words on
      // flatcar; an ebuild's columns fill one or two).
      const auto [lo, hi] = part.columns.used_words();
      for (std::size_t k = 0; k < clauses.size(); ++k) {
        auto clause = clauses.clause(k);
        // A clause with a blocker says what must not be installed: not a solution to find.
        if (std::any_of(clause.begin(), clause.end(), [](const Atom* a) { return a->blocker != Blocker::None; }))
          continue;
        B fail = part.columns;  // the columns no atom of the clause solves yet
        for (const Atom* a : clause) {
          const B& sat = solvable(*a);
          bool left = false;
          for (std::size_t w = lo; w < hi; ++w) left |= (fail.w[w] &= ~sat.w[w]) != 0;
          if (!left) break;
        }
        if (fail.any()) failures.emplace_back(fail, std::vector<const Atom*>(clause.begin(), clause.end()));
      }
    }
    DepsMemoEntry& entry = memo.emplace_back(DepsMemoEntry{hash, text, *e.eapi, info.visible, {}, {}});
    for (Symbol f : flags) {
      entry.flag_columns.push_back(flag_columns(info, f, false));
      entry.flag_columns.push_back(flag_columns(info, f, true));
    }
    if (!failures.empty()) entry.groups = group_failures(failures);
    return entry.groups;
  }

  // One result per dependency class, set of failing atoms and profile
  // status, naming the first profile in (keyword, path) order and counting
  // (keyword, profile) pairs (see report()).
  void check_deps(const VersionInfo& info, ResultSink& out) const {
    const Ebuild& e = *info.ebuild;
    for (DepVar var : kDepVars) {
      const DepSpec* spec = e.dep(var);
      if (!spec || spec->empty()) continue;
      const Groups& groups = dep_groups(info, var, *spec);
      if (groups.empty()) continue;
      const std::string attr = lower(dep_var_name(var));
      for (const auto& [deps, columns] : groups)
        report(e, columns, {&kNonsolvableDepsInStable, &kNonsolvableDepsInDev, &kNonsolvableDepsInExp}, out,
               [&](const std::string& where) { return "nonsolvable depset(" + attr + ") " + where + ": solutions: [ " + deps + " ]"; },
               {{"attr", attr}, {"deps", deps}});
    }
  }

  // The failing clauses grouped as they are reported: one group per set of
  // failing atoms (as text), with the columns that fail exactly those.
  Groups group_failures(const std::vector<std::pair<B, std::vector<const Atom*>>>& failures) const {
    // What is reported for a column is the set of atoms (as text) of the
    // clauses failing there; columns with the same set make one group.
    // Clauses that fail in the same columns are merged first, their atoms
    // made text, sorted and unique once: real trees fail many clauses alike
    // (a package missing from the tree fails wherever the ebuild is seen),
    // and flatcar's ebuilds fail 60 atoms each on average.
    struct Failing {
      B columns;
      std::vector<const Atom*> found;  // as found: the clauses of '|| ( )' products repeat atoms
      std::vector<std::string> atoms;
    };
    std::vector<Failing> merged;
    for (const auto& [columns, atoms] : failures) {
      auto it = std::find_if(merged.begin(), merged.end(), [&](const Failing& f) { return f.columns == columns; });
      if (it == merged.end()) it = merged.insert(merged.end(), Failing{columns, {}, {}});
      it->found.insert(it->found.end(), atoms.begin(), atoms.end());
    }
    for (Failing& f : merged) {
      std::sort(f.found.begin(), f.found.end());
      f.found.erase(std::unique(f.found.begin(), f.found.end()), f.found.end());
      for (const Atom* a : f.found)
        // A moved package is DependencyMoved's business.
        if (!moved_.count(pack(a->category, a->package))) f.atoms.push_back(a->str());
      std::sort(f.atoms.begin(), f.atoms.end());
      f.atoms.erase(std::unique(f.atoms.begin(), f.atoms.end()), f.atoms.end());
    }
    std::erase_if(merged, [](const Failing& f) { return f.atoms.empty(); });  // they add nothing to any set

    // The columns are split set by set into parts that fail the same sets:
    // a few bitset operations per part and set, where gathering each
    // column's sets and grouping them cost a map lookup per column.
    struct FailingPart {
      B columns;
      std::vector<std::uint32_t> sets;  // indices into merged
    };
    B any{};
    for (const Failing& f : merged) any |= f.columns;
    // The failing columns lie under the ebuild's few keywords: every part is
    // a subset of `any`, so only the words where `any` has bits are looked at.
    const auto [lo, hi] = any.used_words();
    std::vector<FailingPart> parts;
    if (any.any()) parts.push_back({any, {}});
    for (std::uint32_t k = 0; k < merged.size(); ++k) {
      const B& failing = merged[k].columns;
      for (std::size_t i = 0, n = parts.size(); i < n; ++i) {
        bool some_in = false, some_out = false;
        for (std::size_t w = lo; w < hi; ++w) {
          some_in |= (parts[i].columns.w[w] & failing.w[w]) != 0;
          some_out |= (parts[i].columns.w[w] & ~failing.w[w]) != 0;
        }
        if (!some_in) continue;
        if (some_out) {  // split: the columns outside this set's go on without it
          FailingPart rest{parts[i].columns, parts[i].sets};
          for (std::size_t w = lo; w < hi; ++w) {
            rest.columns.w[w] &= ~failing.w[w];
            parts[i].columns.w[w] &= failing.w[w];
          }
          parts.push_back(std::move(rest));
        }
        parts[i].sets.push_back(k);
      }
    }
    std::map<std::vector<std::string>, B> groups;
    for (const auto& [columns, sets] : parts) {
      if (sets.size() == 1) {
        groups[merged[sets[0]].atoms] |= columns;
        continue;
      }
      std::vector<std::string> atoms;
      for (std::uint32_t k : sets) atoms.insert(atoms.end(), merged[k].atoms.begin(), merged[k].atoms.end());
      std::sort(atoms.begin(), atoms.end());
      atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
      groups[atoms] |= columns;
    }
    Groups out;
    for (const auto& [atoms, columns] : groups) {
      std::string deps;
      for (const std::string& a : atoms) deps += (deps.empty() ? "" : ", ") + a;
      out.emplace_back(std::move(deps), columns);
    }
    return out;
  }

  // Results for `columns`, one per profile status.
  template <class Message>
  void report(const Ebuild& e, const B& columns, std::array<const Keyword*, 3> by_status, ResultSink& out,
              Message&& message, std::vector<std::pair<std::string, std::string>> fields) const {
    std::array<std::uint32_t, 3> count{};
    std::array<std::uint32_t, 3> first = {kNoRank, kNoRank, kNoRank};
    columns.for_each([&](std::size_t c) {
      for (std::size_t s = 0; s < 3; ++s) {
        count[s] += column_hits_[c][s].count;
        first[s] = std::min(first[s], column_hits_[c][s].first);
      }
    });
    for (std::size_t s = 0; s < 3; ++s) {
      if (!count[s]) continue;
      const std::string* keyword = ranked_[first[s]].keyword;
      const ProfileEntry* entry = ranked_[first[s]].entry;
      const std::string status = std::string(entry->deprecated ? "deprecated " : "") + entry->status_text;
      std::string where = "keyword(" + *keyword + ") " + status + " profile (" + entry->path + ")";
      if (count[s] > 1) where += " (" + std::to_string(count[s]) + " total)";
      Result* r = out.version(*by_status[s], e, message(where));
      if (!r) continue;
      for (const auto& [k, v] : fields) with(r, k, v);
      with(r, "keyword", *keyword);
      with(r, "profile", entry->path);
      with(r, "profile_status", entry->status_text);
      with(r, "num_profiles", std::to_string(count[s]));
    }
  }

  // A result names the first (keyword, profile path) of its columns per
  // status and counts them. Each column's share is worked out here, once:
  // a result then costs a few integer operations per column, not a walk of
  // every profile with string compares (flatcar has ~8,000 such results).
  static constexpr std::uint32_t kNoRank = ~std::uint32_t{0};
  struct ColumnHits {
    std::uint32_t count = 0;       // (keyword, profile) pairs of this status
    std::uint32_t first = kNoRank;  // the smallest, as an index into ranked_
  };
  struct Ranked {
    const std::string* keyword;  // the column's
    const ProfileEntry* entry;
    std::uint32_t column;
  };
  void rank_profiles() {
    for (std::uint32_t c = 0; c < cols_.columns.size(); ++c)
      for (const ProfileEntry* entry : cols_.columns[c].entries)
        ranked_.push_back({&cols_.columns[c].keyword(), entry, c});
    std::sort(ranked_.begin(), ranked_.end(), [](const Ranked& a, const Ranked& b) {
      return *a.keyword != *b.keyword ? *a.keyword < *b.keyword : a.entry->path < b.entry->path;
    });
    column_hits_.assign(cols_.columns.size(), {});
    for (std::uint32_t i = 0; i < ranked_.size(); ++i) {
      const auto s = static_cast<std::size_t>(ranked_[i].entry->status);
      if (s >= 3) continue;  // status "other": no keyword for it
      ColumnHits& hits = column_hits_[ranked_[i].column][s];
      if (!hits.count++) hits.first = i;  // ranked_ is in order: the first seen is the smallest
    }
  }

  // --- REQUIRED_USE ---------------------------------------------------------

  void check_required_use(const VersionInfo& info, ResultSink& out) const {
    const Ebuild& e = *info.ebuild;
    if (!e.eapi->required_use()) return;
    const std::string& text = e.entry.get(CacheKey::REQUIRED_USE);
    if (text.empty()) return;
    auto spec = DepSpec::parse(text, SpecKind::RequiredUse, *e.eapi);
    if (!spec || spec->empty()) return;  // InvalidRequiredUse says why
    std::vector<Symbol> flags;
    for (const DepNode& n : spec->nodes)
      if ((n.kind == NodeKind::Leaf || n.kind == NodeKind::UseCond) &&
          std::find(flags.begin(), flags.end(), n.flag) == flags.end())
        flags.push_back(n.flag);
    B unsatisfiable{};
    for (const Part& part : partition(info, flags)) {
      std::vector<std::pair<Symbol, bool>> fixed;
      for (std::size_t k = 0; k < flags.size(); ++k)
        if (part.state[k] != FlagState::Free) fixed.emplace_back(flags[k], part.state[k] == FlagState::On);
      if (!required_use_satisfiable(*spec, *e.eapi, fixed)) unsatisfiable |= part.columns;
    }
    if (!unsatisfiable.any()) return;
    report(e, unsatisfiable,
           {&kRequiredUseUnsatisfiableInStable, &kRequiredUseUnsatisfiableInDev, &kRequiredUseUnsatisfiableInExp},
           out,
           [](const std::string& where) {
             return "REQUIRED_USE can't be satisfied due to masked/forced USE flags, " + where;
           },
           {});
  }

  ColumnSet cols_;
  const RepoIndex& index_;
  std::vector<Ranked> ranked_;                          // every (keyword, profile) in result order
  std::vector<std::array<ColumnHits, 3>> column_hits_;  // per column, per status
  B all_{};
  std::unordered_map<std::uint32_t, B> keyword_bits_;   // KEYWORDS token -> columns that accept it
  std::unordered_map<std::uint64_t, std::vector<MaskAtom>> masks_;  // cat/pkg -> mask and unmask atoms
  std::unordered_map<std::uint32_t, B> masked_, forced_;  // flag -> columns masking / forcing it globally
  std::unordered_map<std::uint32_t, B> iuse_effective_;  // flag -> columns whose implicit IUSE has it
  std::unordered_map<std::uint64_t, std::vector<std::pair<const ProvidedLine*, B>>> provided_;
  std::vector<RuleGroup> masked_rules_, forced_rules_;
  RuleSlots masked_slots_, forced_slots_;
  // node -> the groups (indices into masked_rules_ / forced_rules_) stacking it
  std::unordered_map<const ProfileNode*, std::vector<std::uint32_t>> masked_groups_of_, forced_groups_of_;
  std::unordered_set<std::uint32_t> arch_flags_;
  std::unordered_map<std::uint64_t, std::vector<Symbol>> rule_flags_;  // cat/pkg -> flags package lines name
  std::unordered_map<std::uint64_t, std::vector<const ProfileNode*>> rule_nodes_;  // cat/pkg -> nodes naming it
  std::unordered_set<std::uint64_t> moved_;  // move sources (profiles/updates)
  mutable tbb::concurrent_unordered_map<std::uint64_t, std::unique_ptr<Versions>> versions_;
  mutable std::mutex flag_memo_mutex_;
  mutable std::unordered_map<FlagKey, B, FlagKeyHash> flag_memo_;  // see package_flag_columns
};

// The smallest instantiation whose bit sets hold every column.
std::unique_ptr<Evaluator> make_engine(ColumnSet cols, const ScanContext& ctx) {
  const std::size_t words = (cols.columns.size() + 63) / 64;
  if (words <= 1) return std::make_unique<Engine<1>>(std::move(cols), ctx);
  if (words <= 2) return std::make_unique<Engine<2>>(std::move(cols), ctx);
  if (words <= 4) return std::make_unique<Engine<4>>(std::move(cols), ctx);
  if (words <= 8) return std::make_unique<Engine<8>>(std::move(cols), ctx);
  if (words <= 16) return std::make_unique<Engine<16>>(std::move(cols), ctx);
  cols.columns.resize(std::min<std::size_t>(cols.columns.size(), 32 * 64));
  return std::make_unique<Engine<32>>(std::move(cols), ctx);
}

class VisibilityCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Visibility";
  static constexpr std::string_view kDoc =
      "Checks, on every profile of every arch an ebuild keywords (pkgcheck's default selection: profiles.desc "
      "entries of status stable and dev, not deprecated), that each dependency has a visible solution under the "
      "profile's package masks and masked/forced USE flags, and that REQUIRED_USE can be satisfied.";
  static constexpr std::array<Keyword, 6> kKeywords = {
      kNonsolvableDepsInDev,          kNonsolvableDepsInExp,          kNonsolvableDepsInStable,
      kRequiredUseUnsatisfiableInDev, kRequiredUseUnsatisfiableInExp, kRequiredUseUnsatisfiableInStable};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    // Experimental profiles only when their keywords are asked for, as pkgcheck does.
    const bool exp = ctx.reports(kNonsolvableDepsInExp.name) || ctx.reports(kRequiredUseUnsatisfiableInExp.name);
    ColumnSet cols = build_columns(ctx.profiles(), exp);
    if (!cols.columns.empty()) engine_ = make_engine(std::move(cols), ctx);
  }

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    if (engine_) engine_->check_package(pkg, out);
  }

 private:
  std::unique_ptr<Evaluator> engine_;
};

const RegisterCheck<VisibilityCheck> kRegister;

}  // namespace

}  // namespace pkgscan::visibility
