// License: LICENSE must be set, parse, and name licences that exist in
// licenses/ of the repository or one of its masters.
#include <algorithm>

#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kInvalidLicense{
    "InvalidLicense", Level::Error, Scope::Version,
    "LICENSE does not parse (unbalanced group, operator without a group, invalid licence name); the message gives "
    "the parser's reason and the byte offset."};
constexpr Keyword kUnknownLicense{
    "UnknownLicense", Level::Error, Scope::Version,
    "LICENSE names a licence with no file in licenses/ of the repository or its masters. Not reported while a "
    "master repository is missing (the licence may live there; MissingMaster says so once)."};
constexpr Keyword kMissingLicense{
    "MissingLicense", Level::Error, Scope::Version,
    "LICENSE is empty. Every package outside virtual/, acct-group/ and acct-user/ installs something and must state "
    "its licence."};

class LicenseCheck final : public Check {
 public:
  static constexpr std::string_view kName = "License";
  static constexpr std::string_view kDoc = "Reports empty, unparseable and unknown LICENSE values.";
  static constexpr std::array<Keyword, 3> kKeywords = {kInvalidLicense, kUnknownLicense, kMissingLicense};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    // A missing master may hold any licence not found locally: stay silent
    // rather than flood an overlay scanned without its master.
    masters_complete_ = ctx.repos.missing_masters().empty();
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    bool exempt = meta::no_content_category(pkg.category.str());
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      const std::string& text = e.entry.get(CacheKey::LICENSE);
      if (text.empty()) {
        if (!exempt && meta::absence_trusted(e)) meta::report(out, kMissingLicense, e, "LICENSE is empty");
        continue;
      }
      ParseError err;
      auto spec = DepSpec::parse(text, SpecKind::License, meta::parse_eapi(e), &err);
      if (!spec) {
        Result* r = meta::report(out, kInvalidLicense, e, "LICENSE: " + err.message);
        meta::field(meta::field(r, "attr", "LICENSE"), "position", std::to_string(err.pos));
        continue;
      }
      if (!masters_complete_ || !out.wants(kUnknownLicense)) continue;
      meta::UniqueList unknown;
      for (const std::string& name : spec->strings)
        if (!ctx.repos.has_license(name)) unknown.add(name);
      for (const std::string& name : unknown.items())
        meta::field(meta::report(out, kUnknownLicense, e,
                         "LICENSE: no licence '" + name + "' in licenses/ of " + meta::joined(ctx.repos.repo_names(), ", ")),
             "license", name);
    }
  }

 private:
  bool masters_complete_ = true;
};

const RegisterCheck<LicenseCheck> kRegister;

}  // namespace
}  // namespace pkgscan
