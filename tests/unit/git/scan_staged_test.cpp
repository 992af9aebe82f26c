// End to end: `pkgscan scan --staged` on temporary git repositories. The
// working tree, the index and the stash must be byte-identical afterwards.
#include <catch2/catch.hpp>

#include <filesystem>

#include "git/ebuild_repo.hpp"

using namespace pkgscan::test;

namespace {

// Runs the built binary in `dir` (no user configuration, no colours).
ShellRun scan_cli(const std::string& dir, const std::string& args) {
  return sh("cd " + shell_quote(dir) + " && " + git_env() + shell_quote(PKGSCAN_BINARY) +
            " scan --no-user-config --color never " + args);
}

bool has(const std::string& out, const std::string& what) { return out.find(what) != std::string::npos; }

// Two packages and a library, committed.
void fill_base(EbuildRepo& r) {
  r.ebuild("dev-libs/lib-1");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib"});
  r.ebuild("app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/lib"});
  r.commit_all("initial");
}

}  // namespace

TEST_CASE("scan --staged scans the staged content of staged packages only", "[git][staged]") {
  EbuildRepo r;
  fill_base(r);
  // Staged: alpha gains a dependency on something that does not exist.
  r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/staged-missing"});
  r.git("add -A");
  // Not staged: beta breaks too, and alpha's working copy changes again.
  r.ebuild("app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/unstaged-missing"});
  r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/worktree-missing"});
  // Untracked: a broken new package.
  r.ebuild("app-misc/gamma-1", EbuildSpec{.rdepend = "dev-libs/untracked-missing"});
  const std::string before = r.state();

  ShellRun run = scan_cli(r.root(), "--staged --exit none");
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(has(run.out, "app-misc/alpha"));
  CHECK(has(run.out, "NonexistentDeps"));
  CHECK(has(run.out, "dev-libs/staged-missing"));
  CHECK_FALSE(has(run.out, "worktree-missing"));
  CHECK_FALSE(has(run.out, "unstaged-missing"));
  CHECK_FALSE(has(run.out, "untracked-missing"));
  CHECK_FALSE(has(run.out, "app-misc/beta"));
  CHECK_FALSE(has(run.out, "StaleCacheEntry"));  // the staged cache entry matches the staged ebuild

  // From inside a package directory, and with the option after other options: the same.
  ShellRun inside = scan_cli(r.path("app-misc/beta"), "--exit none --staged");
  CHECK(inside.status == 0);
  CHECK(inside.out == run.out);
  // --exit fails on the staged problem.
  CHECK(scan_cli(r.root(), "--staged --exit warning").status == 1);
  CHECK(r.state() == before);
}

TEST_CASE("scan --staged with nothing staged says so and exits 0", "[git][staged]") {
  EbuildRepo r;
  fill_base(r);
  r.ebuild("app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/unstaged-missing"});
  std::string before = r.state();
  ShellRun run = scan_cli(r.root(), "--staged");
  CHECK(run.status == 0);
  CHECK(run.out == "pkgscan scan: no changes staged\n");
  CHECK(r.state() == before);
  // Staged, but nothing of the repository's packages: a README.
  r.write("README.md", "hello\n");
  r.git("add README.md");
  before = r.state();
  run = scan_cli(r.root(), "--staged");
  CHECK(run.status == 0);
  CHECK(has(run.out, "nothing to scan"));
  CHECK(has(run.out, "staged"));
  // A JSON report is still a (empty) report.
  run = scan_cli(r.root(), "--staged -R json");
  CHECK(run.status == 0);
  CHECK(r.state() == before);
}

TEST_CASE("scan --staged on an unborn branch: everything staged is new", "[git][staged]") {
  EbuildRepo r;
  r.ebuild("dev-libs/lib-1");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/missing"});
  r.git("add -A");
  const std::string before = r.state();
  ShellRun run = scan_cli(r.root(), "--staged --exit none");
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(has(run.out, "app-misc/alpha"));
  CHECK(has(run.out, "dev-libs/missing"));
  CHECK(r.state() == before);
}

TEST_CASE("scan --staged removal of a package reports where it breaks", "[git][staged]") {
  EbuildRepo r;
  fill_base(r);
  r.drop("dev-libs/lib-1");
  r.git("add -A");
  const std::string before = r.state();
  ShellRun run = scan_cli(r.root(), "--staged --exit none -k NonexistentDeps");
  INFO(run.out);
  CHECK(has(run.out, "app-misc/alpha\n  NonexistentDeps"));
  CHECK(has(run.out, "app-misc/beta\n  NonexistentDeps"));
  CHECK(r.state() == before);
}

TEST_CASE("scan --staged eclass change scans the packages that inherit it", "[git][staged]") {
  EbuildRepo r;
  r.eclass("used", "# Copyright 2026\nused_fn() { :; }\n");
  r.eclass("other", "# Copyright 2026\n");
  r.ebuild("app-misc/user-1", EbuildSpec{.inherit = {"used"}});
  r.ebuild("app-misc/bystander-1", EbuildSpec{.inherit = {"other"}});
  r.commit_all("initial");
  r.write("eclass/used.eclass", "# Copyright 2026\nused_fn() { echo changed; }\n");
  r.git("add -A");
  ShellRun run = scan_cli(r.root(), "--staged --exit none -k StaleCacheEntry");
  INFO(run.out);
  // The staged eclass no longer matches the user's cache entry.
  CHECK(has(run.out, "app-misc/user\n  StaleCacheEntry"));
  CHECK_FALSE(has(run.out, "bystander"));
}

TEST_CASE("scan --staged: bad input gives a message or a result, never a crash", "[git][staged][badinput]") {
  SECTION("not a git repository") {
    pkgscan::testing::TempDir plain;
    ShellRun run = scan_cli(plain.path(), "--staged");
    CHECK(run.status == 2);
    CHECK(has(run.out, "not a git repository"));
  }
  SECTION("targets with --staged") {
    EbuildRepo r;
    fill_base(r);
    ShellRun run = scan_cli(r.root(), "--staged app-misc/alpha");
    CHECK(run.status == 2);
    CHECK(has(run.out, "takes no targets"));
    CHECK(scan_cli(r.root(), "--staged --commits").status == 2);
  }
  SECTION("binary files, symlinks and a submodule in a package directory") {
    EbuildRepo r;
    fill_base(r);
    r.write("app-misc/alpha/files/blob.bin", std::string("\0\x01\xff\xfe", 4));
    std::filesystem::create_symlink("../../dev-libs/lib", r.path("app-misc/alpha/files/lib-link"));
    std::filesystem::create_symlink("nowhere", r.path("app-misc/alpha/dangling.ebuild"));
    r.git("add -A");
    r.git("update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,app-misc/alpha/sub");
    const std::string before = r.state();
    ShellRun run = scan_cli(r.root(), "--staged --exit none");
    INFO(run.out);
    CHECK(run.status == 0);
    CHECK(r.state() == before);
  }
  SECTION("GIT_INDEX_FILE naming a missing file, or an empty one") {
    EbuildRepo r;
    fill_base(r);
    auto with_index = [&](const std::string& file) {
      return sh("cd " + shell_quote(r.root()) + " && " + git_env() + "GIT_INDEX_FILE=" + shell_quote(file) + " " +
                shell_quote(PKGSCAN_BINARY) + " scan --no-user-config --color never --staged --exit none");
    };
    // Missing: named in the error, not read as an index that removes every file.
    ShellRun run = with_index(r.path("no-such-index"));
    INFO(run.out);
    CHECK(run.status == 2);
    CHECK(has(run.out, "GIT_INDEX_FILE names " + r.path("no-such-index")));
    CHECK_FALSE(has(run.out, "not inside an ebuild repository"));
    // Empty: not an index.
    r.write("empty-index", "");
    run = with_index(r.path("empty-index"));
    INFO(run.out);
    CHECK(run.status == 2);
    CHECK(has(run.out, "empty-index: malformed git index"));
  }
  SECTION("a corrupt object") {
    EbuildRepo r;
    fill_base(r);
    r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/other"});
    r.git("add -A");
    std::string blob = r.git("rev-parse :app-misc/alpha/alpha-1.ebuild");
    blob.pop_back();
    std::filesystem::remove(r.path(".git/objects/" + blob.substr(0, 2) + "/" + blob.substr(2)));
    ShellRun run = scan_cli(r.root(), "--staged --exit none");
    INFO(run.out);
    CHECK(run.status == 0);
    // The metadata layer reads the ebuild to hash (and maybe source) it: it
    // cannot, and says which object is missing. The cache entry is not blamed.
    CHECK(has(run.out, "SourcingError: version 1: cannot read the ebuild"));
    CHECK(has(run.out, blob));
    CHECK_FALSE(has(run.out, "MalformedCacheEntry"));
    // Without regeneration the cache check hashes the ebuild itself.
    run = scan_cli(r.root(), "--staged --exit none --no-regen");
    INFO(run.out);
    CHECK(run.status == 0);
    CHECK(has(run.out, "RepoFileError: app-misc/alpha/alpha-1.ebuild: cannot read"));
    CHECK(has(run.out, blob));
  }
}

TEST_CASE("scan --staged regenerates a staged ebuild from its staged bytes and staged eclasses", "[git][staged][regen]") {
  // No md5-cache: every ebuild is sourced with bash. The staged ebuild and
  // the staged eclass differ from their working-tree copies; only the staged
  // bytes may reach bash.
  EbuildRepo r;
  r.eclass("deps", "# Copyright 2026\nRDEPEND=\"dev-libs/eclass-committed\"\n");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.inherit = {"deps"}, .extra = "RDEPEND+=\" dev-libs/committed\"\n"});
  r.commit_all("initial");
  r.write("eclass/deps.eclass", "# Copyright 2026\nRDEPEND=\"dev-libs/eclass-staged\"\n");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.inherit = {"deps"}, .extra = "RDEPEND+=\" dev-libs/staged\"\n"});
  r.remove("metadata/md5-cache");
  r.git("add -A");
  r.write("eclass/deps.eclass", "# Copyright 2026\nRDEPEND=\"dev-libs/eclass-worktree\"\n");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.inherit = {"deps"}, .extra = "RDEPEND+=\" dev-libs/worktree\"\n"});
  r.remove("metadata/md5-cache");
  const std::string before = r.state();

  pkgscan::testing::TempDir cache_home;
  const std::string env = "XDG_CACHE_HOME=" + shell_quote(cache_home.path()) + " ";
  ShellRun run = sh("cd " + shell_quote(r.root()) + " && " + git_env() + env + shell_quote(PKGSCAN_BINARY) +
                    " scan --no-user-config --color never --staged --exit none -k NonexistentDeps");
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(has(run.out, "dev-libs/staged"));
  CHECK(has(run.out, "dev-libs/eclass-staged"));
  CHECK_FALSE(has(run.out, "worktree"));
  CHECK_FALSE(has(run.out, "committed"));
  CHECK(r.state() == before);

  // A failure while sourcing the staged bytes names the repository's file
  // and the line, not the private copy bash read.
  r.ebuild("app-misc/alpha-1", EbuildSpec{.inherit = {"deps"}, .extra = "die \"staged die\"\n"});
  r.remove("metadata/md5-cache");
  r.git("add -A");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.inherit = {"deps"}});
  r.remove("metadata/md5-cache");
  run = sh("cd " + shell_quote(r.root()) + " && " + git_env() + env + shell_quote(PKGSCAN_BINARY) +
           " scan --no-user-config --color never --staged --exit none -R json -k SourcingError");
  INFO(run.out);
  CHECK(has(run.out, "\"keyword\":\"SourcingError\""));
  CHECK(has(run.out, "staged die"));
  CHECK(has(run.out, "app-misc/alpha/alpha-1.ebuild"));
  CHECK_FALSE(has(run.out, "pkgscan-view"));
}

TEST_CASE("scan --staged on a detached HEAD compares the index with that commit", "[git][staged][badinput]") {
  EbuildRepo r;
  fill_base(r);
  r.git("checkout -q --detach");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/detached-missing"});
  r.git("add -A");
  const std::string before = r.state();
  ShellRun run = scan_cli(r.root(), "--staged --exit none");
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(has(run.out, "detached-missing"));
  CHECK_FALSE(has(run.out, "app-misc/beta"));
  CHECK(r.state() == before);
}

TEST_CASE("scan --staged in a pre-commit hook of `git commit -a` sees what is being committed", "[git][staged]") {
  // git runs the hook with GIT_INDEX_FILE naming a temporary index that holds
  // the working tree's changes; .git/index itself is unchanged until then.
  EbuildRepo r;
  fill_base(r);
  r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/commit-a-missing"});
  const std::string out = r.path(".git/hook-output");
  r.write(".git/hooks/pre-commit", "#!/bin/sh\n" + shell_quote(PKGSCAN_BINARY) +
                                       " scan --no-user-config --color never --staged --exit none > " +
                                       shell_quote(out) + " 2>&1\nexit 1\n");
  std::filesystem::permissions(r.path(".git/hooks/pre-commit"), std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add);
  ShellRun commit = r.try_git("commit -a -m 'alpha: break it'");
  CHECK(commit.status != 0);  // the hook refused, so nothing was committed
  std::string hook = r.read(".git/hook-output");
  INFO(hook);
  CHECK(has(hook, "app-misc/alpha"));
  CHECK(has(hook, "dev-libs/commit-a-missing"));
  // Outside the hook, .git/index has nothing staged.
  CHECK(scan_cli(r.root(), "--staged").out == "pkgscan scan: no changes staged\n");
}
