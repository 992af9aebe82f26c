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
  Symbol dev_lang = Symbol::intern("dev-lang"), dev_python = Symbol::intern("dev-python");
  Symbol python = Symbol::intern("python"), pypy = Symbol::intern("pypy"), pypy3 = Symbol::intern("pypy3");
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
void collect_any_impls(const DepSpec& spec, std::vector<std::string>& out, bool& used) {
  for (std::uint32_t i = 0; i < spec.nodes.size(); ++i) {
    const DepNode& n = spec.nodes[i];
    if (n.kind != NodeKind::AnyOf) continue;
    for (std::uint32_t j = i + 1; j < n.end; j = spec.nodes[j].end) {
      const DepNode* head = &spec.nodes[j];
      if (head->kind == NodeKind::AllOf && j + 1 < head->end) head = &spec.nodes[j + 1];
      if (head->kind != NodeKind::Leaf) continue;
      if (auto impl = impl_of_interpreter(spec.atoms[head->leaf])) {
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

bool is_interpreter(const Atom& a) {
  const Names& nm = names();
  return (a.category == nm.dev_lang && (a.package == nm.python || a.package == nm.pypy)) ||
         (a.category == nm.dev_python && a.package == nm.pypy3);
}

std::optional<std::string> impl_of_interpreter(const Atom& a) {
  const Names& nm = names();
  if (a.blocker != Blocker::None || !is_interpreter(a)) return std::nullopt;  // before any string is built
  if (a.category == nm.dev_python && a.package == nm.pypy3) return std::string("pypy3");
  if (a.category != nm.dev_lang || a.slot.empty()) return std::nullopt;
  std::string_view slot = a.slot.str();
  bool ft = !slot.empty() && slot.back() == 't';
  if (ft) slot.remove_suffix(1);
  auto dot = slot.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  int major = to_int(slot.substr(0, dot)), minor = to_int(slot.substr(dot + 1));
  if (major < 0 || minor < 0) return std::nullopt;
  std::string ver = std::to_string(major) + "_" + std::to_string(minor);
  if (a.package == nm.python) return "python" + ver + (ft ? "t" : "");
  if (a.package == nm.pypy && !ft) return (major == 3 && minor == 10) ? std::string("pypy3") : "pypy" + ver;
  return std::nullopt;
}

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

EbuildModel analyze(const Ebuild& e) {
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
      if (const DepSpec* s = e.dep(v)) collect_any_impls(*s, m.impls, m.uses_python_deps);
  } else if (m.eclass != Eclass::None) {
    for (DepVar v : kDepVars) {
      const DepSpec* s = e.dep(v);
      if (!s || m.uses_python_deps) continue;
      Walker w{*s, {}};
      w.run([&](std::uint32_t node, NodeKind, const std::vector<DepSpec::Condition>& conds) {
        if (!m.uses_python_deps && is_interpreter(s->atoms[s->nodes[node].leaf]) && has_target_condition(conds))
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
        auto impl = impl_of_interpreter(dep->atoms[dep->nodes[node].leaf]);
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

bool KnownImpls::is_dead(std::string_view impl) const {
  return std::find(dead.begin(), dead.end(), impl) != dead.end();
}

bool KnownImpls::is_current(std::string_view impl) const {
  return std::find(current.begin(), current.end(), impl) != current.end();
}

std::vector<std::string> KnownImpls::newer_targets(const std::vector<std::string>& have, bool single) const {
  const std::vector<std::string>* pool = single ? &single_targets : &targets;
  std::vector<std::string> fallback;
  if (pool->empty()) {
    fallback = current;
    sort_unique(fallback);
    pool = &fallback;
  }
  // Newest version per line in `have`.
  std::map<Family, std::pair<int, int>> newest;
  for (const std::string& h : have) {
    auto p = parse_impl(h);
    if (!p || p->family == Family::Other) continue;
    auto v = std::make_pair(p->major, p->minor);
    auto [it, fresh] = newest.emplace(p->family, v);
    if (!fresh && v > it->second) it->second = v;
  }
  std::vector<std::string> out;
  for (const std::string& t : *pool) {
    auto p = parse_impl(t);
    if (!p || is_dead(t)) continue;
    auto it = newest.find(p->family);
    if (it == newest.end() || std::make_pair(p->major, p->minor) <= it->second) continue;
    if (std::find(have.begin(), have.end(), t) != have.end()) continue;
    out.push_back(t);
  }
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

  // The eclass that decides: the stacked python-utils-r1.
  if (const EclassInfo* info = repos.eclass("python-utils-r1")) {
    std::string text, err;
    if (repos.main().fs().read_file(info->path, text, &err)) {
      auto all = read_bash_array(text, "_PYTHON_ALL_IMPLS");
      auto hist = read_bash_array(text, "_PYTHON_HISTORICAL_IMPLS");
      if (all && hist) {
        k.current = std::move(*all);
        k.dead = std::move(*hist);
        k.source = "eclass/python-utils-r1.eclass of " + info->repo;
        return k;
      }
      k.problems.push_back(info->path + ": no _PYTHON_ALL_IMPLS / _PYTHON_HISTORICAL_IMPLS arrays");
    } else {
      k.problems.push_back(info->path + ": " + err);
    }
  }

  std::string path = join_path(data_dir, "python-implementations.yaml");
  try {
    YAML::Node doc = YAML::LoadFile(path);
    auto read = [&](const char* key, std::vector<std::string>& into) {
      if (!doc[key] || !doc[key].IsSequence()) {
        k.problems.push_back(path + ": missing list '" + key + "'");
        return;
      }
      for (const auto& item : doc[key])
        for (std::string& x : brace_expand(item.as<std::string>())) into.push_back(std::move(x));
    };
    read("current", k.current);
    read("dead", k.dead);
    k.source = "data/python-implementations.yaml";
  } catch (const std::exception& ex) {
    k.problems.push_back(path + ": " + ex.what());
  }
  return k;
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
    : known_(load_known_impls(repos, data_dir)), cache_(std::make_unique<Cache>()) {}

ScanData::~ScanData() = default;

const EbuildModel& ScanData::model(const Ebuild& e) const {
  Cache::Shard& sh = cache_->shard_of(&e);
  {
    std::shared_lock lock(sh.mu);
    if (auto it = sh.map.find(&e); it != sh.map.end()) return *it->second;
  }
  // Analysed outside the lock; two threads may analyse the same ebuild at once, the first insert wins.
  EbuildModel m = analyze(e);
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
