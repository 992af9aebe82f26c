// Restrict and Properties: RESTRICT and PROPERTIES must parse, and their
// tokens must be ones the repository allows (metadata/layout.conf
// restrict-allowed / properties-allowed). Without such a list any token goes,
// as in Portage.
#include <algorithm>
#include <optional>

#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kUnknownRestrict{
    "UnknownRestrict", Level::Warning, Scope::Version,
    "RESTRICT contains a token (possibly inside a USE conditional) that is not in restrict-allowed of the "
    "repository's metadata/layout.conf. Only checked when the repository sets that list."};
constexpr Keyword kUnknownProperties{
    "UnknownProperties", Level::Warning, Scope::Version,
    "PROPERTIES contains a token (possibly inside a USE conditional) that is not in properties-allowed of the "
    "repository's metadata/layout.conf. Only checked when the repository sets that list."};

constexpr Keyword kInvalidRestrict{
    "InvalidRestrict", Level::Error, Scope::Version,
    "RESTRICT does not parse (unbalanced parentheses, a USE conditional without a group, || which RESTRICT does "
    "not allow); the message gives the parser's reason and position."};
constexpr Keyword kInvalidProperties{
    "InvalidProperties", Level::Error, Scope::Version,
    "PROPERTIES does not parse (unbalanced parentheses, a USE conditional without a group, || which PROPERTIES "
    "does not allow); the message gives the parser's reason and position."};

// Reports a value of `key` that does not parse (as `invalid`), and every token
// not in `allowed` (as `unknown`, when the repository sets such a list), once
// per ebuild.
void check_tokens(const Package& pkg, CacheKey key, const std::optional<std::vector<std::string>>& allowed,
                  const Keyword& invalid, const Keyword& kw, std::string_view layout_key, ResultSink& out) {
  std::string attr(cache_key_name(key));
  for (const Ebuild& e : pkg.versions) {
    if (!e.has_cache) continue;
    const std::string& text = e.entry.get(key);
    if (text.empty()) continue;
    ParseError err;
    auto spec = DepSpec::parse(text, SpecKind::Plain, meta::parse_eapi(e), &err);
    if (!spec) {
      Result* r = meta::report(out, invalid, e, attr + ": " + err.message);
      meta::field(meta::field(r, "attr", attr), "position", std::to_string(err.pos));
      continue;
    }
    if (!allowed) continue;
    meta::UniqueList unknown;
    for (const std::string& tok : spec->strings)
      if (std::find(allowed->begin(), allowed->end(), tok) == allowed->end()) unknown.add(tok);
    if (unknown.empty()) continue;
    Result* r = meta::report(out, kw, e,
                            attr + ": " + meta::quoted_list(unknown.items()) + " not in layout.conf " +
                                std::string(layout_key));
    meta::field(meta::field(r, "attr", attr), "tokens", meta::joined(unknown.items()));
  }
}

class RestrictCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Restrict";
  static constexpr std::string_view kDoc =
      "Reports RESTRICT values that do not parse and tokens that layout.conf restrict-allowed does not list.";
  static constexpr std::array<Keyword, 2> kKeywords = {kInvalidRestrict, kUnknownRestrict};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    check_tokens(pkg, CacheKey::RESTRICT, pkg.repo->layout().restrict_allowed, kInvalidRestrict, kUnknownRestrict,
                 "restrict-allowed", out);
  }
};

class PropertiesCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Properties";
  static constexpr std::string_view kDoc =
      "Reports PROPERTIES values that do not parse and tokens that layout.conf properties-allowed does not list.";
  static constexpr std::array<Keyword, 2> kKeywords = {kInvalidProperties, kUnknownProperties};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    check_tokens(pkg, CacheKey::PROPERTIES, pkg.repo->layout().properties_allowed, kInvalidProperties,
                 kUnknownProperties, "properties-allowed", out);
  }
};

const RegisterCheck<RestrictCheck> kRegisterRestrict;
const RegisterCheck<PropertiesCheck> kRegisterProperties;

}  // namespace
}  // namespace pkgscan
