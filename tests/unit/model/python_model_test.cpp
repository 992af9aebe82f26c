// The Python implementation model on cache entries shaped like real ones
// (GURU 2026 caches, reference/gentoo-spec.md §4-6).
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include "pkgscan/python.hpp"
#include "pkgscan/repo.hpp"

using namespace pkgscan;
using namespace pkgscan::python;

namespace {

Ebuild make(const std::string& cache_text) {
  Ebuild e;
  e.category = Symbol::intern("dev-python");
  e.package = Symbol::intern("x");
  e.entry = parse_cache_entry(cache_text);
  e.has_cache = true;
  derive_ebuild_fields(e);
  return e;
}

const char kDistutilsEclasses[] =
    "_eclasses_=python-utils-r1\t5fd9a75ca55021d3276ce969f8e28391\tpython-r1\t5fdca77e34fc9af7d6eb47689f33f6bf\t"
    "distutils-r1\t8b4cb6626db7331e3187d652f4bbf9d4\n";

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("implementation names parse into lines", "[python]") {
  auto p = parse_impl("python3_14t");
  REQUIRE(p);
  CHECK(p->family == Family::FreeThreading);
  CHECK(p->major == 3);
  CHECK(p->minor == 14);
  CHECK(parse_impl("pypy3_11")->family == Family::PyPy);
  CHECK(parse_impl("pypy3")->minor == -1);
  CHECK(parse_impl("pypy")->family == Family::PyPy);
  CHECK(parse_impl("jython2_7")->family == Family::Other);
  CHECK_FALSE(parse_impl("python"));
  CHECK_FALSE(parse_impl("python3_x"));
  CHECK_FALSE(parse_impl("ruby33"));
  Strings v = {"pypy3_11", "python3_14t", "python3_15", "python3_9", "python3_13t", "python3_12"};
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return impl_less(a, b); });
  CHECK(v == Strings{"python3_9", "python3_12", "python3_15", "python3_13t", "python3_14t", "pypy3_11"});
}

TEST_CASE("brace expansion and bash arrays", "[python]") {
  CHECK(brace_expand("python3_{12..14}") == Strings{"python3_12", "python3_13", "python3_14"});
  CHECK(brace_expand("python3_{13..14}t") == Strings{"python3_13t", "python3_14t"});
  CHECK(brace_expand("pypy1_{8,9}") == Strings{"pypy1_8", "pypy1_9"});
  CHECK(brace_expand("plain") == Strings{"plain"});
  CHECK(brace_expand("a{1..2}b{x,y}") == Strings{"a1bx", "a1by", "a2bx", "a2by"});
  const char eclass[] =
      "# _PYTHON_ALL_IMPLS=( not this one )\n"
      "_PYTHON_ALL_IMPLS=(\n\tpypy3_11\n\tpython3_{13..14}t # free-threading\n\tpython3_{11..14}\n)\n"
      "readonly _PYTHON_ALL_IMPLS\n"
      "_PYTHON_HISTORICAL_IMPLS=(\n\tjython2_7\n\tpypy pypy1_{8,9} pypy2_0 pypy3\n\tpython2_{5..7}\n"
      "\tpython3_{1..10}\n)\n";
  auto all = read_bash_array(eclass, "_PYTHON_ALL_IMPLS");
  REQUIRE(all);
  CHECK(*all == Strings{"pypy3_11", "python3_13t", "python3_14t", "python3_11", "python3_12", "python3_13", "python3_14"});
  auto hist = read_bash_array(eclass, "_PYTHON_HISTORICAL_IMPLS");
  REQUIRE(hist);
  CHECK(hist->size() == 1 + 5 + 3 + 10);
  CHECK(hist->back() == "python3_10");
  CHECK_FALSE(read_bash_array(eclass, "PYTHON_COMPAT"));
  CHECK(*read_bash_array("EAPI=8\nPYTHON_COMPAT=( python3_{12..13} pypy3_11 )\n", "PYTHON_COMPAT") ==
        Strings{"python3_12", "python3_13", "pypy3_11"});
}

TEST_CASE("interpreter atoms name implementations", "[python]") {
  auto impl = [](const char* s) { return impl_of_interpreter(*Atom::parse(s, Eapi::latest())); };
  CHECK(impl("dev-lang/python:3.12") == "python3_12");
  CHECK(impl("dev-lang/python:3.14t[sqlite]") == "python3_14t");
  CHECK(impl("dev-lang/pypy:3.11=") == "pypy3_11");
  CHECK(impl("dev-lang/pypy:3.10") == "pypy3");
  CHECK(impl("dev-python/pypy3") == "pypy3");
  CHECK_FALSE(impl("dev-lang/python"));
  CHECK_FALSE(impl(">=dev-lang/python-3.9"));
  CHECK_FALSE(impl("!dev-lang/python:3.12"));
  CHECK_FALSE(impl("dev-python/lxml:3.12"));
  CHECK(target_flag_state(Symbol::intern("python_targets_python3_13"), "python3_13") == true);
  CHECK(target_flag_state(Symbol::intern("python_single_target_python3_12"), "python3_13") == false);
  CHECK_FALSE(target_flag_state(Symbol::intern("test"), "python3_13"));
}

TEST_CASE("python-r1 via distutils-r1: targets from IUSE, setuptools backend, no EXT", "[python]") {
  Ebuild e = make(std::string(
      "BDEPEND=test? ( dev-python/lxml[python_targets_python3_12(-)?,python_targets_python3_13(-)?] ) "
      "python_targets_python3_12? ( dev-lang/python:3.12 ) python_targets_python3_13? ( dev-lang/python:3.13 ) "
      ">=dev-python/gpep517-16[python_targets_python3_12(-)?,python_targets_python3_13(-)?] "
      "dev-python/setuptools[python_targets_python3_12(-)?,python_targets_python3_13(-)?]\n"
      "EAPI=8\n"
      "IUSE=test python_targets_python3_12 python_targets_python3_13\n"
      "RDEPEND=python_targets_python3_12? ( dev-lang/python:3.12 ) python_targets_python3_13? ( dev-lang/python:3.13 )\n"
      "REQUIRED_USE=|| ( python_targets_python3_12 python_targets_python3_13 )\n"
      "SLOT=0\n") + kDistutilsEclasses);
  EbuildModel m = analyze(e);
  CHECK(m.eclass == Eclass::R1);
  CHECK(m.distutils);
  CHECK(m.impls == Strings{"python3_12", "python3_13"});
  CHECK(m.uses_python_deps);
  CHECK_FALSE(m.ext_debug_mark);
  CHECK_FALSE(m.ext_depend_mark);
  CHECK(m.backend == "setuptools");
  CHECK(m.ext_signals.empty());
  CHECK(m.flag_for("python3_13").str() == "python_targets_python3_13");
}

TEST_CASE("DISTUTILS_EXT marks and extension builders (ManimPango shape)", "[python]") {
  Ebuild e = make(std::string(
      "BDEPEND=dev-python/cython[python_targets_python3_12(-)?] x11-libs/pango test? ( "
      ">=dev-python/pytest-7.4.4[python_targets_python3_12(-)?] ) python_targets_python3_12? ( dev-lang/python:3.12 ) "
      ">=dev-python/gpep517-16[python_targets_python3_12(-)?] dev-python/setuptools[python_targets_python3_12(-)?] "
      "doc? ( || ( ( dev-lang/python:3.12 dev-python/sphinx[python_targets_python3_12(-)] ) ) )\n"
      "DEPEND=dev-python/cython[python_targets_python3_12(-)?] x11-libs/pango python_targets_python3_12? ( "
      "dev-lang/python:3.12 )\n"
      "EAPI=8\n"
      "IUSE=debug test python_targets_python3_12 debug doc\n"
      "SLOT=0\n") + kDistutilsEclasses);
  EbuildModel m = analyze(e);
  CHECK(m.impls == Strings{"python3_12"});
  CHECK(m.ext_debug_mark);
  CHECK(m.ext_depend_mark);
  CHECK(m.distutils_ext());
  REQUIRE(m.ext_signals.size() == 1);
  CHECK(m.ext_signals[0].what == "dev-python/cython in BDEPEND");
  CHECK(m.ext_signals[0].strength == ExtSignalStrength::Strong);

  // The ebuild's own IUSE=debug before the target flags is not the mark.
  Ebuild own = make(std::string("EAPI=8\nIUSE=debug python_targets_python3_12\nDEPEND=python_targets_python3_12? ( "
                                "dev-lang/python:3.12 )\nSLOT=0\n") + kDistutilsEclasses);
  CHECK_FALSE(analyze(own).ext_debug_mark);
  CHECK(analyze(own).ext_depend_mark);
  CHECK(analyze(own).backend == "no");
}

TEST_CASE("maturin backend and cargo are strong signals", "[python]") {
  Ebuild e = make(
      "BDEPEND=python_targets_python3_13? ( dev-lang/python:3.13 ) "
      ">=dev-python/gpep517-16[python_targets_python3_13(-)?] >=dev-util/maturin-1.8.2[python_targets_python3_13(-)?]\n"
      "EAPI=8\nIUSE=python_targets_python3_13\nSLOT=0\n"
      "_eclasses_=cargo\t0123456789abcdef0123456789abcdef\tpython-r1\t5fdca77e34fc9af7d6eb47689f33f6bf\t"
      "distutils-r1\t8b4cb6626db7331e3187d652f4bbf9d4\n");
  EbuildModel m = analyze(e);
  CHECK(m.backend == "maturin");
  Strings what;
  for (const auto& s : m.ext_signals) what.push_back(s.what);
  CHECK(what == Strings{"dev-util/maturin in BDEPEND", "cargo eclass", "backend maturin"});
}

TEST_CASE("python-single-r1: single targets, backend inside the per-impl groups", "[python]") {
  Ebuild e = make(
      "BDEPEND=python_single_target_python3_12? ( dev-lang/python:3.12 ) python_single_target_python3_14t? ( "
      "dev-lang/python:3.14t ) python_single_target_python3_12? ( >=dev-python/gpep517-16[python_targets_python3_12(-)] "
      "dev-python/hatchling[python_targets_python3_12(-)] ) python_single_target_python3_14t? ( "
      ">=dev-python/gpep517-16[python_targets_python3_14t(-)] dev-python/hatchling[python_targets_python3_14t(-)] )\n"
      "EAPI=8\nIUSE=python_single_target_python3_12 python_single_target_python3_14t\n"
      "RDEPEND=python_single_target_python3_12? ( dev-lang/python:3.12 ) python_single_target_python3_14t? ( "
      "dev-lang/python:3.14t )\n"
      "SLOT=0\n"
      "_eclasses_=python-utils-r1\t5fd9a75ca55021d3276ce969f8e28391\tpython-single-r1\t"
      "0123456789abcdef0123456789abcdef\tdistutils-r1\t8b4cb6626db7331e3187d652f4bbf9d4\n");
  EbuildModel m = analyze(e);
  CHECK(m.eclass == Eclass::SingleR1);
  CHECK(m.impls == Strings{"python3_12", "python3_14t"});
  CHECK(m.backend == "hatchling");
  CHECK(m.uses_python_deps);
  CHECK(m.flag_for("python3_14t").str() == "python_single_target_python3_14t");
}

TEST_CASE("python-any-r1: plain || groups and python_gen_any_dep groups, PyPy included", "[python]") {
  const char eclasses[] = "_eclasses_=python-utils-r1\t5fd9a75ca55021d3276ce969f8e28391\tpython-any-r1\t"
                          "0123456789abcdef0123456789abcdef\n";
  Ebuild plain = make(std::string("BDEPEND=|| ( dev-lang/python:3.13 dev-lang/python:3.12 dev-lang/pypy:3.11= ) "
                                  ">=dev-build/meson-1.2.3\nEAPI=8\nSLOT=0\n") + eclasses);
  EbuildModel m = analyze(plain);
  CHECK(m.eclass == Eclass::AnyR1);
  CHECK(m.impls == Strings{"python3_12", "python3_13", "pypy3_11"});
  CHECK(m.uses_python_deps);

  Ebuild gen = make(std::string(
      "BDEPEND=virtual/pkgconfig || ( ( dev-lang/python:3.14 dev-python/jinja2[python_targets_python3_14(-)] ) ( "
      "dev-lang/python:3.13 dev-python/jinja2[python_targets_python3_13(-)] ) )\n"
      "DEPEND=test? ( || ( ( dev-lang/python:3.15t dev-python/pytest[python_targets_python3_15t(-)] ) ) )\n"
      "EAPI=8\nSLOT=0\n") + eclasses);
  CHECK(analyze(gen).impls == Strings{"python3_13", "python3_14", "python3_15t"});

  Ebuild handwritten = make(std::string("BDEPEND=>=dev-lang/python-3.9\nEAPI=8\nSLOT=0\n") + eclasses);
  CHECK(analyze(handwritten).impls.empty());
  CHECK_FALSE(analyze(handwritten).uses_python_deps);
}

TEST_CASE("more than one python eclass is recorded", "[python]") {
  Ebuild e = make("EAPI=8\nSLOT=0\n_eclasses_=python-any-r1\t0123456789abcdef0123456789abcdef\tpython-r1\t"
                  "0123456789abcdef0123456789abcdef\n");
  EbuildModel m = analyze(e);
  CHECK(m.eclasses.size() == 2);
  CHECK(m.eclass == Eclass::R1);
  CHECK(analyze(make("EAPI=8\nSLOT=0\n")).eclass == Eclass::None);
}

TEST_CASE("newer targets per line, from the eclass's list, else the desc file", "[python]") {
  KnownImpls k;
  k.targets = {"pypy3_11", "pypy3_12", "python3_12", "python3_13", "python3_14", "python3_13t", "python3_14t",
               "python3_15", "python3_15t"};
  k.single_targets = {"python3_12", "python3_13"};
  // No eclass list: the desc files.
  CHECK(k.newer_targets({"python3_12", "python3_13"}, false) == Strings{"python3_14", "python3_15"});
  CHECK(k.newer_targets({"python3_12", "python3_14t"}, false) == Strings{"python3_13", "python3_14", "python3_15", "python3_15t"});
  CHECK(k.newer_targets({"pypy3_11", "python3_15"}, false) == Strings{"pypy3_12"});
  CHECK(k.newer_targets({"python3_12"}, true) == Strings{"python3_13"});
  CHECK(k.newer_targets({}, false).empty());
  // With the eclass's list too, a target must be in both: the eclass accepts
  // it in PYTHON_COMPAT and the profiles describe its flag.
  k.supported = {"pypy3_12", "python3_14t", "python3_15t", "python3_12", "python3_13", "python3_14", "python3_16"};
  CHECK(k.newer_targets({"pypy3_11", "python3_13t"}, false) == Strings{"python3_14t", "python3_15t", "pypy3_12"});
  CHECK(k.newer_targets({"python3_13"}, false) == Strings{"python3_14"});  // not 3_15 (dropped), not 3_16 (no flag yet)
  CHECK(k.newer_targets({"python3_12"}, true) == Strings{"python3_13"});
  KnownImpls nodesc;
  nodesc.supported = k.supported;
  CHECK(nodesc.newer_targets({"python3_13"}, true) == Strings{"python3_14", "python3_16"});
}

TEST_CASE("never across a language line: Python 2 to 3 and PyPy2 to PyPy3 are ports", "[python]") {
  CHECK(line_of("python2_7")->language == 2);
  CHECK(line_of("python3_6")->language == 3);
  CHECK(line_of("pypy")->language == 2);
  CHECK(line_of("pypy2_0")->language == 2);
  CHECK(line_of("pypy3")->language == 3);
  CHECK(line_of("pypy3") ->version < line_of("pypy3_11")->version);
  CHECK(line_of("pypy2_0")->version < line_of("pypy")->version);  // "pypy" came after pypy2_0
  CHECK_FALSE(line_of("jython2_7"));
  KnownImpls era2018;  // _PYTHON_ALL_IMPLS of a 2018 eclass
  era2018.supported = {"jython2_7", "pypy", "pypy3", "python2_7", "python3_4", "python3_5", "python3_6", "python3_7"};
  CHECK(era2018.newer_targets({"python2_7"}, false).empty());
  CHECK(era2018.newer_targets({"pypy", "python2_7"}, false).empty());
  CHECK(era2018.newer_targets({"jython2_7", "python2_7"}, false).empty());
  CHECK(era2018.newer_targets({"pypy", "python2_7", "python3_5"}, false) == Strings{"python3_6", "python3_7"});
  KnownImpls era2013;
  era2013.targets = {"python2_6", "python2_7", "python3_2", "pypy2_0", "pypy2_1"};
  CHECK(era2013.newer_targets({"pypy", "python2_6"}, false) == Strings{"python2_7"});
}

TEST_CASE("interpreters of every era, and the eclass's own PYTHON_PKG_DEP", "[python]") {
  auto impl = [](const char* s) { return impl_of_interpreter(*Atom::parse(s, Eapi::latest())); };
  CHECK(impl(">=virtual/pypy-5:0=") == "pypy");
  CHECK(impl(">=virtual/pypy3-5:0=") == "pypy3");
  CHECK(impl(">=dev-python/pypy-7.3.0:0=") == "pypy");
  CHECK(impl(">=virtual/pypy-2.0.2:2.0") == "pypy2_0");  // 2013: pypy-c2.0
  CHECK(impl("dev-java/jython:2.7") == "jython2_7");
  CHECK(impl(">=dev-lang/python-2.7.5-r2:2.7") == "python2_7");
  CHECK_FALSE(impl("dev-java/jython"));
  CHECK(is_interpreter(*Atom::parse("dev-java/jython", Eapi::latest())));
  CHECK_FALSE(is_interpreter(*Atom::parse("dev-python/pypy3-exotic", Eapi::latest())));

  // An eclass may name packages no built-in list knows.
  Interpreters t = Interpreters::builtin();
  const char eclass[] =
      "\t\t\tPYTHON_PKG_DEP)\n\t\t\t\tlocal d\n\t\t\t\tcase ${impl} in\n"
      "\t\t\t\t\tpython2.7)\n\t\t\t\t\t\tPYTHON_PKG_DEP='>=dev-lang/python-2.7.5-r2:2.7';;\n"
      "\t\t\t\t\tpython*)\n\t\t\t\t\t\tPYTHON_PKG_DEP=\"dev-lang/python:${impl#python}\";;\n"
      "\t\t\t\t\tgraalpy3.*)\n\t\t\t\t\t\tPYTHON_PKG_DEP=\"dev-lang/graalpy:${impl#graalpy}=${PYTHON_REQ_USE:+[${PYTHON_REQ_USE}]}\";;\n"
      "\t\t\t\t\tpypy3)\n\t\t\t\t\t\tPYTHON_PKG_DEP='>=dev-python/pypy3-exotic-7.3.0:0=';;\n"
      "\t\t\t\t\t*)\n\t\t\t\t\t\tdie \"Invalid implementation: ${impl}\"\n\t\t\t\tesac\n";
  CHECK(t.add_from_eclass(eclass) == 4);
  auto own = [&](const char* s) { return t.impl_of(*Atom::parse(s, Eapi::latest())); };
  CHECK(own("dev-lang/graalpy:3.11=") == "graalpy3_11");
  CHECK(own(">=dev-python/pypy3-exotic-7.3.0:0=") == "pypy3");
  CHECK(own("dev-lang/python:3.6") == "python3_6");
  CHECK(own("virtual/pypy:0") == "pypy");  // the built-in ones stay
  CHECK_FALSE(own("!dev-lang/graalpy:3.11"));
  CHECK(t.add_from_eclass("_PYTHON_ALL_IMPLS=( python3_12 )\n") == 0);

  // The model uses the table it is given.
  Ebuild e = make("BDEPEND=|| ( dev-lang/graalpy:3.11 dev-lang/python:3.12 )\nEAPI=8\nSLOT=0\n"
                  "_eclasses_=python-any-r1\t0123456789abcdef0123456789abcdef\n");
  CHECK(analyze(e).impls == Strings{"python3_12"});
  CHECK(analyze(e, t).impls == Strings{"python3_12", "graalpy3_11"});
}

TEST_CASE("a 2018 python-any-r1 entry: PyPy through the virtuals, Jython, Python 2", "[python]") {
  Ebuild e = make("DEPEND=|| ( dev-lang/python:3.6 dev-lang/python:3.5 >=dev-lang/python-2.7.5-r2:2.7 "
                  ">=virtual/pypy3-5:0 >=virtual/pypy-5:0 dev-java/jython:2.7 )\nEAPI=6\nSLOT=0\n"
                  "_eclasses_=python-any-r1\t0123456789abcdef0123456789abcdef\tpython-utils-r1\t"
                  "0123456789abcdef0123456789abcdef\n");
  EbuildModel m = analyze(e);
  CHECK(m.impls == Strings{"python2_7", "python3_5", "python3_6", "pypy", "pypy3", "jython2_7"});
  CHECK(m.uses_python_deps);
}

TEST_CASE("dropped implementations: listed in PYTHON_COMPAT, absent from the entry", "[python]") {
  EbuildModel m;
  m.eclass = Eclass::R1;
  m.impls = {"python2_7", "python3_6", "python3_7", "pypy3"};
  CHECK(dropped_impls(m, {"python2_7", "python3_4", "python3_5", "python3_6", "python3_7", "pypy", "pypy3"}) ==
        Strings{"python3_4", "python3_5", "pypy"});
  CHECK(dropped_impls(m, {"python2_7", "python3_6"}).empty());
  CHECK(dropped_impls(m, {"${_PYTHON_ALL_IMPLS[@]}", "python3_5", "python3_5"}) == Strings{"python3_5"});
  m.impls.clear();  // the eclass would have died: the entry says nothing
  CHECK(dropped_impls(m, {"python3_5"}).empty());
}

TEST_CASE("distutils-r1 features of each era", "[python]") {
  DistutilsFeatures y2019 = distutils_features(
      "# @ECLASS-VARIABLE: DISTUTILS_USE_SETUPTOOLS\n: ${DISTUTILS_USE_SETUPTOOLS:=bdepend}\n"
      "if [[ ! ${DISTUTILS_OPTIONAL} ]]; then\n\t_distutils_set_globals\nfi\n");
  CHECK_FALSE(y2019.use_pep517);
  CHECK_FALSE(y2019.deps);
  CHECK_FALSE(y2019.ext);
  DistutilsFeatures y2022 = distutils_features(
      "if [[ ! ${DISTUTILS_USE_PEP517} ]]; then\n\t:\nfi\nDISTUTILS_DEPS=${bdep}\n"
      "[[ ${DISTUTILS_DEPS+1} ]]\n# DISTUTILS_EXT_WARNED is not DISTUTILS_EXT: ${_DISTUTILS_EXT_WARNED}\n");
  CHECK(y2022.use_pep517);
  CHECK(y2022.deps);
  CHECK_FALSE(y2022.ext);
  DistutilsFeatures y2026 = distutils_features("case ${DISTUTILS_USE_PEP517} in\nesac\n${DISTUTILS_DEPS}\n"
                                               "if [[ ${DISTUTILS_EXT} ]]; then\n:\nfi\n");
  CHECK((y2026.use_pep517 && y2026.deps && y2026.ext));
}

TEST_CASE("known implementations: the eclass of the stack, else the desc files, else data/", "[python]") {
  VirtualFileSystem fs;
  fs.add_file("/g/profiles/repo_name", "gentoo\n");
  fs.add_file("/g/metadata/layout.conf", "repo-name = gentoo\nmasters =\n");
  fs.add_file("/g/profiles/desc/python_targets.desc", "python3_12 - Build with Python 3.12\npython3_13 - Build with "
                                                      "Python 3.13\npypy3_11 - Build with PyPy 3.11\n");
  fs.add_file("/g/profiles/desc/python_single_target.desc", "python3_12 - Build for Python 3.12 only\n");
  fs.add_file("/g/eclass/python-utils-r1.eclass",
              "_PYTHON_ALL_IMPLS=( pypy3_11 python3_{12..13} )\n_PYTHON_HISTORICAL_IMPLS=( python3_{10..11} )\n");
  fs.add_file("/o/profiles/repo_name", "overlay\n");
  fs.add_file("/o/metadata/layout.conf", "repo-name = overlay\nmasters = gentoo\n");
  fs.add_file("/o/profiles/desc/python_targets.desc", "python3_14 - Build with Python 3.14\npython3_12 - dup\n");
  std::string err;
  RepoSet repos(fs, Repository::open(fs, "/o", &err), {{"gentoo", "/g"}});
  KnownImpls k = load_known_impls(repos, "/nonexistent");
  CHECK(k.targets == Strings{"python3_12", "python3_13", "pypy3_11", "python3_14"});
  CHECK(k.single_targets == Strings{"python3_12"});
  CHECK(k.supported == Strings{"pypy3_11", "python3_12", "python3_13"});
  CHECK(k.source == "eclass/python-utils-r1.eclass of gentoo");
  CHECK_FALSE(k.from_data_file);
  CHECK(k.problems.empty());

  // Before 2021 the eclass had _PYTHON_ALL_IMPLS only; _python_impl_supported's
  // `return 1` arm names what it drops, even if the list was not kept in sync.
  fs.add_file("/old/profiles/repo_name", "old\n");
  fs.add_file("/old/metadata/layout.conf", "repo-name = old\nmasters =\n");
  fs.add_file("/old/eclass/python-utils-r1.eclass",
              "_PYTHON_ALL_IMPLS=(\n\tjython2_7\n\tpypy pypy3\n\tpython2_7\n\tpython3_4 python3_5 python3_6\n)\n"
              "_python_impl_supported() {\n\tcase \"${impl}\" in\n\t\tpython2_7|python3_[56]|pypy|pypy3)\n"
              "\t\t\treturn 0\n\t\t\t;;\n\t\tjython2_7|pypy1_[89]|pypy2_0|python2_[56]|python3_[1234])\n"
              "\t\t\treturn 1\n\t\t\t;;\n\tesac\n}\n");
  RepoSet old(fs, Repository::open(fs, "/old", &err), {});
  KnownImpls o = load_known_impls(old, PKGSCAN_DATA_DIR);
  CHECK(o.supported == Strings{"pypy", "pypy3", "python2_7", "python3_5", "python3_6"});
  CHECK(o.source == "eclass/python-utils-r1.eclass of old");
  CHECK_FALSE(o.from_data_file);

  // The eclass in a missing master (whaleos): the desc files, never data/.
  RepoSet alone(fs, Repository::open(fs, "/o", &err), {});
  KnownImpls d = load_known_impls(alone, PKGSCAN_DATA_DIR);
  CHECK(d.supported.empty());
  CHECK(d.source == "profiles/desc/python_targets.desc");
  CHECK_FALSE(d.from_data_file);
  CHECK(d.newer_targets({"python3_12"}, false) == Strings{"python3_14"});

  // Neither: data/python-implementations.yaml, and it says so.
  fs.add_file("/bare/profiles/repo_name", "bare\n");
  fs.add_file("/bare/metadata/layout.conf", "repo-name = bare\nmasters =\n");
  RepoSet bare(fs, Repository::open(fs, "/bare", &err), {});
  KnownImpls f = load_known_impls(bare, PKGSCAN_DATA_DIR);
  CHECK(f.from_data_file);
  CHECK(f.source == "data/python-implementations.yaml");
  CHECK(std::find(f.supported.begin(), f.supported.end(), "python3_15t") != f.supported.end());
  KnownImpls none = load_known_impls(bare, "/nonexistent");
  CHECK_FALSE(none.problems.empty());
  CHECK(none.supported.empty());
  CHECK_FALSE(none.from_data_file);
}

TEST_CASE("compat_assignments finds what the line-anchored regular expression finds, one match after another") {
  // The expression the check used before; both must agree on each text.
  static const RE2 re("(?m)^[ \\t]*PYTHON_COMPAT=\\(([^)]*)\\)");
  auto by_regex = [](std::string_view text) {
    std::vector<std::string> out;
    re2::StringPiece in(text.data(), text.size()), body;
    while (RE2::FindAndConsume(&in, re, &body)) out.emplace_back(body.data(), body.size());
    return out;
  };
  auto by_search = [](std::string_view text) {
    std::vector<std::string> out;
    for (std::string_view b : python::compat_assignments(text)) out.emplace_back(b);
    return out;
  };
  const std::vector<std::string> texts = {
      "",
      "PYTHON_COMPAT=( python3_{11..13} )\n",
      "EAPI=8\n\nPYTHON_COMPAT=( python3_12 )\ninherit python-r1\n",
      "if use x; then\n\tPYTHON_COMPAT=( python3_12 )\nelse\n  PYTHON_COMPAT=(python3_13 pypy3)\nfi\n",
      "# PYTHON_COMPAT=( python2_7 ) in a comment\nfoo PYTHON_COMPAT=( python3_1 )\n",  // not at a line's start
      "PYTHON_COMPAT=(\n\tpython3_12\n\tpython3_13\n)\nDEPEND=\"a\"\n",                  // across lines
      "PYTHON_COMPAT=( python3_12 \n",                                                     // never closed
      "PYTHON_COMPAT=( a\nPYTHON_COMPAT=( b )\n",                                          // inside the first's body
      "\r\nPYTHON_COMPAT=( crlf )\r\n \t PYTHON_COMPAT=( indented )",
      "PYTHON_COMPAT=()\nPYTHON_COMPAT=( \"python3_12\" ) # trailing\n",
      "xPYTHON_COMPAT=( no )\n\nPYTHON_COMPAT=( yes )",
  };
  for (const std::string& t : texts) {
    INFO(t);
    CHECK(by_search(t) == by_regex(t));
  }
  CHECK(by_search(texts[3]) == std::vector<std::string>{" python3_12 ", "python3_13 pypy3"});
  // Where they differ, on purpose: FindAndConsume took what followed a match
  // as a new text, so '^' held right after its ')'. An assignment must start
  // a line.
  const std::string glued = "x\nPYTHON_COMPAT=( a )PYTHON_COMPAT=( b )\n";
  CHECK(by_regex(glued) == std::vector<std::string>{" a ", " b "});
  CHECK(by_search(glued) == std::vector<std::string>{" a "});
}
