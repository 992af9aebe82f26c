// pkgscan inspect --deps-graph: the build graph the Bootstrap check sees for
// one ebuild, so a reported cycle can be followed edge by edge.
#include "inspect_graph.hpp"

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "pkgscan/build_graph.hpp"

namespace pkgscan::cli {

namespace {

std::string variant_name(const BuildGraph& g, std::uint32_t v) {
  const BuildGraph::Variant& var = g.variant(v);
  std::string s = var.ebuild->cpv();
  if (var.impl != Symbol()) {
    s += " [";
    s += var.impl.str();
    s += ']';
  }
  return s;
}

std::string var_name(EdgeVar v) {
  switch (v) {
    case EdgeVar::BDEPEND: return "BDEPEND";
    case EdgeVar::DEPEND: return "DEPEND";
    case EdgeVar::RDEPEND: return "RDEPEND";
    case EdgeVar::IDEPEND: return "IDEPEND";
    case EdgeVar::Self: break;
  }
  return "";
}

std::string flag_text(const BuildGraph::Dep& d) {
  if (d.flag == Symbol()) return "";
  return std::string(d.flag_negated ? "!" : "") + std::string(d.flag.str()) + "?";
}

struct Found {
  const char* kind;  // keyword the check would use
  BuildGraph::Cycle cycle;
};

}  // namespace

void print_deps_graph(const RepoIndex& index, const Ebuild& e, bool json) {
  const Ebuild* root = &e;
  BuildGraph g = BuildGraph::build(index, std::span<const Ebuild* const>(&root, 1));
  auto only_root = [&](const Ebuild* x) { return x == root; };
  std::vector<Found> found;
  std::vector<std::uint8_t> seen(g.variant_count(), 0);
  const std::pair<BuildGraph::View, const char*> views[] = {
      {BuildGraph::View::BuildOnly, "BootstrapCycle"},
      {BuildGraph::View::WithRuntime, "BootstrapCycleViaRuntime"},
      {BuildGraph::View::AnyUse, "ConditionalBootstrapCycle"}};
  for (const auto& [view, kind] : views) {
    std::vector<BuildGraph::Cycle> cycles = g.cycles(view, only_root);
    for (BuildGraph::Cycle& c : cycles) {
      bool old = false;
      for (std::uint32_t v : c.component) old |= seen[v] != 0;
      // The same cycle for several Python implementations is shown once.
      for (const Found& f : found) old |= g.describe(f.cycle) == g.describe(c);
      if (!old) found.push_back({kind, c});
    }
    for (const BuildGraph::Cycle& c : cycles)
      for (std::uint32_t v : c.component) seen[v] = 1;
  }

  if (json) {
    nlohmann::json j;
    j["cpv"] = e.cpv();
    nlohmann::json nodes = nlohmann::json::array();
    for (std::uint32_t v = 0; v < g.variant_count(); ++v) {
      nlohmann::json n;
      n["id"] = v;
      n["cpv"] = g.variant(v).ebuild->cpv();
      n["python"] = g.variant(v).impl == Symbol() ? nlohmann::json(nullptr) : nlohmann::json(std::string(g.variant(v).impl.str()));
      nlohmann::json deps = nlohmann::json::array();
      for (bool runtime : {false, true})
        for (const BuildGraph::Dep& d : g.deps(v, runtime)) {
          nlohmann::json dj;
          dj["var"] = var_name(d.var);
          dj["atom"] = d.atom->str();
          dj["target"] = d.target == BuildGraph::kNone ? nlohmann::json(nullptr) : nlohmann::json(d.target);
          if (d.flag != Symbol()) dj["use"] = flag_text(d);
          if (d.in_any_of) dj["any_of"] = true;
          deps.push_back(std::move(dj));
        }
      n["deps"] = std::move(deps);
      nodes.push_back(std::move(n));
    }
    j["nodes"] = std::move(nodes);
    nlohmann::json cycles = nlohmann::json::array();
    for (const Found& f : found) cycles.push_back({{"keyword", f.kind}, {"cycle", g.describe(f.cycle)}});
    j["cycles"] = std::move(cycles);
    std::printf("%s\n", j.dump().c_str());
    return;
  }

  std::printf("%s: build graph (%zu nodes)\n", e.cpv().c_str(), g.variant_count());
  for (std::uint32_t v = 0; v < g.variant_count(); ++v) {
    std::printf("  %s\n", variant_name(g, v).c_str());
    for (bool runtime : {false, true})
      for (const BuildGraph::Dep& d : g.deps(v, runtime)) {
        std::string target = d.target == BuildGraph::kNone ? "(unresolved)" : variant_name(g, d.target);
        std::string notes;
        if (d.flag != Symbol()) notes += " under " + flag_text(d);
        if (d.in_any_of) notes += " in ||";
        std::printf("    %-7s %s -> %s%s\n", var_name(d.var).c_str(), d.atom->str().c_str(), target.c_str(), notes.c_str());
      }
  }
  if (found.empty()) std::printf("  no bootstrap cycle through %s\n", e.cpv().c_str());
  for (const Found& f : found) std::printf("  %s: %s\n", f.kind, g.describe(f.cycle).c_str());
  std::printf("\n");
}

}  // namespace pkgscan::cli
