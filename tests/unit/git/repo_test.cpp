// git::Repo: opening, HEAD, refs, merge bases, diffs and commit ranges.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "git/git_fixture.hpp"
#include "pkgscan/git.hpp"

using namespace pkgscan;
using pkgscan::test::GitRepo;

namespace {

std::string describe(const std::vector<FileChange>& changes) {
  std::string out;
  for (const FileChange& c : changes) {
    out += c.status;
    out += ' ';
    if (!c.old_path.empty()) out += c.old_path + " -> ";
    out += c.path + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a repository opens from any directory below its working tree", "[git][repo]") {
  GitRepo g;
  g.write("cat/pkg/pkg-1.ebuild", "x\n");
  g.commit_all("first");
  std::string err;
  auto repo = git::Repo::open(g.path("cat/pkg"), &err);
  REQUIRE(repo);
  CHECK(repo->workdir() == g.root());
  CHECK_FALSE(repo->shallow());

  pkgscan::testing::TempDir plain;
  CHECK_FALSE(git::Repo::open(plain.path(), &err));
  CHECK(err.find("not a git repository") != std::string::npos);

  std::string bare = g.scratch() + "/bare.git";
  g.git("clone -q --bare . " + bare);
  CHECK_FALSE(git::Repo::open(bare, &err));
  CHECK(err.find("bare") != std::string::npos);
}

TEST_CASE("HEAD: a branch, detached, unborn", "[git][repo]") {
  GitRepo g;
  std::string err;
  {
    auto repo = git::Repo::open(g.root(), &err);
    REQUIRE(repo);
    auto h = repo->head(&err);
    REQUIRE(h);
    CHECK(h->unborn);
    CHECK(h->branch == "main");
    CHECK(h->commit.empty());
  }
  g.write("a", "1");
  std::string c1 = g.commit_all("one");
  g.write("a", "2");
  std::string c2 = g.commit_all("two");
  auto repo = git::Repo::open(g.root(), &err);
  REQUIRE(repo);
  auto h = repo->head(&err);
  REQUIRE(h);
  CHECK_FALSE(h->unborn);
  CHECK_FALSE(h->detached);
  CHECK(h->branch == "main");
  CHECK(h->commit == c2);
  CHECK(repo->resolve_commit("HEAD~1", &err) == c1);
  CHECK_FALSE(repo->resolve_commit("no-such-branch", &err));
  CHECK(err.find("no-such-branch") != std::string::npos);

  g.git("checkout -q --detach " + c1);
  h = repo->head(&err);
  REQUIRE(h);
  CHECK(h->detached);
  CHECK(h->branch.empty());
  CHECK(h->commit == c1);
}

TEST_CASE("the default base: the upstream, else origin/HEAD, else nothing", "[git][repo]") {
  GitRepo upstream;
  upstream.write("a", "1");
  upstream.commit_all("one");
  GitRepo g;
  std::string err;
  {
    auto repo = git::Repo::open(g.root(), &err);
    REQUIRE(repo);
    CHECK(repo->default_base_ref().empty());
  }
  g.git("remote add origin " + upstream.root());
  g.git("fetch -q origin");
  g.git("checkout -q --no-track -b work origin/main");
  auto repo = git::Repo::open(g.root(), &err);
  REQUIRE(repo);
  CHECK(repo->default_base_ref().empty());  // no upstream set, no origin/HEAD
  g.git("remote set-head origin main");
  CHECK(repo->default_base_ref() == "origin/HEAD");
  g.git("branch -q --set-upstream-to=origin/main");
  CHECK(repo->default_base_ref() == "origin/main");
}

TEST_CASE("diffs: staged against HEAD or nothing, tree against tree with renames", "[git][repo]") {
  GitRepo g;
  g.write("cat/old/old-1.ebuild", "EAPI=8\nDESCRIPTION=\"a package that is renamed\"\nSLOT=0\nKEYWORDS=\"~amd64\"\n");
  g.write("cat/keep/keep-1.ebuild", "one\n");
  g.write("cat/gone/gone-1.ebuild", "gone\n");
  std::string err;
  {
    g.git("add -A");
    auto repo = git::Repo::open(g.root(), &err);
    auto staged = repo->staged_changes("", &err);  // unborn: everything staged is new
    REQUIRE(staged);
    CHECK(describe(*staged) == "A cat/gone/gone-1.ebuild\nA cat/keep/keep-1.ebuild\nA cat/old/old-1.ebuild\n");
  }
  std::string c1 = g.commit_all("one");
  g.git("mv cat/old cat/new");
  g.git("mv cat/new/old-1.ebuild cat/new/new-1.ebuild");
  g.write("cat/keep/keep-1.ebuild", "two\n");
  g.remove("cat/gone");
  g.git("add -A");
  g.write("cat/keep/keep-1.ebuild", "unstaged\n");
  auto repo = git::Repo::open(g.root(), &err);
  auto staged = repo->staged_changes(c1, &err);
  REQUIRE(staged);
  CHECK(describe(*staged) ==
        "D cat/gone/gone-1.ebuild\nM cat/keep/keep-1.ebuild\nA cat/new/new-1.ebuild\nD cat/old/old-1.ebuild\n");
  g.git("commit -q -m two");
  std::string c2 = g.head();
  auto changes = repo->tree_changes(c1, c2, &err);
  REQUIRE(changes);
  CHECK(describe(*changes) ==
        "D cat/gone/gone-1.ebuild\nM cat/keep/keep-1.ebuild\nR cat/old/old-1.ebuild -> cat/new/new-1.ebuild\n");
}

TEST_CASE("commits between a base and HEAD, oldest first, the range only", "[git][repo]") {
  GitRepo g;
  g.write("a", "0");
  std::string base = g.commit_all("base");
  g.write("b", "1");
  std::string c1 = g.commit_all("cat/pkg: first\n\nbody line\n");
  g.write("b", "2");
  g.write("c", "3");
  std::string c2 = g.commit_all("second");
  std::string err;
  auto repo = git::Repo::open(g.root(), &err);
  auto commits = repo->commits_between(base, c2, &err);
  REQUIRE(commits);
  REQUIRE(commits->size() == 2);
  CHECK((*commits)[0].hash == c1);
  CHECK((*commits)[0].short_hash == c1.substr(0, 12));
  CHECK((*commits)[0].message == "cat/pkg: first\n\nbody line\n");
  CHECK((*commits)[0].author == "Test Author <author@example.org>");
  CHECK(describe((*commits)[0].changes) == "A b\n");
  CHECK(describe((*commits)[1].changes) == "M b\nA c\n");
  CHECK(repo->merge_base(c2, base, &err) == base);
  CHECK(repo->object_kind(c1.substr(0, 10)) == "commit");
  CHECK(repo->object_kind("deadbeefdeadbeef") == "missing");
  CHECK(repo->object_kind("xyz") == "missing");
  std::string tree = g.git("rev-parse HEAD^{tree}");
  CHECK(repo->object_kind(tree.substr(0, 12)) == "tree");
}

TEST_CASE("a shallow clone without the merge base says so", "[git][repo]") {
  GitRepo g;
  g.write("a", "0");
  g.commit_all("base");
  g.git("branch -q old");
  for (int i = 1; i <= 3; ++i) {
    g.write("a", std::to_string(i));
    g.commit_all("c" + std::to_string(i));
  }
  g.git("checkout -q old");
  g.write("b", "side");
  g.commit_all("side");
  g.git("checkout -q main");
  std::string clone = g.scratch() + "/shallow";
  g.git("clone -q --depth 1 --no-single-branch file://" + g.root() + " " + clone);
  std::string err;
  auto repo = git::Repo::open(clone, &err);
  REQUIRE(repo);
  CHECK(repo->shallow());
  auto head = repo->resolve_commit("HEAD", &err);
  auto old = repo->resolve_commit("origin/old", &err);
  REQUIRE(head);
  REQUIRE(old);
  CHECK_FALSE(repo->merge_base(*head, *old, &err));
  CHECK(!err.empty());
}

TEST_CASE("each commit's changes agree with git show --name-status -M", "[git][repo]") {
  GitRepo g;
  g.write("cat/keep/keep-1.ebuild", "keep\n");
  g.write("cat/gone/gone-1.ebuild", "gone\n");
  g.write("cat/gone/files/a.patch", "a\n");
  g.write("cat/mod/mod-1.ebuild", "one\n");
  g.write("cat/mod/run.sh", "#!/bin/sh\n");
  std::string base = g.commit_all("base");
  // Only additions: a new package directory is listed file by file.
  g.write("cat/new/new-1.ebuild", "new\n");
  g.write("cat/new/files/b.patch", "b\n");
  g.write("cat/new-b/new-b-1.ebuild", "sorts around cat/new/\n");
  g.commit_all("add");
  // Only removals, a whole package directory.
  g.remove("cat/gone");
  g.commit_all("remove");
  // Content and mode changes.
  g.write("cat/mod/mod-1.ebuild", "two\n");
  std::filesystem::permissions(g.path("cat/mod/run.sh"), std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  g.commit_all("modify");
  // A version bump that git sees as a rename, next to an unrelated addition.
  g.git("mv cat/keep/keep-1.ebuild cat/keep/keep-2.ebuild");
  g.write("eclass/x.eclass", "x\n");
  std::string head = g.commit_all("bump");

  std::string err;
  auto repo = git::Repo::open(g.root(), &err);
  REQUIRE(repo);
  auto commits = repo->commits_between(base, head, &err);
  REQUIRE(commits);
  REQUIRE(commits->size() == 4);
  for (const CommitInfo& c : *commits) {
    INFO(c.message);
    std::string expected;
    std::string shown = g.git("show --format= --name-status -M " + c.hash);
    // git writes "R100\told\tnew"; describe() writes "R old -> new".
    std::size_t pos = 0;
    while (pos < shown.size()) {
      std::size_t nl = shown.find('\n', pos);
      std::string line = shown.substr(pos, nl - pos);
      pos = nl == std::string::npos ? shown.size() : nl + 1;
      if (line.empty()) continue;
      std::size_t t1 = line.find('\t');
      std::size_t t2 = line.find('\t', t1 + 1);
      expected += line.substr(0, 1) + " ";
      if (t2 != std::string::npos)
        expected += line.substr(t1 + 1, t2 - t1 - 1) + " -> " + line.substr(t2 + 1) + "\n";
      else
        expected += line.substr(t1 + 1) + "\n";
    }
    CHECK(describe(c.changes) == expected);
  }
  auto whole = repo->tree_changes(base, head, &err);
  REQUIRE(whole);
  CHECK(describe(*whole) ==
        "D cat/gone/files/a.patch\nD cat/gone/gone-1.ebuild\nR cat/keep/keep-1.ebuild -> cat/keep/keep-2.ebuild\n"
        "M cat/mod/mod-1.ebuild\nM cat/mod/run.sh\nA cat/new-b/new-b-1.ebuild\nA cat/new/files/b.patch\n"
        "A cat/new/new-1.ebuild\nA eclass/x.eclass\n");
}

TEST_CASE("reading the history reads the range, not the history before it", "[git][repo]") {
  // 20 commits, the merge base, then 3 commits on main and 1 on the target.
  // Like git's, libgit2's walks look a few commits past the boundary (git's
  // "slop" of 5) before concluding that nothing older is in the range;
  // nothing reads further: every commit from the merge base's 8th ancestor
  // back is missing here, and every step still works.
  // The walks order commits by date: one commit a minute, as in a real
  // history (commits made within one second would tie).
  GitRepo g;
  int minute = 0;
  auto commit = [&](const std::string& message) {
    std::string date = "2020-01-01T" + std::to_string(10 + minute / 60) + ":" + (minute % 60 < 10 ? "0" : "") +
                       std::to_string(minute % 60) + ":00+0000";
    ++minute;
    ::setenv("GIT_COMMITTER_DATE", date.c_str(), 1);
    ::setenv("GIT_AUTHOR_DATE", date.c_str(), 1);
    std::string c = g.commit_all(message);
    ::unsetenv("GIT_COMMITTER_DATE");
    ::unsetenv("GIT_AUTHOR_DATE");
    return c;
  };
  std::vector<std::string> old;
  for (int i = 0; i < 20; ++i) {
    g.write("a", std::to_string(i));
    old.push_back(commit("old " + std::to_string(i)));
  }
  g.write("a", "base");
  std::string base = commit("the merge base");
  g.git("branch -q target");
  for (int i = 2; i <= 4; ++i) {
    g.write("cat/pkg/pkg-" + std::to_string(i) + ".ebuild", "x\n");
    commit("c" + std::to_string(i));
  }
  g.git("checkout -q target");
  g.write("b", "on the target branch");
  commit("target moves on");
  g.git("checkout -q main");
  // Every object loose, then the old commits gone.
  std::filesystem::path packs = g.scratch() + "/packs";
  std::filesystem::create_directories(packs);
  g.git("repack -q -a -d");
  for (const auto& f : std::filesystem::directory_iterator(g.path(".git/objects/pack")))
    std::filesystem::rename(f.path(), packs / f.path().filename());
  for (const auto& f : std::filesystem::directory_iterator(packs))
    if (f.path().extension() == ".pack") g.git("unpack-objects -q < " + f.path().string());
  for (std::size_t i = 0; i + 8 <= old.size(); ++i)  // old[12] is the base's 8th ancestor
    std::filesystem::remove(g.path(".git/objects/" + old[i].substr(0, 2) + "/" + old[i].substr(2)));
  REQUIRE(g.try_git("cat-file -t " + old[0]).status != 0);

  std::string err;
  auto repo = git::Repo::open(g.root(), &err);
  REQUIRE(repo);
  auto tip = repo->resolve_commit("target", &err);
  REQUIRE(tip);
  auto mb = repo->merge_base(g.head(), *tip, &err);
  INFO(err);
  REQUIRE(mb);
  CHECK(*mb == base);
  auto commits = repo->commits_between(*mb, g.head(), &err);
  INFO(err);
  REQUIRE(commits);
  CHECK(commits->size() == 3);
  auto changes = repo->tree_changes(*mb, g.head(), &err);
  REQUIRE(changes);
  CHECK(changes->size() == 3);
}
