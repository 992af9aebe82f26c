// PythonCompat: is PYTHON_COMPAT up to date and installable? Newer targets
// that every Python dependency already supports, targets a dependency does
// not support, and implementations the eclass dropped still listed in the
// ebuild. What is newer and what was dropped is judged in the tree's own
// era: the dropped ones from the cache entry the eclass wrote, the newer ones
// from the tree's eclass and desc files (data/ only as the last resort, said once).
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>

#include "pkgscan/cache.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/python.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kPythonCompatUpdate{
    "PythonCompatUpdate", Level::Info, Scope::Version,
    "Newer Python targets are available on the same line (CPython 3, free-threading CPython, PyPy3; never from "
    "Python 2 to 3, which is a port) and every dependency with a Python USE dependency already supports them, "
    "judged by the best version each atom matches. The targets are those both the tree's python-utils-r1.eclass "
    "accepts and its python_targets.desc describes (either alone when the other is missing). Add them to "
    "PYTHON_COMPAT and test."};
constexpr Keyword kPythonCompatMismatch{
    "PythonCompatMismatch", Level::Error, Scope::Version,
    "The ebuild supports a Python target, but a dependency carrying ${PYTHON_USEDEP}-style USE dependencies has no "
    "matching version supporting that target, so the ebuild cannot be installed with it. Drop the target from "
    "PYTHON_COMPAT or add it to the dependency first."};
constexpr Keyword kOldPythonCompat{
    "OldPythonCompat", Level::Warning, Scope::Version,
    "PYTHON_COMPAT in the ebuild lists implementations that the eclass dropped as dead: they are missing from the "
    "cache entry it generated (no target flag in IUSE; for python-any-r1, no interpreter among the dependency "
    "alternatives). The eclass ignores them silently; remove them."};
constexpr Keyword kPythonImplsFromDataFile{
    "PythonImplsFromDataFile", Level::Info, Scope::Repo,
    "Neither eclass/python-utils-r1.eclass nor profiles/desc/python_targets.desc is in the repository or its "
    "masters, so the Python targets offered by PythonCompatUpdate come from data/python-implementations.yaml, "
    "whose era may not be the tree's. Reported once; supply the master with --repo-path NAME=PATH."};

using python::EbuildModel;

bool is_target_flag(Symbol flag) { return python::impl_of_flag(flag.str()).has_value(); }

bool has_python_usedep(const Atom& a) {
  return std::any_of(a.use.begin(), a.use.end(), [](const UseDep& u) { return is_target_flag(u.flag); });
}

// The atom without its USE dependencies: what "the best version the atom matches" is judged on.
Atom without_use(const Atom& a) {
  Atom b = a;
  b.use.clear();
  return b;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

class PythonCompatCheck final : public Check {
 public:
  static constexpr std::string_view kName = "PythonCompat";
  static constexpr std::string_view kDoc =
      "PYTHON_COMPAT against the tree's Python targets and the dependencies' implementations: available updates, "
      "unsupported targets and implementations the eclass dropped.";
  static constexpr std::array<Keyword, 4> kKeywords = {kPythonCompatUpdate, kPythonCompatMismatch, kOldPythonCompat,
                                                       kPythonImplsFromDataFile};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override { data_ = python::scan_data(ctx); }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      const EbuildModel& m = data_->model(e);
      if (m.eclass == python::Eclass::None || m.eclasses.size() > 1) continue;
      if (m.impls.empty()) continue;  // nothing the eclass kept: the entry cannot be judged
      if (data_->known().from_data_file) data_file_used_.store(true, std::memory_order_relaxed);
      if (out.wants(kOldPythonCompat)) old_compat(ctx, pkg, e, m, out);
      if (out.wants(kPythonCompatUpdate)) update(e, m, ctx, out);
      if (out.wants(kPythonCompatMismatch) && m.eclass != python::Eclass::AnyR1) mismatch(e, m, ctx, out);
    }
  }

  // Said once, and only when some Python ebuild was judged with the data file.
  void check_repo(std::span<const Package* const>, const ScanContext&, ResultSink& out) const override {
    if (!data_file_used_) return;
    const python::KnownImpls& k = data_->known();
    std::string list;
    for (const std::string& i : k.supported) list += (list.empty() ? "" : " ") + i;
    with(out.repo(kPythonImplsFromDataFile, "metadata/layout.conf", 0,
                  "no eclass/python-utils-r1.eclass and no profiles/desc/python_targets.desc in the repositories: "
                  "Python targets offered by PythonCompatUpdate come from " + k.source + " (" + list +
                      "), whose era may not be this tree's; supply the master with --repo-path NAME=PATH"),
         "supported", list);
  }

 private:
  void update(const Ebuild& e, const EbuildModel& m, const ScanContext& ctx, ResultSink& out) const {
    std::vector<std::string> candidates = data_->known().newer_targets(m.impls, m.single());
    if (candidates.empty()) return;
    // Dependencies with Python USE deps. One restricted by python_gen_cond_dep
    // to some of the ebuild's targets is meant for those only, so it does not
    // hold back new targets.
    struct Dep {
      const Atom* atom;
      std::vector<std::string> cond_impls;
      bool unconditional = false;
    };
    std::map<std::string, Dep> deps;
    for (DepVar v : kDepVars) {
      if (m.eclass == python::Eclass::AnyR1 && v != DepVar::DEPEND && v != DepVar::BDEPEND) continue;
      const DepSpec* s = e.dep(v);
      if (!s) continue;
      s->for_each_leaf_with_conditions([&](const DepSpec::LeafView& leaf) {
        const Atom& a = s->atoms[s->nodes[leaf.node].leaf];
        if (a.blocker != Blocker::None || data_->interpreters().is_interpreter(a) || !has_python_usedep(a)) return;
        // python_gen_any_dep groups in a python-r1 ebuild (docs) pick any implementation that works.
        if (leaf.in_any_of && m.eclass != python::Eclass::AnyR1) return;
        Dep& d = deps.try_emplace(without_use(a).str(), Dep{&a, {}, false}).first->second;
        bool conditioned = false;
        for (const auto& c : leaf.conditions)
          if (auto impl = python::impl_of_flag(c.flag.str()); impl && !c.negated) {
            d.cond_impls.emplace_back(*impl);
            conditioned = true;
          }
        if (!conditioned) d.unconditional = true;
      });
    }
    for (const auto& [key, d] : deps) {
      if (!d.unconditional && !std::all_of(m.impls.begin(), m.impls.end(), [&](const std::string& i) {
            return std::find(d.cond_impls.begin(), d.cond_impls.end(), i) != d.cond_impls.end();
          }))
        continue;
      const Ebuild* best = ctx.index.best_match(without_use(*d.atom));
      if (!best) return;  // cannot judge a dependency that does not resolve
      const EbuildModel& dm = data_->model(*best);
      std::erase_if(candidates, [&](const std::string& t) { return !dm.supports(t); });
      if (candidates.empty()) return;
    }
    std::string list = join(candidates);
    with(out.version(kPythonCompatUpdate, e, "PYTHON_COMPAT update available: " + list), "targets", list);
  }

  void mismatch(const Ebuild& e, const EbuildModel& m, const ScanContext& ctx, ResultSink& out) const {
    struct Need {
      const Atom* atom;
      std::string vars;
      std::vector<Symbol> flags;  // USE flags a matching version must have
    };
    std::map<std::string, Need> needs;
    for (DepVar v : kDepVars) {
      const DepSpec* s = e.dep(v);
      if (!s) continue;
      s->for_each_leaf_with_conditions([&](const DepSpec::LeafView& leaf) {
        const Atom& a = s->atoms[s->nodes[leaf.node].leaf];
        if (a.blocker != Blocker::None || data_->interpreters().is_interpreter(a) || !has_python_usedep(a)) return;
        if (leaf.in_any_of) return;  // another alternative (implementation) may be picked
        Need* n = nullptr;
        for (const UseDep& u : a.use) {
          auto impl = python::impl_of_flag(u.flag.str());
          if (!impl || u.def == UseDep::Default::Enabled || u.kind == UseDep::Kind::Disabled ||
              u.kind == UseDep::Kind::IfDisabled || !m.supports(*impl))
            continue;
          // Inside python_single_target_Y? ( ... ) only Y's requirements apply.
          bool other = std::any_of(leaf.conditions.begin(), leaf.conditions.end(), [&](const auto& c) {
            auto ci = python::impl_of_flag(c.flag.str());
            return ci && !c.negated && *ci != *impl;
          });
          if (other) continue;
          if (!n) {
            n = &needs.try_emplace(without_use(a).str(), Need{&a, {}, {}}).first->second;
            std::string_view name = dep_var_name(v);
            if (n->vars.find(name) == std::string::npos) n->vars += (n->vars.empty() ? "" : ", ") + std::string(name);
          }
          if (std::find(n->flags.begin(), n->flags.end(), u.flag) == n->flags.end()) n->flags.push_back(u.flag);
        }
      });
    }
    for (const auto& [key, n] : needs) {
      Atom plain = without_use(*n.atom);
      std::vector<const Ebuild*> versions = ctx.index.matches(plain);
      if (versions.empty()) continue;  // a missing dependency is another check's business
      std::vector<std::string> missing;
      for (Symbol flag : n.flags) {
        bool ok = std::any_of(versions.begin(), versions.end(), [&](const Ebuild* v) { return v->has_iuse(flag); });
        if (!ok) missing.emplace_back(*python::impl_of_flag(flag.str()));
      }
      if (missing.empty()) continue;
      std::sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) { return python::impl_less(a, b); });
      missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
      const Ebuild* best = ctx.index.best_match(plain);
      const EbuildModel& bm = data_->model(*best);
      std::string has = bm.impls.empty() ? "no Python targets" : join(bm.impls);
      Result* r = out.version(kPythonCompatMismatch, e,
                              n.vars + ": " + key + ": no matching version supports " + join(missing) +
                                  " (best match " + best->cpv() + " supports " + has +
                                  "); drop the target or update the dependency");
      with(r, "attr", n.vars);
      with(r, "atom", key);
      with(r, "best", best->cpv());
      with(r, "targets", join(missing));
    }
  }

  // The implementations PYTHON_COMPAT lists that the cache entry lacks were
  // dropped by the eclass of the entry's era; no table of dead ones needed.
  void old_compat(const ScanContext& ctx, const Package& pkg, const Ebuild& e, const EbuildModel& m,
                  ResultSink& out) const {
    if (e.ebuild_path.empty()) return;  // metadata-only tree: the cache never shows dropped entries
    const std::string* text = ctx.ebuild_text(pkg, e);
    if (!text) return;
    const std::vector<std::string_view> bodies = python::compat_assignments(*text);
    std::string_view first = bodies.empty() ? std::string_view() : bodies.front();
    std::vector<std::string> compat;
    for (std::size_t n = 0; n < bodies.size(); ++n) {
      std::vector<std::string> words = python::parse_bash_words(bodies[n]);
      if (n == 0) {
        compat = std::move(words);
      } else {  // assigned in branches: only what every branch lists is surely dropped
        std::erase_if(compat, [&](const std::string& w) { return std::find(words.begin(), words.end(), w) == words.end(); });
      }
    }
    std::vector<std::string> dropped = python::dropped_impls(m, compat);
    if (dropped.empty()) return;
    // An entry older than the ebuild may predate its PYTHON_COMPAT (StaleCacheEntry says so).
    const std::string& md5 = e.entry.get(CacheKey::MD5);
    if (!md5.empty() && !ctx.cache_only && md5_hex(*text) != md5) return;
    std::string list = join(dropped);
    std::string them = dropped.size() > 1 ? "them" : "it";
    std::string why = m.eclass == python::Eclass::AnyR1
                          ? "no interpreter for " + them + " among the dependency alternatives"
                          : "no " + std::string(m.single() ? python::kSingleTargetPrefix : python::kTargetPrefix) +
                                "* flag for " + them + " in IUSE";
    Result* r = out.version(kOldPythonCompat, e,
                            "PYTHON_COMPAT lists " + list + ", dropped by the eclass as dead (" + why + "): remove " + them);
    with(r, "impls", list);
    if (r) {
      r->path = e.ebuild_path;
      r->line = 1 + static_cast<int>(std::count(text->cbegin(), text->cbegin() + (first.data() - text->data()), '\n'));
    }
  }

  std::shared_ptr<const python::ScanData> data_;
  mutable std::atomic<bool> data_file_used_{false};
};

const RegisterCheck<PythonCompatCheck> kRegister;

}  // namespace
}  // namespace pkgscan
