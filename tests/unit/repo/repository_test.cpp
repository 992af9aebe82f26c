#include <unistd.h>

#include <catch2/catch.hpp>

#include "pkgscan/repo.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using pkgscan::testing::TempDir;

using Strings = std::vector<std::string>;

TEST_CASE("Repository name: profiles/repo_name, else layout repo-name, else directory", "[repository]") {
  VirtualFileSystem fs;
  fs.add_file("/a/profiles/repo_name", "from-profiles\n");
  fs.add_file("/a/metadata/layout.conf", "repo-name = from-layout\n");
  fs.add_file("/b/metadata/layout.conf", "repo-name = from-layout\n");
  fs.add_file("/c/profiles/categories", "x\n");

  auto a = Repository::open(fs, "/a/", nullptr);
  REQUIRE(a);
  CHECK(a->name() == "from-profiles");
  CHECK(a->root() == "/a");
  REQUIRE(a->issues().size() == 1);  // the two names disagree
  CHECK(a->issues()[0].path == "metadata/layout.conf");

  auto b = Repository::open(fs, "/b", nullptr);
  REQUIRE(b);
  CHECK(b->name() == "from-layout");

  auto c = Repository::open(fs, "/c", nullptr);
  REQUIRE(c);
  CHECK(c->name() == "c");
  CHECK(c->layout().cache_formats == Strings{"md5-dict"});

  std::string err;
  CHECK_FALSE(Repository::open(fs, "/nope", &err));
  CHECK(err.find("not a directory") != std::string::npos);
}

TEST_CASE("Repository without profiles/ opens with one issue", "[repository]") {
  VirtualFileSystem fs;
  fs.add_file("/r/metadata/layout.conf", "repo-name = r\nmasters = gentoo\n");
  fs.add_file("/r/dev-python/foo/foo-1.ebuild", "");
  auto r = Repository::open(fs, "/r", nullptr);
  REQUIRE(r);
  CHECK(r->name() == "r");
  CHECK(r->layout().masters == Strings{"gentoo"});
  CHECK_FALSE(r->profiles().present);
  REQUIRE(r->issues().size() == 1);
  CHECK(r->issues()[0].path == "profiles");
  CHECK(r->category_dirs() == Strings{"dev-python"});
}

TEST_CASE("Repository tree: categories, packages, ebuilds, cache entries", "[repository]") {
  VirtualFileSystem fs;
  fs.add_file("/r/profiles/repo_name", "r\n");
  fs.add_file("/r/metadata/md5-cache/dev-python/foo-1.2-r1", "EAPI=8\n");
  fs.add_file("/r/metadata/md5-cache/dev-python/foo-1.10", "EAPI=8\n");
  fs.add_file("/r/eclass/x.eclass", "");
  fs.add_file("/r/licenses/MIT", "");
  fs.add_file("/r/scripts/s.sh", "");
  fs.add_file("/r/.git/HEAD", "");
  fs.add_file("/r/README.md", "");
  fs.add_file("/r/dev-python/foo/foo-1.10.ebuild", "");
  fs.add_file("/r/dev-python/foo/foo-1.2-r1.ebuild", "");
  fs.add_file("/r/dev-python/foo/foo-1.9.ebuild", "");
  fs.add_file("/r/dev-python/foo/bar-1.ebuild", "");       // wrong package
  fs.add_file("/r/dev-python/foo/foo-1.2.3xy.ebuild", "");   // not a version
  fs.add_file("/r/dev-python/foo/foo.ebuild", "");          // no version
  fs.add_file("/r/dev-python/foo/metadata.xml", "");
  fs.add_file("/r/dev-python/foo/files/foo.patch", "");
  fs.add_file("/r/dev-python/bar/metadata.xml", "");
  fs.add_file("/r/app-misc/baz/baz-0.ebuild", "");
  fs.add_file("/r/app-misc/stray-file", "");

  auto r = Repository::open(fs, "/r", nullptr);
  REQUIRE(r);
  CHECK(r->category_dirs() == Strings{"app-misc", "dev-python"});
  CHECK(r->package_dirs("dev-python") == Strings{"bar", "foo"});
  CHECK(r->package_dirs("app-misc") == Strings{"baz"});

  Strings bad;
  auto ebuilds = r->ebuilds("dev-python", "foo", &bad);
  REQUIRE(ebuilds.size() == 3);
  CHECK(ebuilds[0].pf == "foo-1.2-r1");  // version order, not name order
  CHECK(ebuilds[1].pf == "foo-1.9");
  CHECK(ebuilds[2].pf == "foo-1.10");
  CHECK(ebuilds[2].version.str() == "1.10");
  CHECK(ebuilds[0].path == "dev-python/foo/foo-1.2-r1.ebuild");
  std::sort(bad.begin(), bad.end());
  CHECK(bad == Strings{"dev-python/foo/bar-1.ebuild", "dev-python/foo/foo-1.2.3xy.ebuild", "dev-python/foo/foo.ebuild"});

  // The same listing serves the checks of the other files: every entry, sorted.
  std::vector<DirEntry> listing;
  std::string listing_error;
  r->ebuilds("dev-python", "foo", nullptr, &listing, &listing_error);
  Strings names;
  for (const DirEntry& e : listing) names.push_back(e.name);
  CHECK(names == Strings{"bar-1.ebuild", "files", "foo-1.10.ebuild", "foo-1.2-r1.ebuild", "foo-1.2.3xy.ebuild",
                         "foo-1.9.ebuild", "foo.ebuild", "metadata.xml"});
  CHECK(listing_error.empty());
  CHECK(r->ebuilds("dev-python", "gone", nullptr, &listing, &listing_error).empty());
  CHECK(listing.empty());
  CHECK(listing_error.find("No such file") != std::string::npos);

  CHECK(r->cache_pfs("dev-python") == Strings{"foo-1.10", "foo-1.2-r1"});
  CHECK(r->cache_pfs("nope").empty());
  CHECK(r->cache_path("dev-python", "foo-1.10") == "metadata/md5-cache/dev-python/foo-1.10");
  CHECK(r->abs("eclass/x.eclass") == "/r/eclass/x.eclass");
  CHECK(r->has_ebuilds());
}

TEST_CASE("has_ebuilds is false for a metadata-only tree", "[repository]") {
  VirtualFileSystem fs;
  fs.add_file("/r/profiles/repo_name", "r\n");
  fs.add_file("/r/metadata/md5-cache/dev-python/foo-1", "EAPI=8\n");
  fs.add_file("/r/dev-python/foo/metadata.xml", "");
  fs.add_file("/r/eclass/foo.ebuild", "");  // not in a category: does not count
  auto r = Repository::open(fs, "/r", nullptr);
  REQUIRE(r);
  CHECK_FALSE(r->has_ebuilds());
}

TEST_CASE("a symlink loop in a category directory is reported, not followed", "[repository]") {
  TempDir dir;
  dir.write("profiles/repo_name", "r\n");
  dir.write("cat/pkg/pkg-1.ebuild", "");
  REQUIRE(::symlink("loop", (dir / "cat/loop").c_str()) == 0);
  REQUIRE(::symlink("loop2", (dir / "loop1").c_str()) == 0);
  REQUIRE(::symlink("loop1", (dir / "loop2").c_str()) == 0);
  REQUIRE(::symlink("../pkg", (dir / "cat/pkg/self").c_str()) == 0);  // valid but cyclic: a dir inside itself
  RealFileSystem fs;
  auto r = Repository::open(fs, dir.path(), nullptr);
  REQUIRE(r);
  std::vector<RepoIssue> issues;
  CHECK(r->category_dirs(&issues) == Strings{"cat"});
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].path == "loop1");
  CHECK(issues[0].message == "symlink loop");
  CHECK(r->package_dirs("cat") == Strings{"pkg"});
  auto ebuilds = r->ebuilds("cat", "pkg");
  REQUIRE(ebuilds.size() == 1);
  CHECK(r->has_ebuilds());
}

TEST_CASE("find_repo_root walks up to the repository", "[repository]") {
  VirtualFileSystem fs;
  fs.add_file("/src/gentoo/profiles/repo_name", "gentoo\n");
  fs.add_file("/src/gentoo/dev-python/foo/foo-1.ebuild", "");
  fs.add_file("/src/overlay/metadata/layout.conf", "masters = gentoo\n");
  fs.add_file("/elsewhere/x", "");
  CHECK(find_repo_root(fs, "/src/gentoo/dev-python/foo") == "/src/gentoo");
  CHECK(find_repo_root(fs, "/src/gentoo/dev-python/foo/foo-1.ebuild") == "/src/gentoo");
  CHECK(find_repo_root(fs, "/src/gentoo/") == "/src/gentoo");
  CHECK(find_repo_root(fs, "/src/overlay/metadata") == "/src/overlay");
  CHECK_FALSE(find_repo_root(fs, "/elsewhere/x"));
  CHECK_FALSE(find_repo_root(fs, "/"));
}

TEST_CASE("read_repos_conf: a file or a directory of *.conf files", "[repository]") {
  VirtualFileSystem fs;
  fs.add_file("/etc/repos.conf",
              "[DEFAULT]\nmain-repo = gentoo\nlocation = /ignored\n\n"
              "[gentoo]\n# comment\n; comment\nlocation = /var/db/repos/gentoo/\nsync-type = rsync\n"
              "[guru]\nsync-uri = x\nlocation=/var/db/repos/guru\n"
              "[nolocation]\npriority = 1\n");
  auto m = read_repos_conf(fs, "/etc/repos.conf");
  CHECK(m == std::map<std::string, std::string>{{"gentoo", "/var/db/repos/gentoo"}, {"guru", "/var/db/repos/guru"}});

  fs.add_file("/etc/portage/repos.conf/b.conf", "[guru]\nlocation = /b/guru\n");
  fs.add_file("/etc/portage/repos.conf/a.conf", "[guru]\nlocation = /a/guru\n[gentoo]\nlocation = /a/gentoo\n");
  fs.add_file("/etc/portage/repos.conf/c.conf~", "[gentoo]\nlocation = /backup\n");
  m = read_repos_conf(fs, "/etc/portage/repos.conf");
  CHECK(m.at("guru") == "/b/guru");  // files in name order, later wins
  CHECK(m.at("gentoo") == "/a/gentoo");
  CHECK(read_repos_conf(fs, "/missing").empty());
}
