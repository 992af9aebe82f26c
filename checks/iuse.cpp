// Iuse: IUSE tokens must be valid flag names, and their +/- defaults must
// make sense.
#include "meta_common.hpp"
#include "pkgscan/atom.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kInvalidUseFlags{
    "InvalidUseFlags", Level::Error, Scope::Version,
    "IUSE contains tokens that are not valid USE flag names (a flag starts with a letter or digit and continues with "
    "letters, digits, '+', '_', '@' or '-'), or +/- defaults before EAPI 1."};
constexpr Keyword kBadDefaultUseFlags{
    "BadDefaultUseFlags", Level::Error, Scope::Version,
    "IUSE uses a '-flag' default (flags are off by default anyway, so it only hides profile settings) or enables a "
    "cpu_flags_* flag by default (those must follow the user's CPU, never the ebuild)."};

class IuseCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Iuse";
  static constexpr std::string_view kDoc = "Reports invalid IUSE flag names and bad IUSE defaults.";
  static constexpr std::array<Keyword, 2> kKeywords = {kInvalidUseFlags, kBadDefaultUseFlags};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      bool defaults_ok = !e.eapi || e.eapi->iuse_defaults();
      std::vector<std::string> invalid, bad_defaults;
      bool early_default = false;
      for (std::string_view tok : meta::tokens(e.entry.get(CacheKey::IUSE))) {
        std::string_view flag = tok;
        char def = 0;
        if (flag[0] == '+' || flag[0] == '-') {
          def = flag[0];
          flag.remove_prefix(1);
        }
        if (!valid_use_flag(flag) || (def && !defaults_ok)) {
          early_default |= valid_use_flag(flag);
          invalid.emplace_back(tok);
          continue;
        }
        if (def == '-' || (def == '+' && flag.rfind("cpu_flags_", 0) == 0)) bad_defaults.emplace_back(tok);
      }
      if (!invalid.empty()) {
        std::string why = !early_default ? "" : " (EAPI " + std::to_string(e.eapi->number()) + " has no IUSE defaults)";
        meta::field(meta::report(out, kInvalidUseFlags, e, "IUSE: invalid USE flag(s) " + meta::quoted_list(invalid) + why),
             "flags", meta::joined(invalid));
      }
      if (!bad_defaults.empty())
        meta::field(meta::report(out, kBadDefaultUseFlags, e, "IUSE: bad default(s) " + meta::quoted_list(bad_defaults)), "flags",
             meta::joined(bad_defaults));
    }
  }
};

const RegisterCheck<IuseCheck> kRegister;

}  // namespace
}  // namespace pkgscan
