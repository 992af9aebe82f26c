// GLEP 68 structure of metadata.xml, as rules in code.
//
// pkgcheck validates against pkgcore's metadata.xsd. We do not ship that
// file: the project copies nothing from pkgcore. Instead the facts of the
// format (GLEP 68 and the schema's element, attribute and pattern list, see
// reference/profiles-and-checks.md §4.1) are the table below, and one walk
// over the libxml2 tree checks a file against it. What the schema enforces
// and this checks:
//  - which elements may appear where, and how often (upstream once, one
//    <email> per maintainer, ...);
//  - required and allowed attributes, with their values (maintainer type,
//    remote-id type, flag and slot names, restrict atoms, lang codes);
//  - text patterns (e-mail, URL, <pkg>, <cat>);
//  - element-only, text-only and empty content;
//  - uniqueness (one <longdescription> per lang and restrict, one
//    maintainer per e-mail and restrict, one <flag> per name and restrict...).
// Messages are our own; each names the element and its line.
#include "glep68.hpp"

#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "pkgscan/atom.hpp"

namespace pkgscan::glep68 {

namespace {

enum class Content : std::uint8_t { Empty, Text, Mixed, Elements };

// What an attribute value or an element's text must look like.
enum class Value : std::uint8_t {
  Any, Lang, Restrict, MaintainerType, Proxied, UpstreamStatus, FlagName, SlotName, RemoteIdType,
  Email, Url, PkgName, CatName
};

// Which children must differ from each other, and by what.
enum class Unique : std::uint8_t { None, Lang, LangRestrict, Restrict, NameAttr, NameRestrict, TypeText, EmailRestrict, NameChild };

// Element kinds (indexes into specs()).
enum Kind : std::uint8_t {
  kPkgMetadata, kCatMetadata, kLongDesc, kCatLongDesc, kMaintainer, kEmail, kToken, kMaintainerDesc, kSlots,
  kSlot, kSubslots, kMarker, kUse, kFlag, kUpstream, kUpstreamMaintainer, kUrl, kDoc, kRemoteId, kPkg, kCat,
  kKindCount
};

struct Attr {
  std::string_view name;
  Value value = Value::Any;
  bool required = false;
};

struct Child {
  std::string_view name;
  Kind kind;
  int min = 0;
  int max = -1;  // -1: any number
  Unique unique = Unique::None;
};

struct Spec {
  Content content;
  Value text = Value::Any;
  std::vector<Attr> attrs;
  std::vector<Child> children;
};

const std::array<Spec, kKindCount>& specs() {
  static const std::array<Spec, kKindCount> table = [] {
    std::array<Spec, kKindCount> s{};
    const Attr lang{"lang", Value::Lang};
    const Attr restrict_{"restrict", Value::Restrict};
    s[kPkgMetadata] = {Content::Elements, Value::Any, {},
                       {{"longdescription", kLongDesc, 0, -1, Unique::LangRestrict},
                        {"maintainer", kMaintainer, 0, -1, Unique::EmailRestrict},
                        {"slots", kSlots, 0, -1, Unique::Lang},
                        {"stabilize-allarches", kMarker, 0, -1, Unique::Restrict},
                        {"straight-to-stable", kMarker, 0, -1, Unique::Restrict},
                        {"upstream", kUpstream, 0, 1},
                        {"use", kUse, 0, -1, Unique::Lang}}};
    s[kCatMetadata] = {Content::Elements, Value::Any, {}, {{"longdescription", kCatLongDesc, 0, -1, Unique::Lang}}};
    s[kLongDesc] = {Content::Mixed, Value::Any, {lang, restrict_}, {{"pkg", kPkg}, {"cat", kCat}}};
    s[kCatLongDesc] = {Content::Mixed, Value::Any, {lang}, {{"pkg", kPkg}, {"cat", kCat}}};
    s[kMaintainer] = {Content::Elements, Value::Any,
                      {{"type", Value::MaintainerType, true}, {"proxied", Value::Proxied}, restrict_},
                      {{"email", kEmail, 1, 1}, {"name", kToken, 0, 1}, {"description", kMaintainerDesc, 0, -1, Unique::Lang}}};
    s[kEmail] = {Content::Text, Value::Email, {}, {}};
    s[kToken] = {Content::Text, Value::Any, {}, {}};
    s[kMaintainerDesc] = {Content::Text, Value::Any, {lang}, {}};
    s[kSlots] = {Content::Elements, Value::Any, {lang},
                 {{"slot", kSlot, 0, -1, Unique::NameAttr}, {"subslots", kSubslots, 0, 1}}};
    s[kSlot] = {Content::Text, Value::Any, {{"name", Value::SlotName, true}}, {}};
    s[kSubslots] = {Content::Text, Value::Any, {}, {}};
    s[kMarker] = {Content::Empty, Value::Any, {restrict_}, {}};
    s[kUse] = {Content::Elements, Value::Any, {lang}, {{"flag", kFlag, 0, -1, Unique::NameRestrict}}};
    s[kFlag] = {Content::Mixed, Value::Any, {{"name", Value::FlagName, true}, restrict_}, {{"cat", kCat}, {"pkg", kPkg}}};
    s[kUpstream] = {Content::Elements, Value::Any, {},
                    {{"maintainer", kUpstreamMaintainer, 0, -1, Unique::NameChild},
                     {"changelog", kUrl, 0, 1},
                     {"doc", kDoc, 0, -1, Unique::Lang},
                     {"bugs-to", kUrl, 0, 1},
                     {"remote-id", kRemoteId, 0, -1, Unique::TypeText}}};
    s[kUpstreamMaintainer] = {Content::Elements, Value::Any, {{"status", Value::UpstreamStatus}},
                              {{"email", kEmail, 0, 1}, {"name", kToken, 1, 1}}};
    s[kUrl] = {Content::Text, Value::Url, {}, {}};
    s[kDoc] = {Content::Text, Value::Url, {lang}, {}};
    s[kRemoteId] = {Content::Text, Value::Any, {{"type", Value::RemoteIdType, true}}, {}};
    s[kPkg] = {Content::Text, Value::PkgName, {}, {}};
    s[kCat] = {Content::Text, Value::CatName, {}, {}};
    return s;
  }();
  return table;
}

constexpr std::array<std::string_view, 27> kRemoteIdTypes = {
    "bitbucket", "codeberg", "cpan", "cpan-module", "cpe", "cran", "ctan", "freedesktop-gitlab", "gentoo",
    "github", "gitlab", "gnome-gitlab", "google-code", "hackage", "heptapod", "kde-invent", "launchpad", "osdn",
    "pear", "pecl", "pypi", "rubygems", "savannah", "savannah-nongnu", "sourceforge", "sourcehut", "vim"};

std::string_view name_of(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

// xs:token: whitespace runs become one space, none at the ends.
std::string token(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string text_of(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      out += reinterpret_cast<const char*>(c->content);
  return out;
}

// An attribute's value without libxml2's copy (xmlGetNoNsProp allocates):
// parsed values are one text node.
std::string attr_of(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->ns || !a->name || name != reinterpret_cast<const char*>(a->name)) continue;
    const xmlNode* c = a->children;
    if (!c) return {};
    if (!c->next && c->type == XML_TEXT_NODE && c->content) return reinterpret_cast<const char*>(c->content);
    xmlChar* v = xmlNodeListGetString(n->doc, c, 1);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }
  return {};
}

bool has_attr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (!a->ns && a->name && name == reinterpret_cast<const char*>(a->name)) return true;
  return false;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

// xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*
bool valid_lang(std::string_view s) {
  std::size_t i = 0, first = 0;
  bool head = true;
  while (i <= s.size()) {
    if (i == s.size() || s[i] == '-') {
      std::size_t len = i - first;
      if (len < 1 || len > 8) return false;
      head = false;
      first = i + 1;
    } else if (!(head ? is_alpha(s[i]) : is_alnum(s[i]))) {
      return false;
    }
    ++i;
  }
  return true;
}

// The schema's pattern for a restriction: an operator and a versioned
// cat/pkg, nothing else (no slot, no USE deps). Empty means "no restriction".
bool valid_restrict(std::string_view s) {
  if (s.empty()) return true;
  if (s[0] != '<' && s[0] != '>' && s[0] != '=' && s[0] != '~') return false;
  auto atom = Atom::parse(s, Eapi::of(0));
  return atom && atom->version && atom->blocker == Blocker::None && atom->slot.empty() && atom->use.empty();
}

// "[^@]+@[^.]+\..+"
bool valid_email(std::string_view s) {
  std::size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  std::string_view rest = s.substr(at + 1);
  std::size_t dot = rest.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < rest.size();
}

// "mailto:.+@.+" or "(ftp|https?)://\S+"
bool valid_url(std::string_view s) {
  if (s.starts_with("mailto:")) {
    std::size_t at = s.find('@', 8);
    return at != std::string_view::npos && at + 1 < s.size();
  }
  for (std::string_view scheme : {"ftp://", "http://", "https://"})
    if (s.starts_with(scheme)) return s.size() > scheme.size() && s.find(' ') == std::string_view::npos;
  return false;
}

// [A-Za-z0-9_][A-Za-z0-9+_.-]* (categories), [A-Za-z0-9_][A-Za-z0-9+_-]* (packages)
bool name_chars(std::string_view s, bool dots) {
  if (s.empty() || !(is_alnum(s[0]) || s[0] == '_')) return false;
  for (char c : s.substr(1))
    if (!(is_alnum(c) || c == '+' || c == '_' || c == '-' || (dots && c == '.'))) return false;
  return true;
}

bool valid_value(Value v, std::string_view s) {
  switch (v) {
    case Value::Any: return true;
    case Value::Lang: return valid_lang(s);
    case Value::Restrict: return valid_restrict(s);
    case Value::MaintainerType: return s == "person" || s == "project";
    case Value::Proxied: return s == "yes" || s == "no" || s == "proxy";
    case Value::UpstreamStatus: return s == "active" || s == "inactive" || s == "unknown";
    case Value::FlagName: return valid_use_flag(s);
    case Value::SlotName: return s == "*" || name_chars(s, true);
    case Value::RemoteIdType:
      for (std::string_view t : kRemoteIdTypes)
        if (s == t) return true;
      return false;
    case Value::Email: return valid_email(s);
    case Value::Url: return valid_url(s);
    case Value::PkgName: {
      std::size_t slash = s.find('/');
      return slash != std::string_view::npos && name_chars(s.substr(0, slash), true) &&
             name_chars(s.substr(slash + 1), false);
    }
    case Value::CatName: return name_chars(s, true);
  }
  return false;
}

std::string_view expected(Value v) {
  switch (v) {
    case Value::Lang: return "a language code such as 'en' or 'pt-BR'";
    case Value::Restrict: return "a versioned atom of this package, e.g. '>=cat/pkg-1.2'";
    case Value::MaintainerType: return "'person' or 'project'";
    case Value::Proxied: return "'yes', 'no' or 'proxy'";
    case Value::UpstreamStatus: return "'active', 'inactive' or 'unknown'";
    case Value::FlagName: return "a USE flag name";
    case Value::SlotName: return "a slot name or '*'";
    case Value::RemoteIdType: return "a known remote-id type (github, gitlab, pypi, ...)";
    case Value::Email: return "an e-mail address";
    case Value::Url: return "a mailto:, ftp://, http:// or https:// URL";
    case Value::PkgName: return "a category/package name";
    case Value::CatName: return "a category name";
    case Value::Any: break;
  }
  return "";
}

std::string_view unique_what(Unique u) {
  switch (u) {
    case Unique::Lang: return "lang";
    case Unique::LangRestrict: return "lang and restrict";
    case Unique::Restrict: return "restrict";
    case Unique::NameAttr: return "name";
    case Unique::NameRestrict: return "name and restrict";
    case Unique::TypeText: return "type and value";
    case Unique::EmailRestrict: return "e-mail and restrict";
    case Unique::NameChild: return "name";
    case Unique::None: break;
  }
  return "";
}

const xmlNode* first_child_named(const xmlNode* n, std::string_view name) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name_of(c) == name) return c;
  return nullptr;
}

std::string unique_key(Unique u, const xmlNode* n) {
  auto lang = [&] {
    std::string l = token(attr_of(n, "lang"));
    return l.empty() ? std::string("en") : l;
  };
  auto restrict_ = [&] { return token(attr_of(n, "restrict")); };
  switch (u) {
    case Unique::None: return {};
    case Unique::Lang: return lang();
    case Unique::LangRestrict: return lang() + '\n' + restrict_();
    case Unique::Restrict: return restrict_();
    case Unique::NameAttr: return token(attr_of(n, "name"));
    case Unique::NameRestrict: return token(attr_of(n, "name")) + '\n' + restrict_();
    case Unique::TypeText: return token(attr_of(n, "type")) + '\n' + token(text_of(n));
    case Unique::EmailRestrict: {
      const xmlNode* e = first_child_named(n, "email");
      return (e ? token(text_of(e)) : std::string()) + '\n' + restrict_();
    }
    case Unique::NameChild: {
      const xmlNode* e = first_child_named(n, "name");
      return e ? token(text_of(e)) : std::string();
    }
  }
  return {};
}

class Walker {
 public:
  explicit Walker(std::vector<MetadataXml::Located>& out) : out_(out) {}

  void element(const xmlNode* n, Kind kind) {
    const Spec& spec = specs()[kind];
    // "<name>" for messages, built only when there is one to write.
    auto tag = [n] { return "<" + std::string(name_of(n)) + ">"; };
    if (n->ns) add(n, tag() + " is in namespace '" + href(n->ns) + "'; metadata.xml elements have none");
    attributes(n, spec);

    // Children: elements per the spec; text per the content type. Per child
    // rule: how many were seen and where the first was; the keys of the
    // unique ones with their lines. A handful each: flat vectors.
    std::vector<int> seen(spec.children.size(), 0), first_line(spec.children.size(), 0);
    std::vector<std::pair<std::string, int>> keys;  // "<rule index>\n<key>" -> line of the first
    bool reported_text = false;
    for (const xmlNode* c = n->children; c; c = c->next) {
      switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: {
          std::string_view t = c->content ? reinterpret_cast<const char*>(c->content) : "";
          if (!reported_text && !blank(t) && (spec.content == Content::Elements || spec.content == Content::Empty)) {
            add(c, spec.content == Content::Empty ? tag() + " must be empty" : tag() + " may contain only elements, not text '" +
                                                                             shorten(token(t)) + "'");
            reported_text = true;
          }
          break;
        }
        case XML_ENTITY_REF_NODE:
          add(c, "entity reference '&" + std::string(name_of(c)) + ";' in " + tag() +
                     ": metadata.xml may use only the predefined entities");
          break;
        case XML_ELEMENT_NODE: {
          std::string_view name = name_of(c);
          std::size_t r = 0;
          while (r < spec.children.size() && spec.children[r].name != name) ++r;
          if (r == spec.children.size()) {
            add(c, "<" + std::string(name) + "> is not allowed in " + tag() + allowed(spec));
            break;
          }
          const Child* rule = &spec.children[r];
          int count = ++seen[r];
          if (count == 1) first_line[r] = line_of(c);
          if (rule->max >= 0 && count == rule->max + 1)
            add(c, tag() + " may have only " + (rule->max == 1 ? "one" : std::to_string(rule->max)) + " <" +
                       std::string(name) + "> (the first is on line " + std::to_string(first_line[r]) + ")");
          if (rule->unique != Unique::None) {
            std::string key = std::to_string(r) + '\n' + unique_key(rule->unique, c);
            auto it = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.first == key; });
            if (it != keys.end())
              add(c, "<" + std::string(name) + "> repeats the one on line " + std::to_string(it->second) + " (same " +
                         std::string(unique_what(rule->unique)) + ")");
            else
              keys.emplace_back(std::move(key), line_of(c));
          }
          element(c, rule->kind);
          break;
        }
        default:  // comments, processing instructions
          break;
      }
    }
    for (std::size_t r = 0; r < spec.children.size(); ++r)
      if (seen[r] < spec.children[r].min) add(n, tag() + " has no <" + std::string(spec.children[r].name) + ">");

    // Simple content: the text must match its pattern.
    if (spec.content == Content::Text && spec.text != Value::Any) {
      std::string t = token(text_of(n));
      if (!t.empty() && !valid_value(spec.text, t))
        add(n, tag() + " '" + shorten(t) + "' is not " + std::string(expected(spec.text)));
    }
  }

  void add(const xmlNode* n, std::string message) { out_.push_back({line_of(n), std::move(message)}); }

 private:
  void attributes(const xmlNode* n, const Spec& spec) {
    auto tag = [n] { return "<" + std::string(name_of(n)) + ">"; };
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      std::string_view name = a->name ? reinterpret_cast<const char*>(a->name) : "";
      const Attr* rule = nullptr;
      for (const Attr& r : spec.attrs)
        if (r.name == name && !a->ns) rule = &r;
      if (!rule) {
        std::string full = a->ns && a->ns->prefix ? std::string(reinterpret_cast<const char*>(a->ns->prefix)) + ":" : "";
        add(n, "attribute '" + full + std::string(name) + "' is not allowed on " + tag());
        continue;
      }
      std::string v = token(attr_of(n, rule->name));
      if (!valid_value(rule->value, v))
        add(n, tag() + " " + std::string(name) + "='" + shorten(v) + "' is not " + std::string(expected(rule->value)));
    }
    for (const Attr& r : spec.attrs)
      if (r.required && !has_attr(n, r.name))
        add(n, tag() + " lacks the required attribute '" + std::string(r.name) + "'");
  }

  static std::string allowed(const Spec& spec) {
    if (spec.children.empty()) return " (it holds text only)";
    std::string out = " (allowed: ";
    for (std::size_t i = 0; i < spec.children.size(); ++i) out += (i ? ", " : "") + std::string(spec.children[i].name);
    return out + ")";
  }

  static std::string href(const xmlNs* ns) { return ns->href ? reinterpret_cast<const char*>(ns->href) : ""; }

  // Values quoted in messages stay short: a hostile file may hold megabytes.
  static std::string shorten(std::string s) {
    constexpr std::size_t kMax = 60;
    if (s.size() > kMax) {
      std::size_t cut = kMax;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;  // keep UTF-8 whole
      s = s.substr(0, cut) + "...";
    }
    return s;
  }

  std::vector<MetadataXml::Located>& out_;
};

}  // namespace

int line_of(const xmlNode* node) {
  long l = xmlGetLineNo(const_cast<xmlNode*>(node));
  return l > 0 && l < (1L << 30) ? static_cast<int>(l) : 0;
}

void check(xmlNodePtr root, MetadataXmlKind kind, std::vector<MetadataXml::Located>& out) {
  Walker walker(out);
  std::string_view want = kind == MetadataXmlKind::Package ? "pkgmetadata" : "catmetadata";
  if (name_of(root) != want) {
    walker.add(root, "the root element is <" + std::string(name_of(root)) + ">, not <" + std::string(want) + ">");
    return;
  }
  walker.element(root, kind == MetadataXmlKind::Package ? kPkgMetadata : kCatMetadata);
}

}  // namespace pkgscan::glep68
