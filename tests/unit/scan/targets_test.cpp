#include <catch2/catch.hpp>

#include "../../../src/scan/targets.hpp"
#include "pkgscan/fs.hpp"

using namespace pkgscan;

namespace {

VirtualFileSystem make_repo() {
  VirtualFileSystem fs;
  fs.add_file("/r/profiles/repo_name", "r\n");
  fs.add_file("/r/metadata/layout.conf", "masters =\n");
  fs.add_file("/r/dev-python/foo/foo-1.2.ebuild", "EAPI=8\n");
  fs.add_file("/r/dev-python/foo/foo-1.3.ebuild", "EAPI=8\n");
  fs.add_file("/r/dev-python/bar/bar-1.ebuild", "EAPI=8\n");
  fs.add_file("/r/app-misc/baz/baz-2.ebuild", "EAPI=8\n");
  return fs;
}

}  // namespace

TEST_CASE("no target: the repository, category or package around the cwd") {
  VirtualFileSystem fs = make_repo();
  auto whole = resolve_targets(fs, {}, "", "/r");
  REQUIRE(whole.errors.empty());
  CHECK(whole.repo_root == "/r");
  CHECK(whole.whole_repo);
  CHECK(whole.selects_package("app-misc", "baz"));

  auto cat = resolve_targets(fs, {}, "", "/r/dev-python");
  CHECK_FALSE(cat.whole_repo);
  CHECK(cat.selects_package("dev-python", "foo"));
  CHECK_FALSE(cat.selects_package("app-misc", "baz"));

  auto pkg = resolve_targets(fs, {}, "", "/r/dev-python/foo");
  CHECK(pkg.selects_package("dev-python", "foo"));
  CHECK_FALSE(pkg.selects_package("dev-python", "bar"));
}

TEST_CASE("path targets, relative and absolute, down to one ebuild") {
  VirtualFileSystem fs = make_repo();
  auto t = resolve_targets(fs, {"dev-python/foo/foo-1.2.ebuild"}, "", "/r");
  REQUIRE(t.errors.empty());
  CHECK(t.selects_package("dev-python", "foo"));
  CHECK(t.selects_version("dev-python", "foo", "foo-1.2", *Version::parse("1.2")));
  CHECK_FALSE(t.selects_version("dev-python", "foo", "foo-1.3", *Version::parse("1.3")));

  auto abs = resolve_targets(fs, {"/r/app-misc/../app-misc/baz/"}, "", "/");
  REQUIRE(abs.errors.empty());
  CHECK(abs.repo_root == "/r");
  CHECK(abs.selects_package("app-misc", "baz"));

  auto profiles = resolve_targets(fs, {"/r/profiles/repo_name"}, "", "/");
  CHECK(profiles.whole_repo);
}

TEST_CASE("cat/pkg, cat/* and atom targets need a repository") {
  VirtualFileSystem fs = make_repo();
  auto t = resolve_targets(fs, {"dev-python/*", "=app-misc/baz-2"}, "/r", "/");
  REQUIRE(t.errors.empty());
  CHECK(t.selects_package("dev-python", "bar"));
  CHECK(t.selects_package("app-misc", "baz"));
  CHECK(t.selects_version("app-misc", "baz", "baz-2", *Version::parse("2")));
  CHECK_FALSE(t.selects_version("app-misc", "baz", "baz-3", *Version::parse("3")));

  auto bad = resolve_targets(fs, {">=app-misc/baz"}, "/r", "/");
  CHECK_FALSE(bad.errors.empty());
  auto bare = resolve_targets(fs, {"foo"}, "/r", "/");
  REQUIRE(bare.errors.empty());
  CHECK(bare.selects_package("dev-python", "foo"));
  CHECK_FALSE(bare.selects_package("dev-python", "bar"));
  auto junk = resolve_targets(fs, {"no/such/thing"}, "/r", "/");
  REQUIRE(junk.errors.size() == 1);
  CHECK(junk.errors[0].find("no/such/thing") != std::string::npos);
  auto bad_name = resolve_targets(fs, {"-bad"}, "/r", "/");
  CHECK(bad_name.errors.size() == 1);
}

TEST_CASE("with -r, a target that is no path here but one inside the repository is that path") {
  VirtualFileSystem fs = make_repo();
  auto cat = resolve_targets(fs, {"dev-python"}, "/r", "/");
  REQUIRE(cat.errors.empty());
  CHECK(cat.selects_package("dev-python", "bar"));
  CHECK_FALSE(cat.selects_package("app-misc", "baz"));
  REQUIRE(cat.filters.size() == 1);
  CHECK(cat.filters[0].typed.empty());  // a path: it exists, nothing to report

  auto ebuild = resolve_targets(fs, {"dev-python/foo/foo-1.3.ebuild"}, "/r", "/");
  REQUIRE(ebuild.errors.empty());
  CHECK(ebuild.selects_version("dev-python", "foo", "foo-1.3", *Version::parse("1.3")));
  CHECK_FALSE(ebuild.selects_version("dev-python", "foo", "foo-1.2", *Version::parse("1.2")));

  // Names, globs and atoms keep what was typed, for "matches no package".
  auto named = resolve_targets(fs, {"foo", "dev-*/b*", "=app-misc/baz-2"}, "/r", "/");
  REQUIRE(named.filters.size() == 3);
  CHECK(named.filters[0].typed == "foo");
  CHECK(named.filters[1].typed == "dev-*/b*");
  CHECK(named.filters[2].typed == "=app-misc/baz-2");
  CHECK(named.filters[1].selects_package("dev-python", "bar"));
  CHECK_FALSE(named.filters[1].selects_package("dev-python", "foo"));
}

TEST_CASE("outside any repository is a clear error") {
  VirtualFileSystem fs = make_repo();
  fs.add_file("/elsewhere/file", "x");
  auto t = resolve_targets(fs, {}, "", "/elsewhere");
  REQUIRE(t.errors.size() == 1);
  CHECK(t.errors[0].find("not inside an ebuild repository") != std::string::npos);
}
