// Dependency specifications: parsing per kind and EAPI, canonical text,
// flatten, evaluate, REQUIRED_USE satisfaction, errors and the depth limit.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "pkgscan/depspec.hpp"

using pkgscan::DepSpec;
using pkgscan::Eapi;
using pkgscan::NodeKind;
using pkgscan::ParseError;
using pkgscan::SpecKind;
using pkgscan::Symbol;

namespace {

DepSpec parse(const std::string& s, SpecKind k = SpecKind::Depend, int eapi = 8) {
  ParseError err;
  auto d = DepSpec::parse(s, k, Eapi::of(eapi), &err);
  INFO(s << ": " << err.message);
  REQUIRE(d.has_value());
  return *d;
}

ParseError error_of(const std::string& s, SpecKind k = SpecKind::Depend, int eapi = 8) {
  ParseError err;
  auto d = DepSpec::parse(s, k, Eapi::of(eapi), &err);
  INFO(s);
  REQUIRE_FALSE(d.has_value());
  REQUIRE_FALSE(err.message.empty());
  return err;
}

std::function<bool(Symbol)> use(std::set<std::string> on) {
  return [on = std::move(on)](Symbol f) { return on.count(std::string(f.str())) > 0; };
}

}  // namespace

TEST_CASE("dependency strings parse into a flat pre-order tree", "[depspec]") {
  DepSpec d = parse("  dev-libs/a\t|| ( b/c >=d/e-1 )\nssl? ( !f/g ( h/i ) )  ");
  CHECK(d.atoms.size() == 5);
  REQUIRE(d.nodes.size() == 9);
  CHECK(d.nodes[0].end == 9);
  CHECK(d.nodes[1].kind == NodeKind::Leaf);
  CHECK(d.nodes[2].kind == NodeKind::AnyOf);
  CHECK(d.nodes[2].end == 5);
  CHECK(d.nodes[5].kind == NodeKind::UseCond);
  CHECK(d.nodes[5].flag.str() == "ssl");
  CHECK(d.nodes[5].end == 9);
  CHECK(d.nodes[7].kind == NodeKind::AllOf);
  CHECK(d.nodes[2].pos == 13);
  CHECK(d.str() == "dev-libs/a || ( b/c >=d/e-1 ) ssl? ( !f/g ( h/i ) )");
  CHECK(parse(d.str()).str() == d.str());
  CHECK(parse("").empty());
  CHECK(parse("   \n ").empty());
  CHECK(parse("( )").nodes.size() == 2);
  CHECK(parse("|| ( )").nodes[1].kind == NodeKind::AnyOf);
}

TEST_CASE("kinds and EAPI rules", "[depspec]") {
  parse("|| ( a b ) ^^ ( c d ) ?? ( e !f ) g? ( h )", SpecKind::RequiredUse, 5);
  error_of("?? ( a b )", SpecKind::RequiredUse, 4);
  error_of("^^ ( a/b )", SpecKind::Depend);
  error_of("?? ( a/b )", SpecKind::Depend);
  error_of("|| ( a b )", SpecKind::Plain);
  error_of("|| ( http://x/a )", SpecKind::SrcUri);
  parse("|| ( GPL-2 MIT ) ssl? ( openssl )", SpecKind::License);
  error_of("-GPL", SpecKind::License);
  parse("test? ( test ) mirror", SpecKind::Plain);
  error_of("a/b:0/1", SpecKind::Depend, 4);
  parse("a/b:0/1", SpecKind::Depend, 5);
  CHECK(parse("!a", SpecKind::RequiredUse).nodes[1].negated);
  error_of("_a", SpecKind::RequiredUse);
  error_of("!", SpecKind::RequiredUse);
}

TEST_CASE("SRC_URI arrows", "[depspec]") {
  DepSpec d = parse("https://x.org/a.tgz -> b.tgz foo? ( mirror://m/c.zip ) d.patch", SpecKind::SrcUri, 8);
  REQUIRE(d.strings.size() == 3);
  CHECK(d.strings[0] == "https://x.org/a.tgz");
  CHECK(d.renames[0] == "b.tgz");
  CHECK(d.renames[1].empty());
  CHECK(d.str() == "https://x.org/a.tgz -> b.tgz foo? ( mirror://m/c.zip ) d.patch");
  error_of("https://x.org/a.tgz -> b.tgz", SpecKind::SrcUri, 1);
  error_of("-> b.tgz", SpecKind::SrcUri);
  error_of("https://x/a -> b -> c", SpecKind::SrcUri);
  error_of("https://x/a ->", SpecKind::SrcUri);
  error_of("https://x/a -> )", SpecKind::SrcUri);
  error_of("https://x/a -> d/e", SpecKind::SrcUri);
  error_of("( https://x/a ) -> b", SpecKind::SrcUri);
  error_of("a.tgz -> b", SpecKind::SrcUri);
}

TEST_CASE("errors name the problem and its position", "[depspec]") {
  ParseError e = error_of("a/b c/d[-u?]");
  CHECK(e.message == "invalid atom 'c/d[-u?]' at 4: invalid USE dependency '-u?' at 4");
  CHECK(e.pos == 8);
  e = error_of("a/b )");
  CHECK(e.message == "unmatched ')' at 4");
  e = error_of("a/b ( c/d");
  CHECK(e.message == "unclosed group at 4");
  e = error_of("|| a/b");
  CHECK(e.message == "expected '(' after '||' at 3");
  e = error_of("ssl?");
  CHECK(e.pos == 0);
  e = error_of("a/b ssl?(");
  CHECK(e.pos == 4);
  error_of("ssl? (a/b )");
  error_of("a/b)");
  error_of("_x? ( a/b )");
}

TEST_CASE("nesting beyond kMaxDepth is an error, not a crash", "[depspec]") {
  auto nested = [](int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "( ";
    s += "a/b";
    for (int i = 0; i < depth; ++i) s += " )";
    return s;
  };
  DepSpec ok = parse(nested(DepSpec::kMaxDepth));
  CHECK(ok.atoms.size() == 1);
  ParseError e = error_of(nested(DepSpec::kMaxDepth + 1));
  CHECK(e.message.find("nesting deeper than 256") != std::string::npos);
  error_of(nested(1000000));
  std::string conds;
  for (int i = 0; i < 100000; ++i) conds += "u? ( ";
  error_of(conds);
}

TEST_CASE("flatten lists leaves with their conditions", "[depspec]") {
  DepSpec d = parse("a/a x? ( !y? ( b/b ) || ( c/c d/d ) ) e/e");
  auto flat = d.flatten();
  REQUIRE(flat.size() == 5);
  CHECK(d.atoms[d.nodes[flat[0].node].leaf].str() == "a/a");
  CHECK(flat[0].conditions.empty());
  CHECK_FALSE(flat[0].in_any_of);
  REQUIRE(flat[1].conditions.size() == 2);
  CHECK(flat[1].conditions[0].flag.str() == "x");
  CHECK_FALSE(flat[1].conditions[0].negated);
  CHECK(flat[1].conditions[1].flag.str() == "y");
  CHECK(flat[1].conditions[1].negated);
  CHECK(flat[2].in_any_of);
  CHECK(flat[2].conditions.size() == 1);
  CHECK(flat[3].in_any_of);
  CHECK_FALSE(flat[4].in_any_of);
  CHECK(flat[4].conditions.empty());
  int leaves = 0;
  d.for_each_leaf([&](std::uint32_t n) {
    CHECK(d.nodes[n].kind == NodeKind::Leaf);
    ++leaves;
  });
  CHECK(leaves == 5);
}

TEST_CASE("evaluate resolves USE conditionals", "[depspec]") {
  DepSpec d = parse("a/a x? ( b/b !y? ( c/c ) ) || ( z? ( d/d ) e/e ) !x? ( f/f )");
  CHECK(d.evaluate(use({})).str() == "a/a || ( e/e ) f/f");
  CHECK(d.evaluate(use({"x"})).str() == "a/a b/b c/c || ( e/e )");
  CHECK(d.evaluate(use({"x", "y", "z"})).str() == "a/a b/b || ( d/d e/e )");
  DepSpec e = d.evaluate(use({"x", "z"}));
  CHECK(e.atoms.size() == 5);
  CHECK(e.nodes[0].end == e.nodes.size());
  CHECK(parse(e.str()).str() == e.str());
  DepSpec s = parse("http://a/b -> c x? ( http://d/e -> f )", SpecKind::SrcUri);
  CHECK(s.evaluate(use({"x"})).str() == "http://a/b -> c http://d/e -> f");
  CHECK(s.evaluate(use({})).str() == "http://a/b -> c");
}

TEST_CASE("REQUIRED_USE satisfaction", "[depspec]") {
  auto sat = [](const char* ru, std::set<std::string> on, int eapi = 8) {
    return parse(ru, SpecKind::RequiredUse, eapi).satisfied(use(std::move(on)), Eapi::of(eapi));
  };
  CHECK(sat("a", {"a"}));
  CHECK_FALSE(sat("a", {}));
  CHECK(sat("!a", {}));
  CHECK(sat("|| ( a b )", {"b"}));
  CHECK_FALSE(sat("|| ( a b )", {}));
  CHECK(sat("^^ ( a b )", {"a"}));
  CHECK_FALSE(sat("^^ ( a b )", {"a", "b"}));
  CHECK_FALSE(sat("^^ ( a b )", {}));
  CHECK(sat("?? ( a b )", {}));
  CHECK(sat("?? ( a b )", {"b"}));
  CHECK_FALSE(sat("?? ( a b )", {"a", "b"}));
  CHECK(sat("x? ( a )", {}));
  CHECK_FALSE(sat("x? ( a )", {"x"}));
  CHECK(sat("!x? ( a )", {"x"}));
  CHECK(sat("^^ ( x? ( a ) b )", {"b", "a"}));       // x? ( a ) is not a member when x is off
  CHECK_FALSE(sat("^^ ( x? ( a ) b )", {"x", "b", "a"}));
  CHECK(sat("^^ ( ( a b ) c )", {"a", "b"}));
  CHECK_FALSE(sat("^^ ( ( a b ) c )", {"a", "b", "c"}));
  CHECK(sat("|| ( )", {}, 6));
  CHECK_FALSE(sat("|| ( )", {}, 7));
  CHECK(sat("^^ ( )", {}, 6));
  CHECK_FALSE(sat("^^ ( )", {}, 7));
  CHECK_FALSE(sat("|| ( x? ( a ) )", {}, 8));  // no members left
  CHECK(sat("?? ( )", {}, 8));
  CHECK(sat("a? ( b ) b? ( !c )", {"a", "b"}));
  CHECK_FALSE(sat("a? ( b ) b? ( !c )", {"a", "b", "c"}));
}
