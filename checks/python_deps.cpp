// Python: are the python eclasses used as they are meant to be? One eclass,
// PYTHON_REQUIRED_USE and PYTHON_DEPS where they belong, python-any-r1 only
// for build-time use, and no bare interpreter dependency without an eclass.
// All of it from the cache entry (the ebuild text only for DISTUTILS_OPTIONAL).
#include <algorithm>
#include <memory>

#include <re2/re2.h>

#include "pkgscan/check.hpp"
#include "pkgscan/python.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kPythonEclassError{
    "PythonEclassError", Level::Error, Scope::Version,
    "The ebuild inherits more than one of python-r1, python-single-r1 and python-any-r1 (perhaps through "
    "distutils-r1); they exclude each other. Inherit exactly one."};
constexpr Keyword kMissingPythonEclass{
    "MissingPythonEclass", Level::Warning, Scope::Version,
    "The ebuild depends on a Python 3 interpreter (dev-lang/python, dev-lang/pypy, dev-python/pypy3, "
    "virtual/pypy3) without inheriting a python eclass. Use python-any-r1 for build-time use, python-r1 or "
    "python-single-r1 for runtime use."};
constexpr Keyword kPythonMissingRequiredUse{
    "PythonMissingRequiredUse", Level::Warning, Scope::Version,
    "A python-r1 or python-single-r1 ebuild's REQUIRED_USE has no ||/^^ group over exactly its target flags, so "
    "users can build it with no target (or several single targets). Add ${PYTHON_REQUIRED_USE} to REQUIRED_USE."};
constexpr Keyword kPythonMissingDeps{
    "PythonMissingDeps", Level::Warning, Scope::Version,
    "PYTHON_DEPS is missing: from RDEPEND (python-r1, python-single-r1), or from DEPEND/BDEPEND (python-any-r1); "
    "or a DISTUTILS_OPTIONAL ebuild that sets DISTUTILS_USE_PEP517 (not to no) lacks ${DISTUTILS_DEPS} in BDEPEND "
    "(only where the tree's distutils-r1.eclass has DISTUTILS_DEPS). Interpreters are those the eclass's "
    "PYTHON_PKG_DEP names in any era (dev-lang/python, dev-lang/pypy, dev-python/pypy3, virtual/pypy, "
    "dev-java/jython, ...). Add the variable the eclass provides."};
constexpr Keyword kPythonRuntimeDepInAnyR1{
    "PythonRuntimeDepInAnyR1", Level::Warning, Scope::Version,
    "A python-any-r1 ebuild has a Python interpreter or a dependency with Python USE dependencies in RDEPEND or "
    "PDEPEND. python-any-r1 only picks an implementation at build time; use python-r1 or python-single-r1 for "
    "runtime dependencies."};

using python::EbuildModel;

// Python 2 (CPython 2, PyPy2) has no eclass any more, and Jython is also a
// Java library that Java packages depend on without any python eclass.
bool python2_or_jython(const Atom& a, const python::Interpreters& interps) {
  if (a.package.str() == "jython") return true;
  if (auto impl = interps.impl_of(a)) {
    auto line = python::line_of(*impl);
    return !line || line->language == 2;
  }
  return a.version && a.version->str().substr(0, 1) == "2" && a.op != Op::GreaterEq;
}

// pkgcheck's exemption: the PyPy virtuals are slot-matchers for other packages.
bool is_pypy_virtual(const Ebuild& e) {
  return e.category.str() == "virtual" && (e.package.str() == "pypy" || e.package.str() == "pypy3");
}

bool has_python_usedep(const Atom& a) {
  return std::any_of(a.use.begin(), a.use.end(), [](const UseDep& u) { return python::impl_of_flag(u.flag.str()); });
}

// The first atom of `spec` for which pred(atom) holds.
template <class Pred>
const Atom* find_atom(const DepSpec* spec, Pred&& pred) {
  if (!spec) return nullptr;
  for (const Atom& a : spec->atoms)
    if (a.blocker == Blocker::None && pred(a)) return &a;
  return nullptr;
}

class PythonCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Python";
  static constexpr std::string_view kDoc =
      "Use of the python eclasses from metadata: eclass conflicts, missing eclass, PYTHON_REQUIRED_USE, "
      "PYTHON_DEPS and runtime dependencies of python-any-r1 ebuilds.";
  static constexpr std::array<Keyword, 5> kKeywords = {kPythonEclassError, kMissingPythonEclass,
                                                       kPythonMissingRequiredUse, kPythonMissingDeps,
                                                       kPythonRuntimeDepInAnyR1};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override { data_ = python::scan_data(ctx); }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      const EbuildModel& m = data_->model(e);
      if (m.eclasses.size() > 1) {
        std::string names;
        for (python::Eclass c : m.eclasses) names += (names.empty() ? "" : ", ") + std::string(python::eclass_name(c));
        with(out.version(kPythonEclassError, e, "inherits " + names + ", which exclude each other: inherit only one"),
             "eclasses", names);
        continue;
      }
      switch (m.eclass) {
        case python::Eclass::None: missing_eclass(e, out); break;
        case python::Eclass::R1:
        case python::Eclass::SingleR1:
          required_use(e, m, out);
          runtime_deps(e, m, out);
          break;
        case python::Eclass::AnyR1:
          any_deps(e, m, out);
          any_runtime(e, out);
          break;
      }
      if (m.distutils && m.backend == "no" && data_->distutils().deps && out.wants(kPythonMissingDeps))
        distutils_optional(ctx, pkg, e, out);
    }
  }

 private:
  void missing_eclass(const Ebuild& e, ResultSink& out) const {
    if (is_pypy_virtual(e)) return;
    const python::Interpreters& interps = data_->interpreters();
    auto python3 = [&interps](const Atom& a) { return interps.is_interpreter(a) && !python2_or_jython(a, interps); };
    for (DepVar v : {DepVar::RDEPEND, DepVar::PDEPEND, DepVar::DEPEND, DepVar::BDEPEND}) {
      const Atom* a = find_atom(e.dep(v), python3);
      if (!a) continue;
      bool runtime = v == DepVar::RDEPEND || v == DepVar::PDEPEND;
      Result* r = out.version(kMissingPythonEclass, e,
                              std::string(dep_var_name(v)) + ": " + a->str() +
                                  ": depends on Python without a python eclass; inherit " +
                                  (runtime ? "python-r1 or python-single-r1" : "python-any-r1") +
                                  " and use ${PYTHON_DEPS}");
      with(r, "attr", std::string(dep_var_name(v)));
      with(r, "atom", a->str());
      return;  // runtime use decides the advice, so it is looked at first
    }
  }

  void required_use(const Ebuild& e, const EbuildModel& m, ResultSink& out) const {
    if (m.impls.empty() || !out.wants(kPythonMissingRequiredUse)) return;
    bool found = false;
    const std::string& text = e.entry.get(CacheKey::REQUIRED_USE);
    if (auto spec = DepSpec::parse(text, SpecKind::RequiredUse, e.eapi.value_or(Eapi::latest()))) {
      for (std::uint32_t i = 0; i < spec->nodes.size() && !found; ++i) {
        const DepNode& n = spec->nodes[i];
        if (n.kind != NodeKind::AnyOf && n.kind != NodeKind::ExactlyOneOf) continue;
        // Exactly the target flags: every child is one, and every target has a child.
        std::vector<bool> seen(m.impls.size(), false);
        bool plain = true;
        for (std::uint32_t j = i + 1; j < n.end && plain; j = spec->nodes[j].end) {
          const DepNode& c = spec->nodes[j];
          plain = c.kind == NodeKind::Leaf && !c.negated;
          if (!plain) break;
          auto it = std::find_if(m.impls.begin(), m.impls.end(), [&](const std::string& x) { return m.is_flag_for(c.flag, x); });
          if (it == m.impls.end()) plain = false;
          else seen[static_cast<std::size_t>(it - m.impls.begin())] = true;
        }
        found = plain && std::all_of(seen.begin(), seen.end(), [](bool b) { return b; });
      }
    }
    if (found) return;
    std::string want = std::string(m.single() ? "^^ ( " : "|| ( ");
    for (const std::string& i : m.impls) want += std::string(m.flag_for(i).str()) + " ";
    want += ")";
    Result* r = out.version(kPythonMissingRequiredUse, e,
                            "REQUIRED_USE lacks " + want + ": add ${PYTHON_REQUIRED_USE} to REQUIRED_USE");
    with(r, "attr", "REQUIRED_USE");
  }

  void runtime_deps(const Ebuild& e, const EbuildModel& m, ResultSink& out) const {
    if (m.impls.empty() || !out.wants(kPythonMissingDeps)) return;
    const python::Interpreters& interps = data_->interpreters();
    std::vector<std::string> covered;
    if (const DepSpec* s = e.dep(DepVar::RDEPEND)) {
      s->for_each_leaf_with_conditions([&](const DepSpec::LeafView& leaf) {
        const Atom& a = s->atoms[s->nodes[leaf.node].leaf];
        auto impl = interps.impl_of(a);
        if (!impl) return;
        for (const auto& c : leaf.conditions)
          if (!c.negated && m.is_flag_for(c.flag, *impl)) covered.push_back(*impl);
      });
    }
    std::vector<std::string> missing;
    for (const std::string& i : m.impls)
      if (std::find(covered.begin(), covered.end(), i) == covered.end()) missing.push_back(i);
    if (missing.empty()) return;
    std::string list;
    for (const auto& i : missing) list += (list.empty() ? "" : ", ") + i;
    Result* r = out.version(kPythonMissingDeps, e,
                            "RDEPEND lacks the interpreter for " + list + ": add ${PYTHON_DEPS} to RDEPEND");
    with(r, "attr", "RDEPEND");
    with(r, "impls", list);
  }

  void any_deps(const Ebuild& e, const EbuildModel& m, ResultSink& out) const {
    if (m.uses_python_deps || !out.wants(kPythonMissingDeps)) return;
    const python::Interpreters& interps = data_->interpreters();
    auto interpreter = [&interps](const Atom& a) { return interps.is_interpreter(a); };
    const Atom* own = find_atom(e.dep(DepVar::BDEPEND), interpreter);
    if (!own) own = find_atom(e.dep(DepVar::DEPEND), interpreter);
    std::string msg = "no ${PYTHON_DEPS} in DEPEND or BDEPEND";
    if (own) msg += " (" + own->str() + " is written by hand and gives the eclass no implementation to pick)";
    with(out.version(kPythonMissingDeps, e, msg + ": add ${PYTHON_DEPS} to BDEPEND"), "attr", "BDEPEND");
  }

  void any_runtime(const Ebuild& e, ResultSink& out) const {
    if (!out.wants(kPythonRuntimeDepInAnyR1)) return;
    const python::Interpreters& interps = data_->interpreters();
    for (DepVar v : {DepVar::RDEPEND, DepVar::PDEPEND}) {
      const Atom* a = find_atom(e.dep(v), [&](const Atom& x) { return interps.is_interpreter(x) || has_python_usedep(x); });
      if (!a) continue;
      Result* r = out.version(kPythonRuntimeDepInAnyR1, e,
                              std::string(dep_var_name(v)) + ": " + a->str() +
                                  ": python-any-r1 only picks an implementation at build time; use python-r1 or "
                                  "python-single-r1 for runtime Python dependencies");
      with(r, "attr", std::string(dep_var_name(v)));
      with(r, "atom", a->str());
    }
  }

  // DISTUTILS_OPTIONAL leaves ${DISTUTILS_DEPS} to the ebuild; with a PEP 517
  // backend set, no gpep517 in BDEPEND means it was forgotten. Without
  // DISTUTILS_USE_PEP517 (or with `no`) there is nothing to add: the legacy
  // build is DistutilsNonPEP517Build's business.
  void distutils_optional(const ScanContext& ctx, const Package& pkg, const Ebuild& e, ResultSink& out) const {
    if (e.ebuild_path.empty()) return;
    static const RE2 optional("(?m)^[ \\t]*DISTUTILS_OPTIONAL=[\"']?[^\"'\\s]");
    static const RE2 pep517("(?m)^[ \\t]*DISTUTILS_USE_PEP517=[\"']?([^\"'\\s#]*)");
    const std::string* text = ctx.ebuild_text(pkg, e);
    if (!text || !RE2::PartialMatch(*text, optional)) return;
    std::string backend;
    if (!RE2::PartialMatch(*text, pep517, &backend) || backend.empty() || backend == "no") return;
    Result* r = out.version(kPythonMissingDeps, e,
                            "BDEPEND lacks ${DISTUTILS_DEPS} (no dev-python/gpep517) although DISTUTILS_OPTIONAL is "
                            "set and DISTUTILS_USE_PEP517=" + backend +
                                ": add ${DISTUTILS_DEPS} to BDEPEND under the flag that enables Python");
    with(r, "attr", "BDEPEND");
    with(r, "dep_value", "DISTUTILS_DEPS");
  }

  std::shared_ptr<const python::ScanData> data_;
};

const RegisterCheck<PythonCheck> kRegister;

}  // namespace
}  // namespace pkgscan
