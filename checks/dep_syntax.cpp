// DependencySyntax: dependency variables and REQUIRED_USE that do not parse,
// or that the ebuild's EAPI does not have. Everything else the scanner says
// about dependencies assumes these parse, so a broken one is an error.
#include "meta_common.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kInvalidDepend{
    "InvalidDepend", Level::Error, Scope::Version,
    "DEPEND does not parse as a dependency specification (bad atom, unbalanced group, operator without a group). "
    "The message gives the parser's reason and the byte offset in the value."};
constexpr Keyword kInvalidRdepend{
    "InvalidRdepend", Level::Error, Scope::Version,
    "RDEPEND does not parse as a dependency specification. The message gives the parser's reason and the byte "
    "offset in the value."};
constexpr Keyword kInvalidPdepend{
    "InvalidPdepend", Level::Error, Scope::Version,
    "PDEPEND does not parse as a dependency specification. The message gives the parser's reason and the byte "
    "offset in the value."};
constexpr Keyword kInvalidBdepend{
    "InvalidBdepend", Level::Error, Scope::Version,
    "BDEPEND does not parse as a dependency specification, or is set in an EAPI before 7, which has no BDEPEND "
    "(package managers ignore it there; use DEPEND or move to EAPI 7+)."};
constexpr Keyword kInvalidIdepend{
    "InvalidIdepend", Level::Error, Scope::Version,
    "IDEPEND does not parse as a dependency specification, or is set in an EAPI before 8, which has no IDEPEND "
    "(package managers ignore it there; move to EAPI 8+)."};
constexpr Keyword kInvalidRequiredUse{
    "InvalidRequiredUse", Level::Error, Scope::Version,
    "REQUIRED_USE does not parse (bad flag name, unbalanced group, ?? before EAPI 5), or is set in an EAPI before "
    "4, which has no REQUIRED_USE."};

const Keyword& keyword_for(DepVar v) {
  switch (v) {
    case DepVar::DEPEND: return kInvalidDepend;
    case DepVar::RDEPEND: return kInvalidRdepend;
    case DepVar::PDEPEND: return kInvalidPdepend;
    case DepVar::BDEPEND: return kInvalidBdepend;
    case DepVar::IDEPEND: return kInvalidIdepend;
  }
  return kInvalidDepend;
}

// The EAPI that introduced a dependency variable (0 for the original three).
int first_eapi(DepVar v) {
  switch (v) {
    case DepVar::BDEPEND: return 7;
    case DepVar::IDEPEND: return 8;
    default: return 0;
  }
}

Result* report_parse_error(ResultSink& out, const Keyword& kw, const Ebuild& e, std::string_view attr,
                           const ParseError& err) {
  Result* r = meta::report(out, kw, e, std::string(attr) + ": " + err.message);
  meta::field(r, "attr", std::string(attr));
  return meta::field(r, "position", std::to_string(err.pos));
}

class DependencySyntaxCheck final : public Check {
 public:
  static constexpr std::string_view kName = "DependencySyntax";
  static constexpr std::string_view kDoc =
      "Reports dependency variables and REQUIRED_USE that do not parse or that the ebuild's EAPI lacks.";
  static constexpr std::array<Keyword, 6> kKeywords = {kInvalidDepend,  kInvalidRdepend, kInvalidPdepend,
                                                       kInvalidBdepend, kInvalidIdepend, kInvalidRequiredUse};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      check_deps(e, out);
      check_required_use(e, out);
    }
  }

 private:
  static void check_deps(const Ebuild& e, ResultSink& out) {
    for (DepVar v : kDepVars) {
      const Keyword& kw = keyword_for(v);
      const std::string& text = e.entry.get(dep_var_key(v));
      if (text.empty() || !out.wants(kw)) continue;
      std::string attr(dep_var_name(v));
      if (e.eapi && e.eapi->number() < first_eapi(v)) {
        meta::field(meta::report(out, kw, e,
                         attr + " is not supported in EAPI " + std::to_string(e.eapi->number()) + " (needs EAPI " +
                             std::to_string(first_eapi(v)) + " or later)"),
             "attr", attr);
        continue;
      }
      if (e.dep_errors[static_cast<std::size_t>(v)].empty()) continue;
      // The index keeps only the message; parse again (rare) for the offset.
      ParseError err;
      if (DepSpec::parse(text, SpecKind::Depend, meta::parse_eapi(e), &err)) continue;
      report_parse_error(out, kw, e, attr, err);
    }
  }

  static void check_required_use(const Ebuild& e, ResultSink& out) {
    const std::string& text = e.entry.get(CacheKey::REQUIRED_USE);
    if (text.empty() || !out.wants(kInvalidRequiredUse)) return;
    if (e.eapi && !e.eapi->required_use()) {
      meta::field(meta::report(out, kInvalidRequiredUse, e,
                       "REQUIRED_USE is not supported in EAPI " + std::to_string(e.eapi->number()) +
                           " (needs EAPI 4 or later)"),
           "attr", "REQUIRED_USE");
      return;
    }
    ParseError err;
    if (!DepSpec::parse(text, SpecKind::RequiredUse, meta::parse_eapi(e), &err))
      report_parse_error(out, kInvalidRequiredUse, e, "REQUIRED_USE", err);
  }
};

const RegisterCheck<DependencySyntaxCheck> kRegister;

}  // namespace
}  // namespace pkgscan
