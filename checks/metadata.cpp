// Slot, Description and Homepage: the single-valued metadata every ebuild
// must state. Three small checks so each can be selected on its own (-c).
#include <algorithm>
#include <cctype>

#include "meta_common.hpp"
#include "pkgscan/atom.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

// ---------------------------------------------------------------- SLOT

constexpr Keyword kInvalidSlot{
    "InvalidSlot", Level::Error, Scope::Version,
    "SLOT is empty or not a valid slot name, or its sub-slot (SLOT=\"slot/sub\") is empty, invalid or used before "
    "EAPI 5. Package managers refuse such an ebuild."};

// Why `slot` is invalid at `eapi`, or "" when it is fine.
std::string slot_problem(std::string_view slot, const std::optional<Eapi>& eapi) {
  if (slot.empty()) return "SLOT is empty";
  auto slash = slot.find('/');
  std::string_view name = slot.substr(0, slash);
  if (!valid_slot_name(name)) return "SLOT: invalid slot name '" + std::string(name) + "'";
  if (slash == std::string_view::npos) return "";
  std::string_view sub = slot.substr(slash + 1);
  if (eapi && !eapi->subslots())
    return "SLOT: sub-slot '" + std::string(sub) + "' needs EAPI 5 or later (EAPI is " +
           std::to_string(eapi->number()) + ")";
  if (sub.empty()) return "SLOT: empty sub-slot in '" + std::string(slot) + "'";
  if (!valid_slot_name(sub)) return "SLOT: invalid sub-slot '" + std::string(sub) + "'";
  return "";
}

class SlotCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Slot";
  static constexpr std::string_view kDoc = "Reports empty or malformed SLOT values.";
  static constexpr std::array<Keyword, 1> kKeywords = {kInvalidSlot};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      const std::string& slot = e.entry.get(CacheKey::SLOT);
      if (slot.empty() && !meta::absence_trusted(e)) continue;
      std::string problem = slot_problem(slot, e.eapi);
      if (!problem.empty()) meta::field(meta::report(out, kInvalidSlot, e, problem), "slot", slot);
    }
  }
};

// ---------------------------------------------------------------- DESCRIPTION

constexpr Keyword kBadDescription{
    "BadDescription", Level::Style, Scope::Version,
    "DESCRIPTION is empty, a placeholder, just the package name, ends with punctuation (. , : ;), or is shorter "
    "than 10 or longer than 80 characters. It is a one-line summary shown by package managers and search tools. "
    "A closing ellipsis (...) or abbreviation (etc., co., inc., ltd.) is not a stray full stop."};

constexpr std::size_t kMinDescription = 10;
constexpr std::size_t kMaxDescription = 80;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Texts that stand in for a description rather than being one (compared
// lowercased, without trailing punctuation).
bool placeholder_description(std::string_view text) {
  static constexpr std::string_view kPlaceholders[] = {
      "description",        "no description",  "empty description", "package description",
      "short description",  "a description",   "some description",  "description goes here",
      "put description here", "todo",          "fixme",             "tbd",
      "placeholder",        "xxx",             "none",              "unknown"};
  std::string t = lower(text);
  while (!t.empty() && (t.back() == '.' || t.back() == ':' || t.back() == ' ')) t.pop_back();
  if (std::find(std::begin(kPlaceholders), std::end(kPlaceholders), t) != std::end(kPlaceholders)) return true;
  return t.rfind("todo:", 0) == 0 || t.rfind("fixme:", 0) == 0 || t.rfind("based on ebuild created", 0) == 0;
}

// A full stop that belongs to the last word rather than ending a sentence:
// an ellipsis, or one of the abbreviations pkgcheck lets a DESCRIPTION end
// with. The abbreviation must be a whole word ("Foo Co." but not "disco.").
bool ends_with_abbreviation(std::string_view text) {
  static constexpr std::string_view kAbbreviations[] = {"etc.", "co.", "inc.", "ltd."};
  auto ends_with = [&](std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
  };
  if (ends_with("...")) return true;
  for (std::string_view abbr : kAbbreviations) {
    if (text.size() < abbr.size() || lower(text.substr(text.size() - abbr.size())) != abbr) continue;
    std::size_t before = text.size() - abbr.size();
    if (before == 0 || !std::isalnum(static_cast<unsigned char>(text[before - 1]))) return true;
  }
  return false;
}

class DescriptionCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Description";
  static constexpr std::string_view kDoc = "Reports empty, placeholder, badly punctuated or badly sized DESCRIPTIONs.";
  static constexpr std::array<Keyword, 1> kKeywords = {kBadDescription};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      std::string_view d = e.entry.get(CacheKey::DESCRIPTION);
      auto report = [&](const std::string& msg) {
        meta::field(meta::report(out, kBadDescription, e, msg), "description", d);
      };
      if (d.empty()) {
        if (meta::absence_trusted(e)) report("DESCRIPTION is empty");
        continue;
      }
      if (placeholder_description(d)) report("DESCRIPTION is a placeholder: '" + std::string(d) + "'");
      else if (lower(d) == lower(pkg.package.str())) report("DESCRIPTION is just the package name");
      else if (d.size() < kMinDescription)
        report("DESCRIPTION is too short (" + std::to_string(d.size()) + " characters, at least " +
               std::to_string(kMinDescription) + " expected)");
      if (d.size() > kMaxDescription)
        report("DESCRIPTION is too long (" + std::to_string(d.size()) + " characters, at most " +
               std::to_string(kMaxDescription) + ")");
      char last = d.back();
      if (last == ',' || last == ':' || last == ';' || (last == '.' && !ends_with_abbreviation(d)))
        report(std::string("DESCRIPTION ends with '") + last + "'");
    }
  }
};

// ---------------------------------------------------------------- HOMEPAGE

constexpr Keyword kBadHomepage{
    "BadHomepage", Level::Warning, Scope::Version,
    "HOMEPAGE is missing (outside virtual/, acct-group/ and acct-user/), one of its entries is not an http://, "
    "https:// or ftp:// URL with a host (e.g. a bare domain, another protocol, an unexpanded ${VAR} or stray "
    "characters), or an entry is a generic site such as https://www.gentoo.org/ that says nothing about the "
    "package (also when an eclass put it there)."};

// Sites that are nobody's homepage in particular (pkgcheck's list, which
// has only the https:// forms; the http:// ones are as unspecific).
bool unspecific_homepage(std::string_view url) {
  static constexpr std::string_view kGenericSites[] = {"https://www.gentoo.org", "https://gentoo.org",
                                                       "http://www.gentoo.org", "http://gentoo.org"};
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  auto same = [&](std::string_view site) {  // scheme and host are case-insensitive
    return url.size() == site.size() && std::equal(url.begin(), url.end(), site.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           });
  };
  return std::any_of(std::begin(kGenericSites), std::end(kGenericSites), same);
}

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

// Characters that never appear unescaped in a URL (RFC 3986), plus '$' when
// it starts an unexpanded shell variable.
bool bad_url_char(char c) {
  return static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
         c == '`' || c == '{' || c == '}' || c == '|' || c == 0x7f;
}

// Why `url` is not a usable homepage URL, or "" when it is.
std::string homepage_problem(std::string_view url) {
  if (unspecific_homepage(url)) return "unspecific HOMEPAGE: " + std::string(url);  // pkgcheck's wording
  std::string_view rest;
  if (url.rfind("https://", 0) == 0) rest = url.substr(8);
  else if (url.rfind("http://", 0) == 0) rest = url.substr(7);
  else if (url.rfind("ftp://", 0) == 0) rest = url.substr(6);  // as pkgcheck, which allows SRC_URI's protocols
  else if (url.find("://") != std::string_view::npos)
    return "HOMEPAGE: '" + std::string(url) + "' is not an http(s) or ftp URL";
  else
    return "HOMEPAGE: '" + std::string(url) + "' is not a URL (no http:// or https://)";
  if (url.find("${") != std::string_view::npos || url.find('$') != std::string_view::npos)
    return "HOMEPAGE: '" + std::string(url) + "' contains an unexpanded variable";
  for (char c : url)
    if (bad_url_char(c)) return "HOMEPAGE: '" + std::string(url) + "' contains a character not allowed in URLs";
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority.substr(0, authority.find(':'));
  if (host.empty()) return "HOMEPAGE: '" + std::string(url) + "' has no host";
  if (!std::all_of(host.begin(), host.end(), host_char) || host.front() == '.' || host.back() == '.' ||
      host.front() == '-')
    return "HOMEPAGE: '" + std::string(url) + "' has an invalid host '" + std::string(host) + "'";
  if (auto colon = authority.find(':'); colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return "HOMEPAGE: '" + std::string(url) + "' has an invalid port";
  }
  return "";
}

class HomepageCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Homepage";
  static constexpr std::string_view kDoc =
      "Reports missing HOMEPAGEs, entries that are not http(s) or ftp URLs, and generic sites.";
  static constexpr std::array<Keyword, 1> kKeywords = {kBadHomepage};
  static constexpr bool kDefaultEnabled = true;

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    bool exempt = meta::no_content_category(pkg.category.str());
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      const std::string& text = e.entry.get(CacheKey::HOMEPAGE);
      if (text.empty()) {
        if (!exempt && meta::absence_trusted(e)) meta::report(out, kBadHomepage, e, "HOMEPAGE is empty");
        continue;
      }
      for (std::string_view url : meta::tokens(text)) {
        std::string problem = homepage_problem(url);
        if (!problem.empty()) meta::field(meta::report(out, kBadHomepage, e, problem), "url", url);
      }
    }
  }
};

const RegisterCheck<SlotCheck> kRegisterSlot;
const RegisterCheck<DescriptionCheck> kRegisterDescription;
const RegisterCheck<HomepageCheck> kRegisterHomepage;

}  // namespace
}  // namespace pkgscan
