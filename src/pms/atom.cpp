// Package dependency atoms: the PMS grammar for EAPI 0-9, canonical text,
// matching against an ebuild, ordering, and the name rules.
//
// The parser works on string_views of the input and allocates only for what
// the Atom keeps (a version longer than the small-string buffer, USE deps).
#include "pkgscan/atom.hpp"

#include <algorithm>
#include <cstdint>

#include "parse_util.hpp"

namespace pkgscan {

using pms::at;
using pms::fail;
using pms::quoted;
namespace {

// Character classes of the name rules, one table lookup per byte.
enum : std::uint8_t { kAlnum = 1, kDotted = 2, kPackage = 4, kUse = 8, kKeyword = 16 };

struct CharClasses {
  std::uint8_t bits[256] = {};
  constexpr CharClasses() {
    for (int c = 0; c < 256; ++c) {
      bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      std::uint8_t b = 0;
      if (alnum) b = kAlnum | kDotted | kPackage | kUse | kKeyword;
      if (c == '+') b |= kDotted | kPackage | kUse;
      if (c == '_' || c == '-') b |= kDotted | kPackage | kUse | kKeyword;
      if (c == '.') b |= kDotted;
      if (c == '@') b |= kUse;
      bits[c] = b;
    }
  }
};
constexpr CharClasses kClasses;

bool has(char c, std::uint8_t cls) { return (kClasses.bits[static_cast<unsigned char>(c)] & cls) != 0; }
bool all_of_class(std::string_view s, std::uint8_t cls) {
  for (char c : s)
    if (!has(c, cls)) return false;
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return has(c, kAlnum); }

// [A-Za-z0-9+_.-]+ not starting with - . +  (category, slot, licence)
bool valid_dotted_name(std::string_view s) {
  if (s.empty() || s[0] == '-' || s[0] == '.' || s[0] == '+') return false;
  return all_of_class(s, kDotted);
}

// memchr has a fixed cost that dominates on the short strings of atoms.
std::size_t find_char(std::string_view s, char c, std::size_t from = 0) {
  for (std::size_t k = from; k < s.size(); ++k)
    if (s[k] == c) return k;
  return std::string_view::npos;
}

bool is_full_version(std::string_view s) { return !s.empty() && Version::valid_prefix(s) == s.size(); }

// Where "name-version" splits: the first '-' whose remainder is a whole
// version; npos when there is none. Unique: a version holds at most "-r".
std::size_t version_split(std::string_view s) {
  for (std::size_t k = 0; k + 1 < s.size(); ++k) {
    if (s[k] == '-' && is_digit(s[k + 1]) && is_full_version(s.substr(k + 1))) return k;
  }
  return std::string_view::npos;
}

bool package_chars_ok(std::string_view s) {
  if (s.empty() || s[0] == '-' || s[0] == '+') return false;
  return all_of_class(s, kPackage);
}




std::string_view op_text(Op op) {
  switch (op) {
    case Op::None: return "";
    case Op::Less: return "<";
    case Op::LessEq: return "<=";
    case Op::Equal: return "=";
    case Op::Approx: return "~";
    case Op::GreaterEq: return ">=";
    case Op::Greater: return ">";
  }
  return "";
}

// Lexical order of USE deps, so canonical text does not depend on interning order.
int compare_use(const UseDep& a, const UseDep& b) {
  if (a.flag != b.flag) return a.flag.str() < b.flag.str() ? -1 : 1;
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.def != b.def) return a.def < b.def ? -1 : 1;
  return 0;
}

// USE dependencies compared as a set: [a,b] == [b,a] == [a,b,a].
bool same_use_deps(const std::vector<UseDep>& a, const std::vector<UseDep>& b) {
  if (a == b) return true;  // the usual case: written alike
  auto within = [](const std::vector<UseDep>& x, const std::vector<UseDep>& y) {
    for (const UseDep& d : x)
      if (std::find(y.begin(), y.end(), d) == y.end()) return false;
    return true;
  };
  return within(a, b) && within(b, a);
}

// The USE dependencies in lexical order without duplicates: the set that
// equality compares, in the order the total order needs.
std::vector<const UseDep*> use_set(const std::vector<UseDep>& use) {
  std::vector<const UseDep*> out;
  out.reserve(use.size());
  for (const UseDep& d : use) out.push_back(&d);
  auto less = [](const UseDep* x, const UseDep* y) { return compare_use(*x, *y) < 0; };
  std::sort(out.begin(), out.end(), less);
  out.erase(std::unique(out.begin(), out.end(), [](const UseDep* x, const UseDep* y) { return *x == *y; }), out.end());
  return out;
}

std::strong_ordering lex(Symbol a, Symbol b) {
  if (a == b) return std::strong_ordering::equal;
  return a.str() <=> b.str();
}

// One element of a USE dependency list; false when malformed.
bool parse_use_dep(std::string_view e, UseDep* out, bool* has_default) {
  std::size_t i = 0;
  char prefix = 0;
  if (!e.empty() && (e[0] == '!' || e[0] == '-')) prefix = e[i++];
  std::size_t start = i;
  if (i >= e.size() || !is_alnum(e[i])) return false;
  while (i < e.size() && has(e[i], kUse)) ++i;
  std::string_view flag = e.substr(start, i - start);
  out->def = UseDep::Default::None;
  *has_default = false;
  if (i < e.size() && e[i] == '(') {
    if (i + 2 >= e.size() || (e[i + 1] != '+' && e[i + 1] != '-') || e[i + 2] != ')') return false;
    out->def = e[i + 1] == '+' ? UseDep::Default::Enabled : UseDep::Default::Disabled;
    *has_default = true;
    i += 3;
  }
  char suffix = 0;
  if (i < e.size() && (e[i] == '=' || e[i] == '?')) suffix = e[i++];
  if (i != e.size()) return false;
  if (prefix == '-' && suffix) return false;   // -flag takes no = or ?
  if (prefix == '!' && !suffix) return false;  // !flag needs = or ?
  using K = UseDep::Kind;
  if (suffix == '=') out->kind = prefix == '!' ? K::NotEqual : K::Equal;
  else if (suffix == '?') out->kind = prefix == '!' ? K::IfDisabled : K::IfEnabled;
  else out->kind = prefix == '-' ? K::Disabled : K::Enabled;
  out->flag = Symbol::intern(flag);
  return true;
}

}  // namespace

bool valid_category_name(std::string_view s) { return valid_dotted_name(s); }
bool valid_slot_name(std::string_view s) { return valid_dotted_name(s); }
bool valid_license_name(std::string_view s) { return valid_dotted_name(s); }

bool valid_package_name(std::string_view s) {
  return package_chars_ok(s) && version_split(s) == std::string_view::npos;
}

bool valid_use_flag(std::string_view s) {
  return !s.empty() && is_alnum(s[0]) && all_of_class(s, kUse);
}

bool valid_keyword(std::string_view s) {
  // KEYWORDS tokens: name, ~name, -name, or -* .
  if (s == "-*") return true;
  if (!s.empty() && (s[0] == '~' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty() || s[0] == '-') return false;
  return all_of_class(s, kKeyword);
}

std::optional<PfSplit> split_pf(std::string_view pf) {
  std::size_t k = version_split(pf);
  if (k == std::string_view::npos) return std::nullopt;
  std::string_view pkg = pf.substr(0, k);
  if (!package_chars_ok(pkg) || version_split(pkg) != std::string_view::npos) return std::nullopt;
  auto v = Version::parse(pf.substr(k + 1));
  if (!v) return std::nullopt;
  return PfSplit{pkg, std::move(*v)};
}

std::optional<Atom> Atom::parse(std::string_view s, Eapi eapi, ParseError* err) {
  Atom a;
  std::size_t i = 0;
  if (s.empty()) return fail(err, 0, "empty atom");

  // Blocker.
  if (s[0] == '!') {
    if (s.size() > 1 && s[1] == '!') {
      if (s.size() > 2 && s[2] == '!') return fail(err, 0, "invalid blocker '!!!'");
      if (!eapi.strong_blockers()) return fail(err, 0, "strong blockers ('!!') need EAPI 2 or later");
      a.blocker = Blocker::Strong;
      i = 2;
    } else {
      a.blocker = Blocker::Weak;
      i = 1;
    }
  }

  // Operator.
  std::size_t op_pos = i;
  if (i < s.size()) {
    char c = s[i];
    char n = i + 1 < s.size() ? s[i + 1] : 0;
    if (c == '<') a.op = n == '=' ? Op::LessEq : Op::Less;
    else if (c == '>') a.op = n == '=' ? Op::GreaterEq : Op::Greater;
    else if (c == '=') a.op = Op::Equal;
    else if (c == '~') a.op = Op::Approx;
    i += op_text(a.op).size();
  }

  // category/package[-version][*], up to the slot or USE deps.
  std::size_t cpv_start = i;
  std::size_t cpv_end = i;
  while (cpv_end < s.size() && s[cpv_end] != ':' && s[cpv_end] != '[') ++cpv_end;
  std::string_view cpv = s.substr(cpv_start, cpv_end - cpv_start);
  if (!cpv.empty() && cpv.back() == '*') {
    if (a.op != Op::Equal) return fail(err, cpv_end - 1, "'*' is only allowed with the '=' operator");
    a.glob = true;
    cpv.remove_suffix(1);
  }
  std::size_t slash = find_char(cpv, '/');
  if (slash == std::string_view::npos) return fail(err, cpv_start, "missing category in " + quoted(s));
  std::string_view category = cpv.substr(0, slash);
  std::string_view pv = cpv.substr(slash + 1);
  if (!valid_category_name(category))
    return fail(err, cpv_start, "invalid category name " + quoted(category));
  std::size_t pv_pos = cpv_start + slash + 1;
  std::string_view package = pv;
  if (a.op != Op::None) {
    std::size_t k = version_split(pv);
    if (k == std::string_view::npos) {
      // Name the broken version when there is something version-like.
      for (std::size_t h = find_char(pv, '-'); h != std::string_view::npos; h = find_char(pv, '-', h + 1)) {
        if (h + 1 < pv.size() && is_digit(pv[h + 1]))
          return fail(err, pv_pos + h + 1, "invalid version " + quoted(pv.substr(h + 1)) + at(pv_pos + h + 1));
      }
      return fail(err, op_pos, "operator '" + std::string(op_text(a.op)) + "' needs a version");
    }
    package = pv.substr(0, k);
    std::string_view ver = pv.substr(k + 1);
    a.version = Version::parse(ver);
    if (a.op == Op::Approx && a.version->has_revision())
      return fail(err, pv_pos + k + 1, "'~' cannot be combined with a revision " + quoted(ver));
  }
  if (!package_chars_ok(package)) return fail(err, pv_pos, "invalid package name " + quoted(package));
  if (version_split(package) != std::string_view::npos) {
    if (a.op == Op::None)
      return fail(err, pv_pos, "version without an operator in " + quoted(cpv));
    return fail(err, pv_pos, "invalid package name " + quoted(package) + " (ends in a version)");
  }
  a.category = Symbol::intern(category);
  a.package = Symbol::intern(package);

  // Slot part.
  i = cpv_end;
  if (i < s.size() && s[i] == ':') {
    if (i + 1 < s.size() && s[i + 1] == ':')
      return fail(err, i, "repository dependencies ('::repo') are not allowed in any EAPI");
    std::size_t sl_start = i + 1;
    std::size_t sl_end = find_char(s, '[', sl_start);
    if (sl_end == std::string_view::npos) sl_end = s.size();
    std::string_view sl = s.substr(sl_start, sl_end - sl_start);
    if (!eapi.slot_deps()) return fail(err, i, "slot dependencies need EAPI 1 or later");
    if (sl.empty()) return fail(err, i, "missing slot after ':'" + at(i));
    if (sl == "*" || sl == "=") {
      if (!eapi.slot_operators())
        return fail(err, i, "slot operator ':" + std::string(sl) + "' needs EAPI 5 or later");
      a.slot_op = sl == "*" ? SlotOp::Any : SlotOp::Rebuild;
    } else {
      if (sl.back() == '=') {
        if (!eapi.slot_operators()) return fail(err, i, "slot operator '=' needs EAPI 5 or later");
        a.slot_op = SlotOp::Rebuild;
        sl.remove_suffix(1);
      }
      std::size_t sub = find_char(sl, '/');
      std::string_view slot = sl.substr(0, sub);
      if (!valid_slot_name(slot)) return fail(err, sl_start, "invalid slot " + quoted(s.substr(i, sl_end - i)) + at(i));
      a.slot = Symbol::intern(slot);
      if (sub != std::string_view::npos) {
        std::string_view subslot = sl.substr(sub + 1);
        if (!valid_slot_name(subslot))
          return fail(err, sl_start + sub + 1, "invalid sub-slot " + quoted(s.substr(i, sl_end - i)) + at(i));
        if (!eapi.subslots()) return fail(err, sl_start + sub, "sub-slots need EAPI 5 or later");
        a.subslot = Symbol::intern(subslot);
      }
    }
    // A slot operator on a blocker is valid grammar (atom parsers'
    // conformance data accept "!!=cat/pkg-1-r2:3/4=[a,b,c]") but means
    // nothing: the Dependency check reports it as BadDependency.
    i = sl_end;
  }

  // USE dependencies.
  if (i < s.size() && s[i] == '[') {
    std::size_t open = i;
    std::size_t close = find_char(s, ']', open);
    if (close == std::string_view::npos)
      return fail(err, open, "unterminated USE dependencies " + quoted(s.substr(open)) + at(open));
    if (!eapi.use_deps()) return fail(err, open, "USE dependencies need EAPI 2 or later");
    std::string_view body = s.substr(open + 1, close - open - 1);
    if (body.empty()) return fail(err, open, "empty USE dependencies '[]'" + at(open));
    std::size_t count = std::count(body.begin(), body.end(), ',') + 1;
    a.use.reserve(count);
    std::size_t p = 0;
    for (;;) {
      std::size_t comma = find_char(body, ',', p);
      std::string_view e = body.substr(p, comma == std::string_view::npos ? std::string_view::npos : comma - p);
      std::size_t epos = open + 1 + p;
      UseDep d;
      bool has_default = false;
      if (!parse_use_dep(e, &d, &has_default))
        return fail(err, epos, "invalid USE dependency " + quoted(e) + at(epos));
      if (has_default && !eapi.use_dep_defaults())
        return fail(err, epos, "USE dependency defaults " + quoted(e) + " need EAPI 4 or later");
      a.use.push_back(d);
      if (comma == std::string_view::npos) break;
      p = comma + 1;
    }
    i = close + 1;
    if (i < s.size() && s[i] == ':') return fail(err, i, "the slot must come before USE dependencies");
  }
  if (i < s.size()) return fail(err, i, "unexpected " + quoted(s.substr(i)) + at(i));
  return a;
}

std::string Atom::key() const {
  std::string out;
  out.reserve(category.str().size() + package.str().size() + 1);
  out.append(category.str());
  out += '/';
  out.append(package.str());
  return out;
}

std::string Atom::str() const {
  std::string out;
  out.reserve(64);
  if (blocker == Blocker::Strong) out += "!!";
  else if (blocker == Blocker::Weak) out += '!';
  out.append(op_text(op));
  out.append(category.str());
  out += '/';
  out.append(package.str());
  if (version) {
    out += '-';
    out.append(version->str());
    if (glob) out += '*';
  }
  if (!slot.empty() || slot_op != SlotOp::None) {
    out += ':';
    out.append(slot.str());
    if (!subslot.empty()) {
      out += '/';
      out.append(subslot.str());
    }
    if (slot_op == SlotOp::Rebuild) out += '=';
    else if (slot_op == SlotOp::Any) out += '*';
  }
  if (!use.empty()) {
    out += '[';
    for (std::size_t k = 0; k < use.size(); ++k) {
      const UseDep& d = use[k];
      if (k) out += ',';
      if (d.kind == UseDep::Kind::Disabled) out += '-';
      if (d.kind == UseDep::Kind::NotEqual || d.kind == UseDep::Kind::IfDisabled) out += '!';
      out.append(d.flag.str());
      if (d.def == UseDep::Default::Enabled) out += "(+)";
      else if (d.def == UseDep::Default::Disabled) out += "(-)";
      if (d.kind == UseDep::Kind::Equal || d.kind == UseDep::Kind::NotEqual) out += '=';
      else if (d.kind == UseDep::Kind::IfEnabled || d.kind == UseDep::Kind::IfDisabled) out += '?';
    }
    out += ']';
  }
  return out;
}

bool Atom::matches_version(const Version& v) const {
  if (!version) return true;
  switch (op) {
    case Op::None: return true;
    case Op::Less: return v < *version;
    case Op::LessEq: return v <= *version;
    case Op::Equal: return glob ? v.glob_matches(*version) : v == *version;
    case Op::Approx: return v.equal_ignoring_revision(*version);
    case Op::GreaterEq: return v >= *version;
    case Op::Greater: return v > *version;
  }
  return false;
}

bool Atom::matches(const PackageRef& pkg) const {
  if (category != pkg.category || package != pkg.package) return false;
  if (version && (pkg.version == nullptr || !matches_version(*pkg.version))) return false;
  if (!slot.empty() && slot != pkg.slot) return false;
  if (!subslot.empty() && subslot != pkg.subslot) return false;
  if (pkg.check_use) {
    for (const UseDep& d : use) {
      if (d.def != UseDep::Default::None) continue;
      if (std::find(pkg.iuse.begin(), pkg.iuse.end(), d.flag) == pkg.iuse.end()) return false;
    }
  }
  return true;
}

std::strong_ordering operator<=>(const Atom& a, const Atom& b) {
  if (auto c = lex(a.category, b.category); c != 0) return c;
  if (auto c = lex(a.package, b.package); c != 0) return c;
  if (a.version.has_value() != b.version.has_value())
    return a.version.has_value() ? std::strong_ordering::greater : std::strong_ordering::less;
  if (a.version) {
    if (auto c = *a.version <=> *b.version; c != 0) return c;
  }
  if (auto c = a.op <=> b.op; c != 0) return c;
  if (auto c = a.glob <=> b.glob; c != 0) return c;
  if (auto c = lex(a.slot, b.slot); c != 0) return c;
  if (auto c = lex(a.subslot, b.subslot); c != 0) return c;
  if (auto c = a.slot_op <=> b.slot_op; c != 0) return c;
  if (!same_use_deps(a.use, b.use)) {
    std::vector<const UseDep*> x = use_set(a.use), y = use_set(b.use);
    std::size_t n = std::min(x.size(), y.size());
    for (std::size_t k = 0; k < n; ++k) {
      int c = compare_use(*x[k], *y[k]);
      if (c != 0) return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    }
    if (auto c = x.size() <=> y.size(); c != 0) return c;
  }
  return a.blocker <=> b.blocker;
}

bool operator==(const Atom& a, const Atom& b) {
  return a.category == b.category && a.package == b.package && a.blocker == b.blocker && a.op == b.op &&
         a.glob == b.glob && a.slot_op == b.slot_op && a.version == b.version && a.slot == b.slot &&
         a.subslot == b.subslot && same_use_deps(a.use, b.use);
}

}  // namespace pkgscan
