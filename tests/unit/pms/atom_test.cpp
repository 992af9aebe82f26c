// Atoms: validity across EAPIs (table driven, from PMS and gentoo-spec 2.5),
// canonical round trips, matching, ordering, name rules and PF splitting.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "pkgscan/atom.hpp"

using pkgscan::Atom;
using pkgscan::Blocker;
using pkgscan::Eapi;
using pkgscan::Op;
using pkgscan::PackageRef;
using pkgscan::ParseError;
using pkgscan::SlotOp;
using pkgscan::Symbol;
using pkgscan::UseDep;
using pkgscan::Version;

namespace {

struct Case {
  const char* atom;
  int min_eapi;  // lowest EAPI in which it is valid
};

// Valid atoms with the first EAPI that accepts them.
const Case kValid[] = {
    {"dev-lang/python", 0},
    {"dev-lang/python:3.14", 1},
    {">=dev-python/gpep517-16[python_targets_python3_14(-)?]", 4},
    {"=dev-libs/foo-1.2*", 0},
    {"=a/b-3-r1*", 0},
    {"~dev-libs/foo-1.2", 0},
    {"!!<sys-apps/foo-2:0", 2},
    {"dev-libs/openssl:0/1.1", 5},
    {"dev-libs/openssl:0=", 5},
    {"x/y:=", 5},
    {"x/y:*", 5},
    {"a/b:0/1=", 5},
    {"x11-libs/gtk+:3[introspection]", 2},
    {"a/b-r100", 0},
    {"=a/b--1", 0},
    {">a/b-3-c-4-r3", 0},
    {"a/b[a(-),b(+)=,!c(-)=,d(+)?,!e(-)?,-f(+)]", 4},
    {"_/_", 0},
    {"_.+-/_+-", 0},
    {"a/b-", 0},
    {"a/b-3-c", 0},
    {"a/b-bar1", 0},
    {"a/b-1a-foo", 0},
    {"!a/b", 0},
    {"!>=a/b-1", 0},
    {"!!a/b", 2},
    {"!a/b:0", 1},
    {"!a/b[foo]", 2},
    {"<a/b-1", 0},
    {"<=a/b-1", 0},
    {"=a/b-1", 0},
    {">=a/b-1", 0},
    {">a/b-1", 0},
    {"~a/b-1", 0},
    {"=a/b-1-r1", 0},
    {"<a/b-1-r0", 0},
    {">=a/b-1.2.3.4.5.6.7", 0},
    {">=a/b-1_alpha", 0},
    {">=a/b-1_beta2", 0},
    {">=a/b-1_pre3", 0},
    {">=a/b-1_rc4", 0},
    {">=a/b-1_p5", 0},
    {">=a/b-1.2a_p1-r3", 0},
    {">=a/b-123456789012345678901234567890", 0},
    {"=a/b-1*", 0},
    {"=a/b-1.2_rc*", 0},
    {"=a/b-1a*", 0},
    {"a/b:0", 1},
    {"a/b:slot_name", 1},
    {"a/b:a.b+c-d_e", 1},
    {"a/b:_", 1},
    {"a/b:0/0", 5},
    {"a/b:0/1.2", 5},
    {"a/b:x=", 5},
    {">=a/b-1:2=", 5},
    {">=a/b-1:2/3", 5},
    {">=a/b-1:*", 5},
    {"a/b[u]", 2},
    {"a/b[-u]", 2},
    {"a/b[u=]", 2},
    {"a/b[!u=]", 2},
    {"a/b[u?]", 2},
    {"a/b[!u?]", 2},
    {"a/b[u,v,w]", 2},
    {"a/b[u-v]", 2},
    {"a/b[u_v]", 2},
    {"a/b[u+v]", 2},
    {"a/b[u@v]", 2},
    {"a/b[9u]", 2},
    {"a/b[U]", 2},
    {"a/b[u(+)]", 4},
    {"a/b[u(-)]", 4},
    {"a/b[-u(+)]", 4},
    {"a/b[u(+)=]", 4},
    {"a/b[!u(-)=]", 4},
    {"a/b[u(+)?]", 4},
    {"a/b[!u(-)?]", 4},
    {"a/b:0[u]", 2},
    {"a/b:0/1[u]", 5},
    {"a/b:=[u]", 5},
    {"a/b:*[u(-)]", 5},
    {">=a/b-1:0=[u]", 5},
    {"!!>=a/b-1:0[u]", 2},
    {"a/b[u,u]", 2},
    {"a/b[b,a]", 2},
    {"dev-qt/qtcore:5=[icu]", 5},
    {"media-libs/mesa[X(+),egl(+)]", 4},
    {"sys-libs/glibc:2.2", 1},
    {"dev-perl/Foo-Bar", 0},
    {">=app-misc/pkg-9999", 0},
    {"cat.egory/p", 0},
    {"Cat_1/P+", 0},
    {"a/b--", 0},
    {"a/b-r", 0},
    {"a/b-rc1", 0},
    {"a/b-1x1", 0},
    {"=a/b-01.02-r003", 0},
    {"~a/b-1.2_rc1", 0},
    {"<=a/b-0", 0},
    {"a/b[a,b(-),c=,!d?]", 4},
    {"=a/b-1.0.0*:0", 1},
    {"=a/b-1*[u]", 2},
    {"!!=a/b-1*", 2},
    // Slot operators on blockers are grammatical; BadDependency says they mean nothing.
    {"!!=cat/pkg-1-r2:3/4=[a,b,c]", 5},
    {"!a/b:=", 5},
    {"!a/b:*", 5},
    {"!a/b:0=", 5},
    {"a/b[u-,u+]", 2},
};

// Invalid atoms in every EAPI.
const char* const kInvalid[] = {
    "",
    "a",
    "/b",
    "a/",
    "a/b/c",
    "!!!a/b",
    "!",
    "!!",
    ">=",
    "a/b:=0",
    "a/b:*=",
    "a/b:==",
    "a/b:0*",
    "a/b:0/",
    "a/b:/0",
    "a/b:0//1",
    "a/b:0/1/2",
    "a/b:",
    "a/b:+bar",
    "a/b:-b",
    "a/b:.a",
    "a/b:0/+1",
    "a/b:**",
    "a/b:0:1",
    "a/b-0",
    "dev-libs/foo-1.0",
    "a/b-1-r1",
    ">=dev-libs/foo",
    "~a/b-r1",
    "<a/b1a",
    "=a/b",
    ">=a/b-",
    ">=a/b-foo",
    ">=a/b-1-2",
    ">=a/b-0*",
    "~a/b-0*",
    "a/b-0*",
    "a/b*",
    "<a/b-1*",
    "=a/b-0.*",
    "=a/b-0-r*",
    "=a/b-1_a",
    "=a/b-1aa",
    "=a/b-1.a",
    "=a/b-1..2",
    "=a/b-1a-1",
    "=a/b-1.",
    "=a/b-1-r",
    "=a/b-1_alpha_",
    "a/b[]",
    "a/b[u,]",
    "a/b[,u]",
    "a/b[!a]",
    "a/b[-a?]",
    "a/b[-a=]",
    "a/b[+u]",
    "a/b[u??]",
    "a/b[u(+)(-)]",
    "a/b[(-)u]",
    "a/b[a(b)]",
    "a/b[u(+]",
    "a/b[u()]",
    "a/b[u(*)]",
    "a/b[u?=]",
    "a/b[_u]",
    "a/b[u",
    "a/b[u]]",
    "a/b[u][v]",
    "a/b[u]x",
    "a/b[u]:0",
    "a/b[u u]",
    "a/b[u;v]",
    "a/b[!-u]",
    "a/b[-!u=]",
    "cat/pkg::gentoo",
    "cat/pkg:0::gentoo",
    ">=cat/pkg-1::gentoo",
    "~dev-libs/foo-1.2-r1",
    "~dev-libs/foo-1.2-r0",
    "-a/b",
    ".a/b",
    "+a/b",
    "a/-b",
    "a/+b",
    "a b/c",
    "a/b c",
    "a/b$",
    "a/b@",
    "=<a/b-1",
    "=>a/b-1",
    "<<a/b-1",
    "~~a/b-1",
    "!=!a/b-1",
    ">=a/b-1.2.3-r1.2",
    ">=a/b-1_p1a",
    ">=a/b-1A",
    "a/b-1.2b",
    "a/b-1-r3",
    "a/b:0 ",
    " a/b",
    "a/b[u(+)=,]",
    "=a/b-1**",
    "*a/b-1",
    "app-misc/pkg-9999",
    "dev-perl/Foo-Bar-1a",
};

bool valid(const char* s, int eapi, ParseError* err = nullptr) {
  return Atom::parse(s, Eapi::of(eapi), err).has_value();
}

Atom parse(const char* s, int eapi = 9) {
  ParseError err;
  auto a = Atom::parse(s, Eapi::of(eapi), &err);
  INFO(s << ": " << err.message);
  REQUIRE(a.has_value());
  return *a;
}

std::string error_of(const char* s, int eapi = 9) {
  ParseError err;
  auto a = Atom::parse(s, Eapi::of(eapi), &err);
  REQUIRE_FALSE(a.has_value());
  return err.message;
}

}  // namespace

TEST_CASE("valid atoms parse from their first EAPI on", "[atom]") {
  int n = 0;
  for (const Case& c : kValid) {
    ++n;
    for (int e = 0; e <= 9; ++e) {
      ParseError err;
      bool ok = valid(c.atom, e, &err);
      INFO(c.atom << " EAPI " << e << ": " << err.message);
      CHECK(ok == (e >= c.min_eapi));
    }
  }
  CHECK(n >= 100);
}

TEST_CASE("invalid atoms fail in every EAPI with a message", "[atom]") {
  CHECK(std::size(kInvalid) >= 100);
  for (const char* s : kInvalid) {
    for (int e = 0; e <= 9; ++e) {
      ParseError err;
      bool ok = valid(s, e, &err);
      INFO(s << " EAPI " << e);
      CHECK_FALSE(ok);
      CHECK_FALSE(err.message.empty());
    }
  }
}

TEST_CASE("canonical text round trips", "[atom]") {
  for (const Case& c : kValid) {
    Atom a = parse(c.atom);
    std::string text = a.str();
    Atom b = parse(text.c_str());
    INFO(c.atom << " -> " << text);
    CHECK(a == b);
    CHECK(b.str() == text);
    CHECK(std::is_eq(a <=> b));
  }
  // USE dependencies keep the order written.
  CHECK(parse("a/b[b,a]").str() == "a/b[b,a]");
  CHECK(parse("a/b[u-,u+]").str() == "a/b[u-,u+]");
  CHECK(parse("a/b[u,u]").str() == "a/b[u,u]");
  CHECK(parse("!!=cat/pkg-1-r2:3/4=[a,b,c]").str() == "!!=cat/pkg-1-r2:3/4=[a,b,c]");
  CHECK(parse(">=dev-python/gpep517-16[python_targets_python3_14(-)?]").str() ==
        ">=dev-python/gpep517-16[python_targets_python3_14(-)?]");
  CHECK(parse("!!<sys-apps/foo-2:0").str() == "!!<sys-apps/foo-2:0");
  CHECK(parse("a/b:0/1=").str() == "a/b:0/1=");
}

TEST_CASE("parsed fields", "[atom]") {
  Atom a = parse(">=dev-libs/openssl-1.1.1_p2-r3:0/1.1=[-bindist(-),ssl?]");
  CHECK(a.blocker == Blocker::None);
  CHECK(a.op == Op::GreaterEq);
  CHECK(a.category.str() == "dev-libs");
  CHECK(a.package.str() == "openssl");
  CHECK(a.version->str() == "1.1.1_p2-r3");
  CHECK(a.slot.str() == "0");
  CHECK(a.subslot.str() == "1.1");
  CHECK(a.slot_op == SlotOp::Rebuild);
  REQUIRE(a.use.size() == 2);
  CHECK(a.use[0].flag.str() == "bindist");
  CHECK(a.use[0].kind == UseDep::Kind::Disabled);
  CHECK(a.use[0].def == UseDep::Default::Disabled);
  CHECK(a.use[1].kind == UseDep::Kind::IfEnabled);
  CHECK(a.key() == "dev-libs/openssl");

  Atom b = parse(">a/b-3-c-4-r3");
  CHECK(b.package.str() == "b-3-c");
  CHECK(b.version->str() == "4-r3");
  Atom c = parse("=a/b--1");
  CHECK(c.package.str() == "b-");
  CHECK(c.version->str() == "1");
  Atom d = parse("a/b-r100");
  CHECK(d.package.str() == "b-r100");
  CHECK_FALSE(d.version.has_value());
  Atom g = parse("=a/b-1.2*");
  CHECK(g.glob);
  CHECK(g.op == Op::Equal);
  CHECK(parse("a/b:*").slot_op == SlotOp::Any);
  CHECK(parse("a/b:=").slot.empty());
  CHECK(parse("!a/b").blocker == Blocker::Weak);
  CHECK(parse("a/b[u,u]") == parse("a/b[u]"));
  CHECK(parse("a/b[a,b]") == parse("a/b[b,a]"));
  CHECK(parse("a/b[a,b]") == parse("a/b[b,a,b]"));
  CHECK_FALSE(parse("a/b[a,b]") == parse("a/b[a]"));
  CHECK_FALSE(parse("a/b[a,b]") == parse("a/b[a,-b]"));
  CHECK(std::is_eq(parse("a/b[a,b]") <=> parse("a/b[b,a]")));
  CHECK(parse("a/b[a]") < parse("a/b[b,a]"));
  CHECK(parse("a/b[c,a]") < parse("a/b[b]"));  // as sets: {a,c} < {b}
  Atom blocker = parse("!!=cat/pkg-1-r2:3/4=[a,b,c]");
  CHECK(blocker.blocker == Blocker::Strong);
  CHECK(blocker.slot.str() == "3");
  CHECK(blocker.subslot.str() == "4");
  CHECK(blocker.slot_op == SlotOp::Rebuild);
  CHECK(parse("=a/b-1.0") == parse("=a/b-1.00"));
}

TEST_CASE("error messages name the part and position", "[atom]") {
  ParseError err;
  CHECK_FALSE(Atom::parse(">=a/b-1[-a?]", Eapi::of(8), &err));
  CHECK(err.message == "invalid USE dependency '-a?' at 8");
  CHECK(err.pos == 8);
  CHECK(error_of("a/b:0/1", 4) == "sub-slots need EAPI 5 or later");
  CHECK(error_of("a/b:0", 0) == "slot dependencies need EAPI 1 or later");
  CHECK(error_of("a/b[u]", 1) == "USE dependencies need EAPI 2 or later");
  CHECK(error_of("a/b[u(+)]", 3).find("need EAPI 4 or later") != std::string::npos);
  CHECK(error_of("a/b:=", 4).find("EAPI 5") != std::string::npos);
  CHECK(error_of("!!a/b", 1).find("EAPI 2") != std::string::npos);
  CHECK(error_of("~a/b-1-r1").find("revision") != std::string::npos);
  CHECK(error_of("cat/pkg::gentoo").find("::repo") != std::string::npos);
  CHECK(error_of("a/b[u]:0").find("slot must come before") != std::string::npos);
  CHECK(error_of("a/b-1").find("without an operator") != std::string::npos);
  CHECK(error_of(">=a/b").find("needs a version") != std::string::npos);
  CHECK(error_of("=a/b-1.a").find("invalid version '1.a'") != std::string::npos);
  CHECK(error_of("a/b:0/") == "invalid sub-slot ':0/' at 3");
  CHECK(error_of("a/b*").find("'*'") != std::string::npos);
  CHECK(error_of("a/b[u,,v]") == "invalid USE dependency '' at 6");
}

namespace {

struct Pkg {
  Pkg(const char* cat, const char* pkg, const char* ver, const char* slot = "0", const char* sub = "")
      : version(*Version::parse(ver)) {
    ref.category = Symbol::intern(cat);
    ref.package = Symbol::intern(pkg);
    ref.version = &version;
    ref.slot = Symbol::intern(slot);
    ref.subslot = Symbol::intern(sub[0] ? sub : slot);
  }
  Version version;
  PackageRef ref;
};

}  // namespace

TEST_CASE("matching by name, version, slot", "[atom]") {
  Pkg p("dev-libs", "foo", "1.2-r5", "0", "1.1");
  p.ref.version = &p.version;
  CHECK(parse("dev-libs/foo").matches(p.ref));
  CHECK_FALSE(parse("dev-libs/bar").matches(p.ref));
  CHECK_FALSE(parse("dev-lib/foo").matches(p.ref));
  CHECK(parse(">=dev-libs/foo-1.2").matches(p.ref));
  CHECK(parse(">dev-libs/foo-1.2").matches(p.ref));
  CHECK_FALSE(parse(">dev-libs/foo-1.2-r5").matches(p.ref));
  CHECK(parse("<=dev-libs/foo-1.2-r5").matches(p.ref));
  CHECK_FALSE(parse("<dev-libs/foo-1.2-r5").matches(p.ref));
  CHECK(parse("<dev-libs/foo-1.10").matches(p.ref));
  CHECK(parse("=dev-libs/foo-1.2-r5").matches(p.ref));
  CHECK_FALSE(parse("=dev-libs/foo-1.2").matches(p.ref));
  CHECK(parse("~dev-libs/foo-1.2").matches(p.ref));
  CHECK_FALSE(parse("~dev-libs/foo-1.3").matches(p.ref));
  CHECK(parse("=dev-libs/foo-1.2*").matches(p.ref));
  CHECK(parse("=dev-libs/foo-1*").matches(p.ref));
  CHECK_FALSE(parse("=dev-libs/foo-1.20*").matches(p.ref));
  CHECK(parse("dev-libs/foo:0").matches(p.ref));
  CHECK_FALSE(parse("dev-libs/foo:1").matches(p.ref));
  CHECK(parse("dev-libs/foo:0/1.1").matches(p.ref));
  CHECK_FALSE(parse("dev-libs/foo:0/3").matches(p.ref));
  CHECK(parse("dev-libs/foo:=").matches(p.ref));
  CHECK(parse("dev-libs/foo:*").matches(p.ref));
  CHECK(parse("dev-libs/foo:0=").matches(p.ref));
  CHECK(parse("!dev-libs/foo").matches(p.ref));  // the blocker is ignored

  Pkg ten("dev-libs", "foo", "10");
  CHECK_FALSE(parse("=dev-libs/foo-1*").matches(ten.ref));
  Pkg rc("dev-libs", "foo", "1_rc1");
  CHECK(parse("=dev-libs/foo-1*").matches(rc.ref));
  Pkg r0("dev-libs", "foo", "1.2");
  CHECK(parse("~dev-libs/foo-1.2").matches(r0.ref));
}

TEST_CASE("matching USE deps against IUSE", "[atom]") {
  Pkg p("a", "b", "1");
  std::vector<Symbol> iuse = {Symbol::intern("ssl"), Symbol::intern("gtk")};
  p.ref.iuse = iuse;
  p.ref.check_use = true;
  CHECK(parse("a/b[ssl]").matches(p.ref));
  CHECK(parse("a/b[-gtk,ssl?]").matches(p.ref));
  CHECK_FALSE(parse("a/b[qt]").matches(p.ref));
  CHECK_FALSE(parse("a/b[qt?]").matches(p.ref));
  CHECK(parse("a/b[qt(-)]").matches(p.ref));
  CHECK(parse("a/b[qt(+)?]").matches(p.ref));
  CHECK_FALSE(parse("a/b[ssl,qt=]").matches(p.ref));
  p.ref.check_use = false;
  CHECK(parse("a/b[qt]").matches(p.ref));
}

TEST_CASE("total order", "[atom]") {
  std::vector<Atom> atoms;
  for (const char* s : {"b/a", "a/b:1", "a/b", ">=a/b-2", "=a/b-1", "a/b:0", "!a/b", "a/b[x]", "a/c", "<a/b-1"})
    atoms.push_back(parse(s));
  std::sort(atoms.begin(), atoms.end());
  std::vector<std::string> out;
  for (auto& a : atoms) out.push_back(a.str());
  CHECK(out == std::vector<std::string>{"a/b", "!a/b", "a/b[x]", "a/b:0", "a/b:1", "<a/b-1", "=a/b-1", ">=a/b-2",
                                        "a/c", "b/a"});
  for (std::size_t i = 0; i + 1 < atoms.size(); ++i) {
    CHECK(atoms[i] < atoms[i + 1]);
    CHECK_FALSE(atoms[i + 1] < atoms[i]);
  }
}

TEST_CASE("name rules", "[atom]") {
  CHECK(pkgscan::valid_category_name("dev-libs"));
  CHECK(pkgscan::valid_category_name("_"));
  CHECK_FALSE(pkgscan::valid_category_name("-dev"));
  CHECK_FALSE(pkgscan::valid_category_name(".dev"));
  CHECK_FALSE(pkgscan::valid_category_name(""));
  CHECK(pkgscan::valid_package_name("foo-r100"));
  CHECK(pkgscan::valid_package_name("foo-"));
  CHECK(pkgscan::valid_package_name("foo-3-c"));
  CHECK(pkgscan::valid_package_name("foo-bar1"));
  CHECK(pkgscan::valid_package_name("gtk+"));
  CHECK_FALSE(pkgscan::valid_package_name("foo-1"));
  CHECK_FALSE(pkgscan::valid_package_name("foo-1.2b"));
  CHECK_FALSE(pkgscan::valid_package_name("foo-1-r3"));
  CHECK_FALSE(pkgscan::valid_package_name("+foo"));
  CHECK_FALSE(pkgscan::valid_package_name("foo.bar"));
  CHECK(pkgscan::valid_use_flag("python_targets_python3_14"));
  CHECK(pkgscan::valid_use_flag("a@b+c-d"));
  CHECK_FALSE(pkgscan::valid_use_flag("_a"));
  CHECK_FALSE(pkgscan::valid_use_flag("-a"));
  CHECK_FALSE(pkgscan::valid_use_flag("a.b"));
  CHECK(pkgscan::valid_slot_name("0.1_a+b-c"));
  CHECK_FALSE(pkgscan::valid_slot_name("+bar"));
  CHECK(pkgscan::valid_license_name("GPL-2+"));
  CHECK_FALSE(pkgscan::valid_license_name("-GPL"));
  CHECK(pkgscan::valid_keyword("amd64"));
  CHECK(pkgscan::valid_keyword("~amd64-linux"));
  CHECK(pkgscan::valid_keyword("-arm"));
  CHECK(pkgscan::valid_keyword("-*"));
  CHECK_FALSE(pkgscan::valid_keyword("~~amd64"));
  CHECK_FALSE(pkgscan::valid_keyword("amd64.x"));
  CHECK_FALSE(pkgscan::valid_keyword(""));
}

TEST_CASE("split_pf", "[atom]") {
  auto s = pkgscan::split_pf("pkg-1.2-r3");
  REQUIRE(s);
  CHECK(s->package == "pkg");
  CHECK(s->version.str() == "1.2-r3");
  s = pkgscan::split_pf("b-3-c-4-r3");
  REQUIRE(s);
  CHECK(s->package == "b-3-c");
  CHECK(s->version.str() == "4-r3");
  s = pkgscan::split_pf("DAWG-Python-0.7.2");
  REQUIRE(s);
  CHECK(s->package == "DAWG-Python");
  CHECK_FALSE(pkgscan::split_pf("pkg"));
  CHECK_FALSE(pkgscan::split_pf("pkg-r1"));
  CHECK_FALSE(pkgscan::split_pf("pkg-1-2"));
  CHECK_FALSE(pkgscan::split_pf("-1"));
}
