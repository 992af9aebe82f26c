// The git views: a commit's tree and the index as FileSystems.
#include <catch2/catch.hpp>

#include <filesystem>

#include "git/git_fixture.hpp"
#include "pkgscan/git.hpp"

using namespace pkgscan;
using pkgscan::test::GitRepo;

namespace {

std::string read(const FileSystem& fs, const std::string& path) {
  std::string out, err;
  INFO("reading " << path);
  REQUIRE(fs.read_file(path, out, &err));
  return out;
}

std::vector<std::string> names(const FileSystem& fs, const std::string& path) {
  std::vector<DirEntry> entries;
  std::string err;
  INFO("listing " << path);
  REQUIRE(fs.list_dir(path, entries, &err));
  std::vector<std::string> out;
  for (const DirEntry& e : entries) out.push_back(e.name);
  return out;
}

const DirEntry* entry(const std::vector<DirEntry>& entries, const std::string& name) {
  for (const DirEntry& e : entries)
    if (e.name == name) return &e;
  return nullptr;
}

std::unique_ptr<git::Repo> open_repo(const GitRepo& g) {
  std::string err;
  auto repo = git::Repo::open(g.root(), &err);
  INFO(err);
  REQUIRE(repo);
  return repo;
}

}  // namespace

TEST_CASE("tree, index and working tree each show their own bytes", "[git][view]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "committed\n");
  g.write("eclass/foo.eclass", "eclass v1\n");
  std::string c1 = g.commit_all("first");
  g.write("cat/pkg/pkg-1.ebuild", "staged\n");
  g.write("cat/new/new-1.ebuild", "new staged\n");
  g.git("add -A");
  g.write("cat/pkg/pkg-1.ebuild", "unstaged\n");
  g.write("cat/untracked/untracked-1.ebuild", "untracked\n");
  const std::string before = g.state();

  auto repo = open_repo(g);
  std::string err;
  auto tree = repo->tree_view(c1, &err);
  REQUIRE(tree);
  auto index = repo->index_view(&err);
  REQUIRE(index);
  RealFileSystem real;

  CHECK(read(*tree, g.path("cat/pkg/pkg-1.ebuild")) == "committed\n");
  CHECK(read(*index, g.path("cat/pkg/pkg-1.ebuild")) == "staged\n");
  CHECK(read(real, g.path("cat/pkg/pkg-1.ebuild")) == "unstaged\n");

  CHECK(tree->stat(g.path("cat/new")) == FileType::Missing);
  CHECK(index->stat(g.path("cat/new")) == FileType::Directory);
  CHECK(index->stat(g.path("cat/new/new-1.ebuild")) == FileType::Regular);
  CHECK(index->stat(g.path("cat/untracked")) == FileType::Missing);  // never staged
  CHECK(names(*index, g.path("cat")) == std::vector<std::string>{"new", "pkg"});
  CHECK(names(*tree, g.path("cat")) == std::vector<std::string>{"pkg"});
  CHECK(names(*tree, g.root()) == std::vector<std::string>{"cat", "eclass"});
  CHECK(index->stat(g.root()) == FileType::Directory);

  CHECK_FALSE(index->read_file(g.path("cat"), err, &err));
  CHECK(err.find("Is a directory") != std::string::npos);
  std::string out;
  CHECK_FALSE(tree->read_file(g.path("cat/new/new-1.ebuild"), out, &err));
  CHECK(err.find("No such file") != std::string::npos);
  std::vector<DirEntry> entries;
  CHECK_FALSE(tree->list_dir(g.path("cat/pkg/pkg-1.ebuild"), entries, &err));
  CHECK(err.find("Not a directory") != std::string::npos);

  // Outside the working tree: the real file system.
  pkgscan::testing::TempDir elsewhere;
  elsewhere.write("outside.txt", "real\n");
  CHECK(read(*tree, elsewhere / "outside.txt") == "real\n");
  CHECK(tree->stat(elsewhere.path()) == FileType::Directory);

  // Reading changed nothing.
  CHECK(g.state() == before);
}

TEST_CASE("names that sort around '/' list correctly from the index", "[git][view]") {
  GitRepo g;
  g.write("a/x", "1");
  g.write("a-b/y", "2");
  g.write("a.c", "3");
  g.write("a/sub/z", "4");
  g.git("add -A");
  auto repo = open_repo(g);
  std::string err;
  auto index = repo->index_view(&err);
  REQUIRE(index);
  CHECK(names(*index, g.root()) == std::vector<std::string>{"a", "a-b", "a.c"});
  CHECK(names(*index, g.path("a")) == std::vector<std::string>{"sub", "x"});
  CHECK(index->stat(g.path("a/sub")) == FileType::Directory);
  CHECK(index->stat(g.path("a/su")) == FileType::Missing);
  std::string c = g.commit_all("c");
  auto tree = repo->tree_view(c, &err);
  REQUIRE(tree);
  CHECK(names(*tree, g.root()) == std::vector<std::string>{"a", "a-b", "a.c"});
}

TEST_CASE("symlinks, submodules and binary files in a view", "[git][view]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "EAPI=8\n");
  g.write("cat/pkg/files/blob.bin", std::string("\0\x01\x02\xff binary", 11));
  g.write("real/target.txt", "target\n");
  std::filesystem::create_symlink("../../real/target.txt", g.path("cat/pkg/link.txt"));
  std::filesystem::create_symlink("../real", g.path("cat/dirlink"));
  std::filesystem::create_symlink("nowhere", g.path("cat/pkg/dangling"));
  std::filesystem::create_symlink("loop2", g.path("cat/pkg/loop1"));
  std::filesystem::create_symlink("loop1", g.path("cat/pkg/loop2"));
  pkgscan::testing::TempDir elsewhere;
  elsewhere.write("far.txt", "far away\n");
  std::filesystem::create_symlink(elsewhere / "far.txt", g.path("cat/pkg/absolute"));
  g.git("add -A");
  // A gitlink: what a submodule records (no .gitmodules needed to test the view).
  g.git("update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,cat/pkg/sub");
  g.git("commit -q -m links");
  std::string c = g.head();
  const std::string before = g.state();

  auto repo = open_repo(g);
  std::string err;
  for (int which = 0; which < 2; ++which) {
    auto fs = which == 0 ? repo->tree_view(c, &err) : repo->index_view(&err);
    REQUIRE(fs);
    INFO((which == 0 ? "tree view" : "index view"));
    CHECK(read(*fs, g.path("cat/pkg/link.txt")) == "target\n");
    CHECK(read(*fs, g.path("cat/dirlink/target.txt")) == "target\n");
    CHECK(fs->stat(g.path("cat/dirlink")) == FileType::Directory);
    CHECK(read(*fs, g.path("cat/pkg/files/blob.bin")) == std::string("\0\x01\x02\xff binary", 11));
    CHECK(read(*fs, g.path("cat/pkg/absolute")) == "far away\n");
    CHECK(fs->stat(g.path("cat/pkg/dangling")) == FileType::Other);
    CHECK(fs->stat(g.path("cat/pkg/loop1")) == FileType::Other);
    CHECK(fs->stat(g.path("cat/pkg/sub")) == FileType::Other);
    std::string out;
    CHECK_FALSE(fs->read_file(g.path("cat/pkg/sub"), out, &err));
    CHECK(err.find("submodule") != std::string::npos);
    CHECK_FALSE(fs->read_file(g.path("cat/pkg/loop1"), out, &err));
    CHECK(err.find("symlink loop") != std::string::npos);

    std::vector<DirEntry> entries;
    REQUIRE(fs->list_dir(g.path("cat/pkg"), entries, &err));
    REQUIRE(entry(entries, "dangling"));
    CHECK(entry(entries, "dangling")->type == FileType::Other);
    CHECK(entry(entries, "dangling")->problem == "dangling symlink");
    CHECK(entry(entries, "loop1")->problem == "symlink loop");
    REQUIRE(entry(entries, "sub"));
    CHECK(entry(entries, "sub")->type == FileType::Other);
    CHECK(entry(entries, "sub")->problem.find("submodule") != std::string::npos);
    CHECK(entry(entries, "link.txt")->type == FileType::Regular);
    CHECK(entry(entries, "files")->type == FileType::Directory);
  }
  CHECK(g.state() == before);
}

TEST_CASE("on_disk writes the view's content and removes it with the view", "[git][view]") {
  GitRepo g;
  g.write("eclass/a.eclass", "committed a\n");
  g.write("eclass/b.eclass", "committed b\n");
  g.write("cat/pkg/pkg-1.ebuild", "EAPI=8\n");
  g.commit_all("first");
  g.write("eclass/a.eclass", "staged a\n");
  g.git("add -A");
  g.write("eclass/a.eclass", "unstaged a\n");
  g.write("eclass/untracked.eclass", "untracked\n");
  const std::string before = g.state();

  auto repo = open_repo(g);
  std::string err;
  std::string copy_root;
  {
    auto index = repo->index_view(&err);
    REQUIRE(index);
    std::string dir = index->on_disk(g.path("eclass"), &err);
    INFO(err);
    REQUIRE(!dir.empty());
    CHECK(dir != g.path("eclass"));
    RealFileSystem real;
    CHECK(read(real, dir + "/a.eclass") == "staged a\n");
    CHECK(read(real, dir + "/b.eclass") == "committed b\n");
    CHECK(real.stat(dir + "/untracked.eclass") == FileType::Missing);
    // A file below a copied directory comes from the same copy.
    CHECK(index->on_disk(g.path("eclass/b.eclass"), &err) == dir + "/b.eclass");
    std::string ebuild = index->on_disk(g.path("cat/pkg/pkg-1.ebuild"), &err);
    CHECK(read(real, ebuild) == "EAPI=8\n");
    CHECK(ebuild.ends_with(g.path("cat/pkg/pkg-1.ebuild")));  // the absolute name is kept below the copy
    // Outside the working tree the real path is the answer.
    CHECK(index->on_disk("/etc/hostname", &err) == "/etc/hostname");
    copy_root = dir.substr(0, dir.size() - g.path("eclass").size());
    CHECK(std::filesystem::exists(copy_root));
    CHECK(index->on_disk(g.path("no/such"), &err).empty());
    CHECK(!err.empty());
  }
  CHECK_FALSE(std::filesystem::exists(copy_root));
  CHECK(g.state() == before);
  RealFileSystem real;
  CHECK(real.on_disk("/x/y", &err) == "/x/y");
}

TEST_CASE("an unmerged index entry and a corrupt object are problems, not crashes", "[git][view]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "one\n");
  g.write("cat/pkg/metadata.xml", "<pkgmetadata/>\n");
  g.commit_all("first");
  std::string blob = g.git("rev-parse HEAD:cat/pkg/pkg-1.ebuild");
  blob.pop_back();
  // Stages 1 and 2 without 0: what a merge conflict leaves.
  g.git("update-index --force-remove cat/pkg/pkg-1.ebuild");
  test::sh("cd " + test::shell_quote(g.root()) + " && printf '100644 " + blob + " 1\\tcat/pkg/pkg-1.ebuild\\n100644 " +
           blob + " 2\\tcat/pkg/pkg-1.ebuild\\n' | " + test::git_env() + "git update-index --index-info");
  auto repo = open_repo(g);
  std::string err, out;
  auto index = repo->index_view(&err);
  REQUIRE(index);
  CHECK(index->stat(g.path("cat/pkg/pkg-1.ebuild")) == FileType::Other);
  CHECK_FALSE(index->read_file(g.path("cat/pkg/pkg-1.ebuild"), out, &err));
  CHECK(err.find("unmerged") != std::string::npos);

  // Remove the loose object of metadata.xml's blob.
  std::string meta = g.git("rev-parse HEAD:cat/pkg/metadata.xml");
  meta.pop_back();
  std::filesystem::remove(g.path(".git/objects/" + meta.substr(0, 2) + "/" + meta.substr(2)));
  auto tree = repo->tree_view(g.head(), &err);
  REQUIRE(tree);
  CHECK(tree->stat(g.path("cat/pkg/metadata.xml")) == FileType::Regular);
  CHECK_FALSE(tree->read_file(g.path("cat/pkg/metadata.xml"), out, &err));
  CHECK(err.find(meta) != std::string::npos);
}

TEST_CASE("lstat in a view: git's mode bit, the blob's size, a link's text", "[git][view]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "EAPI=8\n");
  g.write("cat/pkg/files/run.sh", "#!/bin/sh\n");
  std::filesystem::permissions(g.path("cat/pkg/files/run.sh"), std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  std::filesystem::create_symlink("/etc/hostname", g.path("cat/pkg/abs"));
  g.git("add -A");
  g.git("commit -q -m modes");
  std::string c = g.head();

  auto repo = open_repo(g);
  std::string err;
  for (int which = 0; which < 2; ++which) {
    auto fs = which == 0 ? repo->tree_view(c, &err) : repo->index_view(&err);
    REQUIRE(fs);
    INFO((which == 0 ? "tree view" : "index view"));
    FileInfo info;
    REQUIRE(fs->lstat(g.path("cat/pkg/files/run.sh"), info, &err));
    CHECK(info.type == FileType::Regular);
    CHECK(info.executable);
    CHECK(info.size == 10);
    REQUIRE(fs->lstat(g.path("cat/pkg/pkg-1.ebuild"), info, &err));
    CHECK_FALSE(info.executable);
    CHECK(info.size == 7);
    REQUIRE(fs->lstat(g.path("cat/pkg/abs"), info, &err));
    CHECK(info.symlink);
    CHECK(info.link_target == "/etc/hostname");
    REQUIRE(fs->lstat(g.path("cat/pkg"), info, &err));
    CHECK(info.type == FileType::Directory);
    CHECK_FALSE(fs->lstat(g.path("cat/pkg/missing"), info, &err));
    std::vector<DirEntry> entries;
    REQUIRE(fs->list_dir(g.path("cat/pkg"), entries, &err));
    REQUIRE(entry(entries, "abs"));
    CHECK(entry(entries, "abs")->symlink);
    CHECK_FALSE(entry(entries, "pkg-1.ebuild")->symlink);
  }
}
