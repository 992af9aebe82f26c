// EqualVersions: two ebuilds of a package whose versions are written
// differently but compare equal under the PMS rules (1.0.2, 1.0.2-r0 and
// 1.000.2), pkgcheck's EqualVersionsCheck.
#include <algorithm>

#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kEqualVersions{
    "EqualVersions", Level::Error, Scope::Package,
    "Two or more ebuilds of the package have versions that compare equal (for example foo-1.0 and foo-1.0-r0): "
    "package managers cannot tell them apart. Remove all but one."};

class EqualVersionsCheck final : public Check {
 public:
  static constexpr std::string_view kName = "EqualVersions";
  static constexpr std::string_view kDoc = "Reports ebuilds of one package whose versions compare equal.";
  static constexpr std::array<Keyword, 1> kKeywords = {kEqualVersions};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    // versions are in ascending PMS order, so equal ones are neighbours.
    std::size_t i = 0;
    while (i < pkg.versions.size()) {
      std::size_t j = i + 1;
      while (j < pkg.versions.size() && pkg.versions[j].version == pkg.versions[i].version) ++j;
      if (j - i > 1) {
        std::vector<std::string> written;
        for (std::size_t k = i; k < j; ++k) written.push_back(pkg.versions[k].version.str());
        std::sort(written.begin(), written.end());
        with(out.package(kEqualVersions, pkg, "equal package versions: [ " + meta::joined(written, ", ") + " ]"),
             "versions", meta::joined(written));
      }
      i = j;
    }
  }
};

const RegisterCheck<EqualVersionsCheck> kRegister;

}  // namespace
}  // namespace pkgscan
