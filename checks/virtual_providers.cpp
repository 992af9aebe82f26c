// VirtualProviders: what a virtual/* package should and should not hold
// (pkgcheck's VirtualProvidersCheck). A virtual installs nothing, so it needs
// no build-time dependencies; and a virtual that only ever points at one
// package adds a name and no choice.
#include <algorithm>
#include <optional>

#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kVirtualWithDepend{
    "VirtualWithDepend", Level::Warning, Scope::Version,
    "A virtual/* package sets DEPEND. A virtual builds nothing; its providers belong in RDEPEND only."};
constexpr Keyword kVirtualWithBdepend{
    "VirtualWithBdepend", Level::Warning, Scope::Version,
    "A virtual/* package sets BDEPEND. A virtual builds nothing; its providers belong in RDEPEND only."};
constexpr Keyword kVirtualWithSingleProvider{
    "VirtualWithSingleProvider", Level::Warning, Scope::Package,
    "Every version of a virtual/* package has at most one RDEPEND atom (all USE branches counted), all naming "
    "the same package, with no elibc_* or kernel_* condition: the virtual offers no choice, so depend on the "
    "provider directly and retire the virtual (or list it in profiles/package.deprecated)."};

class VirtualProvidersCheck final : public Check {
 public:
  static constexpr std::string_view kName = "VirtualProviders";
  static constexpr std::string_view kDoc =
      "Reports virtual/* packages with build-time dependencies or with a single provider.";
  static constexpr std::array<Keyword, 3> kKeywords = {kVirtualWithBdepend, kVirtualWithDepend,
                                                       kVirtualWithSingleProvider};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    virtual_ = Symbol::intern("virtual");
    for (const auto& repo : ctx.repos.repos())
      for (const ProfileLine& line : repo->profiles().package_deprecated) {
        auto atom = Atom::parse(line.text, Eapi::latest());
        if (atom && atom->blocker == Blocker::None && atom->category == virtual_) deprecated_.push_back(std::move(*atom));
      }
  }

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    if (pkg.category != virtual_) return;
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      if (!e.entry.get(CacheKey::DEPEND).empty()) meta::report(out, kVirtualWithDepend, e, "virtual package with a DEPEND defined");
      if (!e.entry.get(CacheKey::BDEPEND).empty())
        meta::report(out, kVirtualWithBdepend, e, "virtual package with a BDEPEND defined");
    }
    if (out.wants(kVirtualWithSingleProvider)) check_single_provider(pkg, out);
  }

 private:
  void check_single_provider(const Package& pkg, ResultSink& out) const {
    std::optional<std::pair<Symbol, Symbol>> provider;
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) return;  // unknown metadata: cannot tell
      for (const Atom& d : deprecated_)
        if (d.matches(e.ref())) return;  // on its way out already
      const DepSpec* rdepend = e.dep(DepVar::RDEPEND);
      if (!rdepend) {
        if (!e.dep_errors[static_cast<std::size_t>(DepVar::RDEPEND)].empty()) return;
        continue;
      }
      if (rdepend->atoms.size() > 1) return;
      // A provider chosen by libc or kernel is a real choice even with one atom per version.
      bool platform_conditional = false;
      rdepend->for_each_leaf_with_conditions([&](const DepSpec::LeafView& leaf) {
        for (const DepSpec::Condition& c : leaf.conditions) {
          std::string_view f = c.flag.str();
          if (f.starts_with("elibc") || f.starts_with("kernel")) platform_conditional = true;
        }
      });
      if (platform_conditional) return;
      for (const Atom& a : rdepend->atoms) {
        std::pair<Symbol, Symbol> key{a.category, a.package};
        if (provider && *provider != key) return;
        provider = key;
      }
    }
    if (!provider) return;
    std::string name = std::string(provider->first.str()) + "/" + std::string(provider->second.str());
    with(out.package(kVirtualWithSingleProvider, pkg, "virtual package with a single provider: " + name), "provider",
         name);
  }

  Symbol virtual_;
  std::vector<Atom> deprecated_;  // package.deprecated atoms naming virtuals, of the repository and its masters
};

const RegisterCheck<VirtualProvidersCheck> kRegister;

}  // namespace
}  // namespace pkgscan
