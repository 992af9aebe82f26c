// Eapi: is the ebuild's EAPI one the scanner knows, and does the repository
// (metadata/layout.conf eapis-banned / eapis-deprecated) still accept it?
#include <algorithm>

#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kInvalidEapi{
    "InvalidEapi", Level::Error, Scope::Version,
    "The EAPI in the cache entry is not an official EAPI (0-9), so package managers refuse the ebuild. Checks "
    "that depend on the EAPI parse its values with the latest EAPI."};
constexpr Keyword kBannedEapi{
    "BannedEapi", Level::Error, Scope::Version,
    "The ebuild uses an EAPI listed in eapis-banned of the repository's metadata/layout.conf. Port it to a newer "
    "EAPI."};
constexpr Keyword kDeprecatedEapi{
    "DeprecatedEapi", Level::Warning, Scope::Version,
    "The ebuild uses an EAPI listed in eapis-deprecated of the repository's metadata/layout.conf; it will be "
    "banned later. Port it to a newer EAPI."};

bool listed(const std::vector<std::string>& list, std::string_view eapi) {
  return std::find(list.begin(), list.end(), eapi) != list.end();
}

class EapiCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Eapi";
  static constexpr std::string_view kDoc =
      "Reports unknown EAPIs and EAPIs the repository bans or deprecates in metadata/layout.conf.";
  static constexpr std::array<Keyword, 3> kKeywords = {kInvalidEapi, kBannedEapi, kDeprecatedEapi};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    const LayoutConf& layout = pkg.repo->layout();
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;  // the Cache check says why
      // An absent EAPI means EAPI 0, unless the entry lost it to corruption.
      if (!e.entry.has(CacheKey::EAPI) && !meta::absence_trusted(e)) continue;
      std::string eapi(meta::eapi_text(e));
      if (!e.eapi) {
        meta::field(meta::report(out, kInvalidEapi, e, "EAPI '" + eapi + "' is not a supported EAPI (known: 0-9)"), "eapi", eapi);
        continue;
      }
      if (listed(layout.eapis_banned, eapi))
        meta::field(meta::report(out, kBannedEapi, e, "EAPI " + eapi + " is banned in this repository (layout.conf eapis-banned)"),
             "eapi", eapi);
      else if (listed(layout.eapis_deprecated, eapi))
        meta::field(meta::report(out, kDeprecatedEapi, e,
                         "EAPI " + eapi + " is deprecated in this repository (layout.conf eapis-deprecated)"),
             "eapi", eapi);
    }
  }
};

const RegisterCheck<EapiCheck> kRegister;

}  // namespace
}  // namespace pkgscan
