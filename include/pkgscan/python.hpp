#pragma once
// The Python implementation model (DESIGN.md §5): which python eclass an
// ebuild uses, which implementations it supports, whether DISTUTILS_EXT is
// set, its PEP 517 backend and extension-builder signals, all recovered from
// the md5-cache entry alone. Plus the implementations the repository knows
// (profiles/desc/*.desc, eclass/python-utils-r1.eclass or data/).
//
// Implementation names are the PYTHON_COMPAT spellings: "python3_14",
// "python3_14t" (free-threading), "pypy3_11". Each family is its own line:
// adding python3_15 to an ebuild with python3_14 is an update; adding
// python3_15t to an ebuild without any free-threading target is not.
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

// The implementation an interpreter atom stands for: dev-lang/python:3.14 ->
// python3_14, :3.14t -> python3_14t, dev-lang/pypy:3.11 -> pypy3_11 (3.10 ->
// pypy3, as the eclass spelled it then). nullopt for other atoms or slots.
std::optional<std::string> impl_of_interpreter(const Atom& atom);
bool is_interpreter(const Atom& atom);  // dev-lang/python, dev-lang/pypy, dev-python/pypy3 (any slot)

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

EbuildModel analyze(const Ebuild& e);

// The implementations the repository set knows.
struct KnownImpls {
  std::vector<std::string> targets;         // python_targets.desc values, masters first, file order, unique
  std::vector<std::string> single_targets;  // python_single_target.desc
  std::vector<std::string> current;         // _PYTHON_ALL_IMPLS (brace-expanded)
  std::vector<std::string> dead;            // _PYTHON_HISTORICAL_IMPLS
  std::string source;                       // where current/dead came from, for messages and inspect
  std::vector<std::string> problems;        // unreadable/unparsable data

  bool is_dead(std::string_view impl) const;
  bool is_current(std::string_view impl) const;
  // Targets on the same line as some impl of `have`, newer than the newest of
  // that line in `have`, in desc-file order (single_targets when `single`).
  // Dead impls are never offered. Falls back to `current` when no desc file exists.
  std::vector<std::string> newer_targets(const std::vector<std::string>& have, bool single) const;
};

// From the repository set (desc files; the stacked eclass/python-utils-r1.eclass)
// and, when that eclass is absent, <data_dir>/python-implementations.yaml.
KnownImpls load_known_impls(const RepoSet& repos, const std::string& data_dir);

// Bash brace expansion of one word, as PYTHON_COMPAT and the eclass arrays use
// it: "python3_{12..14}" -> python3_12 python3_13 python3_14; "pypy1_{8,9}".
std::vector<std::string> brace_expand(std::string_view word);
// Words of the body of a bash array "( ... )": comments dropped, quotes
// stripped, each word brace-expanded.
std::vector<std::string> parse_bash_words(std::string_view body);
// The words of a bash array assignment NAME=( ... ) in `text` (first one,
// comments dropped, brace-expanded); nullopt when there is none.
std::optional<std::vector<std::string>> read_bash_array(std::string_view text, std::string_view name);

// Per-scan state shared by every python check family (and the bootstrap-cycle
// check): known implementations, and the model of each ebuild computed once,
// keyed by its address in the scan's index. Thread-safe.
class ScanData {
 public:
  ScanData(const RepoSet& repos, const std::string& data_dir);
  ~ScanData();
  const KnownImpls& known() const { return known_; }
  const EbuildModel& model(const Ebuild& e) const;

 private:
  KnownImpls known_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// The one ScanData of this scan (same index): created by the first caller,
// shared with the others while any of them holds it.
std::shared_ptr<const ScanData> scan_data(const ScanContext& ctx);

}  // namespace pkgscan::python
