// End to end: `pkgscan scan --commits [REF]` on temporary git repositories.
#include <catch2/catch.hpp>

#include <filesystem>

#include "git/ebuild_repo.hpp"

using namespace pkgscan::test;

namespace {

ShellRun scan_cli(const std::string& dir, const std::string& args) {
  return sh("cd " + shell_quote(dir) + " && " + git_env() + shell_quote(PKGSCAN_BINARY) +
            " scan --no-user-config --color never " + args);
}

bool has(const std::string& out, const std::string& what) { return out.find(what) != std::string::npos; }

// An upstream with three packages, and a clone of it (origin) to work in.
struct Clone {
  EbuildRepo upstream;
  GitRepo work;
  Clone() {
    upstream.ebuild("dev-libs/lib-1");
    upstream.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib"});
    upstream.ebuild("app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/lib"});
    upstream.commit_all("initial");
    work.git("remote add origin " + upstream.root());
    work.git("fetch -q origin");
    work.git("checkout -q -B main origin/main");  // tracks origin/main
  }
};

// Writes `cpv` into `into` as EbuildRepo would (reusing its helper on a
// scratch repository and copying the two files over).
void write_ebuild(const GitRepo& into, const std::string& cpv, const EbuildSpec& spec) {
  EbuildRepo scratch;
  scratch.ebuild(cpv, spec);
  std::size_t slash = cpv.find('/');
  std::string cat = cpv.substr(0, slash), pf = cpv.substr(slash + 1);
  std::string pn = pf.substr(0, pf.rfind('-'));
  into.write(cat + "/" + pn + "/" + pf + ".ebuild", scratch.read(cat + "/" + pn + "/" + pf + ".ebuild"));
  into.write("metadata/md5-cache/" + cat + "/" + pf, scratch.read("metadata/md5-cache/" + cat + "/" + pf));
}

}  // namespace

TEST_CASE("scan --commits scans what the range changed, as committed", "[git][commits]") {
  Clone c;
  write_ebuild(c.work, "app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/committed-missing"});
  c.work.commit_all("app-misc/alpha: break it");
  // Uncommitted: never read by --commits.
  write_ebuild(c.work, "app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/worktree-missing"});
  c.work.git("add -A");
  const std::string before = c.work.state();

  ShellRun run = scan_cli(c.work.root(), "--commits --exit none -c -CommitMessage");
  INFO(run.out);
  CHECK(run.status == 0);
  CHECK(has(run.out, "app-misc/alpha"));
  CHECK(has(run.out, "committed-missing"));
  CHECK_FALSE(has(run.out, "worktree-missing"));
  CHECK_FALSE(has(run.out, "app-misc/beta"));
  // Explicit REF, with '=' and before other options: the same.
  CHECK(scan_cli(c.work.root(), "--commits=origin/main --exit none -c -CommitMessage").out == run.out);
  CHECK(scan_cli(c.work.root(), "--exit none -c -CommitMessage --commits origin/main").out == run.out);
  CHECK(c.work.state() == before);
}

TEST_CASE("scan --commits compares with the merge base, not the tip of the target branch", "[git][commits]") {
  Clone c;
  write_ebuild(c.work, "app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/mine-missing"});
  c.work.commit_all("app-misc/alpha: mine");
  // Upstream moves on meanwhile: its change is not ours to report.
  c.upstream.ebuild("app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/theirs-missing"});
  c.upstream.commit_all("app-misc/beta: theirs");
  c.work.git("fetch -q origin");
  ShellRun run = scan_cli(c.work.root(), "--commits --exit none -c -CommitMessage");
  INFO(run.out);
  CHECK(has(run.out, "mine-missing"));
  CHECK_FALSE(has(run.out, "theirs-missing"));
  CHECK_FALSE(has(run.out, "app-misc/beta"));
}

TEST_CASE("scan --commits: a removed package is reported where it breaks", "[git][commits]") {
  Clone c;
  c.work.remove("dev-libs/lib");
  c.work.remove("metadata/md5-cache/dev-libs/lib-1");
  c.work.commit_all("dev-libs/lib: treeclean");
  ShellRun run = scan_cli(c.work.root(), "--commits --exit none -k NonexistentDeps");
  INFO(run.out);
  CHECK(has(run.out, "app-misc/alpha\n  NonexistentDeps"));
  CHECK(has(run.out, "app-misc/beta\n  NonexistentDeps"));
}

TEST_CASE("scan --commits: no range, no base, no history", "[git][commits][badinput]") {
  SECTION("nothing committed since the base") {
    Clone c;
    ShellRun run = scan_cli(c.work.root(), "--commits");
    CHECK(run.status == 0);
    CHECK(has(run.out, "no changes between origin/main and HEAD"));
  }
  SECTION("no upstream and no origin/HEAD: exit 2 with a hint") {
    EbuildRepo r;
    r.ebuild("dev-libs/lib-1");
    r.commit_all("one");
    ShellRun run = scan_cli(r.root(), "--commits");
    CHECK(run.status == 2);
    CHECK(has(run.out, "--commits origin/master"));
  }
  SECTION("detached HEAD uses origin/HEAD") {
    Clone c;
    write_ebuild(c.work, "app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/detached-missing"});
    std::string head = c.work.commit_all("app-misc/alpha: detached");
    c.work.git("checkout -q --detach " + head);
    ShellRun run = scan_cli(c.work.root(), "--commits --exit none");
    CHECK(run.status == 2);  // no origin/HEAD yet
    c.work.git("remote set-head origin main");
    run = scan_cli(c.work.root(), "--commits --exit none");
    INFO(run.out);
    CHECK(run.status == 0);
    CHECK(has(run.out, "detached-missing"));
  }
  SECTION("unborn branch") {
    EbuildRepo r;
    ShellRun run = scan_cli(r.root(), "--commits origin/main");
    CHECK(run.status == 2);
    CHECK(has(run.out, "no commits yet"));
  }
  SECTION("unknown REF") {
    Clone c;
    ShellRun run = scan_cli(c.work.root(), "--commits no-such-branch");
    CHECK(run.status == 2);
    CHECK(has(run.out, "no-such-branch"));
  }
  SECTION("a shallow clone without the merge base") {
    Clone c;
    c.upstream.git("checkout -q -b side");
    c.upstream.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/x"});
    c.upstream.commit_all("side 1");
    c.upstream.git("checkout -q main");
    for (int i = 0; i < 3; ++i) {
      c.upstream.ebuild("app-misc/beta-1", EbuildSpec{.description = "Test package beta v" + std::to_string(i)});
      c.upstream.commit_all("main " + std::to_string(i));
    }
    std::string shallow = c.work.scratch() + "/shallow";
    c.work.git("clone -q --depth 1 --no-single-branch file://" + c.upstream.root() + " " + shallow);
    ShellRun run = scan_cli(shallow, "--commits origin/side");
    INFO(run.out);
    CHECK(run.status == 2);
    CHECK(has(run.out, "shallow"));
    CHECK(has(run.out, "--deepen"));
  }
}

TEST_CASE("scan --commits: odd content and broken objects give a result or a message", "[git][commits][badinput]") {
  // Whatever happens, the work tree, the index and the stash stay as they
  // were: a stash entry and uncommitted changes are there to be kept.
  auto with_user_state = [](Clone& c) {
    write_ebuild(c.work, "app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/stashed"});
    c.work.git("stash -q");
    write_ebuild(c.work, "app-misc/beta-1", EbuildSpec{.rdepend = "dev-libs/unstaged"});
    c.work.write("untracked.txt", "x\n");
  };
  SECTION("binary files, symlinks and a submodule in a committed package directory") {
    Clone c;
    c.work.write("app-misc/alpha/files/blob.bin", std::string("\0\x01\xff\xfe", 4));
    std::filesystem::create_symlink("../../../dev-libs/lib", c.work.path("app-misc/alpha/files/lib-link"));
    std::filesystem::create_symlink("/etc/passwd", c.work.path("app-misc/alpha/files/outside"));
    std::filesystem::create_symlink("nowhere", c.work.path("app-misc/alpha/dangling.ebuild"));
    c.work.git("add -A");
    c.work.git("update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,app-misc/alpha/sub");
    c.work.git("commit -q -m 'app-misc/alpha: odd files'");
    with_user_state(c);
    const std::string before = c.work.state();
    ShellRun run = scan_cli(c.work.root(), "--commits --exit none -c -CommitMessage -R json");
    INFO(run.out);
    CHECK(run.status == 0);
    // The committed package reads as the same package checked out: the same
    // results as a plain scan of the working tree (where alpha is as committed),
    // plus the submodule, which only git has (a gitlink without a checkout).
    ShellRun on_disk = scan_cli(c.work.root(), "app-misc/alpha --exit none -c -CommitMessage -R json");
    CHECK(on_disk.status == 0);
    const std::string submodule =
        "{\"keyword\":\"BrokenPkgDirEntry\",\"level\":\"error\",\"scope\":\"package\",\"check\":\"PkgDir\","
        "\"category\":\"app-misc\",\"package\":\"alpha\",\"version\":\"\",\"path\":\"app-misc/alpha/sub\",\"line\":0,"
        "\"message\":\"'sub' is neither a file nor a directory (git submodule (not scanned))\",\"fields\":{}}\n";
    CHECK(run.out == on_disk.out + submodule);
    CHECK(c.work.state() == before);
  }
  SECTION("a committed ebuild whose object is missing") {
    Clone c;
    write_ebuild(c.work, "app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/other"});
    c.work.commit_all("app-misc/alpha: change");
    std::string blob = c.work.git("rev-parse HEAD:app-misc/alpha/alpha-1.ebuild");
    blob.pop_back();
    std::filesystem::remove(c.work.path(".git/objects/" + blob.substr(0, 2) + "/" + blob.substr(2)));
    with_user_state(c);
    const std::string before = c.work.state();
    ShellRun run = scan_cli(c.work.root(), "--commits --exit none -c -CommitMessage");
    INFO(run.out);
    CHECK(run.status == 0);
    CHECK(has(run.out, "\n  SourcingError: version 1: cannot read the ebuild"));
    CHECK(has(run.out, "  BrokenPkgDirEntry: 'alpha-1.ebuild' cannot read: git object " + blob));
    CHECK(has(run.out, blob));
    CHECK(c.work.state() == before);
  }
  SECTION("not a git repository") {
    pkgscan::testing::TempDir plain;
    ShellRun run = scan_cli(plain.path(), "--commits origin/main");
    CHECK(run.status == 2);
    CHECK(has(run.out, "not a git repository"));
  }
}
