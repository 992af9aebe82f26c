// RevbumpHistory (--commits): changes to an existing ebuild that change what
// it installs, and so need a new revision (pkgcheck's RdependChange,
// EAPIChangeWithoutRevbump and PythonPEP517WithoutRevbump).
#include "history_changes.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kRdependChange{
    "RdependChange", Level::Warning, Scope::Version,
    "RDEPEND of an existing ebuild was changed without a revision bump. Installed copies keep the old runtime "
    "dependencies until they are rebuilt; bump the revision (-rN) so users get the change."};
constexpr Keyword kEAPIChangeWithoutRevbump{
    "EAPIChangeWithoutRevbump", Level::Warning, Scope::Package,
    "The EAPI of an existing ebuild was changed without a revision bump. A new EAPI (and the eclass code paths it "
    "selects) may change what is installed, and the installed package's recorded EAPI stays old; bump the "
    "revision."};
constexpr Keyword kPythonPEP517WithoutRevbump{
    "PythonPEP517WithoutRevbump", Level::Warning, Scope::Package,
    "A distutils-r1 ebuild started or stopped setting DISTUTILS_USE_PEP517 without a revision bump. The PEP 517 "
    "build installs files differently (some may go missing); bump the revision."};

bool sets_pep517(const std::string& text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, 21, "DISTUTILS_USE_PEP517=") == 0) return true;
    pos = text.find('\n', pos);
    if (pos == std::string::npos) break;
    ++pos;
  }
  return false;
}

// RDEPEND as the package manager sees it: parsed and printed back, so that
// whitespace alone is no change; the raw text when it does not parse.
std::string rdepend_of(const Ebuild& e) {
  if (const DepSpec* d = e.dep(DepVar::RDEPEND)) return d->str();
  std::string_view raw = e.entry.get(CacheKey::RDEPEND);
  std::string out;
  bool space = false;
  for (char c : raw) {
    bool ws = c == ' ' || c == '\t' || c == '\n';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

class RevbumpHistoryCheck final : public Check {
 public:
  static constexpr std::string_view kName = "RevbumpHistory";
  static constexpr std::string_view kDoc =
      "With --commits: ebuilds modified in place (no new revision) whose RDEPEND, EAPI or PEP 517 mode changed.";
  static constexpr std::array<Keyword, 3> kKeywords = {kRdependChange, kEAPIChangeWithoutRevbump,
                                                       kPythonPEP517WithoutRevbump};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kHistory = true;

  void begin(const ScanContext& ctx) override {
    if (ctx.history) changes_.build(*ctx.history);
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.history) return;
    const PackageChanges& pc = changes_.of(pkg.category.str(), pkg.package.str());
    if (!pc.any('M')) return;
    const Package* old = old_package(ctx, pkg);
    std::string eapi_changes, pep517_changes;
    for (const Ebuild& e : pkg.versions) {
      auto it = pc.ebuilds.find(e.pf);
      if (it == pc.ebuilds.end() || it->second != 'M' || e.live || !e.has_cache) continue;
      const Ebuild* was = find_version(old, e.pf);
      if (!was || !was->has_cache) continue;
      if (rdepend_of(*was) != rdepend_of(e))
        out.version(kRdependChange, e, "RDEPEND modified without revbump");
      std::string_view old_eapi = was->entry.get(CacheKey::EAPI), new_eapi = e.entry.get(CacheKey::EAPI);
      if (old_eapi != new_eapi)
        eapi_changes += (eapi_changes.empty() ? "" : ", ") + e.version.str() + " (EAPI " +
                        std::string(old_eapi.empty() ? "0" : old_eapi) + " -> " +
                        std::string(new_eapi.empty() ? "0" : new_eapi) + ")";
      if (e.inherits("distutils-r1") && out.wants(kPythonPEP517WithoutRevbump) &&
          sets_pep517(read_ebuild(*old, *was)) != sets_pep517(read_ebuild(pkg, e)))
        pep517_changes += (pep517_changes.empty() ? "" : ", ") + e.version.str();
    }
    if (!eapi_changes.empty())
      with(out.package(kEAPIChangeWithoutRevbump, pkg, "changed EAPI without new revision: " + eapi_changes),
           "versions", eapi_changes);
    if (!pep517_changes.empty())
      with(out.package(kPythonPEP517WithoutRevbump, pkg,
                       "changed DISTUTILS_USE_PEP517 without new revision: " + pep517_changes),
           "versions", pep517_changes);
  }

 private:
  ChangeIndex changes_;
};

const RegisterCheck<RevbumpHistoryCheck> kRegister;

}  // namespace
}  // namespace pkgscan
