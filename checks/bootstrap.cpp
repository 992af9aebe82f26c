// Bootstrap: can every ebuild be built from scratch? A package whose build
// needs itself, directly or through the runtime dependencies of its build
// dependencies, cannot be bootstrapped. The graph and its cycle analysis live
// in pkgscan/build_graph.hpp; this file decides what to report and how.
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include <yaml-cpp/yaml.h>

#include "pkgscan/build_graph.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kBootstrapCycle{
    "BootstrapCycle", Level::Error, Scope::Version,
    "The ebuild is part of a cycle of build dependencies (BDEPEND, DEPEND) that no || alternative and no "
    "default USE setting breaks, so it cannot be built from scratch. The message shows a shortest such cycle "
    "with the variable of each edge; it is reported once per cycle, on its first ebuild in sorted order. Move "
    "the dependency that is not needed to build into PDEPEND, behind test?, or into a || group with a "
    "bootstrap variant."};
constexpr Keyword kBootstrapCycleViaRuntime{
    "BootstrapCycleViaRuntime", Level::Warning, Scope::Version,
    "The ebuild is part of a build-time cycle that only closes through the runtime dependencies (RDEPEND, "
    "IDEPEND) of a build dependency, which must be installed and usable before the build. Package managers "
    "may break such cycles by ordering, but a from-scratch build still needs one side installed first."};
constexpr Keyword kConditionalBootstrapCycle{
    "ConditionalBootstrapCycle", Level::Info, Scope::Version,
    "The ebuild is part of a build-time cycle that only exists when a USE flag is set away from its IUSE "
    "default; the message names the flag. Users enabling it must build once without it first."};
constexpr Keyword kPythonBootstrapViolation{
    "PythonBootstrapViolation", Level::Warning, Scope::Version,
    "A package of the Python build-system bootstrap set (data/python-bootstrap.yaml, or the repository's "
    "metadata/pkgscan-bootstrap.yaml) needs, at build time, a package built with a backend outside the "
    "bootstrap backends (e.g. setuptools or hatchling beneath flit-core), which breaks the bootstrap order "
    "of the Python guide."};

// The Python bootstrap set and the build backends, from YAML.
struct BootstrapData {
  std::set<std::string> packages;                 // "cat/pkg" members of the bootstrap set
  std::map<std::string, std::string, std::less<>> backends;  // backend package "cat/pkg" -> backend name
  std::set<std::string> allowed;                  // backend names the set may build with
  bool loaded = false;
};

bool parse_bootstrap_yaml(const std::string& text, BootstrapData& d) {
  try {
    YAML::Node root = YAML::Load(text);
    for (const auto& n : root["packages"]) d.packages.insert(n.as<std::string>());
    for (const auto& n : root["backends"]) d.backends[n.first.as<std::string>()] = n.second.as<std::string>();
    for (const auto& n : root["allowed-backends"]) d.allowed.insert(n.as<std::string>());
    d.loaded = true;
  } catch (const YAML::Exception&) {
    d = BootstrapData{};
  }
  return d.loaded;
}

std::string key_of(const Ebuild& e) {
  std::string s(e.category.str());
  s += '/';
  s += e.package.str();
  return s;
}

class BootstrapCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Bootstrap";
  static constexpr std::string_view kDoc =
      "Finds build-time dependency cycles across the repository and its masters (per ebuild and Python "
      "implementation, honouring || alternatives, USE defaults, test? and PDEPEND), and build edges that "
      "break the Python build-system bootstrap order.";
  static constexpr std::array<Keyword, 4> kKeywords = {kBootstrapCycle, kBootstrapCycleViaRuntime,
                                                       kConditionalBootstrapCycle, kPythonBootstrapViolation};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kRepoWide = true;  // a cycle search needs the build closure of the whole tree

  // The repository's own metadata/pkgscan-bootstrap.yaml replaces the shipped set.
  void begin(const ScanContext& ctx) override {
    prep_ = std::make_unique<BuildGraphPrep>(ctx.index);
    const Repository& main = ctx.repos.main();
    std::string text;
    if (main.fs().read_file(main.abs("metadata/pkgscan-bootstrap.yaml"), text, nullptr) &&
        parse_bootstrap_yaml(text, data_))
      return;
    if (main.fs().read_file(ctx.data_dir + "/python-bootstrap.yaml", text, nullptr)) parse_bootstrap_yaml(text, data_);
  }

  // The costly part of the graph, resolving each ebuild's atoms and deciding
  // its USE conditionals, runs here in the parallel package stream; ebuilds
  // reached from outside the scanned packages are evaluated in check_repo.
  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    if (!wants_any(out)) return;
    for (const Ebuild& e : pkg.versions)
      if (e.has_cache) prep_->prepare(e);
  }

  void check_repo(std::span<const Package* const> scanned, const ScanContext& ctx, ResultSink& out) const override {
    if (!wants_any(out)) return;
    std::vector<const Ebuild*> roots;
    for (const Package* p : scanned)
      for (const Ebuild& e : p->versions)
        if (e.has_cache) roots.push_back(&e);
    if (!prep_) prep_ = std::make_unique<BuildGraphPrep>(ctx.index);
    BuildGraph g = BuildGraph::build(*prep_, roots);
    // Not needed again, but freeing it is work on the scan's critical path:
    // it goes with the check object instead (the command line never frees that).
    retired_ = std::move(prep_);
    std::sort(roots.begin(), roots.end());
    auto wanted = [&](const Ebuild* e) { return std::binary_search(roots.begin(), roots.end(), e); };

    // The three analyses are independent; only the reporting depends on their order.
    std::vector<BuildGraph::Cycle> build_only, with_runtime, any_use;
    tbb::parallel_invoke([&] { build_only = g.cycles(BuildGraph::View::BuildOnly, wanted); },
                         [&] { with_runtime = g.cycles(BuildGraph::View::WithRuntime, wanted); },
                         [&] { any_use = g.cycles(BuildGraph::View::AnyUse, wanted); });
    // Each analysis reports only components that share no variant with a
    // component already reported at a higher level.
    std::vector<std::uint8_t> reported(g.variant_count(), 0);
    report_cycles(g, build_only, kBootstrapCycle, wanted, reported, out);
    report_cycles(g, with_runtime, kBootstrapCycleViaRuntime, wanted, reported, out);
    report_cycles(g, any_use, kConditionalBootstrapCycle, wanted, reported, out);
    if (out.wants(kPythonBootstrapViolation) && data_.loaded) report_violations(g, roots, out);
  }

 private:
  static bool wants_any(const ResultSink& out) {
    return out.wants(kBootstrapCycle) || out.wants(kBootstrapCycleViaRuntime) ||
           out.wants(kConditionalBootstrapCycle) || out.wants(kPythonBootstrapViolation);
  }

  template <class Pred>
  void report_cycles(const BuildGraph& g, const std::vector<BuildGraph::Cycle>& cycles, const Keyword& kw,
                     Pred wanted, std::vector<std::uint8_t>& reported, ResultSink& out) const {
    // The same cycle shows up once per Python implementation: group by the ebuilds of the component.
    struct Group {
      const BuildGraph::Cycle* cycle;
      std::vector<Symbol> impls;
    };
    std::map<std::vector<const Ebuild*>, Group> groups;
    for (const BuildGraph::Cycle& c : cycles) {
      if (std::any_of(c.component.begin(), c.component.end(), [&](std::uint32_t v) { return reported[v] != 0; }))
        continue;
      std::vector<const Ebuild*> key;
      for (std::uint32_t v : c.component) key.push_back(g.variant(v).ebuild);
      std::sort(key.begin(), key.end());
      key.erase(std::unique(key.begin(), key.end()), key.end());
      auto [it, fresh] = groups.try_emplace(std::move(key), Group{&c, {}});
      Symbol impl = g.variant(c.variants.front()).impl;
      if (impl != Symbol()) it->second.impls.push_back(impl);
    }
    for (const BuildGraph::Cycle& c : cycles)
      for (std::uint32_t v : c.component) reported[v] = 1;
    if (!out.wants(kw)) return;

    for (const auto& [ebuilds, group] : groups) {
      const BuildGraph::Cycle& c = *group.cycle;
      const Ebuild* attach = nullptr;
      for (std::uint32_t v : c.variants) {
        const Ebuild* e = g.variant(v).ebuild;
        if (wanted(e) && (!attach || ebuild_less(e, attach))) attach = e;
      }
      if (!attach) continue;
      std::string cycle = g.describe(c);
      std::string msg = "cannot be built from scratch: " + cycle;
      std::string flags;
      for (const auto& [flag, negated] : c.flags) {
        if (!flags.empty()) flags += ' ';
        flags += negated ? "-" : "";
        flags += flag.str();
      }
      if (!flags.empty()) msg += " (with USE=\"" + flags + "\")";
      // Say which Python implementations have the cycle when not all of the ebuild's do.
      std::vector<Symbol> all = python_impls_of(*g.variant(c.variants.front()).ebuild);
      std::string impls;
      if (!group.impls.empty() && group.impls.size() < all.size()) {
        for (Symbol s : all) {
          if (std::find(group.impls.begin(), group.impls.end(), s) == group.impls.end()) continue;
          if (!impls.empty()) impls += ' ';
          impls += s.str();
        }
        msg += " (only for " + impls + ")";
      }
      Result* r = with(out.version(kw, *attach, std::move(msg)), "cycle", cycle);
      with(r, "attr", std::string(edge_label(c.vars.front())));
      if (!flags.empty()) with(r, "flag", flags);
      if (!impls.empty()) with(r, "python", impls);
    }
  }

  // The backend package entry of an atom's "cat/pkg", made in `buf` (reused:
  // this runs for every dependency the walk below meets).
  auto backend_entry(const Atom& a, std::string& buf) const {
    buf.assign(a.category.str()).append(1, '/').append(a.package.str());
    return data_.backends.find(std::string_view(buf));
  }

  // The backend a variant builds with, when it is not one the bootstrap set may use ("" otherwise).
  std::string foreign_backend(const BuildGraph& g, std::uint32_t v) const {
    const Ebuild& e = *g.variant(v).ebuild;
    auto self = data_.backends.find(key_of(e));
    if (self != data_.backends.end() && !data_.allowed.count(self->second) && !data_.packages.count(key_of(e)))
      return self->second;
    std::string buf;
    for (const BuildGraph::Dep& d : g.deps(v, false)) {
      if (d.flag != Symbol() || d.in_any_of) continue;
      auto it = backend_entry(*d.atom, buf);
      if (it != data_.backends.end() && !data_.allowed.count(it->second)) return it->second;
    }
    return {};
  }

  void report_violations(const BuildGraph& g, const std::vector<const Ebuild*>& roots, ResultSink& out) const {
    for (const Ebuild* a : roots) {
      if (!data_.packages.count(key_of(*a))) continue;
      std::set<std::string> said;  // "cat/pkg" already reported for this ebuild
      std::string allowed;
      for (const std::string& s : data_.allowed) {
        if (!allowed.empty()) allowed += ", ";
        allowed += s;
      }
      for (std::uint32_t start : g.variants_of(a)) {
        // The ebuild's own backend: a direct build dependency on a foreign backend package.
        std::string buf;
        for (const BuildGraph::Dep& d : g.deps(start, false)) {
          if (d.flag != Symbol() || d.in_any_of) continue;
          auto it = backend_entry(*d.atom, buf);
          if (it == data_.backends.end() || data_.allowed.count(it->second) || !said.insert(it->first).second) continue;
          Result* r = with(out.version(kPythonBootstrapViolation, *a,
                                       std::string(edge_label(d.var)) + ": " + d.atom->str() +
                                           ": the package is built with " + it->second +
                                           ", outside the Python bootstrap backends (" + allowed + ")"),
                           "attr", std::string(edge_label(d.var)));
          with(r, "atom", it->first);
          with(r, "backend", it->second);
        }
        // Breadth-first over build deps and their runtime closure, default USE, outside || groups.
        std::map<std::uint32_t, std::pair<std::uint32_t, EdgeVar>> parent;
        std::vector<std::uint32_t> queue;
        auto visit = [&](std::uint32_t from, bool runtime) {
          for (const BuildGraph::Dep& d : g.deps(from, runtime)) {
            if (d.target == BuildGraph::kNone || d.flag != Symbol() || d.in_any_of) continue;
            if (d.target == start || parent.count(d.target)) continue;
            parent[d.target] = {from, d.var};
            queue.push_back(d.target);
          }
        };
        visit(start, false);
        for (std::size_t q = 0; q < queue.size(); ++q) {
          std::uint32_t b = queue[q];
          const Ebuild* be = g.variant(b).ebuild;
          std::string backend = be == a ? std::string() : foreign_backend(g, b);
          if (!backend.empty() && said.insert(key_of(*be)).second) {
            std::vector<std::pair<std::uint32_t, EdgeVar>> path;
            for (std::uint32_t v = b; v != start; v = parent[v].first) path.emplace_back(v, parent[v].second);
            std::reverse(path.begin(), path.end());
            std::string chain = a->cpv();
            for (const auto& [v, var] : path) {
              chain += " -";
              chain += edge_label(var);
              chain += "-> ";
              chain += g.variant(v).ebuild->cpv();
            }
            std::string msg = std::string(edge_label(path.front().second)) + ": " + be->cpv() + " is built with " +
                              backend + ", outside the Python bootstrap backends (" + allowed + "): " + chain;
            Result* r = with(out.version(kPythonBootstrapViolation, *a, std::move(msg)), "attr",
                             std::string(edge_label(path.front().second)));
            with(r, "atom", key_of(*be));
            with(r, "backend", backend);
          }
          visit(b, true);
        }
      }
    }
  }

  BootstrapData data_;
  // Trees prepared by check_package for check_repo. check_repo runs once,
  // after every check_package, and is the only one to reset it.
  mutable std::unique_ptr<BuildGraphPrep> prep_;
  mutable std::unique_ptr<BuildGraphPrep> retired_;  // prep_ after check_repo, freed with the check
};

const RegisterCheck<BootstrapCheck> kRegister;

}  // namespace
}  // namespace pkgscan
