// for_each_leaf_with_conditions: the same leaves, conditions and any-of marks
// as flatten(), and a nested walk from inside the callback does not disturb
// the outer one.
#include <catch2/catch.hpp>

#include "pkgscan/depspec.hpp"

using namespace pkgscan;

namespace {

DepSpec parse_dep(std::string_view text) {
  ParseError err;
  auto d = DepSpec::parse(text, SpecKind::Depend, Eapi::latest(), &err);
  REQUIRE(d);
  return std::move(*d);
}

std::vector<DepSpec::FlatLeaf> walk(const DepSpec& d) {
  std::vector<DepSpec::FlatLeaf> out;
  d.for_each_leaf_with_conditions([&](const DepSpec::LeafView& l) {
    out.push_back({l.node, {l.conditions.begin(), l.conditions.end()}, l.in_any_of});
  });
  return out;
}

void check_same(const std::vector<DepSpec::FlatLeaf>& a, const std::vector<DepSpec::FlatLeaf>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].node == b[i].node);
    CHECK(a[i].conditions == b[i].conditions);
    CHECK(a[i].in_any_of == b[i].in_any_of);
  }
}

}  // namespace

TEST_CASE("for_each_leaf_with_conditions matches flatten", "[depspec]") {
  for (std::string_view text : {"", "a/a", "a/a x? ( !y? ( b/b ) || ( c/c d/d ) ) e/e",
                                "|| ( x? ( a/a ) ( b/b c/c ) ) !z? ( w? ( d/d ) e/e ) f/f",
                                "x? ( y? ( z? ( a/a ) ) b/b ) c/c"}) {
    INFO(text);
    DepSpec d = parse_dep(text);
    check_same(walk(d), d.flatten());
  }
  DepSpec d = parse_dep("a/a x? ( !y? ( b/b ) ) || ( c/c )");
  auto flat = walk(d);
  REQUIRE(flat.size() == 3);
  REQUIRE(flat[1].conditions.size() == 2);
  CHECK(flat[1].conditions[1].flag.str() == "y");
  CHECK(flat[1].conditions[1].negated);
  CHECK(flat[2].in_any_of);
  CHECK(flat[2].conditions.empty());
}

TEST_CASE("for_each_leaf_with_conditions may nest", "[depspec]") {
  DepSpec outer = parse_dep("x? ( a/a y? ( b/b ) ) c/c");
  DepSpec inner = parse_dep("z? ( || ( d/d e/e ) )");
  std::vector<DepSpec::FlatLeaf> seen;
  outer.for_each_leaf_with_conditions([&](const DepSpec::LeafView& l) {
    check_same(walk(inner), inner.flatten());  // runs on its own stacks
    seen.push_back({l.node, {l.conditions.begin(), l.conditions.end()}, l.in_any_of});
  });
  check_same(seen, outer.flatten());
}
