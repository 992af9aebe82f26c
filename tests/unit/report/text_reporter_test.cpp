#include <algorithm>

#include <catch2/catch.hpp>

#include "report_helpers.hpp"

using namespace pkgscan;
using pkgscan::test::make_result;
using pkgscan::test::render;

TEST_CASE("text: grouped by header, one indented line per result", "[text]") {
  Result repo = make_result("RepoWide", Level::Warning, Scope::Repo, "", "", "", "repo problem");
  Result cat = make_result("CatMissingMetadataXml", Level::Error, Scope::Category, "dev-libs", "",
                           "", "category is missing metadata.xml");
  Result pkg = make_result("UnusedLocalUse", Level::Warning, Scope::Package, "dev-libs", "foo", "",
                           "bar");
  Result v1 = make_result("MissingSlotDep", Level::Warning, Scope::Version, "dev-libs", "foo",
                          "1.2-r1", "RDEPEND: dev-libs/bar");
  v1.line = 7;
  Result v2 = make_result("DeprecatedEapi", Level::Style, Scope::Version, "dev-libs", "foo", "1.3",
                          "EAPI 6");
  Result other = make_result("NoMessage", Level::Info, Scope::Version, "dev-libs", "zzz", "2", "");

  std::string out = render("text", {repo, cat, pkg, v1, v2, other});
  CHECK(out ==
        "repo\n"
        "  RepoWide: repo problem\n"
        "\n"
        "dev-libs\n"
        "  CatMissingMetadataXml: category is missing metadata.xml\n"
        "\n"
        "dev-libs/foo\n"
        "  UnusedLocalUse: bar\n"
        "  MissingSlotDep: version 1.2-r1, line 7: RDEPEND: dev-libs/bar\n"
        "  DeprecatedEapi: version 1.3: EAPI 6\n"
        "\n"
        "dev-libs/zzz\n"
        "  NoMessage: version 2\n");
}

TEST_CASE("text: a line of a non-version result is shown with its file", "[text]") {
  Result r = make_result("BadMask", Level::Warning, Scope::Repo, "", "", "", "unknown atom");
  r.path = "profiles/package.mask";
  r.line = 12;
  Result no_line = r;
  no_line.line = 0;
  CHECK(render("text", {r, no_line}) ==
        "repo\n"
        "  BadMask: profiles/package.mask, line 12: unknown atom\n"
        "  BadMask: unknown atom\n");
}

TEST_CASE("text: continuation lines of a message are indented", "[text]") {
  Result r = make_result("Multi", Level::Warning, Scope::Package, "c", "p", "", "first\nsecond");
  CHECK(render("text", {r}) == "c/p\n  Multi: first\n    second\n");
  r.message = "one\n\nthree\n";  // an empty line and a trailing newline keep their indent
  CHECK(render("text", {r}) == "c/p\n  Multi: one\n    \n    three\n    \n");
}

TEST_CASE("text: nothing at all for no results", "[text]") { CHECK(render("text", {}).empty()); }

TEST_CASE("text: colour codes by level only when asked", "[text]") {
  std::vector<Result> rs = {
      make_result("E", Level::Error, Scope::Version, "c", "p", "1", "m"),
      make_result("W", Level::Warning, Scope::Version, "c", "p", "1", "m"),
      make_result("S", Level::Style, Scope::Version, "c", "p", "1", "m"),
      make_result("I", Level::Info, Scope::Version, "c", "p", "1", "m"),
  };
  ReporterOptions color;
  color.color = true;
  std::string out = render("text", rs, {}, color);
  CHECK(out ==
        "\033[1;34mc/p\033[0m\n"
        "  \033[31mE\033[0m: version 1: m\n"
        "  \033[33mW\033[0m: version 1: m\n"
        "  \033[36mS\033[0m: version 1: m\n"
        "  \033[32mI\033[0m: version 1: m\n");
  std::string plain = render("text", rs);
  CHECK(plain.find('\033') == std::string::npos);
  CHECK(plain ==
        "c/p\n"
        "  E: version 1: m\n"
        "  W: version 1: m\n"
        "  S: version 1: m\n"
        "  I: version 1: m\n");
}

namespace {

// A NonexistentDeps result as the Dependency check makes it.
Result nonexistent(std::string version, std::string attr, std::string atom, std::string available = "") {
  std::string reason = available.empty() ? "no such package in r" : "no version matches in r (available: " + available + ")";
  Result r = make_result("NonexistentDeps", Level::Warning, Scope::Version, "app-misc", "foo", std::move(version),
                         attr + ": " + atom + ": " + reason);
  r.fields = {{"attr", attr}, {"atom", atom}};
  if (!available.empty()) r.fields.emplace_back("available", available);
  return r;
}

}  // namespace

TEST_CASE("text: one ebuild's NonexistentDeps on one line per variable set", "[text]") {
  // In the pipeline's order: by version, then message (which starts with the variables).
  std::vector<Result> rs = {
      nonexistent("1", "DEPEND+RDEPEND", "a/x"),
      nonexistent("1", "DEPEND+RDEPEND", "b/y:2", "1 (slot 1)"),
      nonexistent("1", "RDEPEND", "c/z"),
      make_result("Other", Level::Warning, Scope::Version, "app-misc", "foo", "1", "m"),
      nonexistent("1", "RDEPEND", "d/w"),
      nonexistent("2", "RDEPEND", "e/v"),
  };
  CHECK(render("text", rs) ==
        "app-misc/foo\n"
        "  NonexistentDeps: version 1: DEPEND+RDEPEND: nonexistent packages: a/x, b/y:2 (available: 1 (slot 1))\n"
        "  NonexistentDeps: version 1: RDEPEND: nonexistent package: c/z\n"
        "  Other: version 1: m\n"
        "  NonexistentDeps: version 1: RDEPEND: nonexistent package: d/w\n"
        "  NonexistentDeps: version 2: RDEPEND: nonexistent package: e/v\n");
  // JSON keeps one object per atom.
  std::string json = render("json", rs);
  CHECK(std::count(json.begin(), json.end(), '\n') == 6);
  // A result without the fields (a log of another version) keeps its message.
  Result bare = nonexistent("1", "RDEPEND", "a/x");
  bare.fields.clear();
  CHECK(render("text", {bare}) == "app-misc/foo\n  NonexistentDeps: version 1: RDEPEND: a/x: no such package in r\n");
}

TEST_CASE("text: handed all results at once, groups longer than a block are not split", "[text]") {
  // report_all formats blocks of about 256 results side by side, each ending
  // where a group does: a header or a listed line cut in two would show here.
  std::vector<Result> rs;
  rs.push_back(make_result("RepoWide", Level::Warning, Scope::Repo, "", "", "", "repo problem"));
  for (int p = 0; p < 6; ++p) {
    const std::string pkg = "pkg" + std::to_string(p);
    // Package 2 has 700 results, the others a few hundred.
    const int count = p == 2 ? 700 : 150 + 40 * p;
    for (int i = 0; i < count; ++i) {
      Result r = i % 4 == 0 ? make_result("Other", Level::Error, Scope::Version, "cat", pkg, std::to_string(i / 4 + 1), "m")
                            : nonexistent(std::to_string(i / 4 + 1), i % 4 == 3 ? "RDEPEND" : "DEPEND", "a/x" + std::to_string(i));
      r.category = "cat";
      r.package = pkg;
      rs.push_back(std::move(r));
    }
  }
  for (bool color : {false, true}) {
    INFO("color " << color);
    ReporterOptions opts;
    opts.color = color;
    const std::string one_by_one = render("text", rs, {}, opts);
    const std::string all = render("text", rs, {}, opts, true);
    CHECK(all == one_by_one);
    // One header per package, and package 2's listed lines: one per version and variable set.
    CHECK(std::count(all.begin(), all.end(), '\n') ==
          static_cast<std::ptrdiff_t>(std::count(one_by_one.begin(), one_by_one.end(), '\n')));
  }
  const std::string all = render("text", rs, {}, {}, true);
  CHECK(all.find("\ncat/pkg2\n") != std::string::npos);
  CHECK(all.find("cat/pkg2\n", all.find("cat/pkg2\n") + 1) == std::string::npos);
  CHECK(all.find("  NonexistentDeps: version 100: DEPEND: nonexistent packages: a/x397, a/x398\n") != std::string::npos);
}

TEST_CASE("reporter registry", "[reporter]") {
  auto names = reporter_names();
  CHECK(names == std::vector<std::string_view>{"text", "json", "sarif"});
  for (auto name : names) CHECK(make_reporter(name, stdout, {}, {}) != nullptr);
  CHECK(make_reporter("xml", stdout, {}, {}) == nullptr);
  CHECK(make_reporter("", stdout, {}, {}) == nullptr);
}

TEST_CASE("text: commit results go under their commit, before everything else", "[text][commit]") {
  Result repo = make_result("RepoWide", Level::Warning, Scope::Repo, "", "", "", "repo problem");
  Result c1 = make_result("MissingSignOff", Level::Error, Scope::Commit, "", "", "", "missing sign-off");
  c1.commit = "0123456789ab";
  Result c2 = make_result("BadCommitSummary", Level::Style, Scope::Commit, "", "", "", "summary");
  c2.commit = "fedcba987654";
  std::vector<Result> results = {repo, c2, c1};
  std::sort(results.begin(), results.end(), result_less);
  CHECK(render("text", results) ==
        "commit 0123456789ab\n"
        "  MissingSignOff: missing sign-off\n"
        "\n"
        "commit fedcba987654\n"
        "  BadCommitSummary: summary\n"
        "\n"
        "repo\n"
        "  RepoWide: repo problem\n");
}
