// src_uri_leaves walks SRC_URI without building a DepSpec: it must accept,
// reject and report exactly as DepSpec::parse(SrcUri) does.
#include <catch2/catch.hpp>

#include "pkgscan/depspec.hpp"

using namespace pkgscan;

namespace {

// Both ways, compared: validity, message and position, then every leaf.
void same_as_depspec(const std::string& text, Eapi eapi) {
  INFO("SRC_URI=\"" << text << "\" EAPI " << eapi.number());
  ParseError tree_err, walk_err;
  std::optional<DepSpec> spec = DepSpec::parse(text, SpecKind::SrcUri, eapi, &tree_err);
  std::vector<SrcUriLeaf> leaves{{"stale", "left over"}};
  bool ok = src_uri_leaves(text, eapi, leaves, &walk_err);
  REQUIRE(ok == spec.has_value());
  if (!ok) {
    CHECK(walk_err.message == tree_err.message);
    CHECK(walk_err.pos == tree_err.pos);
    return;
  }
  REQUIRE(leaves.size() == spec->strings.size());
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    CHECK(leaves[i].uri == spec->strings[i]);
    CHECK(leaves[i].rename == spec->renames[i]);
  }
}

}  // namespace

TEST_CASE("src_uri_leaves agrees with DepSpec::parse on valid and invalid SRC_URI", "[depspec]") {
  const Eapi eapi8 = *Eapi::parse("8");
  const char* cases[] = {
      "",
      "https://example.org/a-1.tar.gz",
      "https://example.org/v1.tar.gz -> a-1.tar.gz mirror://gnu/a/b.tar.xz",
      "doc? ( https://example.org/doc.tar.gz ) !test? ( https://example.org/t.tar.gz -> t-1.tar.gz )",
      "a? ( b? ( c? ( https://x/y.tar ) ) ) ( https://x/z.zip )",
      "fetch+https://x/a.tar mirror+https://x/b.tar bare-file.tar.gz",
      "  \t\nhttps://x/a.tar\n\t",
      // Only spaces (tokens found with memchr), runs of them, at both ends.
      "  https://x/a.tar   https://x/b.tar -> c.tar  doc? (  https://x/d.tar )  ",
      "https://x/a.tar\v->\fb.tar\rhttps://x/c.tar",
      "? https://x/q",
      "|| ( https://x/a.tar )",
      "^^ ( https://x/a.tar )",
      "?? ( https://x/a.tar )",
      "doc? https://x/a.tar",
      "doc?",
      "!? ( https://x/a )",
      "in%valid? ( https://x/a )",
      "https://x/a.tar ->",
      "https://x/a.tar -> -> b",
      "https://x/a.tar -> sub/b",
      "https://x/a.tar -> (",
      "bare.tar -> renamed.tar",
      "-> renamed.tar",
      "( https://x/a.tar ) -> b",
      "https://x/a ( -> b )",
      "( https://x/a.tar",
      "a? ( ( https://x/a.tar )",
      ")",
      "https://x/a.tar )",
  };
  for (const char* c : cases) same_as_depspec(c, eapi8);
  same_as_depspec("https://x/a.tar -> b.tar", *Eapi::parse("1"));  // arrows need EAPI 2
  std::string deep;
  for (int i = 0; i < DepSpec::kMaxDepth + 1; ++i) deep += "( ";
  same_as_depspec(deep + "x", eapi8);
  std::string deep_cond;
  for (int i = 0; i < DepSpec::kMaxDepth + 1; ++i) deep_cond += "u? ( ";
  same_as_depspec(deep_cond + "x", eapi8);
}
