// Distutils: does a distutils-r1 ebuild say what it builds? An extension
// built without DISTUTILS_EXT=1 goes missing for later implementations
// (the eclass reuses a pure wheel, Gentoo bug 931689), and a build without a
// PEP 517 backend uses the removed legacy path. Each keyword applies only
// where the tree's distutils-r1.eclass has the variable it asks for: an
// older eclass knows neither DISTUTILS_EXT nor DISTUTILS_USE_PEP517.
#include <re2/re2.h>

#include "pkgscan/check.hpp"
#include "pkgscan/python.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kDistutilsExtMissing{
    "DistutilsExtMissing", Level::Warning, Scope::Version,
    "A distutils-r1 ebuild depends on an extension builder (cython, pybind11, nanobind, setuptools-rust, maturin, "
    "meson-python, scikit-build(-core), pythran, cppy, swig, rust, the cargo eclass) but its cache entry lacks the "
    "DISTUTILS_EXT=1 marks. Without it the eclass reuses a pure wheel built for the first implementation, so the "
    "extension is silently missing for the others. Set DISTUTILS_EXT=1. Only where the tree's distutils-r1.eclass "
    "knows DISTUTILS_EXT."};
constexpr Keyword kDistutilsExtUnneeded{
    "DistutilsExtUnneeded", Level::Info, Scope::Version,
    "DISTUTILS_EXT=1 is set but no extension builder and no C build hint (cffi, numpy headers, cmake or meson) "
    "appears in the metadata. Only a hint: plain setuptools C extensions leave no trace in the cache, so remove "
    "it only if the package installs no *.so files.",
    false};
constexpr Keyword kDistutilsNonPEP517Build{
    "DistutilsNonPEP517Build", Level::Warning, Scope::Version,
    "A distutils-r1 ebuild has no PEP 517 backend in BDEPEND (no gpep517) and does not set "
    "DISTUTILS_USE_PEP517 at all (DISTUTILS_OPTIONAL ebuilds included), so it relies on the removed legacy "
    "setup.py build. Set DISTUTILS_USE_PEP517 to the package's backend (e.g. setuptools). Only where the tree's "
    "distutils-r1.eclass knows DISTUTILS_USE_PEP517."};

std::string signal_list(const python::EbuildModel& m, python::ExtSignalStrength s) {
  std::string out;
  for (const auto& x : m.ext_signals)
    if (x.strength == s) out += (out.empty() ? "" : ", ") + x.what;
  return out;
}

class DistutilsCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Distutils";
  static constexpr std::string_view kDoc =
      "distutils-r1 ebuilds: DISTUTILS_EXT against extension-builder dependencies, and PEP 517 builds.";
  static constexpr std::array<Keyword, 3> kKeywords = {kDistutilsExtMissing, kDistutilsExtUnneeded,
                                                       kDistutilsNonPEP517Build};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override { data_ = python::scan_data(ctx); }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      const python::EbuildModel& m = data_->model(e);
      if (!m.distutils) continue;
      if (m.backend == "no" && data_->distutils().use_pep517 && out.wants(kDistutilsNonPEP517Build))
        non_pep517(ctx, pkg, e, out);
      if (!data_->distutils().ext) continue;
      std::string strong = signal_list(m, python::ExtSignalStrength::Strong);
      if (!m.ext_any_mark() && !strong.empty()) {
        Result* r = out.version(kDistutilsExtMissing, e,
                                "builds an extension (" + strong +
                                    ") but DISTUTILS_EXT=1 is not set: a pure wheel would be reused across "
                                    "implementations and the extension would be missing for later ones; set "
                                    "DISTUTILS_EXT=1");
        with(r, "signals", strong);
      }
      if (m.distutils_ext() && strong.empty() && signal_list(m, python::ExtSignalStrength::Weak).empty()) {
        out.version(kDistutilsExtUnneeded, e,
                    "DISTUTILS_EXT=1 is set but no extension builder appears in the dependencies; only a hint: "
                    "plain setuptools C extensions leave no trace, so remove it only if no *.so is installed");
      }
    }
  }

 private:
  void non_pep517(const ScanContext& ctx, const Package& pkg, const Ebuild& e, ResultSink& out) const {
    if (e.ebuild_path.empty()) return;  // only the ebuild says whether "no" was meant
    // Any value counts as set: `no` is a choice, and a backend without gpep517
    // in BDEPEND is a DISTUTILS_OPTIONAL ebuild missing ${DISTUTILS_DEPS}
    // (PythonMissingDeps). DISTUTILS_OPTIONAL alone exempts nothing.
    static const RE2 assigned("(?m)^[ \\t]*DISTUTILS_USE_PEP517=");
    const std::string* text = ctx.ebuild_text(pkg, e);
    if (!text || RE2::PartialMatch(*text, assigned)) return;
    out.version(kDistutilsNonPEP517Build, e,
                "BDEPEND has no PEP 517 backend (no dev-python/gpep517) and DISTUTILS_USE_PEP517 is not set: set "
                "DISTUTILS_USE_PEP517 to the package's build backend");
  }

  std::shared_ptr<const python::ScanData> data_;
};

const RegisterCheck<DistutilsCheck> kRegister;

}  // namespace
}  // namespace pkgscan
