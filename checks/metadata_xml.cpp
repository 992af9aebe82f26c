// MetadataXml: package and category metadata.xml files (GLEP 68) -- missing,
// not well-formed or structurally invalid files, empty elements, mixed
// indentation, references to packages and categories that do not exist,
// maintainer-needed comments, long descriptions that only repeat
// DESCRIPTION, malformed remote-ids, and remote-ids the ebuilds' URLs
// suggest. pkgcheck's keywords and meanings (PackageMetadataXmlCheck,
// CategoryMetadataXmlCheck, MissingRemoteIdCheck).
//
// The package file is parsed once per scan and shared with UseDesc through
// ScanContext::metadata_xml(); category files are read in check_repo, for
// the categories the scan covers completely.
#include <algorithm>
#include <set>

#include "meta_common.hpp"
#include "pkgscan/atom.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/metadata_xml.hpp"
#include "remote_id.hpp"
#include "similarity.hpp"

namespace pkgscan {
namespace {

// ------------------------------------------------------------------ keywords

constexpr Keyword kPkgMissingMetadataXml{
    "PkgMissingMetadataXml", Level::Error, Scope::Package,
    "The package has no metadata.xml. Reported for the gentoo repository only, as pkgcheck does: other "
    "repositories may do without."};
constexpr Keyword kPkgBadlyFormedXml{
    "PkgBadlyFormedXml", Level::Error, Scope::Package,
    "The package's metadata.xml cannot be used: it is not well-formed XML or not UTF-8 (the message gives "
    "libxml2's error and the line), declares entities (refused, never expanded), is larger than 1 MiB, or is a "
    "directory or unreadable. Tools that read the file see nothing in it."};
constexpr Keyword kPkgInvalidXml{
    "PkgInvalidXml", Level::Error, Scope::Package,
    "The package's metadata.xml is well-formed but breaks the GLEP 68 structure: an element in the wrong place "
    "(e.g. the retired <herd>), a missing or unknown attribute, a bad value (maintainer type, remote-id type, "
    "e-mail, URL, flag name, restrict atom), or a repeated element. Each violation is listed with its line; the "
    "file's other content checks are skipped until it is valid."};
constexpr Keyword kPkgMetadataXmlInvalidPkgRef{
    "PkgMetadataXmlInvalidPkgRef", Level::Error, Scope::Package,
    "A <pkg> element of the package's metadata.xml names a package that is not a valid atom or exists in "
    "neither this repository nor its masters."};
constexpr Keyword kPkgMetadataXmlInvalidCatRef{
    "PkgMetadataXmlInvalidCatRef", Level::Error, Scope::Package,
    "A <cat> element of the package's metadata.xml names a category this repository and its masters do not "
    "have."};
constexpr Keyword kPkgMetadataXmlIndentation{
    "PkgMetadataXmlIndentation", Level::Style, Scope::Package,
    "The package's metadata.xml mixes tabs and spaces: the lines listed indent with another character than "
    "the file's first indented line. Use one consistently."};
constexpr Keyword kPkgMetadataXmlEmptyElement{
    "PkgMetadataXmlEmptyElement", Level::Style, Scope::Package,
    "An element of the package's metadata.xml has no content (<flag>, <stabilize-allarches/> and "
    "<straight-to-stable/> excepted). Fill it in or remove it."};
constexpr Keyword kRedundantLongDescription{
    "RedundantLongDescription", Level::Style, Scope::Package,
    "The metadata.xml <longdescription> adds nothing: it closely matches DESCRIPTION (similarity above 0.75) "
    "or is shorter than 80 characters. It is meant for what does not fit in DESCRIPTION."};
constexpr Keyword kMaintainerNeeded{
    "MaintainerNeeded", Level::Warning, Scope::Package,
    "gentoo repository only: a package without maintainers needs a <!-- maintainer-needed --> comment in its "
    "metadata.xml, and a package with maintainers must not have one."};
constexpr Keyword kInvalidRemoteID{
    "InvalidRemoteID", Level::Warning, Scope::Package,
    "A metadata.xml <remote-id> value does not have the shape its type needs (github: owner/project, gitlab: "
    "group/.../project, cpe: cpe:/a:vendor:product, vim: a script number, launchpad: no 'lp:' prefix, ...)."};
constexpr Keyword kMissingRemoteId{
    "MissingRemoteId", Level::Info, Scope::Package,
    "The ebuilds' SRC_URI or HOMEPAGE point at a forge or registry (GitHub, GitLab, PyPI, SourceForge, ...) that "
    "metadata.xml has no <remote-id> of that type for. The message gives the element to add. USE-conditional "
    "sources, patches and vendored dependency tarballs are not used."};

constexpr Keyword kCatMissingMetadataXml{
    "CatMissingMetadataXml", Level::Error, Scope::Category,
    "The category has no metadata.xml. Reported for the gentoo repository only, as pkgcheck does."};
constexpr Keyword kCatBadlyFormedXml{
    "CatBadlyFormedXml", Level::Error, Scope::Category,
    "The category's metadata.xml cannot be used: not well-formed XML, not UTF-8, entity declarations, over "
    "1 MiB, a directory or unreadable. The message gives the reason and line."};
constexpr Keyword kCatInvalidXml{
    "CatInvalidXml", Level::Error, Scope::Category,
    "The category's metadata.xml breaks the GLEP 68 structure (<catmetadata> holds <longdescription> elements, "
    "one per language). Each violation is listed with its line."};
constexpr Keyword kCatMetadataXmlInvalidPkgRef{
    "CatMetadataXmlInvalidPkgRef", Level::Error, Scope::Category,
    "A <pkg> element of the category's metadata.xml names a package that is not a valid atom or does not exist."};
constexpr Keyword kCatMetadataXmlInvalidCatRef{
    "CatMetadataXmlInvalidCatRef", Level::Error, Scope::Category,
    "A <cat> element of the category's metadata.xml names a category that does not exist."};
constexpr Keyword kCatMetadataXmlIndentation{
    "CatMetadataXmlIndentation", Level::Style, Scope::Category,
    "The category's metadata.xml mixes tabs and spaces in its indentation."};
constexpr Keyword kCatMetadataXmlEmptyElement{
    "CatMetadataXmlEmptyElement", Level::Style, Scope::Category,
    "An element of the category's metadata.xml has no content."};

// The keywords one file kind reports, so the package and category passes
// share their code.
struct FileKeywords {
  std::string_view what;  // "package" or "category", the start of messages
  const Keyword& missing;
  const Keyword& badly_formed;
  const Keyword& invalid;
  const Keyword& pkg_ref;
  const Keyword& cat_ref;
  const Keyword& indentation;
  const Keyword& empty_element;
};
const FileKeywords kPackageFile{"package", kPkgMissingMetadataXml, kPkgBadlyFormedXml, kPkgInvalidXml,
                                kPkgMetadataXmlInvalidPkgRef, kPkgMetadataXmlInvalidCatRef, kPkgMetadataXmlIndentation,
                                kPkgMetadataXmlEmptyElement};
const FileKeywords kCategoryFile{"category", kCatMissingMetadataXml, kCatBadlyFormedXml, kCatInvalidXml,
                                 kCatMetadataXmlInvalidPkgRef, kCatMetadataXmlInvalidCatRef, kCatMetadataXmlIndentation,
                                 kCatMetadataXmlEmptyElement};

// How many violations one PkgInvalidXml message lists before "and N more".
constexpr std::size_t kMaxListedViolations = 5;

std::string lines_text(const std::vector<int>& lines) {
  std::string out = lines.size() == 1 ? "on line " : "on lines: ";
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? ", " : "") + std::to_string(lines[i]);
  return out;
}

class MetadataXmlCheck final : public Check {
 public:
  static constexpr std::string_view kName = "MetadataXml";
  static constexpr std::string_view kDoc =
      "Checks package and category metadata.xml files (GLEP 68): well-formedness, structure, references, "
      "indentation, empty elements, maintainer-needed comments, long descriptions and remote-ids.";
  static constexpr std::array<Keyword, 18> kKeywords = {
      kPkgMissingMetadataXml,     kPkgBadlyFormedXml,         kPkgInvalidXml,           kPkgMetadataXmlInvalidPkgRef,
      kPkgMetadataXmlInvalidCatRef, kPkgMetadataXmlIndentation, kPkgMetadataXmlEmptyElement, kRedundantLongDescription,
      kMaintainerNeeded,          kInvalidRemoteID,           kMissingRemoteId,         kCatMissingMetadataXml,
      kCatBadlyFormedXml,         kCatInvalidXml,             kCatMetadataXmlInvalidPkgRef, kCatMetadataXmlInvalidCatRef,
      kCatMetadataXmlIndentation, kCatMetadataXmlEmptyElement};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    gentoo_ = ctx.repos.main().name() == "gentoo";
    masters_missing_ = !ctx.repos.missing_masters().empty();
    for (const auto& repo : ctx.repos.repos()) {
      const Profiles& p = repo->profiles();
      // pkgcore: profiles/categories of the repository and its masters, the
      // category directories when a repository lists none.
      if (!p.categories.empty()) categories_.insert(p.categories.begin(), p.categories.end());
      else for (const std::string& c : repo->category_dirs()) categories_.insert(c);
      for (const auto& [name, urls] : p.thirdpartymirrors) mirrors_.try_emplace(name, urls);  // nearest repository wins
    }
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (pkg.versions.empty()) return;
    const MetadataXml& xml = ctx.metadata_xml(pkg);
    const std::string path = pkg.key() + "/metadata.xml";
    auto report = [&](const Keyword& kw, int line, const std::string& message) {
      Result* r = out.package(kw, pkg, meta::printable(message));
      if (r) {
        r->path = path;
        r->line = line;
      }
      return r;
    };
    if (check_file(xml, kPackageFile, ctx, report)) package_content(pkg, xml, report);
    if (out.wants(kMissingRemoteId)) missing_remote_ids(pkg, xml, report);
  }

  void check_repo(std::span<const Package* const> scanned, const ScanContext& ctx, ResultSink& out) const override {
    if (!wants_category_keywords(out)) return;
    // A category file is checked when the scan covers the whole category
    // (every package of it in the main repository), as pkgcheck runs its
    // category checks on category and repository targets only.
    std::map<Symbol, std::size_t, decltype(&Symbol::lexical_less)> total(&Symbol::lexical_less), seen(&Symbol::lexical_less);
    for (const RepoIndex::Key& k : ctx.index.main_packages()) ++total[k.category];
    // Every scanned package counts, with ebuilds or not: a directory without
    // any (even one named metadata.xml) must not keep its category unchecked.
    for (const Package* p : scanned) ++seen[p->category];
    const Repository& repo = ctx.repos.main();
    for (const auto& [category, n] : seen) {
      if (n != total[category]) continue;
      std::string cat(category.str());
      const std::string path = cat + "/metadata.xml";
      MetadataXml xml = read_metadata_xml(repo.fs(), repo.abs(path), MetadataXmlKind::Category);
      auto report = [&](const Keyword& kw, int line, const std::string& message) {
        Result* r = out.category(kw, cat, meta::printable(message));
        if (r) {
          r->path = path;
          r->line = line;
        }
        return r;
      };
      check_file(xml, kCategoryFile, ctx, report);
    }
  }

 private:
  bool wants_category_keywords(const ResultSink& out) const {
    for (const Keyword* k : {&kCatMissingMetadataXml, &kCatBadlyFormedXml, &kCatInvalidXml, &kCatMetadataXmlInvalidPkgRef,
                             &kCatMetadataXmlInvalidCatRef, &kCatMetadataXmlIndentation, &kCatMetadataXmlEmptyElement})
      if (out.wants(*k)) return true;
    return false;
  }

  // What package and category files have in common. Returns true when the
  // file is valid, so its content can be checked further.
  template <class Report>
  bool check_file(const MetadataXml& xml, const FileKeywords& kw, const ScanContext& ctx, Report& report) const {
    const std::string what(kw.what);
    switch (xml.state) {
      case MetadataXml::State::Missing:
        if (gentoo_) report(kw.missing, 0, what + " is missing metadata.xml");
        return false;
      case MetadataXml::State::Unusable:
        report(kw.badly_formed, xml.error_line, what + " metadata.xml " + xml.error);
        return false;
      case MetadataXml::State::Parsed:
        break;
    }
    if (!xml.violations.empty()) {
      std::string message = what + " metadata.xml violates GLEP 68: ";
      for (std::size_t i = 0; i < xml.violations.size() && i < kMaxListedViolations; ++i)
        message += (i ? "; line " : "line ") + std::to_string(xml.violations[i].line) + ": " + xml.violations[i].text;
      if (xml.violations.size() > kMaxListedViolations)
        message += "; and " + std::to_string(xml.violations.size() - kMaxListedViolations) + " more";
      with(report(kw.invalid, xml.violations.front().line, message), "violations", std::to_string(xml.violations.size()));
      return false;
    }
    for (const MetadataXml::Located& e : xml.empty_elements)
      report(kw.empty_element, e.line, "metadata.xml: empty element '" + e.text + "' on line " + std::to_string(e.line));
    for (const MetadataXml::Reference& ref : xml.cat_refs)
      if (!categories_.count(ref.text) && !masters_missing_)
        with(report(kw.cat_ref, ref.line, what + " metadata.xml <cat/> references unknown/invalid category: '" + ref.text + "'"),
             "category", ref.text);
    for (const MetadataXml::Reference& ref : xml.pkg_refs)
      if (!package_exists(ref.text, ctx))
        with(report(kw.pkg_ref, ref.line, what + " metadata.xml <pkg/> references unknown/invalid package: '" + ref.text + "'"),
             "atom", ref.text);
    if (!xml.mixed_indentation.empty())
      report(kw.indentation, xml.mixed_indentation.front(),
             "metadata.xml has inconsistent indentation " + lines_text(xml.mixed_indentation));
    return true;
  }

  // A <pkg> reference resolves when it is a valid atom matching something in
  // the repository or its masters. With a master missing, an atom that might
  // live there is not reported (it is unresolvable, not unknown).
  bool package_exists(const std::string& text, const ScanContext& ctx) const {
    auto atom = Atom::parse(text, Eapi::latest());
    if (!atom || atom->blocker != Blocker::None) return false;
    bool found = atom->version ? !ctx.index.matches(*atom).empty() : ctx.index.exists(atom->category, atom->package);
    return found || masters_missing_;
  }

  template <class Report>
  void package_content(const Package& pkg, const MetadataXml& xml, Report& report) const {
    if (gentoo_) {
      if (xml.maintainers.empty() && !xml.maintainer_needed_comment)
        report(kMaintainerNeeded, 0, "metadata.xml: missing maintainer-needed comment");
      else if (!xml.maintainers.empty() && xml.maintainer_needed_comment)
        report(kMaintainerNeeded, 0, "metadata.xml: invalid maintainer-needed comment");
    }
    // pkgcheck compares with the DESCRIPTION of the package's first (lowest) version.
    const Ebuild& first = pkg.versions.front();
    if (xml.longdescription && first.has_cache) {
      const std::string& desc = first.entry.get(CacheKey::DESCRIPTION);
      const std::string& longdesc = *xml.longdescription;
      if (sequence_ratio_bound(desc, longdesc) > 0.75 && sequence_ratio(desc, longdesc) > 0.75)
        report(kRedundantLongDescription, 0, "metadata.xml longdescription closely matches DESCRIPTION");
      else if (code_points(longdesc) < 80)
        report(kRedundantLongDescription, 0, "metadata.xml longdescription is too short");
    }
    for (const MetadataXml::RemoteId& id : xml.remote_ids) {
      if (id.value.empty()) continue;  // an empty element, reported as such
      if (auto expected = remote_id::invalid(id.type, id.value))
        with(report(kInvalidRemoteID, id.line,
                    "remote-id value '" + id.value + "' invalid for type='" + id.type + "', expected: '" +
                        std::string(*expected) + "'"),
             "type", id.type);
    }
  }

  // pkgcheck's MissingRemoteIdCheck: the newest version first, its URLs
  // shortest first; the first URL a rule recognises suggests that type,
  // unless metadata.xml already has a remote-id of it.
  template <class Report>
  void missing_remote_ids(const Package& pkg, const MetadataXml& xml, Report& report) const {
    const auto& rules = remote_id::inference_rules();
    std::vector<std::string_view> settled;  // types declared in metadata.xml or found here
    for (const MetadataXml::RemoteId& id : xml.remote_ids) settled.push_back(id.type);
    auto is_settled = [&](std::string_view type) { return std::find(settled.begin(), settled.end(), type) != settled.end(); };
    struct Found {
      std::string_view type;
      std::string value, url;
    };
    std::vector<Found> found;
    for (auto e = pkg.versions.rbegin(); e != pkg.versions.rend(); ++e) {
      if (!e->has_cache) continue;
      if (std::all_of(rules.begin(), rules.end(), [&](const remote_id::Rule& r) { return is_settled(r.type); })) break;
      std::vector<std::string> urls = remote_id::src_uri_urls(e->entry.get(CacheKey::SRC_URI), mirrors_);
      for (std::string_view h : meta::tokens(e->entry.get(CacheKey::HOMEPAGE)))
        if (remote_id::recognised(h)) urls.emplace_back(h);
      if (urls.empty()) continue;
      std::sort(urls.begin(), urls.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
      });
      urls.erase(std::unique(urls.begin(), urls.end()), urls.end());
      for (const remote_id::Rule& rule : rules) {
        if (is_settled(rule.type)) continue;
        for (const std::string& url : urls)
          if (auto value = rule.match(url)) {
            found.push_back({rule.type, *value, url});
            settled.push_back(rule.type);
            break;
          }
      }
    }
    for (const Found& f : found) {
      std::string type(f.type);
      with(with(report(kMissingRemoteId, 0,
                       "missing <remote-id type=\"" + type + "\">" + f.value + "</remote-id> (inferred from URI '" +
                           f.url + "')"),
                "type", type),
           "value", f.value);
    }
  }

  static std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    return n;
  }

  bool gentoo_ = false;
  bool masters_missing_ = false;
  std::set<std::string> categories_;
  std::map<std::string, std::vector<std::string>> mirrors_;
};

const RegisterCheck<MetadataXmlCheck> kRegister;

}  // namespace
}  // namespace pkgscan
