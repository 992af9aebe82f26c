#pragma once
// The build graph: which ebuilds must be built and usable before an ebuild
// can be built. Used by the Bootstrap check (build-time cycles) and by
// `pkgscan inspect --deps-graph`.
//
// Nodes are (ebuild, Python implementation) variants, each split in two:
// "built" (B) and "usable" (U, i.e. installed with its runtime closure).
//   B(a) -> U(b)   for every BDEPEND/DEPEND atom of a resolving to b (build edge)
//   U(b) -> B(b)   a usable package has been built
//   U(b) -> U(c)   for every RDEPEND/IDEPEND atom of b (runtime closure)
// A cycle through a build edge is a bootstrap cycle; cycles made only of
// U -> U edges are ordinary runtime cycles and are never reported.
//
// USE conditionals are evaluated per variant: the variant's Python target on,
// every other target off, `test?` subtrees dropped, other flags by their IUSE
// default. Subtrees under a flag that is off by default are kept, marked with
// that flag, so one graph answers both "default USE" and "any USE" questions.
// `|| ( )` groups are kept as groups: an edge inside one only closes a cycle
// when every alternative leads back into the cycle (see cycles()).
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pkgscan/index.hpp"

namespace pkgscan {

// The variable an edge comes from; Self is the implicit U(x) -> B(x) edge.
enum class EdgeVar : std::uint8_t { BDEPEND, DEPEND, RDEPEND, IDEPEND, Self };
// "BDEPEND", "DEPEND", "RDEPEND(of build dep)", "IDEPEND(of build dep)", "".
std::string_view edge_label(EdgeVar v);

// The Python implementations an ebuild is built for (python_targets_* or
// python_single_target_* in IUSE), as implementation names ("python3_13"), in
// IUSE order. Empty for non-Python ebuilds and python-any-r1 ebuilds (whose
// implementation choice lives in || groups, which the graph handles as such).
// TODO(issue 5): switch to the shared Python model once include/pkgscan/python.hpp lands.
std::vector<Symbol> python_impls_of(const Ebuild& e);

// Each ebuild's dependency trees evaluated ahead of BuildGraph::build: atoms
// resolved to target ebuilds and USE conditionals decided per Python
// implementation. That is most of the cost of a graph, and it needs no
// numbering of variants, so it can run on many threads (the Bootstrap check
// does it in check_package); build() then only numbers variants and copies.
// Ebuilds reached but never prepared are evaluated by build() itself.
class BuildGraphPrep {
 public:
  explicit BuildGraphPrep(const RepoIndex& index);
  ~BuildGraphPrep();
  BuildGraphPrep(const BuildGraphPrep&) = delete;
  BuildGraphPrep& operator=(const BuildGraphPrep&) = delete;

  // Evaluates every variant of `e`. Thread-safe; each ebuild must be prepared
  // by one thread at a time, and never while build() runs on this object.
  void prepare(const Ebuild& e);

  struct Impl;

 private:
  friend class BuildGraph;
  std::unique_ptr<Impl> impl_;
};

class BuildGraph {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  enum class View : std::uint8_t {
    BuildOnly,    // default USE, build edges only
    WithRuntime,  // default USE, build edges and the runtime closure of build deps
    AnyUse        // like WithRuntime, plus subtrees under non-default USE flags
  };

  // Builds the graph reachable from every variant of every ebuild in `roots`.
  // Atoms resolve to the best match in the repository set (keyworded non-live
  // versions first); unresolvable atoms are kept as leaves (no edge), blockers
  // are left out.
  static BuildGraph build(const RepoIndex& index, std::span<const Ebuild* const> roots);
  // The same graph from trees prepared earlier (possibly on other threads);
  // the result does not depend on which ebuilds were prepared. Not
  // thread-safe on one `prep`.
  static BuildGraph build(BuildGraphPrep& prep, std::span<const Ebuild* const> roots);

  struct Variant {
    const Ebuild* ebuild = nullptr;
    Symbol impl;  // empty: no Python implementation
  };
  std::size_t variant_count() const { return variants_.size(); }
  const Variant& variant(std::uint32_t v) const { return variants_[v]; }
  // Every variant of `e` that the graph holds (none if `e` was not reached).
  std::vector<std::uint32_t> variants_of(const Ebuild* e) const;

  // A dependency of one variant as the graph holds it.
  struct Dep {
    std::uint32_t target = kNone;  // variant, kNone when unresolvable
    EdgeVar var = EdgeVar::BDEPEND;
    // The atom as written (owned by the graph). Not made text here: the
    // Bootstrap check walks hundreds of thousands of these and prints a few.
    const Atom* atom = nullptr;
    Symbol flag;                   // non-default USE flag guarding it (empty: default)
    bool flag_negated = false;     // guarded by !flag?
    bool in_any_of = false;        // member of a || group
  };
  // Build deps (BDEPEND/DEPEND) and runtime deps (RDEPEND/IDEPEND) of a variant.
  std::vector<Dep> deps(std::uint32_t v, bool runtime) const;

  // One bootstrap cycle, shown as a shortest cycle through its strongly
  // connected component, rotated to start at its first ebuild in sorted order.
  struct Cycle {
    std::vector<std::uint32_t> variants;  // variants[i] -vars[i]-> variants[i+1] (wrapping)
    std::vector<EdgeVar> vars;
    std::vector<std::pair<Symbol, bool>> flags;  // non-default flags on its edges (flag, negated)
    std::vector<std::uint32_t> component;        // every variant of the component, sorted
  };
  // Cycles under `view`, one per component that contains a build edge and at
  // least one variant of an ebuild for which `wanted` is true. `|| ( )` groups
  // that still have an alternative outside a component are resolved to that
  // alternative before components are final.
  template <class Pred>
  std::vector<Cycle> cycles(View view, Pred wanted) const {
    std::vector<std::uint8_t> want(variants_.size());
    for (std::size_t v = 0; v < variants_.size(); ++v) want[v] = wanted(variants_[v].ebuild) ? 1 : 0;
    return cycles_impl(view, want);
  }

  // "cat/pkg-1 -BDEPEND-> cat/dep-2 -RDEPEND(of build dep)-> cat/pkg-1".
  std::string describe(const Cycle& c) const;

 private:
  enum class ItemKind : std::uint8_t { Leaf, AllOf, AnyOf };
  // One entry of a node's evaluated dependency tree, in pre-order.
  struct Item {
    std::uint32_t target = kNone;  // Leaf: node id (2*variant for B, 2*variant+1 for U)
    std::uint32_t end = 0;         // one past this item's subtree
    std::uint32_t atom = kNone;    // index into atoms_ (for display)
    Symbol flag;                   // outermost non-default USE condition above it
    ItemKind kind = ItemKind::Leaf;
    EdgeVar var = EdgeVar::BDEPEND;
    bool flag_negated = false;
    bool in_any_of = false;
  };
  friend class BuildGraphBuilder;
  friend class DepEvaluator;
  friend struct PreItem;

  std::vector<Cycle> cycles_impl(View view, const std::vector<std::uint8_t>& want) const;
  bool active(const Item& it, View view) const {
    if (it.flag != Symbol() && view != View::AnyUse) return false;
    if (view == View::BuildOnly && (it.var == EdgeVar::RDEPEND || it.var == EdgeVar::IDEPEND)) return false;
    return true;
  }

  std::vector<Variant> variants_;
  std::vector<std::uint32_t> offsets_;  // node n's items: [offsets_[n], offsets_[n+1]); 2*variants+1 entries
  std::vector<Item> items_;
  std::vector<const Atom*> atoms_;
  std::vector<std::pair<const Ebuild*, std::uint32_t>> by_ebuild_;  // sorted by pointer: ebuild -> first variant
};

// Sorted order of ebuilds for reports: category, package, version.
bool ebuild_less(const Ebuild* a, const Ebuild* b);

}  // namespace pkgscan
