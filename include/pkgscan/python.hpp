#pragma once
// The Python implementation model (DESIGN.md §5): which python eclass an
// ebuild uses, which implementations it supports, whether DISTUTILS_EXT is
// set, its PEP 517 backend and extension-builder signals, all recovered from
// the md5-cache entry alone. Plus what the tree's own python eclasses know
// (their era): the implementations PYTHON_COMPAT may list, the interpreter
// packages, and which distutils-r1 features exist. Those come from the
// repository set (profiles/desc/*.desc, eclass/python-utils-r1.eclass,
// eclass/distutils-r1.eclass); data/ is only the last resort, and says so.
//
// Implementation names are the PYTHON_COMPAT spellings: "python3_14",
// "python3_14t" (free-threading), "pypy3_11". Each line is its own: adding
// python3_15 to an ebuild with python3_14 is an update; adding python3_15t to
// an ebuild without any free-threading target is not, and neither is python3
// to a python2_7-only ebuild, nor pypy3 to a pypy (PyPy2) one: those are ports.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/atom.hpp"
#include "pkgscan/index.hpp"
#include "pkgscan/intern.hpp"

namespace pkgscan {
struct ScanContext;
}

namespace pkgscan::python {

enum class Eclass : std::uint8_t { None, R1, SingleR1, AnyR1 };
std::string_view eclass_name(Eclass e);  // "python-r1", ...; "" for None

// One parsed implementation name.
enum class Family : std::uint8_t { CPython, FreeThreading, PyPy, Other };
struct ImplName {
  Family family = Family::Other;
  int major = 0, minor = -1;  // pypy3 (no minor) has minor -1
};
std::optional<ImplName> parse_impl(std::string_view name);  // nullopt for anything else
// Canonical order for display: CPython, free-threading, PyPy, others; then version.
bool impl_less(std::string_view a, std::string_view b);

// The language line of an implementation: CPython 2, CPython 3, free-threading
// CPython 3, PyPy2 (pypy, pypy1_8 .. pypy2_0), PyPy3 (pypy3, pypy3_11 ...).
// Jython and unknown names have none. `version` orders a line: the
// unversioned "pypy" ended the PyPy2 line and "pypy3" stood for PyPy 3.10.
struct ImplLine {
  Family family = Family::Other;
  int language = 0;                 // 2 or 3
  std::pair<int, int> version{0, 0};
};
std::optional<ImplLine> line_of(std::string_view impl);

// The packages that provide Python interpreters (what PYTHON_PKG_DEP names),
// and the implementation an atom of one stands for: dev-lang/python:3.14 ->
// python3_14, :3.14t -> python3_14t, dev-lang/pypy:3.11 -> pypy3_11 (3.10 ->
// pypy3, as the eclass spelled it then), virtual/pypy -> pypy,
// dev-java/jython:2.7 -> jython2_7.
class Interpreters {
 public:
  // Every package a python eclass has used since 2012: dev-lang/python,
  // dev-lang/pypy, dev-python/pypy3 and dev-python/pypy (with their -bin
  // variants), virtual/pypy, virtual/pypy3 and dev-java/jython.
  static const Interpreters& builtin();
  // Adds the atoms of the PYTHON_PKG_DEP case of a python-utils-r1.eclass text
  // (`pypy3) PYTHON_PKG_DEP='>=dev-python/pypy3-7.3.0:0=';;`). Returns how
  // many arms named an atom; 0 when the eclass has no such case.
  int add_from_eclass(std::string_view eclass_text);

  bool is_interpreter(const Atom& atom) const;
  // nullopt for blockers, other packages and slots that name no implementation.
  std::optional<std::string> impl_of(const Atom& atom) const;
  std::vector<std::string> packages() const;  // "dev-lang/python", ... for inspect

 private:
  struct Entry {
    Symbol category, package;
    std::string slot_prefix;  // "python": slot X.Y[t] -> pythonX_Y[t]; empty: no slot rule
    std::vector<std::pair<std::string, std::string>> by_slot;  // slot -> impl, before the rule ("3.10" -> "pypy3")
    std::string any_slot;     // impl for any other atom of the package ("pypy3"); may be empty
  };
  Entry& entry(Symbol category, Symbol package);
  const Entry* find(const Atom& atom) const;
  std::vector<Entry> entries_;
};

// Shorthands on Interpreters::builtin().
std::optional<std::string> impl_of_interpreter(const Atom& atom);
bool is_interpreter(const Atom& atom);

inline constexpr std::string_view kTargetPrefix = "python_targets_";
inline constexpr std::string_view kSingleTargetPrefix = "python_single_target_";
// "python_targets_python3_14" -> "python3_14"; also for python_single_target_; nullopt otherwise.
std::optional<std::string_view> impl_of_flag(std::string_view flag);

// For evaluating USE conditionals of an ebuild per implementation (issue 6):
// with `impl` selected, python_targets_<impl> and python_single_target_<impl>
// are on and every other target flag is off. nullopt: not a target flag, the
// caller decides.
std::optional<bool> target_flag_state(Symbol flag, std::string_view impl);

// Where an interpreter dependency was found.
enum class ExtSignalStrength : std::uint8_t { Strong, Weak };
struct ExtSignal {
  std::string what;  // "dev-python/cython in BDEPEND", "cargo eclass", "backend maturin"
  ExtSignalStrength strength = ExtSignalStrength::Strong;
};

// Everything the python checks and `pkgscan inspect` derive from one cache entry.
struct EbuildModel {
  Eclass eclass = Eclass::None;
  std::vector<Eclass> eclasses;     // every python eclass inherited (more than one is PythonEclassError)
  bool distutils = false;           // distutils-r1 inherited
  // Supported implementations (PYTHON_COMPAT ∩ eclass-supported), in impl_less order.
  std::vector<std::string> impls;
  // PYTHON_DEPS is used: r1/single-r1: an interpreter under a target flag
  // condition somewhere in the deps; any-r1: an interpreter in an || group.
  bool uses_python_deps = false;
  // DISTUTILS_EXT=1 marks: `debug` in IUSE after the last target flag, and the
  // interpreter atoms under target conditions in DEPEND (absent with DISTUTILS_OPTIONAL).
  bool ext_debug_mark = false;
  bool ext_depend_mark = false;
  bool distutils_ext() const { return ext_debug_mark && ext_depend_mark; }
  bool ext_any_mark() const { return ext_debug_mark; }  // DISTUTILS_OPTIONAL leaves only `debug`
  // DISTUTILS_USE_PEP517 as the BDEPEND shows it: "setuptools", "flit", "maturin", ...,
  // "standalone" (gpep517 alone), "no" (no gpep517); empty when not distutils-r1.
  std::string backend;
  std::vector<ExtSignal> ext_signals;

  bool supports(std::string_view impl) const;
  bool single() const { return eclass == Eclass::SingleR1; }
  // The USE flag that selects `impl` for this ebuild (empty Symbol for any-r1 / none).
  Symbol flag_for(std::string_view impl) const;
  // Is `flag` that flag? (No interning: for hot loops.)
  bool is_flag_for(Symbol flag, std::string_view impl) const;
};

// The interpreter table decides which atoms are interpreters (the tree's era).
EbuildModel analyze(const Ebuild& e, const Interpreters& interpreters = Interpreters::builtin());

// The implementations the repository set knows: the candidates for
// PythonCompatUpdate. Which implementations an ebuild's PYTHON_COMPAT lists
// that the eclass dropped needs no table: the cache entry says (see
// dropped_impls).
struct KnownImpls {
  std::vector<std::string> targets;         // python_targets.desc values, masters first, file order, unique
  std::vector<std::string> single_targets;  // python_single_target.desc
  // What PYTHON_COMPAT may list: the eclass's _PYTHON_ALL_IMPLS (brace-expanded),
  // less what its _python_impl_supported patterns reject; else, with no desc
  // file either, the data file's list.
  std::vector<std::string> supported;
  std::string source;                       // where the candidates come from, for messages and inspect
  bool from_data_file = false;              // the last resort was used: said once (PythonImplsFromDataFile)
  std::vector<std::string> problems;        // unreadable/unparsable data

  // Implementations on the same line as some impl of `have` (see line_of),
  // newer than the newest of that line in `have`, in impl_less order, taken
  // from the desc file (single_targets when `single`) and `supported`: from
  // both when both exist, else from the one there is.
  std::vector<std::string> newer_targets(const std::vector<std::string>& have, bool single) const;
};

// From the repository set (desc files; the stacked eclass/python-utils-r1.eclass)
// and, when neither says anything, <data_dir>/python-implementations.yaml.
KnownImpls load_known_impls(const RepoSet& repos, const std::string& data_dir);

// The interpreter table of the tree: builtin() plus the stacked
// python-utils-r1.eclass's PYTHON_PKG_DEP atoms. `source` says where from.
Interpreters load_interpreters(const RepoSet& repos, std::string* source = nullptr);

// Which distutils-r1 features the tree's (stacked) eclass defines. An era
// check applies only where its feature exists: DistutilsNonPEP517Build needs
// DISTUTILS_USE_PEP517, the ${DISTUTILS_DEPS} form of PythonMissingDeps needs
// DISTUTILS_DEPS, DistutilsExtMissing needs DISTUTILS_EXT. Without the eclass
// the current era is assumed (and `source` says so).
struct DistutilsFeatures {
  bool use_pep517 = true;
  bool deps = true;
  bool ext = true;
  bool eclass_found = false;
  std::string source;
};
DistutilsFeatures distutils_features(std::string_view eclass_text);  // from one distutils-r1.eclass text
DistutilsFeatures load_distutils_features(const RepoSet& repos);

// The implementations an ebuild's PYTHON_COMPAT lists that the eclass which
// generated its cache entry dropped: listed in `compat` (the ebuild's words)
// but absent from the model (IUSE target flags for python-r1 and
// python-single-r1, the interpreter alternatives for python-any-r1). Words
// that name no implementation (`${_PYTHON_ALL_IMPLS[@]}`) are ignored. Empty
// when the model has no implementations (the eclass would have died, so the
// entry cannot tell).
std::vector<std::string> dropped_impls(const EbuildModel& m, const std::vector<std::string>& compat);

// Bash brace expansion of one word, as PYTHON_COMPAT and the eclass arrays use
// it: "python3_{12..14}" -> python3_12 python3_13 python3_14; "pypy1_{8,9}".
std::vector<std::string> brace_expand(std::string_view word);
// Words of the body of a bash array "( ... )": comments dropped, quotes
// stripped, each word brace-expanded.
std::vector<std::string> parse_bash_words(std::string_view body);
// The bodies of the lines `PYTHON_COMPAT=( ... )` in an ebuild's text, in
// order: each at the start of a line (after spaces or tabs), its body up to
// the first ')' (it may span lines). What the regular expression
// (?m)^[ \t]*PYTHON_COMPAT=\(([^)]*)\) finds one match after another,
// found with memchr-speed searches instead (a scan looks at every ebuild).
std::vector<std::string_view> compat_assignments(std::string_view text);
// The words of a bash array assignment NAME=( ... ) in `text` (first one,
// comments dropped, brace-expanded); nullopt when there is none.
std::optional<std::vector<std::string>> read_bash_array(std::string_view text, std::string_view name);

// Per-scan state shared by every python check family (and the bootstrap-cycle
// check): what the tree's eclasses know, and the model of each ebuild computed once,
// keyed by its address in the scan's index. Thread-safe.
class ScanData {
 public:
  ScanData(const RepoSet& repos, const std::string& data_dir);
  ~ScanData();
  const KnownImpls& known() const { return known_; }
  const Interpreters& interpreters() const { return interpreters_; }
  const std::string& interpreters_source() const { return interpreters_source_; }
  const DistutilsFeatures& distutils() const { return distutils_; }
  const EbuildModel& model(const Ebuild& e) const;

 private:
  KnownImpls known_;
  std::string interpreters_source_;  // before interpreters_: its loader writes it
  Interpreters interpreters_;
  DistutilsFeatures distutils_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// The one ScanData of this scan (same index): created by the first caller,
// shared with the others while any of them holds it.
std::shared_ptr<const ScanData> scan_data(const ScanContext& ctx);

}  // namespace pkgscan::python
