// The build graph and its cycles (see include/pkgscan/build_graph.hpp).
//
// Building walks each variant's dependency specs once, without recursion and
// without building intermediate DepSpecs: USE conditionals are decided while
// walking, and || groups are copied as groups so that cycle analysis can
// choose alternatives later. All items live in one array indexed by node
// (CSR), so Tarjan's algorithm runs over flat arrays.
#include "pkgscan/build_graph.hpp"

#include <algorithm>
#include <unordered_map>

namespace pkgscan {

namespace {

constexpr std::string_view kTargetPrefix = "python_targets_";
constexpr std::string_view kSingleTargetPrefix = "python_single_target_";

std::uint64_t pack(Symbol a, Symbol b) { return (static_cast<std::uint64_t>(a.id()) << 32) | b.id(); }

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

// Fills a BuildGraph; lives only while building.
class BuildGraphBuilder {
 public:
  BuildGraphBuilder(const RepoIndex& index, BuildGraph& g) : index_(index), g_(g) {}

  void run(std::span<const Ebuild* const> roots) {
    for (const Ebuild* e : roots) {
      std::uint32_t ei = ebuild_id(e);
      const EbuildInfo& info = ebuilds_[ei];
      if (info.impl_count == 0) variant(ei, Symbol());
      for (std::uint32_t k = 0; k < info.impl_count; ++k) variant(ei, impls_[info.impl_first + k]);
    }
    // Variants are processed in creation order, so every node's items are
    // appended contiguously: B(v) then U(v).
    for (std::uint32_t v = 0; v < g_.variants_.size(); ++v) {
      g_.offsets_.push_back(static_cast<std::uint32_t>(g_.items_.size()));
      const BuildGraph::Variant var = g_.variants_[v];
      const Ebuild& e = *var.ebuild;
      emit(e, var.impl, DepVar::BDEPEND, EdgeVar::BDEPEND);
      emit(e, var.impl, DepVar::DEPEND, EdgeVar::DEPEND);
      g_.offsets_.push_back(static_cast<std::uint32_t>(g_.items_.size()));
      BuildGraph::Item self;
      self.target = 2 * v;
      self.var = EdgeVar::Self;
      self.end = static_cast<std::uint32_t>(g_.items_.size() + 1);
      g_.items_.push_back(self);
      emit(e, var.impl, DepVar::RDEPEND, EdgeVar::RDEPEND);
      emit(e, var.impl, DepVar::IDEPEND, EdgeVar::IDEPEND);
    }
    g_.offsets_.push_back(static_cast<std::uint32_t>(g_.items_.size()));
    g_.by_ebuild_.reserve(g_.variants_.size());
    for (std::uint32_t v = 0; v < g_.variants_.size(); ++v) g_.by_ebuild_.emplace_back(g_.variants_[v].ebuild, v);
    std::sort(g_.by_ebuild_.begin(), g_.by_ebuild_.end());
  }

 private:
  struct EbuildInfo {
    const Ebuild* ebuild;
    std::uint32_t impl_first, impl_count;
    std::uint32_t variant_first;  // into variant_slots_: impl_count + 1 slots (the last: no impl)
  };

  std::uint32_t ebuild_id(const Ebuild* e) {
    auto [it, fresh] = ebuild_ids_.try_emplace(e, static_cast<std::uint32_t>(ebuilds_.size()));
    if (fresh) {
      std::vector<Symbol>& impls = scratch_impls_;
      impls.clear();
      for (const IuseFlag& f : e->iuse) {
        Symbol impl = target_impl(f.flag);
        if (impl != Symbol() && std::find(impls.begin(), impls.end(), impl) == impls.end()) impls.push_back(impl);
      }
      EbuildInfo info{e, static_cast<std::uint32_t>(impls_.size()), static_cast<std::uint32_t>(impls.size()),
                      static_cast<std::uint32_t>(variant_slots_.size())};
      impls_.insert(impls_.end(), impls.begin(), impls.end());
      variant_slots_.resize(variant_slots_.size() + impls.size() + 1, BuildGraph::kNone);
      ebuilds_.push_back(info);
    }
    return it->second;
  }

  // The variant of ebuild `ei` for implementation `impl` (empty or one of its own).
  std::uint32_t variant(std::uint32_t ei, Symbol impl) {
    const EbuildInfo& info = ebuilds_[ei];
    std::uint32_t k = info.impl_count;
    for (std::uint32_t i = 0; i < info.impl_count; ++i)
      if (impls_[info.impl_first + i] == impl) k = i;
    std::uint32_t& slot = variant_slots_[info.variant_first + k];
    if (slot == BuildGraph::kNone) {
      slot = static_cast<std::uint32_t>(g_.variants_.size());
      g_.variants_.push_back({info.ebuild, k < info.impl_count ? impl : Symbol()});
    }
    return slot;
  }

  // Candidates for cat/pkg across the repository set, most preferred first,
  // so the first one an atom matches is RepoIndex::best_match's answer.
  struct Candidate {
    const Ebuild* ebuild;
    std::uint32_t id;  // ebuild id
  };
  const std::vector<Candidate>& candidates(Symbol cat, Symbol pkg) {
    auto [it, fresh] = candidates_.try_emplace(pack(cat, pkg));
    if (fresh) {
      std::vector<const Ebuild*> es;
      for (const Package* p : index_.find(cat, pkg))
        for (const Ebuild& e : p->versions) es.push_back(&e);
      std::stable_sort(es.begin(), es.end(), [](const Ebuild* a, const Ebuild* b) {
        if (rank(a) != rank(b)) return rank(a) > rank(b);
        return b->version < a->version;
      });
      for (const Ebuild* e : es) it->second.push_back({e, ebuild_id(e)});
    }
    return it->second;
  }

  // The implementation a dependency is built for: the one its USE deps name,
  // else the dependent's, else the dependency's newest.
  Symbol dep_impl(const Atom& atom, Symbol from_impl, std::uint32_t ei) {
    const EbuildInfo& info = ebuilds_[ei];
    if (info.impl_count == 0) return Symbol();
    auto has = [&](Symbol s) {
      for (std::uint32_t i = 0; i < info.impl_count; ++i)
        if (impls_[info.impl_first + i] == s) return true;
      return false;
    };
    for (const UseDep& u : atom.use) {
      if (u.kind != UseDep::Kind::Enabled && u.kind != UseDep::Kind::IfEnabled) continue;
      Symbol impl = target_impl(u.flag);
      if (impl != Symbol() && has(impl) && (u.kind == UseDep::Kind::Enabled || impl == from_impl)) return impl;
    }
    if (from_impl != Symbol() && has(from_impl)) return from_impl;
    return impls_[info.impl_first + info.impl_count - 1];
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
    const std::vector<DepNode>& nodes = spec->nodes;
    open_.clear();
    Symbol flag;  // outermost non-default condition in force
    bool flag_negated = false;
    std::uint32_t flag_end = 0;
    int any_depth = 0;
    auto close_until = [&](std::uint32_t pos) {
      while (!open_.empty() && pos >= open_.back().src_end) {
        const Open& o = open_.back();
        if (o.item != BuildGraph::kNone) g_.items_[o.item].end = static_cast<std::uint32_t>(g_.items_.size());
        if (o.any) --any_depth;
        open_.pop_back();
      }
      if (flag != Symbol() && pos >= flag_end) flag = Symbol();
    };
    auto push_group = [&](BuildGraph::ItemKind kind, std::uint32_t src_end) {
      BuildGraph::Item it;
      it.kind = kind;
      it.var = var;
      it.flag = flag;
      it.flag_negated = flag_negated;
      it.in_any_of = any_depth > 0;
      open_.push_back({src_end, static_cast<std::uint32_t>(g_.items_.size()), kind == BuildGraph::ItemKind::AnyOf});
      g_.items_.push_back(it);
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
          std::uint32_t target = BuildGraph::kNone;
          for (const Candidate& cand : candidates(atom.category, atom.package)) {
            if (!atom.matches(cand.ebuild->ref(false))) continue;
            std::uint32_t ei = cand.id;
            target = 2 * variant(ei, dep_impl(atom, impl, ei)) + 1;  // its U node
            break;
          }
          BuildGraph::Item it;
          it.target = target;
          it.var = var;
          it.atom = static_cast<std::uint32_t>(g_.atoms_.size());
          it.flag = flag;
          it.flag_negated = flag_negated;
          it.in_any_of = any_depth > 0;
          it.end = static_cast<std::uint32_t>(g_.items_.size() + 1);
          g_.atoms_.push_back(&atom);
          g_.items_.push_back(it);
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

  const RepoIndex& index_;
  BuildGraph& g_;
  Symbol test_ = Symbol::intern("test");
  std::unordered_map<const Ebuild*, std::uint32_t> ebuild_ids_;
  std::vector<EbuildInfo> ebuilds_;
  std::vector<Symbol> impls_;
  std::vector<std::uint32_t> variant_slots_;
  std::unordered_map<std::uint64_t, std::vector<Candidate>> candidates_;
  std::vector<std::uint8_t> target_known_;
  std::vector<Symbol> target_flags_;
  std::vector<Symbol> scratch_impls_;
  std::vector<Open> open_;
};

BuildGraph BuildGraph::build(const RepoIndex& index, std::span<const Ebuild* const> roots) {
  BuildGraph g;
  BuildGraphBuilder(index, g).run(roots);
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
    d.atom = atoms_[it.atom]->str();
    d.key = atoms_[it.atom]->key();
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
