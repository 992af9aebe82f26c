// The Python implementation model: what the python eclasses leave in an
// md5-cache entry (reference/gentoo-spec.md §4-6), read back.
#include "pkgscan/python.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <shared_mutex>
#include <unordered_map>
#include <charconv>
#include <map>
#include <mutex>

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "pkgscan/check.hpp"

namespace pkgscan::python {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

int to_int(std::string_view s) {
  int v = -1;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return (ec == std::errc() && p == s.data() + s.size()) ? v : -1;
}

// Interned names compared on every atom: looked up once.
struct Names {
  Symbol dev_python = Symbol::intern("dev-python");
  Symbol gpep517 = Symbol::intern("gpep517"), test = Symbol::intern("test"), debug = Symbol::intern("debug");
  Symbol python_r1 = Symbol::intern("python-r1"), python_single_r1 = Symbol::intern("python-single-r1");
  Symbol python_any_r1 = Symbol::intern("python-any-r1"), distutils_r1 = Symbol::intern("distutils-r1");
  Symbol cargo = Symbol::intern("cargo"), cmake = Symbol::intern("cmake"), meson = Symbol::intern("meson");
};
const Names& names() {
  static const Names n;
  return n;
}

// Visits every leaf of a spec with the USE conditions above it and the kind of its parent group.
struct Walker {
  const DepSpec& spec;
  std::vector<DepSpec::Condition> conds;

  template <class Fn>
  void run(Fn&& fn) {
    conds.clear();
    visit(0, fn);
  }
  template <class Fn>
  void visit(std::uint32_t i, Fn& fn) {
    const DepNode& n = spec.nodes[i];
    if (n.kind == NodeKind::Leaf) return;
    for (std::uint32_t j = i + 1; j < n.end; j = spec.nodes[j].end) {
      const DepNode& c = spec.nodes[j];
      if (c.kind == NodeKind::Leaf) {
        fn(j, n.kind, conds);
      } else if (c.kind == NodeKind::UseCond) {
        conds.push_back({c.flag, c.negated});
        visit(j, fn);
        conds.pop_back();
      } else {
        visit(j, fn);
      }
    }
  }
};

bool has_target_condition(const std::vector<DepSpec::Condition>& conds) {
  for (const auto& c : conds)
    if (!c.negated && impl_of_flag(c.flag.str())) return true;
  return false;
}

// python-any-r1: the interpreters heading the alternatives of each || group,
// direct atoms and the first atom of each all-of child (python_gen_any_dep).
void collect_any_impls(const DepSpec& spec, const Interpreters& interps, std::vector<std::string>& out, bool& used) {
  for (std::uint32_t i = 0; i < spec.nodes.size(); ++i) {
    const DepNode& n = spec.nodes[i];
    if (n.kind != NodeKind::AnyOf) continue;
    for (std::uint32_t j = i + 1; j < n.end; j = spec.nodes[j].end) {
      const DepNode* head = &spec.nodes[j];
      if (head->kind == NodeKind::AllOf && j + 1 < head->end) head = &spec.nodes[j + 1];
      if (head->kind != NodeKind::Leaf) continue;
      if (auto impl = interps.impl_of(spec.atoms[head->leaf])) {
        out.push_back(std::move(*impl));
        used = true;
      }
    }
  }
}

struct BackendPkg {
  std::string_view cat, pkg, backend;
};
constexpr BackendPkg kBackends[] = {
    {"dev-python", "setuptools", "setuptools"},   {"dev-python", "flit-core", "flit"},
    {"dev-python", "flit_core", "flit"},          {"dev-python", "hatchling", "hatchling"},
    {"dev-python", "jupyter-packaging", "jupyter"}, {"dev-util", "maturin", "maturin"},
    {"dev-python", "meson-python", "meson-python"}, {"dev-python", "pbr", "pbr"},
    {"dev-python", "pdm-backend", "pdm-backend"}, {"dev-python", "poetry-core", "poetry"},
    {"dev-python", "scikit-build-core", "scikit-build-core"}, {"dev-python", "sip", "sip"},
    {"dev-python", "uv-build", "uv-build"},
};

std::string_view backend_of(const Atom& a) {
  for (const auto& b : kBackends)
    if (a.category.str() == b.cat && a.package.str() == b.pkg) return b.backend;
  return {};
}

// DISTUTILS_DEPS: gpep517 followed, in the same group, by the backend's package.
std::string find_backend(const DepSpec* bdepend) {
  if (!bdepend) return "no";
  const Names& nm = names();
  const DepSpec& s = *bdepend;
  for (std::uint32_t i = 0; i < s.nodes.size(); ++i) {
    const DepNode& n = s.nodes[i];
    if (n.kind == NodeKind::Leaf) continue;
    for (std::uint32_t j = i + 1; j < n.end; j = s.nodes[j].end) {
      const DepNode& c = s.nodes[j];
      if (c.kind != NodeKind::Leaf) continue;
      const Atom& a = s.atoms[c.leaf];
      if (a.blocker != Blocker::None || a.category != nm.dev_python || a.package != nm.gpep517) continue;
      std::string backend = "standalone";
      std::uint32_t k = c.end;
      if (k < n.end && s.nodes[k].kind == NodeKind::Leaf) {
        std::string_view b = backend_of(s.atoms[s.nodes[k].leaf]);
        if (!b.empty()) backend = b;
        std::uint32_t k2 = s.nodes[k].end;
        if (backend == "flit" && k2 < n.end && s.nodes[k2].kind == NodeKind::Leaf &&
            s.atoms[s.nodes[k2].leaf].package.str() == "flit-scm")
          backend = "flit_scm";
      }
      return backend;
    }
  }
  return "no";
}

struct SignalPkg {
  std::string_view cat, pkg;
  ExtSignalStrength strength;
  bool depend_only;  // weak signal only when in DEPEND (numpy headers)
};
constexpr SignalPkg kSignals[] = {
    {"dev-python", "cython", ExtSignalStrength::Strong, false},
    {"dev-python", "pybind11", ExtSignalStrength::Strong, false},
    {"dev-python", "nanobind", ExtSignalStrength::Strong, false},
    {"dev-python", "setuptools-rust", ExtSignalStrength::Strong, false},
    {"dev-util", "maturin", ExtSignalStrength::Strong, false},
    {"dev-python", "meson-python", ExtSignalStrength::Strong, false},
    {"dev-python", "scikit-build", ExtSignalStrength::Strong, false},
    {"dev-python", "scikit-build-core", ExtSignalStrength::Strong, false},
    {"dev-python", "pythran", ExtSignalStrength::Strong, false},
    {"dev-python", "cppy", ExtSignalStrength::Strong, false},
    {"dev-lang", "swig", ExtSignalStrength::Strong, false},
    {"virtual", "rust", ExtSignalStrength::Strong, false},
    {"dev-lang", "rust", ExtSignalStrength::Strong, false},
    {"dev-lang", "rust-bin", ExtSignalStrength::Strong, false},
    {"dev-python", "cffi", ExtSignalStrength::Weak, false},
    {"dev-python", "numpy", ExtSignalStrength::Weak, true},
};

// kSignals' names interned once: every dependency atom of every ebuild is compared with them.
struct SignalKeys {
  std::array<std::pair<Symbol, Symbol>, std::size(kSignals)> keys;
  SignalKeys() {
    for (std::size_t i = 0; i < keys.size(); ++i)
      keys[i] = {Symbol::intern(kSignals[i].cat), Symbol::intern(kSignals[i].pkg)};
  }
};
const SignalKeys& signal_keys() {
  static const SignalKeys k;
  return k;
}

void collect_signals(const Ebuild& e, EbuildModel& m) {
  const Names& nm = names();
  const SignalKeys& sk = signal_keys();
  auto add = [&m](std::string what, ExtSignalStrength s) {
    for (const ExtSignal& x : m.ext_signals)
      if (x.what.substr(0, x.what.find(' ')) == what.substr(0, what.find(' '))) return;
    m.ext_signals.push_back({std::move(what), s});
  };
  for (DepVar v : {DepVar::BDEPEND, DepVar::DEPEND}) {
    const DepSpec* s = e.dep(v);
    if (!s) continue;
    Walker w{*s, {}};
    w.run([&](std::uint32_t node, NodeKind, const std::vector<DepSpec::Condition>& conds) {
      for (const auto& c : conds)
        if (c.flag == nm.test && !c.negated) return;  // test tools build nothing that is installed
      const Atom& a = s->atoms[s->nodes[node].leaf];
      if (a.blocker != Blocker::None) return;
      for (std::size_t i = 0; i < sk.keys.size(); ++i) {
        if (a.category != sk.keys[i].first || a.package != sk.keys[i].second) continue;
        const SignalPkg& p = kSignals[i];
        if (p.depend_only && v != DepVar::DEPEND) continue;
        add(a.key() + " in " + std::string(dep_var_name(v)), p.strength);
      }
    });
  }
  for (Symbol ec : e.inherited) {
    if (ec == nm.cargo) add("cargo eclass", ExtSignalStrength::Strong);
    else if (ec == nm.cmake || ec == nm.meson) add(std::string(ec.str()) + " eclass", ExtSignalStrength::Weak);
  }
  if (m.backend == "maturin" || m.backend == "meson-python" || m.backend == "scikit-build-core")
    add("backend " + m.backend, ExtSignalStrength::Strong);
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return impl_less(a, b); });
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::string_view eclass_name(Eclass e) {
  switch (e) {
    case Eclass::None: return "";
    case Eclass::R1: return "python-r1";
    case Eclass::SingleR1: return "python-single-r1";
    case Eclass::AnyR1: return "python-any-r1";
  }
  return "";
}

std::optional<ImplName> parse_impl(std::string_view name) {
  ImplName r;
  std::string_view rest;
  if (starts_with(name, "python")) {
    r.family = Family::CPython;
    rest = name.substr(6);
  } else if (starts_with(name, "pypy")) {
    r.family = Family::PyPy;
    rest = name.substr(4);
  } else if (starts_with(name, "jython")) {
    r.family = Family::Other;
    rest = name.substr(6);
  } else {
    return std::nullopt;
  }
  if (rest.empty()) {  // "pypy"
    if (r.family != Family::PyPy) return std::nullopt;
    return r;
  }
  if (r.family == Family::CPython && rest.back() == 't') {
    r.family = Family::FreeThreading;
    rest.remove_suffix(1);
  }
  auto us = rest.find('_');
  r.major = to_int(rest.substr(0, us));
  if (r.major < 0) return std::nullopt;
  if (us != std::string_view::npos) {
    r.minor = to_int(rest.substr(us + 1));
    if (r.minor < 0) return std::nullopt;
  } else if (r.family != Family::PyPy) {
    return std::nullopt;
  }
  return r;
}

bool impl_less(std::string_view a, std::string_view b) {
  auto pa = parse_impl(a), pb = parse_impl(b);
  if (!pa || !pb) return pa ? true : (pb ? false : a < b);
  if (pa->family != pb->family) return pa->family < pb->family;
  if (pa->major != pb->major) return pa->major < pb->major;
  if (pa->minor != pb->minor) return pa->minor < pb->minor;
  return a < b;
}

std::optional<ImplLine> line_of(std::string_view impl) {
  auto p = parse_impl(impl);
  if (!p || p->family == Family::Other) return std::nullopt;
  ImplLine l;
  l.family = p->family;
  if (p->family != Family::PyPy) {
    l.language = p->major;
    l.version = {p->major, p->minor};
  } else if (p->major == 3) {  // pypy3 named PyPy 3.10 until pypy3_11 came
    l.language = 3;
    l.version = {3, p->minor < 0 ? 10 : p->minor};
  } else {  // pypy1_8, pypy1_9, pypy2_0, then plain "pypy" until PyPy2 was dropped
    l.language = 2;
    l.version = impl == "pypy" ? std::pair{99, 0} : std::pair{p->major, p->minor};
  }
  return l;
}

// ---------------------------------------------------------------------------
// Interpreters

namespace {

// "3.14" -> {3, 14, false}, "3.14t" -> {3, 14, true}; nullopt for "0", "2" ...
struct SlotVersion {
  int major, minor;
  bool ft;
};
std::optional<SlotVersion> slot_version(std::string_view slot) {
  bool ft = !slot.empty() && slot.back() == 't';
  if (ft) slot.remove_suffix(1);
  auto dot = slot.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  int major = to_int(slot.substr(0, dot)), minor = to_int(slot.substr(dot + 1));
  if (major < 0 || minor < 0) return std::nullopt;
  return SlotVersion{major, minor, ft};
}

// An EPYTHON-style case pattern of the eclass ("python2.7", "pypy3", "pypy-c2.0",
// "jython2.7") as a PYTHON_COMPAT name; empty for globs ("python*", "pypy3.*").
std::string impl_of_pattern(std::string_view pattern) {
  if (pattern.find_first_of("*?[|") != std::string_view::npos) return {};
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.substr(i, 2) == "-c") {  // pypy-c2.0: the 2013 EPYTHON of pypy2_0
      ++i;
      continue;
    }
    out += pattern[i] == '.' ? '_' : pattern[i];
  }
  return parse_impl(out) ? out : std::string();
}

}  // namespace

Interpreters::Entry& Interpreters::entry(Symbol category, Symbol package) {
  for (Entry& e : entries_)
    if (e.category == category && e.package == package) return e;
  entries_.push_back(Entry{category, package, {}, {}, {}});
  return entries_.back();
}

const Interpreters& Interpreters::builtin() {
  static const Interpreters table = [] {
    Interpreters t;
    auto add = [&t](std::string_view cat, std::string_view pkg, std::string_view prefix, std::string_view any) {
      Entry& e = t.entry(Symbol::intern(cat), Symbol::intern(pkg));
      e.slot_prefix = prefix;
      e.any_slot = any;
    };
    add("dev-lang", "python", "python", "");
    add("dev-lang", "pypy", "pypy", "");
    t.entry(Symbol::intern("dev-lang"), Symbol::intern("pypy")).by_slot.emplace_back("3.10", "pypy3");
    add("dev-python", "pypy3", "", "pypy3");
    add("dev-python", "pypy3-bin", "", "pypy3");
    add("virtual", "pypy3", "", "pypy3");
    // PyPy2: versioned slots in 2013 (virtual/pypy:2.0 is pypy2_0), then slot 0 for "pypy".
    add("dev-python", "pypy", "pypy", "pypy");
    add("dev-python", "pypy-bin", "pypy", "pypy");
    add("virtual", "pypy", "pypy", "pypy");
    add("dev-java", "jython", "jython", "");
    return t;
  }();
  return table;
}

int Interpreters::add_from_eclass(std::string_view text) {
  // The case on ${impl} inside the PYTHON_PKG_DEP arm of _python_export.
  std::size_t at = text.find("PYTHON_PKG_DEP)");
  if (at == std::string_view::npos) return 0;
  std::size_t end = text.find("esac", at);
  std::string_view block = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  static const RE2 arm("([A-Za-z0-9_.*|\\[\\]-]+)\\)\\s*PYTHON_PKG_DEP=['\"]?([^'\"\\s;]*)");
  re2::StringPiece in(block.data(), block.size()), pattern, value;
  int found = 0;
  while (RE2::FindAndConsume(&in, arm, &pattern, &value)) {
    std::string_view v(value.data(), value.size());
    v = v.substr(0, v.find("${"));  // dev-lang/python:${impl#python}... -> dev-lang/python:
    while (!v.empty() && (v.back() == ':' || v.back() == '=')) v.remove_suffix(1);
    auto atom = Atom::parse(v, Eapi::latest());
    if (!atom) continue;
    ++found;
    Entry& e = entry(atom->category, atom->package);
    std::string_view pat(pattern.data(), pattern.size());
    std::string impl = impl_of_pattern(pat);
    if (impl.empty()) {  // python*, pypy3.*: the slot names the implementation
      std::size_t letters = 0;
      while (letters < pat.size() && pat[letters] >= 'a' && pat[letters] <= 'z') ++letters;
      if (e.slot_prefix.empty()) e.slot_prefix = pat.substr(0, letters);
    } else if (!atom->slot.empty() && slot_version(atom->slot.str())) {
      std::string slot(atom->slot.str());
      auto same = std::find_if(e.by_slot.begin(), e.by_slot.end(), [&](const auto& x) { return x.first == slot; });
      if (same == e.by_slot.end()) e.by_slot.emplace_back(std::move(slot), std::move(impl));
    } else if (e.any_slot.empty()) {
      e.any_slot = std::move(impl);
    }
  }
  return found;
}

const Interpreters::Entry* Interpreters::find(const Atom& a) const {
  for (const Entry& e : entries_)
    if (e.package == a.package && e.category == a.category) return &e;
  return nullptr;
}

bool Interpreters::is_interpreter(const Atom& a) const { return find(a) != nullptr; }

std::optional<std::string> Interpreters::impl_of(const Atom& a) const {
  if (a.blocker != Blocker::None) return std::nullopt;
  const Entry* e = find(a);  // before any string is built: most atoms stop here
  if (!e) return std::nullopt;
  if (!a.slot.empty()) {
    std::string_view slot = a.slot.str();
    for (const auto& [s, impl] : e->by_slot)
      if (s == slot) return impl;
    if (auto v = slot_version(slot); v && !e->slot_prefix.empty() && (!v->ft || e->slot_prefix == "python"))
      return e->slot_prefix + std::to_string(v->major) + "_" + std::to_string(v->minor) + (v->ft ? "t" : "");
  }
  if (!e->any_slot.empty()) return e->any_slot;
  return std::nullopt;
}

std::vector<std::string> Interpreters::packages() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) out.push_back(std::string(e.category.str()) + "/" + std::string(e.package.str()));
  return out;
}

bool is_interpreter(const Atom& a) { return Interpreters::builtin().is_interpreter(a); }
std::optional<std::string> impl_of_interpreter(const Atom& a) { return Interpreters::builtin().impl_of(a); }

std::optional<std::string_view> impl_of_flag(std::string_view flag) {
  if (starts_with(flag, kTargetPrefix)) return flag.substr(kTargetPrefix.size());
  if (starts_with(flag, kSingleTargetPrefix)) return flag.substr(kSingleTargetPrefix.size());
  return std::nullopt;
}

std::optional<bool> target_flag_state(Symbol flag, std::string_view impl) {
  auto i = impl_of_flag(flag.str());
  if (!i) return std::nullopt;
  return *i == impl;
}

bool EbuildModel::supports(std::string_view impl) const {
  return std::find(impls.begin(), impls.end(), impl) != impls.end();
}

bool EbuildModel::is_flag_for(Symbol flag, std::string_view impl) const {
  std::string_view f = flag.str();
  std::string_view prefix = eclass == Eclass::R1 ? kTargetPrefix : kSingleTargetPrefix;
  if (eclass != Eclass::R1 && eclass != Eclass::SingleR1) return false;
  return f.size() == prefix.size() + impl.size() && starts_with(f, prefix) && f.substr(prefix.size()) == impl;
}

Symbol EbuildModel::flag_for(std::string_view impl) const {
  if (eclass == Eclass::R1) return Symbol::intern(std::string(kTargetPrefix) + std::string(impl));
  if (eclass == Eclass::SingleR1) return Symbol::intern(std::string(kSingleTargetPrefix) + std::string(impl));
  return {};
}

EbuildModel analyze(const Ebuild& e, const Interpreters& interps) {
  EbuildModel m;
  const Names& nm = names();
  for (Symbol s : e.inherited) {
    if (s == nm.python_r1) m.eclasses.push_back(Eclass::R1);
    else if (s == nm.python_single_r1) m.eclasses.push_back(Eclass::SingleR1);
    else if (s == nm.python_any_r1) m.eclasses.push_back(Eclass::AnyR1);
    else if (s == nm.distutils_r1) m.distutils = true;
  }
  std::sort(m.eclasses.begin(), m.eclasses.end());
  m.eclasses.erase(std::unique(m.eclasses.begin(), m.eclasses.end()), m.eclasses.end());
  if (!m.eclasses.empty()) m.eclass = m.eclasses.front();

  // Implementations.
  std::string_view prefix = m.eclass == Eclass::R1 ? kTargetPrefix : kSingleTargetPrefix;
  std::size_t last_target = std::string_view::npos;
  for (std::size_t i = 0; i < e.iuse.size(); ++i) {
    std::string_view f = e.iuse[i].flag.str();
    if (!impl_of_flag(f)) continue;
    last_target = i;
    if ((m.eclass == Eclass::R1 || m.eclass == Eclass::SingleR1) && starts_with(f, prefix))
      m.impls.emplace_back(f.substr(prefix.size()));
  }
  if (m.eclass == Eclass::AnyR1) {
    for (DepVar v : {DepVar::BDEPEND, DepVar::DEPEND})
      if (const DepSpec* s = e.dep(v)) collect_any_impls(*s, interps, m.impls, m.uses_python_deps);
  } else if (m.eclass != Eclass::None) {
    for (DepVar v : kDepVars) {
      const DepSpec* s = e.dep(v);
      if (!s || m.uses_python_deps) continue;
      Walker w{*s, {}};
      w.run([&](std::uint32_t node, NodeKind, const std::vector<DepSpec::Condition>& conds) {
        if (!m.uses_python_deps && interps.is_interpreter(s->atoms[s->nodes[node].leaf]) && has_target_condition(conds))
          m.uses_python_deps = true;
      });
    }
  }
  sort_unique(m.impls);

  // DISTUTILS_EXT marks.
  if (m.distutils) {
    if (last_target != std::string_view::npos)
      for (std::size_t i = last_target + 1; i < e.iuse.size(); ++i)
        if (e.iuse[i].flag == names().debug) m.ext_debug_mark = true;
    if (const DepSpec* dep = e.dep(DepVar::DEPEND); dep && !m.impls.empty()) {
      std::vector<std::string> covered;
      Walker w{*dep, {}};
      w.run([&](std::uint32_t node, NodeKind, const std::vector<DepSpec::Condition>& conds) {
        auto impl = interps.impl_of(dep->atoms[dep->nodes[node].leaf]);
        if (!impl) return;
        for (const auto& c : conds)
          if (!c.negated && impl_of_flag(c.flag.str()) == std::string_view(*impl)) covered.push_back(*impl);
      });
      sort_unique(covered);
      m.ext_depend_mark = std::includes(covered.begin(), covered.end(), m.impls.begin(), m.impls.end(),
                                        [](const std::string& a, const std::string& b) { return impl_less(a, b); });
    }
    m.backend = find_backend(e.dep(DepVar::BDEPEND));
  }
  collect_signals(e, m);
  return m;
}

// ---------------------------------------------------------------------------
// Known implementations

std::vector<std::string> brace_expand(std::string_view word) {
  // The first {...} holding a list or a range; the suffix is expanded recursively.
  for (std::size_t open = word.find('{'); open != std::string_view::npos; open = word.find('{', open + 1)) {
    std::size_t close = word.find('}', open);
    if (close == std::string_view::npos) break;
    std::string_view body = word.substr(open + 1, close - open - 1);
    std::vector<std::string> alts;
    if (auto dots = body.find(".."); dots != std::string_view::npos) {
      int a = to_int(body.substr(0, dots)), b = to_int(body.substr(dots + 2));
      if (a < 0 || b < 0) continue;
      for (int i = a;; i += (a <= b ? 1 : -1)) {
        alts.push_back(std::to_string(i));
        if (i == b) break;
      }
    } else if (body.find(',') != std::string_view::npos) {
      std::size_t start = 0;
      for (std::size_t i = 0; i <= body.size(); ++i)
        if (i == body.size() || body[i] == ',') {
          alts.emplace_back(body.substr(start, i - start));
          start = i + 1;
        }
    } else {
      continue;
    }
    std::vector<std::string> out;
    std::string prefix(word.substr(0, open));
    for (const std::string& alt : alts)
      for (std::string& tail : brace_expand(word.substr(close + 1))) out.push_back(prefix + alt + tail);
    return out;
  }
  return {std::string(word)};
}

std::vector<std::string_view> compat_assignments(std::string_view text) {
  constexpr std::string_view kAssign = "PYTHON_COMPAT=(";
  std::vector<std::string_view> out;
  for (std::size_t at = text.find(kAssign); at != std::string_view::npos; at = text.find(kAssign, at)) {
    // Only spaces and tabs between the line's start and the name.
    std::size_t line = at;
    while (line > 0 && (text[line - 1] == ' ' || text[line - 1] == '\t')) --line;
    const std::size_t open = at + kAssign.size();
    if (line > 0 && text[line - 1] != '\n') {
      at = open;
      continue;
    }
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) break;  // nor is there one after any later assignment
    out.push_back(text.substr(open, close - open));
    at = close + 1;
  }
  return out;
}

std::vector<std::string> parse_bash_words(std::string_view body) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\') {
      ++i;
      continue;
    }
    if (c == '#') {  // comment to end of line
      while (i < body.size() && body[i] != '\n') ++i;
      continue;
    }
    std::size_t start = i;
    while (i < body.size() && body[i] != ' ' && body[i] != '\t' && body[i] != '\n' && body[i] != '\r') ++i;
    std::string w(body.substr(start, i - start));
    std::erase_if(w, [](char ch) { return ch == '"' || ch == '\''; });
    if (w.empty()) continue;
    for (std::string& x : brace_expand(w)) out.push_back(std::move(x));
  }
  return out;
}

std::optional<std::vector<std::string>> read_bash_array(std::string_view text, std::string_view name) {
  // At the start of a line (indented or after `readonly`/`local` is fine), up to the first ')'.
  RE2 re("(?m)^[ \\t]*(?:(?:readonly|local|declare -a)[ \\t]+)?" + RE2::QuoteMeta(std::string(name)) +
         "=\\(([^)]*)\\)");
  re2::StringPiece body;
  if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re, &body)) return std::nullopt;
  return parse_bash_words(std::string_view(body.data(), body.size()));
}

namespace {

// Bash glob match, as `case` arms use it: literals, `*`, `?` and `[...]`
// classes with ranges and `!`/`^` negation.
bool glob_match(std::string_view pat, std::string_view s) {
  if (pat.empty()) return s.empty();
  if (pat[0] == '*') {
    for (std::size_t i = 0; i <= s.size(); ++i)
      if (glob_match(pat.substr(1), s.substr(i))) return true;
    return false;
  }
  if (s.empty()) return false;
  if (pat[0] == '[') {
    std::size_t close = pat.find(']', 2);
    if (close == std::string_view::npos) return pat[0] == s[0] && glob_match(pat.substr(1), s.substr(1));
    std::string_view set = pat.substr(1, close - 1);
    bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
    if (negate) set.remove_prefix(1);
    bool in = false;
    for (std::size_t i = 0; i < set.size(); ++i) {
      if (i + 2 < set.size() && set[i + 1] == '-') {
        in |= s[0] >= set[i] && s[0] <= set[i + 2];
        i += 2;
      } else {
        in |= s[0] == set[i];
      }
    }
    return in != negate && glob_match(pat.substr(close + 1), s.substr(1));
  }
  return (pat[0] == '?' || pat[0] == s[0]) && glob_match(pat.substr(1), s.substr(1));
}

// The patterns of the arms of _python_impl_supported() that `return 1`: the
// implementations the eclass drops (its era's historical ones).
std::vector<std::string> rejected_patterns(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = text.find("_python_impl_supported() {");
  if (at == std::string_view::npos) return out;
  std::size_t end = text.find("\n}", at);
  std::string_view body = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  static const RE2 arm("([A-Za-z0-9_.*?|\\[\\]-]+)\\)\\s*return 1");
  re2::StringPiece in(body.data(), body.size()), alts;
  while (RE2::FindAndConsume(&in, arm, &alts)) {
    std::string_view rest(alts.data(), alts.size());
    for (std::size_t bar; (bar = rest.find('|')) != std::string_view::npos; rest.remove_prefix(bar + 1))
      out.emplace_back(rest.substr(0, bar));
    out.emplace_back(rest);
  }
  return out;
}

// The text of the stacked eclass `name` and where it is from; false when it is
// absent, or unreadable (then `problem` says why).
bool read_eclass(const RepoSet& repos, std::string_view name, std::string& text, std::string& from,
                 std::string* problem) {
  const EclassInfo* info = repos.eclass(std::string(name));
  if (!info) return false;
  std::string err;
  if (!repos.main().fs().read_file(info->path, text, &err)) {
    if (problem) *problem = info->path + ": " + err;
    return false;
  }
  from = "eclass/" + std::string(name) + ".eclass of " + info->repo;
  return true;
}

}  // namespace

std::vector<std::string> KnownImpls::newer_targets(const std::vector<std::string>& have, bool single) const {
  // Both the profiles (desc) and the eclass must know a target: a stale desc
  // file lists dead ones, and an eclass may accept future ones before any
  // profile describes their flags.
  const std::vector<std::string>& desc = single && !single_targets.empty() ? single_targets : targets;
  std::vector<std::string> both;
  const std::vector<std::string>* pool = &supported;
  if (supported.empty()) {
    pool = &desc;
  } else if (!desc.empty()) {
    for (const std::string& t : desc)
      if (std::find(supported.begin(), supported.end(), t) != supported.end()) both.push_back(t);
    pool = &both;
  }
  // Newest version per line in `have`.
  std::vector<std::pair<ImplLine, std::pair<int, int>>> newest;
  auto same_line = [](const ImplLine& a, const ImplLine& b) { return a.family == b.family && a.language == b.language; };
  for (const std::string& h : have) {
    auto l = line_of(h);
    if (!l) continue;
    auto it = std::find_if(newest.begin(), newest.end(), [&](const auto& x) { return same_line(x.first, *l); });
    if (it == newest.end()) newest.emplace_back(*l, l->version);
    else it->second = std::max(it->second, l->version);
  }
  std::vector<std::string> out;
  for (const std::string& t : *pool) {
    auto l = line_of(t);
    if (!l || std::find(have.begin(), have.end(), t) != have.end()) continue;
    auto it = std::find_if(newest.begin(), newest.end(), [&](const auto& x) { return same_line(x.first, *l); });
    if (it != newest.end() && l->version > it->second) out.push_back(t);
  }
  sort_unique(out);
  return out;
}

KnownImpls load_known_impls(const RepoSet& repos, const std::string& data_dir) {
  KnownImpls k;
  // Desc files: masters first (they define the order), then each overlay's additions.
  const auto& rs = repos.repos();
  for (auto it = rs.rbegin(); it != rs.rend(); ++it) {
    const auto& desc = (*it)->profiles().use_expand_desc;
    for (auto [key, into] : {std::pair{"python_targets", &k.targets}, std::pair{"python_single_target", &k.single_targets}}) {
      auto d = desc.find(key);
      if (d == desc.end()) continue;
      for (const auto& [value, text] : d->second)
        if (std::find(into->begin(), into->end(), value) == into->end()) into->push_back(value);
    }
  }

  // The eclass that decides what PYTHON_COMPAT may list: the stacked python-utils-r1.
  std::string text, from, problem;
  if (read_eclass(repos, "python-utils-r1", text, from, &problem)) {
    if (auto all = read_bash_array(text, "_PYTHON_ALL_IMPLS")) {
      std::vector<std::string> rejected = rejected_patterns(text);
      for (std::string& impl : *all)
        if (std::none_of(rejected.begin(), rejected.end(), [&](const std::string& p) { return glob_match(p, impl); }))
          k.supported.push_back(std::move(impl));
      k.source = from;
      return k;
    }
    k.problems.push_back(from + ": no _PYTHON_ALL_IMPLS array");
  } else if (!problem.empty()) {
    k.problems.push_back(problem);
  }
  if (!k.targets.empty() || !k.single_targets.empty()) {
    k.source = "profiles/desc/python_targets.desc";
    return k;
  }

  // Last resort: the data file, whose era may not be the tree's.
  std::string path = join_path(data_dir, "python-implementations.yaml");
  try {
    YAML::Node doc = YAML::LoadFile(path);
    if (!doc["supported"] || !doc["supported"].IsSequence()) {
      k.problems.push_back(path + ": missing list 'supported'");
      return k;
    }
    for (const auto& item : doc["supported"])
      for (std::string& x : brace_expand(item.as<std::string>())) k.supported.push_back(std::move(x));
    k.source = "data/python-implementations.yaml";
    k.from_data_file = true;
  } catch (const std::exception& ex) {
    k.problems.push_back(path + ": " + ex.what());
  }
  return k;
}

Interpreters load_interpreters(const RepoSet& repos, std::string* source) {
  Interpreters t = Interpreters::builtin();
  std::string text, from;
  bool read = read_eclass(repos, "python-utils-r1", text, from, nullptr);
  int arms = read ? t.add_from_eclass(text) : 0;
  if (source) *source = arms > 0 ? "built-in list and the PYTHON_PKG_DEP case of " + from : "built-in list";
  return t;
}

DistutilsFeatures distutils_features(std::string_view text) {
  // A feature exists when the eclass documents, assigns or expands its
  // variable: `# @ECLASS_VARIABLE: DISTUTILS_EXT`, `DISTUTILS_DEPS=${bdep}`,
  // `${DISTUTILS_USE_PEP517}` (a longer name such as DISTUTILS_EXT_WARNED is another variable).
  auto expands = [&](const char* name) {
    std::string n(name);
    RE2 re("(?m)(?:^# @ECLASS[-_]VARIABLE: " + n + "[ \\t]*$|^[ \\t]*" + n + "=|\\$\\{" + n + "[^A-Za-z0-9_])");
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
  };
  DistutilsFeatures f;
  f.use_pep517 = expands("DISTUTILS_USE_PEP517");
  f.deps = expands("DISTUTILS_DEPS");
  f.ext = expands("DISTUTILS_EXT");
  f.eclass_found = true;
  return f;
}

DistutilsFeatures load_distutils_features(const RepoSet& repos) {
  std::string text, from, problem;
  if (!read_eclass(repos, "distutils-r1", text, from, &problem)) {
    DistutilsFeatures f;
    f.source = (problem.empty() ? std::string("no distutils-r1.eclass in the repositories") : problem) +
               ": the current eclass assumed";
    return f;
  }
  DistutilsFeatures f = distutils_features(text);
  f.source = from;
  return f;
}

std::vector<std::string> dropped_impls(const EbuildModel& m, const std::vector<std::string>& compat) {
  std::vector<std::string> out;
  if (m.impls.empty()) return out;
  for (const std::string& w : compat)
    if (parse_impl(w) && !m.supports(w) && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  return out;
}

// ---------------------------------------------------------------------------
// Per-scan shared data

// Ebuild addresses are aligned and close together: mixed so that both the
// shard choice and the buckets see varied low bits.
struct PointerHash {
  std::size_t operator()(const Ebuild* p) const noexcept {
    auto x = reinterpret_cast<std::uintptr_t>(p);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return static_cast<std::size_t>(x);
  }
};

// Sharded maps under reader-writer locks: a hit (each python check asks for
// every ebuild, and for the best match of each Python dependency) is one
// shared lock and one probe. Most ebuilds have nothing Python about them;
// they all share one empty model instead of a heap copy each.
struct ScanData::Cache {
  static constexpr std::size_t kShards = 64;
  struct Shard {
    std::shared_mutex mu;
    std::unordered_map<const Ebuild*, const EbuildModel*, PointerHash> map;
    std::deque<EbuildModel> store;  // stable addresses
  };
  std::array<Shard, kShards> shards;
  const EbuildModel empty{};

  Cache() {
    for (Shard& s : shards) s.map.reserve(512);  // a 30k-ebuild tree without rehashing
  }
  Shard& shard_of(const Ebuild* e) { return shards[PointerHash{}(e) % kShards]; }
};

namespace {
bool is_empty(const EbuildModel& m) {
  return m.eclass == Eclass::None && m.eclasses.empty() && !m.distutils && m.impls.empty() && !m.uses_python_deps &&
         !m.ext_debug_mark && !m.ext_depend_mark && m.backend.empty() && m.ext_signals.empty();
}
}  // namespace

ScanData::ScanData(const RepoSet& repos, const std::string& data_dir)
    : known_(load_known_impls(repos, data_dir)),
      interpreters_source_(),
      interpreters_(load_interpreters(repos, &interpreters_source_)),
      distutils_(load_distutils_features(repos)),
      cache_(std::make_unique<Cache>()) {}

ScanData::~ScanData() = default;

const EbuildModel& ScanData::model(const Ebuild& e) const {
  Cache::Shard& sh = cache_->shard_of(&e);
  {
    std::shared_lock lock(sh.mu);
    if (auto it = sh.map.find(&e); it != sh.map.end()) return *it->second;
  }
  // Analysed outside the lock; two threads may analyse the same ebuild at once, the first insert wins.
  EbuildModel m = analyze(e, interpreters_);
  std::unique_lock lock(sh.mu);
  auto [it, fresh] = sh.map.try_emplace(&e, nullptr);
  if (fresh) it->second = is_empty(m) ? &cache_->empty : &sh.store.emplace_back(std::move(m));
  return *it->second;
}

std::shared_ptr<const ScanData> scan_data(const ScanContext& ctx) {
  static std::mutex mu;
  static std::map<const RepoIndex*, std::weak_ptr<const ScanData>> live;
  std::lock_guard<std::mutex> lock(mu);
  std::erase_if(live, [](const auto& kv) { return kv.second.expired(); });
  if (auto it = live.find(&ctx.index); it != live.end())
    if (auto sp = it->second.lock()) return sp;
  auto sp = std::make_shared<const ScanData>(ctx.repos, ctx.data_dir);
  live[&ctx.index] = sp;
  return sp;
}

}  // namespace pkgscan::python
