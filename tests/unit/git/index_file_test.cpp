// The index file reader and the staged diff, against what git itself says.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "git/git_fixture.hpp"
#include "git/handles.hpp"
#include "git/index_file.hpp"
#include "git/staged_diff.hpp"
#include "pkgscan/git.hpp"

using namespace pkgscan;
using pkgscan::test::GitRepo;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::shared_ptr<const git::IndexFile> read(const GitRepo& g) {
  std::string err;
  auto index = git::read_index(g.path(".git/index"), &err);
  INFO(err);
  REQUIRE(index);
  return index;
}

// "mode oid stage\tpath" lines, as `git ls-files -s` prints them.
std::string ls_files(const git::IndexFile& index) {
  std::string out;
  char mode[16];
  for (const git::IndexEntry& e : index.entries) {
    std::snprintf(mode, sizeof mode, "%06o", e.mode);
    out += std::string(mode) + " " + git::hex(e.oid) + " " + std::to_string(e.stage) + "\t" +
           std::string(index.path(e)) + "\n";
  }
  return out;
}

std::string describe(const std::vector<FileChange>& changes) {
  std::string out;
  for (const FileChange& c : changes) out += std::string(1, c.status) + "\t" + c.path + "\n";
  return out;
}

struct RawRepo {
  git_repository* repo = nullptr;
  explicit RawRepo(const GitRepo& g) {
    git::init_libgit2();
    REQUIRE(git_repository_open(&repo, g.root().c_str()) == 0);
  }
  ~RawRepo() { git_repository_free(repo); }
};

// The staged changes against HEAD, with the index's cache tree or without it.
std::string staged(const GitRepo& g, bool use_cache_tree) {
  git::IndexFile index = *read(g);
  if (!use_cache_tree) index.has_cache_tree = false;
  RawRepo r(g);
  git_oid tree;
  REQUIRE(git_oid_fromstr(&tree, trim(g.git("rev-parse HEAD^{tree}")).c_str()) == 0);
  std::vector<FileChange> out;
  std::string err;
  INFO(err);
  REQUIRE(git::staged_against_tree(r.repo, &tree, index, out, &err));
  return describe(out);
}

}  // namespace

TEST_CASE("the index reader agrees with git ls-files in versions 2, 3 and 4", "[git][index]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "one\n");
  g.write("cat/pkg/files/a-much-longer-name-that-version-4-compresses.patch", "p\n");
  g.write("cat/pkg/files/a-much-longer-name-that-version-4-compresses.patch2", "q\n");
  g.write("eclass/x.eclass", "e\n");
  g.write("run.sh", "#!/bin/sh\n");
  std::filesystem::permissions(g.path("run.sh"), std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
  std::filesystem::create_symlink("cat/pkg", g.path("link"));
  g.commit_all("one");
  g.write("new/pkg/pkg-1.ebuild", "intent only\n");
  g.git("add -N new/pkg/pkg-1.ebuild");
  // A submodule entry and a three-way conflict, written straight into the index.
  std::string blob = trim(g.git("rev-parse HEAD:eclass/x.eclass"));
  g.git("update-index --add --cacheinfo 160000," + g.head() + ",sub");
  g.write("info", "100644 " + blob + " 1\tconflict\n100644 " + blob + " 2\tconflict\n100644 " + blob + " 3\tconflict\n");
  g.git("update-index --index-info < info");
  g.remove("info");

  for (int version : {2, 3, 4}) {
    INFO("index version " << version);
    g.git("update-index --index-version " + std::to_string(version));
    auto index = read(g);
    // ITA needs extended flags, which need version 3.
    CHECK(index->version == static_cast<std::uint32_t>(std::max(version, 3)));
    CHECK(ls_files(*index) == g.git("ls-files -s"));
    bool ita = false;
    for (const git::IndexEntry& e : index->entries)
      if (e.intent_to_add) {
        CHECK(index->path(e) == "new/pkg/pkg-1.ebuild");
        ita = true;
      }
    CHECK(ita);
  }
}

TEST_CASE("a missing index is empty, a truncated or garbled one is an error, never a crash", "[git][index][badinput]") {
  GitRepo g;
  std::string err;
  auto empty = git::read_index(g.path(".git/index"), &err);
  REQUIRE(empty);
  CHECK(empty->entries.empty());

  g.write("cat/pkg/pkg-1.ebuild", "one\n");
  g.write("cat/pkg/metadata.xml", "<pkgmetadata/>\n");
  g.write("eclass/x.eclass", "e\n");
  g.commit_all("one");
  for (int version : {2, 4}) {
    g.git("update-index --index-version " + std::to_string(version));
    const std::string bytes = slurp(g.path(".git/index"));
    git::IndexFile out;
    REQUIRE(git::parse_index(bytes, out, &err));
    REQUIRE(out.has_cache_tree);
    const std::string whole = ls_files(out);
    // Cut anywhere: an error, or (cut where the optional extensions begin,
    // which the unverified checksum cannot tell) every entry still right.
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      INFO("version " << version << ", the first " << n << " bytes");
      err.clear();
      if (git::parse_index(std::string_view(bytes).substr(0, n), out, &err)) {
        CHECK(ls_files(out) == whole);
      } else {
        CHECK(err.find("git index") != std::string::npos);
      }
    }
    // Any single byte garbled: a result or an error, never a crash.
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(bad[i] ^ 0x5a);
      git::parse_index(bad, out, &err);
    }
  }
  // An extension git requires readers to understand (a split index's "link").
  std::string bytes = slurp(g.path(".git/index"));
  bytes.insert(bytes.size() - 20, std::string("link\0\0\0\0", 8));
  git::IndexFile out;
  CHECK_FALSE(git::parse_index(bytes, out, &err));
  CHECK(err.find("'link'") != std::string::npos);
}

TEST_CASE("the cache tree: valid after a commit, invalidated along a staged path", "[git][index]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "one\n");
  g.write("cat/other/other-1.ebuild", "two\n");
  g.write("eclass/x.eclass", "e\n");
  g.commit_all("one");
  auto index = read(g);
  REQUIRE(index->has_cache_tree);
  CHECK(index->cache_tree.valid());
  CHECK(git::hex(index->cache_tree.oid) == trim(g.git("rev-parse HEAD^{tree}")));
  CHECK(index->cache_tree.entry_count == 3);

  g.write("cat/pkg/pkg-1.ebuild", "changed\n");
  g.git("add cat/pkg/pkg-1.ebuild");
  index = read(g);
  REQUIRE(index->has_cache_tree);
  CHECK_FALSE(index->cache_tree.valid());
  const git::CacheTree* cat = index->cache_tree.child("cat");
  REQUIRE(cat);
  CHECK_FALSE(cat->valid());
  const git::CacheTree* other = cat->child("other");
  REQUIRE(other);
  CHECK(git::hex(other->oid) == trim(g.git("rev-parse HEAD:cat/other")));
  const git::CacheTree* eclass = index->cache_tree.child("eclass");
  REQUIRE(eclass);
  CHECK(git::hex(eclass->oid) == trim(g.git("rev-parse HEAD:eclass")));
}

TEST_CASE("the staged diff agrees with git diff --cached, with and without the cache tree", "[git][index]") {
  GitRepo g;
  g.write("cat/keep/keep-1.ebuild", "keep\n");
  g.write("cat/mod/mod-1.ebuild", "one\n");
  g.write("cat/gone/gone-1.ebuild", "gone\n");
  g.write("cat/gone/files/x.patch", "x\n");
  g.write("cat/mode/run.sh", "#!/bin/sh\n");
  g.write("cat/kind/kind-1.ebuild", "a file that becomes a link\n");
  g.write("cat/todir", "a file that becomes a directory\n");
  g.write("eclass/x.eclass", "e\n");
  g.write("z-top", "z\n");
  g.commit_all("one");
  g.write("cat/mod/mod-1.ebuild", "two\n");
  g.remove("cat/gone");
  std::filesystem::permissions(g.path("cat/mode/run.sh"), std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  g.remove("cat/kind/kind-1.ebuild");
  std::filesystem::create_symlink("../keep/keep-1.ebuild", g.path("cat/kind/kind-1.ebuild"));
  g.remove("cat/todir");
  g.write("cat/todir/inside", "now a directory\n");
  g.write("cat/new/new-1.ebuild", "new\n");
  g.write("cat/new-2/new-2-1.ebuild", "sorts around '/'\n");
  g.write("cat/mod-b", "sorts between mod and mod/\n");
  g.git("add -A");
  const std::string expected = g.git("diff --cached --no-renames --name-status");
  CHECK(staged(g, true) == expected);
  CHECK(staged(g, false) == expected);
  // Nothing staged: an empty answer, from the valid root alone.
  g.git("commit -q -m two");
  CHECK(staged(g, true).empty());
  CHECK(staged(g, false).empty());
}

TEST_CASE("the staged diff reads only the directories the cache tree cannot vouch for", "[git][index]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "one\n");
  g.write("other/pkg/pkg-1.ebuild", "untouched\n");
  g.commit_all("one");
  g.write("cat/pkg/pkg-1.ebuild", "two\n");
  // Only this path: `add -A` would re-add files written in the same second
  // as the index (racily clean), invalidating their directories too.
  g.git("add cat/pkg/pkg-1.ebuild");
  // The unchanged directory's tree object is gone: only a reader that
  // trusts the cache tree never needs it.
  std::string tree = trim(g.git("rev-parse HEAD:other"));
  std::filesystem::remove(g.path(".git/objects/" + tree.substr(0, 2) + "/" + tree.substr(2)));
  std::string err;
  auto repo = git::Repo::open(g.root(), &err);
  REQUIRE(repo);
  auto changes = repo->staged_changes(g.head(), &err);
  INFO(err);
  REQUIRE(changes);
  CHECK(describe(*changes) == "M\tcat/pkg/pkg-1.ebuild\n");

  git::IndexFile index = *read(g);
  index.has_cache_tree = false;
  RawRepo r(g);
  git_oid root;
  REQUIRE(git_oid_fromstr(&root, trim(g.git("rev-parse HEAD^{tree}")).c_str()) == 0);
  std::vector<FileChange> out;
  CHECK_FALSE(git::staged_against_tree(r.repo, &root, index, out, &err));
  CHECK(err.find(tree) != std::string::npos);
}
