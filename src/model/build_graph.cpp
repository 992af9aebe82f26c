// The build graph and its cycles (see include/pkgscan/build_graph.hpp).
//
// Building walks each variant's dependency specs once, without recursion and
// without building intermediate DepSpecs: USE conditionals are decided while
// walking, and || groups are copied as groups so that cycle analysis can
// choose alternatives later. All items live in one array indexed by node
// (CSR), so Tarjan's algorithm runs over flat arrays.
#include "pkgscan/build_graph.hpp"

#include <tbb/blocked_range.h>
#include <tbb/concurrent_unordered_map.h>
#include <tbb/concurrent_vector.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>

namespace pkgscan {

namespace {

constexpr std::string_view kTargetPrefix = "python_targets_";
constexpr std::string_view kSingleTargetPrefix = "python_single_target_";


int rank(const Ebuild* e) { return (e->keyworded() ? 2 : 0) + (e->live ? 0 : 1); }

}  // namespace

std::string_view edge_label(EdgeVar v) {
  switch (v) {
    case EdgeVar::BDEPEND: return "BDEPEND";
    case EdgeVar::DEPEND: return "DEPEND";
    case EdgeVar::RDEPEND: return "RDEPEND(of build dep)";
    case EdgeVar::IDEPEND: return "IDEPEND(of build dep)";
    case EdgeVar::Self: return "";
  }
  return "";
}

std::vector<Symbol> python_impls_of(const Ebuild& e) {
  std::vector<Symbol> out;
  for (const IuseFlag& f : e.iuse) {
    std::string_view s = f.flag.str();
    std::string_view impl;
    if (s.starts_with(kTargetPrefix)) impl = s.substr(kTargetPrefix.size());
    else if (s.starts_with(kSingleTargetPrefix)) impl = s.substr(kSingleTargetPrefix.size());
    else continue;
    Symbol sym = Symbol::intern(impl);
    if (std::find(out.begin(), out.end(), sym) == out.end()) out.push_back(sym);
  }
  return out;
}

bool ebuild_less(const Ebuild* a, const Ebuild* b) {
  if (a->category != b->category) return a->category.str() < b->category.str();
  if (a->package != b->package) return a->package.str() < b->package.str();
  if (a->version < b->version) return true;
  if (b->version < a->version) return false;
  return a < b;  // same cpv in two repositories: any fixed order
}

// Every variant a graph may have gets a slot number when its ebuild is first
// met (by any thread): an ebuild's slots are [slot_base, slot_base + vars).
// Slot numbers depend on thread timing and never show in a graph; build()
// numbers variants in its own deterministic order.

// One evaluated dependency entry of a variant, before variants are numbered:
// a resolved leaf names its target by slot.
struct PreItem {
  std::uint32_t target = BuildGraph::kNone;  // Leaf: slot of the target variant, kNone when unresolvable
  std::uint32_t end = 0;  // one past this item's subtree, relative to the variant's items
  const Atom* atom = nullptr;
  Symbol flag;
  BuildGraph::ItemKind kind = BuildGraph::ItemKind::Leaf;
  EdgeVar var = EdgeVar::BDEPEND;
  bool flag_negated = false;
  bool in_any_of = false;
};

// One variant's items: B node's (BDEPEND, DEPEND) in [0, u_begin), U node's
// (RDEPEND, IDEPEND) after, without the Self edge.
struct PrepVariant {
  std::span<const PreItem> items;            // in the evaluating thread's arena
  std::span<const std::uint32_t> targets;    // the resolved leaves' targets, in order (for numbering)
  std::uint32_t u_begin = 0;
  std::uint32_t leaves = 0;  // leaf items, resolved or not
  bool ready = false;
};

// One ebuild. impls and the size of vars are fixed at creation; vars[k] is
// written by one thread (the one preparing the ebuild, or build()).
struct PrepNode {
  const Ebuild* ebuild = nullptr;
  std::vector<Symbol> impls;         // Python implementations, IUSE order
  std::vector<PrepVariant> vars;     // one per implementation, or one when none
  std::uint32_t slot_base = 0;
};

struct SlotRef {
  PrepNode* node = nullptr;  // nullptr: lost a race to create the node, never referenced
  std::uint32_t k = 0;       // index into node->vars
};

// Storage that lives as long as the prep and is freed in a few large blocks:
// a graph holds hundreds of thousands of items, and freeing them one small
// vector at a time (often on another thread than the one that allocated)
// cost more than building them.
template <class T>
class Arena {
 public:
  std::span<const T> copy(const std::vector<T>& v) {
    if (v.empty()) return {};
    if (free_ < v.size()) {
      std::size_t size = std::max(kBlock, v.size());
      blocks_.push_back(std::make_unique_for_overwrite<T[]>(size));
      next_ = blocks_.back().get();
      free_ = size;
    }
    T* out = next_;
    std::copy(v.begin(), v.end(), out);
    next_ += v.size();
    free_ -= v.size();
    return {out, v.size()};
  }

 private:
  static constexpr std::size_t kBlock = 1 << 15;
  std::vector<std::unique_ptr<T[]>> blocks_;
  T* next_ = nullptr;
  std::size_t free_ = 0;
};

// Identity hashing of addresses makes long bucket chains: mix them.
struct PtrHash {
  std::size_t operator()(const Ebuild* e) const {
    auto x = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(e));
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return static_cast<std::size_t>(x);
  }
};

// Resolves and evaluates dependency trees. One per thread: its memo tables
// and scratch space are unsynchronised; the node map it shares is concurrent.
class DepEvaluator {
 public:
  using NodeMap = tbb::concurrent_unordered_map<const Ebuild*, PrepNode, PtrHash>;
  using SlotTable = tbb::concurrent_vector<SlotRef>;
  DepEvaluator(const RepoIndex& index, NodeMap& nodes, SlotTable& slots)
      : index_(&index), nodes_(&nodes), slots_(&slots) {}

  PrepNode& node(const Ebuild* e) {
    if (auto found = nodes_->find(e); found != nodes_->end()) return found->second;
    PrepNode n;
    n.ebuild = e;
    for (const IuseFlag& f : e->iuse) {
      Symbol impl = target_impl(f.flag);
      if (impl != Symbol() && std::find(n.impls.begin(), n.impls.end(), impl) == n.impls.end())
        n.impls.push_back(impl);
    }
    const std::size_t count = std::max<std::size_t>(1, n.impls.size());
    n.vars.resize(count);
    auto first = slots_->grow_by(count);
    n.slot_base = static_cast<std::uint32_t>(first - slots_->begin());
    auto [it, fresh] = nodes_->insert({e, std::move(n)});  // of racing inserts of one ebuild, one wins
    for (std::uint32_t k = 0; k < count; ++k) first[k] = fresh ? SlotRef{&it->second, k} : SlotRef{};
    return it->second;
  }

  void evaluate(PrepNode& n, std::uint32_t slot) {
    PrepVariant& pv = n.vars[slot];
    const Ebuild& e = *n.ebuild;
    Symbol impl = slot < n.impls.size() ? n.impls[slot] : Symbol();
    // Which ebuild an atom resolves to does not depend on the implementation,
    // so the variants of one ebuild share one resolution per atom.
    if (memo_for_ != &n) {
      memo_for_ = &n;
      for (std::size_t v = 0; v < memo_.size(); ++v) {
        const DepSpec* spec = e.dep(static_cast<DepVar>(v));
        memo_[v].assign(spec ? spec->atoms.size() : 0, kUnresolved);
      }
    }
    out_ = &pv;
    items_.clear();
    targets_.clear();
    pv.leaves = 0;
    emit(e, impl, DepVar::BDEPEND, EdgeVar::BDEPEND);
    emit(e, impl, DepVar::DEPEND, EdgeVar::DEPEND);
    pv.u_begin = static_cast<std::uint32_t>(items_.size());
    emit(e, impl, DepVar::RDEPEND, EdgeVar::RDEPEND);
    emit(e, impl, DepVar::IDEPEND, EdgeVar::IDEPEND);
    pv.items = item_arena_.copy(items_);
    pv.targets = target_arena_.copy(targets_);
    pv.ready = true;
  }

 private:
  // Candidates for cat/pkg across the repository set, most preferred first,
  // so the first one an atom matches is RepoIndex::best_match's answer.
  struct Candidate {
    PackageRef ref;  // made once: Ebuild::ref is out of line and this is the innermost loop
    PrepNode* node;
  };
  // The candidate lists met so far, found through a table indexed by the
  // package name's symbol id (dense): a name is rarely in more than one
  // category, so the chain is nearly always one entry long. A hash map probe
  // per atom cost more than the matching itself.
  struct CandidateList {
    Symbol category;
    std::uint32_t first = 0, count = 0;
    std::uint32_t next = BuildGraph::kNone;  // next list for the same package name
  };
  std::span<const Candidate> candidates(Symbol cat, Symbol pkg) {
    if (pkg.id() >= by_name_.size()) by_name_.resize(pkg.id() + 4096, BuildGraph::kNone);
    std::uint32_t l = by_name_[pkg.id()];
    while (l != BuildGraph::kNone && lists_[l].category != cat) l = lists_[l].next;
    if (l == BuildGraph::kNone) {
      l = static_cast<std::uint32_t>(lists_.size());
      lists_.push_back({cat, static_cast<std::uint32_t>(candidate_pool_.size()), 0, by_name_[pkg.id()]});
      by_name_[pkg.id()] = l;
      std::vector<const Ebuild*> es;
      index_->for_each_copy(cat, pkg, [&](const Package& p) {
        for (const Ebuild& e : p.versions) es.push_back(&e);
      });
      std::stable_sort(es.begin(), es.end(), [](const Ebuild* a, const Ebuild* b) {
        if (rank(a) != rank(b)) return rank(a) > rank(b);
        return b->version < a->version;
      });
      for (const Ebuild* e : es) candidate_pool_.push_back({e->ref(false), &node(e)});
      lists_[l].count = static_cast<std::uint32_t>(es.size());
    }
    return std::span<const Candidate>(candidate_pool_).subspan(lists_[l].first, lists_[l].count);
  }

  // The implementation slot a dependency is built for: the one its USE deps
  // name, else the dependent's, else the dependency's newest.
  std::uint32_t dep_slot(const Atom& atom, Symbol from_impl, const PrepNode& to) {
    const std::uint32_t count = static_cast<std::uint32_t>(to.impls.size());
    if (count == 0) return 0;
    auto find = [&](Symbol s) -> std::uint32_t {
      for (std::uint32_t i = 0; i < count; ++i)
        if (to.impls[i] == s) return i;
      return BuildGraph::kNone;
    };
    for (const UseDep& u : atom.use) {
      if (u.kind != UseDep::Kind::Enabled && u.kind != UseDep::Kind::IfEnabled) continue;
      Symbol impl = target_impl(u.flag);
      if (impl == Symbol() || (u.kind != UseDep::Kind::Enabled && impl != from_impl)) continue;
      if (std::uint32_t k = find(impl); k != BuildGraph::kNone) return k;
    }
    if (from_impl != Symbol())
      if (std::uint32_t k = find(from_impl); k != BuildGraph::kNone) return k;
    return count - 1;
  }

  // "python3_13" for python_targets_python3_13 / python_single_target_python3_13, else empty.
  // Symbol ids are dense, so a flat table indexed by id is the cheapest memo.
  Symbol target_impl(Symbol flag) {
    if (flag.id() >= target_known_.size()) {
      target_known_.resize(flag.id() + 1024, 0);
      target_flags_.resize(flag.id() + 1024);
    }
    if (!target_known_[flag.id()]) {
      target_known_[flag.id()] = 1;
      std::string_view s = flag.str();
      if (s.starts_with(kTargetPrefix)) target_flags_[flag.id()] = Symbol::intern(s.substr(kTargetPrefix.size()));
      else if (s.starts_with(kSingleTargetPrefix))
        target_flags_[flag.id()] = Symbol::intern(s.substr(kSingleTargetPrefix.size()));
    }
    return target_flags_[flag.id()];
  }

  enum class Cond { On, OffByDefault, Never };
  Cond condition(const Ebuild& e, Symbol flag, bool negated, Symbol impl) {
    if (flag == test_) return negated ? Cond::On : Cond::Never;
    Symbol t = target_impl(flag);
    if (t != Symbol()) return ((t == impl) != negated) ? Cond::On : Cond::Never;
    bool on = false;
    for (const IuseFlag& f : e.iuse)
      if (f.flag == flag) on = f.def == '+';
    return on != negated ? Cond::On : Cond::OffByDefault;
  }

  void emit(const Ebuild& e, Symbol impl, DepVar dv, EdgeVar var) {
    const DepSpec* spec = e.dep(dv);
    if (!spec) return;
    std::vector<PreItem>& items = items_;
    const std::vector<DepNode>& nodes = spec->nodes;
    open_.clear();
    Symbol flag;  // outermost non-default condition in force
    bool flag_negated = false;
    std::uint32_t flag_end = 0;
    int any_depth = 0;
    auto close_until = [&](std::uint32_t pos) {
      while (!open_.empty() && pos >= open_.back().src_end) {
        const Open& o = open_.back();
        items[o.item].end = static_cast<std::uint32_t>(items.size());
        if (o.any) --any_depth;
        open_.pop_back();
      }
      if (flag != Symbol() && pos >= flag_end) flag = Symbol();
    };
    auto push_group = [&](BuildGraph::ItemKind kind, std::uint32_t src_end) {
      PreItem it;
      it.kind = kind;
      it.var = var;
      it.flag = flag;
      it.flag_negated = flag_negated;
      it.in_any_of = any_depth > 0;
      open_.push_back({src_end, static_cast<std::uint32_t>(items.size()), kind == BuildGraph::ItemKind::AnyOf});
      items.push_back(it);
      if (kind == BuildGraph::ItemKind::AnyOf) ++any_depth;
    };
    for (std::uint32_t i = 1; i < nodes.size();) {
      close_until(i);
      const DepNode& n = nodes[i];
      switch (n.kind) {
        case NodeKind::UseCond: {
          Cond c = condition(e, n.flag, n.negated, impl);
          if (c == Cond::Never) {
            i = n.end;
            continue;
          }
          if (c == Cond::OffByDefault && flag == Symbol()) {
            flag = n.flag;
            flag_negated = n.negated;
            flag_end = n.end;
          }
          break;
        }
        case NodeKind::AnyOf:
          push_group(BuildGraph::ItemKind::AnyOf, n.end);
          break;
        case NodeKind::AllOf:
          // Outside || an all-of group changes nothing; inside, it is one alternative.
          if (any_depth > 0) push_group(BuildGraph::ItemKind::AllOf, n.end);
          break;
        case NodeKind::Leaf: {
          const Atom& atom = spec->atoms[n.leaf];
          if (atom.blocker != Blocker::None) break;
          PreItem it;
          PrepNode*& to = memo_[static_cast<std::size_t>(dv)][n.leaf];
          if (to == kUnresolved) {
            to = nullptr;
            for (const Candidate& cand : candidates(atom.category, atom.package)) {
              if (!atom.matches(cand.ref)) continue;
              to = cand.node;
              break;
            }
          }
          if (to) {
            it.target = to->slot_base + dep_slot(atom, impl, *to);
            targets_.push_back(it.target);
          }
          ++out_->leaves;
          it.var = var;
          it.atom = &atom;
          it.flag = flag;
          it.flag_negated = flag_negated;
          it.in_any_of = any_depth > 0;
          it.end = static_cast<std::uint32_t>(items.size() + 1);
          items.push_back(it);
          break;
        }
        default:
          break;  // ^^ and ?? do not occur in dependency variables
      }
      ++i;
    }
    close_until(static_cast<std::uint32_t>(nodes.size()));
  }

  struct Open {
    std::uint32_t src_end;
    std::uint32_t item;
    bool any;
  };

  const RepoIndex* index_;
  NodeMap* nodes_;
  SlotTable* slots_;
  Symbol test_ = Symbol::intern("test");
  std::vector<std::uint32_t> by_name_;  // package name symbol id -> first of its lists_ (kNone: none)
  std::vector<CandidateList> lists_;    // ranges of candidate_pool_
  std::vector<Candidate> candidate_pool_;
  std::vector<PreItem> items_;         // the variant being evaluated
  std::vector<std::uint32_t> targets_;
  Arena<PreItem> item_arena_;
  Arena<std::uint32_t> target_arena_;
  std::vector<std::uint8_t> target_known_;
  std::vector<Symbol> target_flags_;
  std::vector<Open> open_;
  PrepVariant* out_ = nullptr;
  // Per atom of the ebuild memo_for_, by DepVar and leaf index: the node it
  // resolves to, nullptr when nothing matches, kUnresolved before the first look.
  inline static PrepNode* const kUnresolved = reinterpret_cast<PrepNode*>(alignof(PrepNode));
  const PrepNode* memo_for_ = nullptr;
  std::array<std::vector<PrepNode*>, 5> memo_;
};

struct BuildGraphPrep::Impl {
  explicit Impl(const RepoIndex& index)
      : evaluators([this, &index] { return DepEvaluator(index, nodes, slots); }) {}
  DepEvaluator::NodeMap nodes;
  DepEvaluator::SlotTable slots;
  tbb::enumerable_thread_specific<DepEvaluator> evaluators;
};

BuildGraphPrep::BuildGraphPrep(const RepoIndex& index) : impl_(std::make_unique<Impl>(index)) {}
BuildGraphPrep::~BuildGraphPrep() = default;

void BuildGraphPrep::prepare(const Ebuild& e) {
  DepEvaluator& ev = impl_->evaluators.local();
  PrepNode& n = ev.node(&e);
  for (std::uint32_t k = 0; k < n.vars.size(); ++k)
    if (!n.vars[k].ready) ev.evaluate(n, k);
}

// Numbers variants in the order a serial walk from the roots meets them (so
// the graph is the same whatever was prepared, and on how many threads), then
// copies their items into the graph's flat arrays in parallel.
class BuildGraphBuilder {
 public:
  BuildGraphBuilder(BuildGraphPrep::Impl& prep, BuildGraph& g)
      : prep_(prep), ev_(prep.evaluators.local()), slots_(prep.slots), g_(g) {}

  void run(std::span<const Ebuild* const> roots) {
    // Looking the roots up is a hash probe each, and independent.
    std::vector<PrepNode*> root_nodes(roots.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, roots.size(), 1024), [&](const auto& r) {
      DepEvaluator& ev = prep_.evaluators.local();
      for (std::size_t i = r.begin(); i < r.end(); ++i) root_nodes[i] = &ev.node(roots[i]);
    });
    for (PrepNode* n : root_nodes)
      for (std::uint32_t k = 0; k < n->vars.size(); ++k) variant(n->slot_base + k);
    // Numbering (serial): variants in creation order, each one's resolved
    // targets in item order. Also where each variant's items and atoms go:
    // B(v)'s items, the Self edge, then U(v)'s.
    std::vector<std::uint32_t> item_base, atom_base;
    std::uint32_t items = 0, atoms = 0;
    for (std::uint32_t v = 0; v < order_.size(); ++v) {
      const SlotRef ref = slots_[order_[v]];  // a copy: variant() appends to order_
      PrepVariant& pv = ref.node->vars[ref.k];
      if (!pv.ready) ev_.evaluate(*ref.node, ref.k);
      for (std::uint32_t t : pv.targets) variant(t);
      item_base.push_back(items);
      atom_base.push_back(atoms);
      items += static_cast<std::uint32_t>(pv.items.size()) + 1;
      atoms += pv.leaves;
    }
    const std::uint32_t count = static_cast<std::uint32_t>(order_.size());
    g_.items_.resize(items);
    g_.atoms_.resize(atoms);
    g_.offsets_.resize(2 * std::size_t{count} + 1);
    g_.offsets_[2 * std::size_t{count}] = items;
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, count, 256), [&](const auto& r) {
      for (std::uint32_t v = r.begin(); v < r.end(); ++v) copy(v, item_base[v], atom_base[v]);
    });
    g_.by_ebuild_.reserve(g_.variants_.size());
    for (std::uint32_t v = 0; v < g_.variants_.size(); ++v) g_.by_ebuild_.emplace_back(g_.variants_[v].ebuild, v);
    std::sort(g_.by_ebuild_.begin(), g_.by_ebuild_.end());
  }

 private:
  std::uint32_t variant(std::uint32_t slot) {
    if (slot >= ids_.size()) ids_.resize(std::max<std::size_t>(slots_.size(), slot + 1) + 1024, BuildGraph::kNone);
    std::uint32_t& id = ids_[slot];
    if (id == BuildGraph::kNone) {
      const SlotRef ref = slots_[slot];
      id = static_cast<std::uint32_t>(g_.variants_.size());
      g_.variants_.push_back({ref.node->ebuild, ref.k < ref.node->impls.size() ? ref.node->impls[ref.k] : Symbol()});
      order_.push_back(slot);
    }
    return id;
  }

  // Variant v's items from `base` and its atoms from `atom`; every target
  // already has its variant number, so this only reads shared state.
  void copy(std::uint32_t v, std::uint32_t base, std::uint32_t atom) {
    const SlotRef ref = slots_[order_[v]];
    const PrepVariant& pv = ref.node->vars[ref.k];
    g_.offsets_[2 * std::size_t{v}] = base;
    g_.offsets_[2 * std::size_t{v} + 1] = base + pv.u_begin;
    BuildGraph::Item* out = g_.items_.data();
    for (std::uint32_t i = 0; i < pv.items.size(); ++i) {
      const PreItem& p = pv.items[i];
      // Items after the Self edge move one further; so do the ends of U items.
      std::uint32_t at = base + i + (i >= pv.u_begin ? 1 : 0);
      BuildGraph::Item& it = out[at];
      it.end = base + p.end + (i >= pv.u_begin ? 1 : 0);
      it.flag = p.flag;
      it.kind = p.kind;
      it.var = p.var;
      it.flag_negated = p.flag_negated;
      it.in_any_of = p.in_any_of;
      it.target = BuildGraph::kNone;
      it.atom = BuildGraph::kNone;
      if (p.kind == BuildGraph::ItemKind::Leaf) {
        if (p.target != BuildGraph::kNone) it.target = 2 * ids_[p.target] + 1;  // its U node
        it.atom = atom;
        g_.atoms_[atom++] = p.atom;
      }
    }
    BuildGraph::Item& self = out[base + pv.u_begin];
    self = BuildGraph::Item();
    self.target = 2 * v;
    self.var = EdgeVar::Self;
    self.end = base + pv.u_begin + 1;
  }

  BuildGraphPrep::Impl& prep_;
  DepEvaluator& ev_;
  DepEvaluator::SlotTable& slots_;
  BuildGraph& g_;
  std::vector<std::uint32_t> ids_;    // slot -> variant id, kNone when not created
  std::vector<std::uint32_t> order_;  // variant id -> slot
};

BuildGraph BuildGraph::build(const RepoIndex& index, std::span<const Ebuild* const> roots) {
  BuildGraphPrep prep(index);
  return build(prep, roots);
}

BuildGraph BuildGraph::build(BuildGraphPrep& prep, std::span<const Ebuild* const> roots) {
  BuildGraph g;
  BuildGraphBuilder(*prep.impl_, g).run(roots);
  return g;
}

std::vector<std::uint32_t> BuildGraph::variants_of(const Ebuild* e) const {
  std::vector<std::uint32_t> out;
  auto it = std::lower_bound(by_ebuild_.begin(), by_ebuild_.end(), std::make_pair(e, std::uint32_t{0}));
  for (; it != by_ebuild_.end() && it->first == e; ++it) out.push_back(it->second);
  return out;
}

std::vector<BuildGraph::Dep> BuildGraph::deps(std::uint32_t v, bool runtime) const {
  std::vector<Dep> out;
  std::uint32_t node = 2 * v + (runtime ? 1 : 0);
  for (std::uint32_t i = offsets_[node]; i < offsets_[node + 1]; ++i) {
    const Item& it = items_[i];
    if (it.kind != ItemKind::Leaf || it.var == EdgeVar::Self) continue;
    Dep d;
    d.target = it.target == kNone ? kNone : it.target / 2;
    d.var = it.var;
    d.atom = atoms_[it.atom];
    d.flag = it.flag;
    d.flag_negated = it.flag_negated;
    d.in_any_of = it.in_any_of;
    out.push_back(std::move(d));
  }
  return out;
}

namespace {

// Scratch arrays for one cycle analysis, allocated once per analysis.
struct Tarjan {
  static constexpr std::uint32_t kUnvisited = UINT32_MAX;
  std::vector<std::uint32_t> index, low, cursor, comp, comp_size, stack, call;
  std::vector<std::uint8_t> on_stack;
  std::uint32_t comps = 0;
  explicit Tarjan(std::size_t n) : index(n), low(n), cursor(n), comp(n), on_stack(n) {}
};

}  // namespace

std::vector<BuildGraph::Cycle> BuildGraph::cycles_impl(View view, const std::vector<std::uint8_t>& want) const {
  const std::uint32_t nodes = static_cast<std::uint32_t>(2 * variants_.size());
  std::vector<std::uint8_t> dropped(items_.size(), 0);  // || alternatives not taken
  std::vector<std::uint8_t> in_subset(nodes, 1);
  std::vector<std::uint32_t> subset(nodes);
  for (std::uint32_t n = 0; n < nodes; ++n) subset[n] = n;
  Tarjan t(nodes);

  auto edge = [&](std::uint32_t i) -> std::uint32_t {  // target node of item i, or kNone
    const Item& it = items_[i];
    if (it.kind != ItemKind::Leaf || it.target == kNone || dropped[i] || !active(it, view)) return kNone;
    return in_subset[it.target] ? it.target : kNone;
  };

  // Iterative Tarjan over the current subset.
  auto run_tarjan = [&] {
    for (std::uint32_t n : subset) t.index[n] = Tarjan::kUnvisited;
    t.comps = 0;
    t.comp_size.clear();
    std::uint32_t counter = 0;
    for (std::uint32_t root : subset) {
      if (t.index[root] != Tarjan::kUnvisited) continue;
      auto enter = [&](std::uint32_t n) {
        t.index[n] = t.low[n] = counter++;
        t.cursor[n] = offsets_[n];
        t.stack.push_back(n);
        t.on_stack[n] = 1;
        t.call.push_back(n);
      };
      enter(root);
      while (!t.call.empty()) {
        std::uint32_t v = t.call.back();
        if (t.cursor[v] < offsets_[v + 1]) {
          std::uint32_t w = edge(t.cursor[v]++);
          if (w == kNone) continue;
          if (t.index[w] == Tarjan::kUnvisited) enter(w);
          else if (t.on_stack[w]) t.low[v] = std::min(t.low[v], t.index[w]);
          continue;
        }
        t.call.pop_back();
        if (!t.call.empty()) t.low[t.call.back()] = std::min(t.low[t.call.back()], t.low[v]);
        if (t.low[v] != t.index[v]) continue;
        std::uint32_t size = 0, w;
        do {
          w = t.stack.back();
          t.stack.pop_back();
          t.on_stack[w] = 0;
          t.comp[w] = t.comps;
          ++size;
        } while (w != v);
        t.comp_size.push_back(size);
        ++t.comps;
      }
    }
  };

  // Does satisfying item i (within its node) require a node of component c?
  // Nesting is bounded by DepSpec::kMaxDepth, so recursion here is safe.
  auto blocked = [&](auto& self, std::uint32_t i, std::uint32_t c) -> bool {
    const Item& it = items_[i];
    if (dropped[i] || !active(it, view)) return false;
    if (it.kind == ItemKind::Leaf) return it.target != kNone && in_subset[it.target] && t.comp[it.target] == c;
    bool any_member = false, all_blocked = true;
    for (std::uint32_t j = i + 1; j < it.end; j = items_[j].end) {
      if (dropped[j] || !active(items_[j], view)) continue;
      bool b = self(self, j, c);
      if (it.kind == ItemKind::AllOf && b) return true;
      any_member = true;
      all_blocked &= b;
    }
    return it.kind == ItemKind::AnyOf && any_member && all_blocked;
  };

  // Resolve || groups towards alternatives outside the cycle until nothing changes.
  for (;;) {
    run_tarjan();
    bool changed = false;
    for (std::uint32_t n : subset) {
      std::uint32_t c = t.comp[n];
      if (t.comp_size[c] < 2) continue;
      for (std::uint32_t i = offsets_[n]; i < offsets_[n + 1]; ++i) {
        const Item& it = items_[i];
        if (it.kind != ItemKind::AnyOf || dropped[i] || !active(it, view) || blocked(blocked, i, c)) continue;
        bool kept = false;
        for (std::uint32_t j = i + 1; j < it.end; j = items_[j].end) {
          if (dropped[j] || !active(items_[j], view)) continue;
          if (!kept && !blocked(blocked, j, c)) {
            kept = true;
            continue;
          }
          for (std::uint32_t k = j; k < items_[j].end; ++k) {
            if (!dropped[k] && items_[k].kind == ItemKind::Leaf && items_[k].target != kNone) changed = true;
            dropped[k] = 1;
          }
        }
      }
    }
    // Removing edges cannot create cycles: only nodes of non-trivial components stay.
    std::vector<std::uint32_t> next;
    for (std::uint32_t n : subset) {
      if (t.comp_size[t.comp[n]] >= 2) next.push_back(n);
      else in_subset[n] = 0;
    }
    subset.swap(next);
    if (!changed) break;
  }

  // One cycle per component that holds a B node (so a build edge) of a wanted ebuild.
  std::vector<std::vector<std::uint32_t>> members(t.comps);
  for (std::uint32_t n : subset) members[t.comp[n]].push_back(n);
  std::vector<Cycle> out;
  std::vector<std::uint32_t> parent(nodes, kNone), parent_item(nodes, kNone), queue;
  for (std::vector<std::uint32_t>& m : members) {
    if (m.size() < 2) continue;
    std::uint32_t start = kNone;
    for (std::uint32_t n : m)
      if (n % 2 == 0 && want[n / 2] &&
          (start == kNone || ebuild_less(variants_[n / 2].ebuild, variants_[start / 2].ebuild)))
        start = n;
    if (start == kNone) continue;
    const std::uint32_t c = t.comp[start];
    // Breadth-first search inside the component for a shortest way back to start.
    queue.assign(1, start);
    std::uint32_t back_from = kNone, back_item = kNone;
    for (std::size_t q = 0; q < queue.size() && back_from == kNone; ++q) {
      std::uint32_t v = queue[q];
      for (std::uint32_t i = offsets_[v]; i < offsets_[v + 1]; ++i) {
        std::uint32_t w = edge(i);
        if (w == kNone || t.comp[w] != c) continue;
        if (w == start) {
          back_from = v;
          back_item = i;
          break;
        }
        if (parent[w] != kNone) continue;
        parent[w] = v;
        parent_item[w] = i;
        queue.push_back(w);
      }
    }
    std::vector<std::uint32_t> path_items;  // reversed
    if (back_from != kNone) {
      path_items.push_back(back_item);
      for (std::uint32_t v = back_from; v != start; v = parent[v]) path_items.push_back(parent_item[v]);
      std::reverse(path_items.begin(), path_items.end());
    }
    for (std::uint32_t v : queue) parent[v] = parent_item[v] = kNone;
    if (path_items.empty()) continue;

    // Collapse B/U nodes into ebuild steps; Self edges join a variant's two halves.
    Cycle cyc;
    std::uint32_t cur = start / 2;
    for (std::uint32_t i : path_items) {
      const Item& it = items_[i];
      if (it.flag != Symbol()) {
        auto f = std::make_pair(it.flag, it.flag_negated);
        if (std::find(cyc.flags.begin(), cyc.flags.end(), f) == cyc.flags.end()) cyc.flags.push_back(f);
      }
      if (it.var == EdgeVar::Self) continue;
      cyc.variants.push_back(cur);
      cyc.vars.push_back(it.var);
      cur = it.target / 2;
    }
    // Rotate to start at the first ebuild in sorted order.
    std::size_t first = 0;
    for (std::size_t k = 1; k < cyc.variants.size(); ++k)
      if (ebuild_less(variants_[cyc.variants[k]].ebuild, variants_[cyc.variants[first]].ebuild)) first = k;
    std::rotate(cyc.variants.begin(), cyc.variants.begin() + static_cast<std::ptrdiff_t>(first), cyc.variants.end());
    std::rotate(cyc.vars.begin(), cyc.vars.begin() + static_cast<std::ptrdiff_t>(first), cyc.vars.end());
    for (std::uint32_t n : m) cyc.component.push_back(n / 2);
    std::sort(cyc.component.begin(), cyc.component.end());
    cyc.component.erase(std::unique(cyc.component.begin(), cyc.component.end()), cyc.component.end());
    out.push_back(std::move(cyc));
  }
  return out;
}

std::string BuildGraph::describe(const Cycle& c) const {
  std::string s;
  for (std::size_t k = 0; k < c.variants.size(); ++k) {
    if (k == 0) s += variants_[c.variants[k]].ebuild->cpv();
    s += " -";
    s += edge_label(c.vars[k]);
    s += "-> ";
    s += variants_[c.variants[(k + 1) % c.variants.size()]].ebuild->cpv();
  }
  return s;
}

}  // namespace pkgscan
