// `pkgscan regen` end to end on repositories made in a temporary directory
// (never in tests/repos): missing, stale and fresh entries, --force, --prune,
// failures and exit status, option placement.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include "regen_fixture.hpp"

using regen_test::read_file;
using regen_test::write_file;

namespace {

struct Run {
  int rc = -1;
  std::string out, err;
};

Run run(const std::string& args, const std::string& data_dir) {
  regen_test::TempDir io;
  std::string cmd = "PKGSCAN_DATA_DIR='" + data_dir + "' '" + PKGSCAN_BINARY + "' " + args + " >'" + (io / "out") +
                    "' 2>'" + (io / "err") + "' </dev/null";
  int status = std::system(cmd.c_str());
  Run r;
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(io / "out");
  r.err = read_file(io / "err");
  return r;
}

// A repository and a data directory whose ebuild-env is the real one
// (data/ebuild-env), or the stub worker where the real one is absent.
struct CliRepo {
  regen_test::TempDir dir;
  std::string root = dir / "repo";
  std::string data = dir / "data";
  CliRepo() {
    regen_test::make_repo(root, "clirepo");
    regen_test::mkdirs(data);
    const std::string env = regen_test::real_env_present() ? regen_test::real_env_dir() : regen_test::stub_env_dir();
    std::system(("ln -s '" + env + "' '" + data + "/ebuild-env'").c_str());
    write_file(root + "/eclass/e.eclass", "IUSE=\"e\"\n");
    write_file(root + "/app-misc/a/a-1.ebuild", "EAPI=8\ninherit e\nDESCRIPTION=\"a\"\nSLOT=\"0\"\n");
    write_file(root + "/app-misc/b/b-2.ebuild", "EAPI=7\nDESCRIPTION=\"b\"\nSLOT=\"0\"\n");
    write_file(root + "/dev-libs/c/c-3.ebuild", "EAPI=8\nDESCRIPTION=\"c\"\nSLOT=\"0\"\n");
  }
  std::string entry(const std::string& cpv) const { return read_file(root + "/metadata/md5-cache/" + cpv); }
  Run regen(const std::string& args) const { return run("regen " + args, data); }
};

std::string md5_of(const std::string& path) { return pkgscan::md5_hex(read_file(path)); }

}  // namespace

TEST_CASE("pkgscan regen writes missing entries, then leaves fresh ones alone", "[regen][cli]") {
  CliRepo r;
  Run first = r.regen("-r " + r.root + " -j 2");
  INFO(first.err);
  CHECK(first.rc == 0);
  CHECK_THAT(first.err, Catch::Contains("3 ebuilds: 0 fresh, 3 written"));
  CHECK(first.err.find('\r') == std::string::npos);  // no progress line: stderr is not a terminal
  CHECK(r.entry("app-misc/b-2") == "DEFINED_PHASES=-\nDESCRIPTION=b\nEAPI=7\nSLOT=0\n_md5_=" +
                                       md5_of(r.root + "/app-misc/b/b-2.ebuild") + "\n");
  CHECK(r.entry("app-misc/a-1") == "DEFINED_PHASES=-\nDESCRIPTION=a\nEAPI=8\nINHERIT=e\nIUSE=e\nSLOT=0\n"
                                   "_eclasses_=e\t" + md5_of(r.root + "/eclass/e.eclass") + "\n_md5_=" +
                                       md5_of(r.root + "/app-misc/a/a-1.ebuild") + "\n");
  // No temporary files left beside the entries.
  CHECK(std::system(("test -z \"$(find '" + r.root + "/metadata' -name '.*')\"").c_str()) == 0);

  Run second = r.regen("-r " + r.root);
  CHECK(second.rc == 0);
  CHECK_THAT(second.err, Catch::Contains("3 ebuilds: 3 fresh, 0 written"));

  // A changed eclass makes its users stale; a changed ebuild itself.
  write_file(r.root + "/eclass/e.eclass", "IUSE=\"e2\"\n");
  write_file(r.root + "/dev-libs/c/c-3.ebuild", "EAPI=8\nDESCRIPTION=\"c2\"\nSLOT=\"0\"\n");
  Run third = r.regen("-r " + r.root);
  CHECK_THAT(third.err, Catch::Contains("3 ebuilds: 1 fresh, 2 written"));
  CHECK_THAT(r.entry("app-misc/a-1"), Catch::Contains("IUSE=e2\n"));
  CHECK_THAT(r.entry("dev-libs/c-3"), Catch::Contains("DESCRIPTION=c2\n"));

  Run forced = r.regen("-r " + r.root + " --force");
  CHECK_THAT(forced.err, Catch::Contains("3 ebuilds: 0 fresh, 0 written, 3 unchanged"));
}

TEST_CASE("pkgscan regen --prune removes entries whose ebuild is gone", "[regen][cli]") {
  CliRepo r;
  REQUIRE(r.regen("-r " + r.root).rc == 0);
  write_file(r.root + "/metadata/md5-cache/app-misc/b-1", "EAPI=7\n");  // an old version
  write_file(r.root + "/metadata/md5-cache/gone-cat/x-1", "EAPI=7\n");
  Run targeted = r.regen("app-misc/b --prune -r " + r.root);
  CHECK(targeted.rc == 0);
  CHECK_THAT(targeted.err, Catch::Contains("1 pruned"));
  CHECK(access((r.root + "/metadata/md5-cache/app-misc/b-1").c_str(), F_OK) != 0);
  CHECK(access((r.root + "/metadata/md5-cache/gone-cat/x-1").c_str(), F_OK) == 0);  // not selected
  Run all = r.regen("--prune -r " + r.root);
  CHECK_THAT(all.err, Catch::Contains("1 pruned"));
  CHECK(access((r.root + "/metadata/md5-cache/gone-cat/x-1").c_str(), F_OK) != 0);
  CHECK(access((r.root + "/metadata/md5-cache/app-misc/b-2").c_str(), F_OK) == 0);
}

TEST_CASE("pkgscan regen lists failures, exits 1 and keeps old entries", "[regen][cli]") {
  CliRepo r;
  REQUIRE(r.regen("-r " + r.root).rc == 0);
  const std::string old = r.entry("app-misc/b-2");
  write_file(r.root + "/app-misc/b/b-2.ebuild", "EAPI=7\nDESCRIPTION=\"b\"\n\ndie \"broken on purpose\"\n");
  regen_test::mkdirs(r.root + "/app-misc/b/b-3.ebuild");  // an ebuild that is a directory
  Run bad = r.regen("-r " + r.root);
  INFO(bad.err);
  CHECK(bad.rc == 1);
  CHECK_THAT(bad.err, Catch::Contains("app-misc/b-2: " + r.root + "/app-misc/b/b-2.ebuild:4: die: broken on purpose"));
  CHECK_THAT(bad.err, Catch::Contains("app-misc/b-3: " + r.root + "/app-misc/b/b-3.ebuild: unreadable: the ebuild is not a regular file"));
  CHECK_THAT(bad.err, Catch::Contains("2 failed"));
  CHECK(r.entry("app-misc/b-2") == old);
}

TEST_CASE("pkgscan regen options work before and after targets and with '='", "[regen][cli]") {
  CliRepo r;
  Run a = r.regen("dev-libs/c -j=1 --timeout=5 -r=" + r.root);
  INFO(a.err);
  CHECK(a.rc == 0);
  CHECK_THAT(a.err, Catch::Contains("1 ebuilds: 0 fresh, 1 written"));
  Run b = r.regen("-j 2 --repo-path gentoo=/nonexistent app-misc/a --force -r " + r.root);
  INFO(b.err);
  CHECK(b.rc == 0);
  CHECK_THAT(b.err, Catch::Contains("1 ebuilds: 0 fresh, 1 written"));
  Run c = r.regen("--repo-path=gentoo=/nonexistent --quiet app-misc/b -r " + r.root);
  CHECK(c.rc == 0);
  CHECK(c.err.empty());
  CHECK(r.regen("-r " + r.root + " -j=x").rc == 2);
  CHECK(r.regen("-r " + r.root + " --timeout=0").rc == 2);
  CHECK(r.regen("-r " + r.dir.path() + "/nothing").rc == 2);
}

TEST_CASE("pkgscan regen --help says which protections apply", "[regen][cli]") {
  CliRepo r;
  Run h = r.regen("--help");
  CHECK(h.rc == 0);
  CHECK_THAT(h.out, Catch::Contains("no network"));
  CHECK_THAT(h.out, Catch::Contains("read-only view"));
  if (pkgscan::regen::probe_protections().no_network) CHECK_THAT(h.out, Catch::Contains("[x] no network"));
}

TEST_CASE("pkgscan regen shows a progress line on a terminal only", "[regen][cli]") {
  if (std::system("command -v script >/dev/null") != 0) {
    WARN("skipped: script(1) is not installed");
    return;
  }
  CliRepo r;
  regen_test::TempDir io;
  // script(1) gives the command a terminal; everything it printed lands in the log.
  std::string cmd = "PKGSCAN_DATA_DIR='" + r.data + "' script -qec \"'" + std::string(PKGSCAN_BINARY) +
                    "' regen -r '" + r.root + "' --force\" '" + (io / "log") + "' >/dev/null 2>&1 </dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string log = read_file(io / "log");
  CHECK_THAT(log, Catch::Contains("\r\033[Kregen: 3/3 ebuilds"));
  CHECK_THAT(log, Catch::Contains("/s, ETA 0s"));
  std::string quiet_cmd = "PKGSCAN_DATA_DIR='" + r.data + "' script -qec \"'" + std::string(PKGSCAN_BINARY) +
                          "' regen -r '" + r.root + "' --force --quiet\" '" + (io / "quiet") + "' >/dev/null 2>&1 </dev/null";
  REQUIRE(std::system(quiet_cmd.c_str()) == 0);
  CHECK(read_file(io / "quiet").find("regen:") == std::string::npos);
}

TEST_CASE("pkgscan regen as an ordinary user gets the same sandbox and entries", "[regen][cli]") {
  if (getuid() != 0 || std::system("command -v setpriv >/dev/null") != 0) {
    WARN("skipped: needs root and setpriv(1) to become another user");
    return;
  }
  CliRepo r;
  // nobody writes the cache of a repository it may write to.
  std::system(("chmod -R a+rwX '" + r.dir.path() + "'").c_str());
  Run as_user = run("regen -r " + r.root, r.data);
  REQUIRE(as_user.rc == 0);
  const std::string entry = r.entry("app-misc/a-1");
  std::system(("rm -rf '" + r.root + "/metadata/md5-cache'").c_str());
  regen_test::TempDir io;
  std::string cmd = "cd / && PKGSCAN_DATA_DIR='" + r.data + "' setpriv --reuid=65534 --regid=65534 --clear-groups '" +
                    std::string(PKGSCAN_BINARY) + "' regen -r '" + r.root + "' 2>'" + (io / "err") + "'";
  int status = std::system(cmd.c_str());
  INFO(read_file(io / "err"));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(r.entry("app-misc/a-1") == entry);
  Run help = run("regen --help", r.data);
  std::string user_help = "cd / && setpriv --reuid=65534 --regid=65534 --clear-groups '" + std::string(PKGSCAN_BINARY) +
                          "' regen --help >'" + (io / "help") + "'";
  REQUIRE(std::system(user_help.c_str()) == 0);
  // Where root gets namespaces, so does an ordinary user (unprivileged user namespaces).
  if (help.out.find("[x] own user namespace") != std::string::npos)
    CHECK_THAT(read_file(io / "help"), Catch::Contains("[x] own user namespace"));
}
