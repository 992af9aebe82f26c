// The Manifest, PkgDir and Unused checks on small repositories written at
// test time: behaviour the trigger/clean fixtures do not pin down (which
// version a result lands on, what suppresses a result, layout.conf
// settings, .gitignore, masters, whole-repository scans).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "fixture.hpp"
#include "repo/counting_file_system.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;
using pkgscan::testing::TempDir;
using Catch::Matchers::Contains;

namespace {

std::string hex(char c, std::size_t n = 128) { return std::string(n, c); }

std::string dist(const std::string& name, char b = 'b', char s = 'c', std::size_t size = 100) {
  return "DIST " + name + " " + std::to_string(size) + " BLAKE2B " + hex(b) + " SHA512 " + hex(s) + "\n";
}

// A repository in a temporary directory.
class MiniRepo {
 public:
  explicit MiniRepo(const std::string& name = "mini", const std::string& layout = "thin-manifests = true\n") {
    dir_.write("profiles/repo_name", name + "\n");
    dir_.write("metadata/layout.conf", "repo-name = " + name + "\nmasters =\n" + layout);
    dir_.write("licenses/MIT", "MIT\n");
  }
  const TempDir& dir() const { return dir_; }
  std::string path() const { return dir_.path(); }

  // One version with a cache entry (unless cache is empty: then none).
  void version(const std::string& cp, const std::string& pv, const std::string& cache_extra = "",
               const std::string& ebuild = "EAPI=8\n") {
    std::string pn = cp.substr(cp.find('/') + 1);
    dir_.write(cp + "/" + pn + "-" + pv + ".ebuild", ebuild);
    if (cache_extra != "none")
      dir_.write("metadata/md5-cache/" + cp.substr(0, cp.find('/')) + "/" + pn + "-" + pv,
                 "EAPI=8\nLICENSE=MIT\nSLOT=0\n" + cache_extra);
  }
  void file(const std::string& rel, const std::string& text) const { dir_.write(rel, text); }

  ScanOutput scan(const FixtureScan& s, const std::string& repo_override = "") const {
    static RealFileSystem fs;
    ScanOptions opts;
    opts.repo = repo_override.empty() ? dir_.path() : repo_override;
    opts.targets = s.targets;
    opts.user_config = false;
    opts.cwd = "/";
    opts.cli.keywords = s.keywords;
    opts.cli.checks = s.checks.empty() ? std::vector<std::string>{"Manifest", "PkgDir", "Unused"} : s.checks;
    opts.cli.repo_paths = s.repo_paths;
    opts.cli.jobs = 2;
    opts.cli.exit = "none";
    opts.data_dir = PKGSCAN_DATA_DIR;
    ScanOutput out = run_scan(fs, opts);
    INFO("errors: " << (out.errors.empty() ? "" : out.errors[0]));
    REQUIRE(out.errors.empty());
    return out;
  }
  std::vector<Result> results(const std::string& keyword, const std::vector<std::string>& targets = {}) const {
    FixtureScan s;
    s.targets = targets;
    return only(scan(s).results, keyword);
  }

 private:
  TempDir dir_;
};

}  // namespace

TEST_CASE("Manifest: MissingChksum once per file, on the lowest version fetching it", "[manifest-check]") {
  MiniRepo repo;
  for (const char* v : {"1", "2"}) repo.version("app-misc/foo", v, "SRC_URI=https://example.org/foo.tar.gz\n");
  repo.file("app-misc/foo/Manifest", "DIST foo.tar.gz 100 SHA512 " + hex('c') + "\n");
  auto rs = repo.results("MissingChksum");
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].version == "1");
  CHECK(rs[0].message == "'foo.tar.gz' missing required chksums: blake2b; has chksums: sha512, size");
}

TEST_CASE("Manifest: the required and preferred hashes come from layout.conf", "[manifest-check]") {
  MiniRepo repo("mini", "thin-manifests = true\nmanifest-hashes = SHA512\nmanifest-required-hashes = SHA512\n");
  repo.version("app-misc/foo", "1", "SRC_URI=https://example.org/foo.tar.gz https://example.org/bar.tar.gz\n");
  repo.file("app-misc/foo/Manifest", "DIST foo.tar.gz 100 SHA512 " + hex('c') + "\n" + dist("bar.tar.gz"));
  CHECK(repo.results("MissingChksum").empty());
  auto deprecated = repo.results("DeprecatedChksum");
  REQUIRE(deprecated.size() == 1);  // BLAKE2B is not in this repository's manifest-hashes
  CHECK(deprecated[0].message == "'bar.tar.gz' has deprecated checksum: blake2b");
}

TEST_CASE("Manifest: each entry's hashes are judged by their own names", "[manifest-check]") {
  // Entries with as many hashes as their neighbours but other names: the
  // answer for one entry's hash names must not be reused for another's.
  MiniRepo repo;
  repo.version("app-misc/foo", "1",
               "SRC_URI=https://example.org/a.tar.gz https://example.org/b.tar.gz https://example.org/c.tar.gz "
               "https://example.org/d.tar.gz\n");
  repo.file("app-misc/foo/Manifest", dist("a.tar.gz") + "DIST b.tar.gz 100 BLAKE2B " + hex('d') + " SHA256 " +
                                         hex('e', 64) + "\n" + dist("c.tar.gz", 'f', 'f') + "DIST d.tar.gz 100 SHA256 " +
                                         hex('e', 64) + " SHA512 " + hex('d') + "\n");
  auto deprecated = repo.results("DeprecatedChksum");
  REQUIRE(deprecated.size() == 1);
  CHECK(deprecated[0].message == "'b.tar.gz' has deprecated checksum: sha256");
  auto missing = repo.results("MissingChksum");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].message == "'d.tar.gz' missing required chksums: blake2b; has chksums: sha256, sha512, size");
}

TEST_CASE("Manifest: UnknownManifest waits until every version's distfiles are known", "[manifest-check]") {
  MiniRepo repo;
  repo.version("app-misc/foo", "1", "SRC_URI=https://example.org/foo-1.tar.gz\n");
  repo.file("app-misc/foo/Manifest", dist("foo-1.tar.gz") + dist("foo-2.tar.gz", 'd', 'e'));
  CHECK(repo.results("UnknownManifest").size() == 1);

  SECTION("a version without a cache entry") {
    repo.version("app-misc/foo", "2", "none");
    CHECK(repo.results("UnknownManifest").empty());
  }
  SECTION("a version whose SRC_URI does not parse") {
    repo.version("app-misc/foo", "2", "SRC_URI=( https://example.org/foo-2.tar.gz\n");
    CHECK(repo.results("UnknownManifest").empty());
    auto invalid = repo.results("InvalidSrcUri");
    REQUIRE(invalid.size() == 1);
    CHECK(invalid[0].version == "2");
    CHECK_THAT(invalid[0].message, Contains("unclosed group"));
  }
}

TEST_CASE("Manifest: thick Manifests keep AUX and EBUILD entries, and use-manifests = false turns it off",
          "[manifest-check]") {
  std::string thick = dist("foo.tar.gz") + "EBUILD foo-1.ebuild 7 SHA512 " + hex('a') + "\n";
  MiniRepo thin;
  thin.version("app-misc/foo", "1", "SRC_URI=https://example.org/foo.tar.gz\n");
  thin.file("app-misc/foo/Manifest", thick);
  auto un = thin.results("UnnecessaryManifest");
  REQUIRE(un.size() == 1);
  CHECK(un[0].message == "unnecessary file in Manifest: [ foo-1.ebuild ]");
  CHECK(un[0].path == "app-misc/foo/Manifest");

  MiniRepo fat("mini", "thin-manifests = false\n");
  fat.version("app-misc/foo", "1", "SRC_URI=https://example.org/foo.tar.gz\n");
  fat.file("app-misc/foo/Manifest", thick);
  CHECK(fat.results("UnnecessaryManifest").empty());

  MiniRepo off("mini", "use-manifests = false\n");
  off.version("app-misc/foo", "1", "SRC_URI=https://example.org/foo.tar.gz\n");  // and no Manifest
  FixtureScan s;
  CHECK(off.scan(s).results.empty());
}

TEST_CASE("Manifest: collisions are found across the scanned packages, in order", "[manifest-check]") {
  MiniRepo repo;
  repo.version("app-misc/aaa", "1", "SRC_URI=https://example.org/common.tar.gz\n");
  repo.file("app-misc/aaa/Manifest", dist("common.tar.gz"));
  repo.version("app-misc/bbb", "1", "SRC_URI=https://example.org/bbb-1.tar.gz\n");
  repo.version("app-misc/bbb", "2", "SRC_URI=https://example.org/common.tar.gz\n");
  repo.file("app-misc/bbb/Manifest", dist("bbb-1.tar.gz", 'e', 'f') + dist("common.tar.gz", 'd', 'c'));
  repo.version("app-misc/ccc", "1", "SRC_URI=https://example.org/ccc-copy.tar.gz\n");
  repo.file("app-misc/ccc/Manifest", dist("ccc-copy.tar.gz"));  // = aaa's common.tar.gz

  auto conflicts = repo.results("ConflictingChksums");
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0].package == "bbb");
  CHECK(conflicts[0].version == "1");  // on the lowest version, as pkgcheck
  CHECK(conflicts[0].message == "distfile 'common.tar.gz' has different checksum (blake2b) for package: app-misc/aaa");
  auto matching = repo.results("MatchingChksums");
  REQUIRE(matching.size() == 1);
  CHECK(matching[0].package == "ccc");
  CHECK(matching[0].message == "distfile 'ccc-copy.tar.gz' matches checksums for 'common.tar.gz' from app-misc/aaa");

  // A scan of one package compares that package's entries only.
  CHECK(repo.results("MatchingChksums", {"app-misc/ccc"}).empty());
  CHECK(repo.results("ConflictingChksums", {"app-misc/bbb"}).empty());
}

TEST_CASE("Manifest: collisions compare every hash, beyond the usual two", "[manifest-check]") {
  // Three hashes per entry: the third (SHA256, first in name order after
  // BLAKE2B and SHA512 are sorted: BLAKE2B, SHA256, SHA512) differs in one
  // package only; many packages so that both scan threads keep entries.
  MiniRepo repo("mini", "thin-manifests = true\nmanifest-hashes = BLAKE2B SHA256 SHA512\n");
  auto three = [](const std::string& name, char sha256) {
    return "DIST " + name + " 100 BLAKE2B " + hex('b') + " SHA256 " + hex(sha256, 64) + " SHA512 " + hex('c') + "\n";
  };
  for (int i = 0; i < 40; ++i) {
    std::string pn = "pkg" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    repo.version("app-misc/" + pn, "1", "SRC_URI=https://example.org/shared-" + pn + ".tar.gz\n");
    repo.file("app-misc/" + pn + "/Manifest", three("shared-" + pn + ".tar.gz", i == 30 ? 'e' : 'd'));
  }
  repo.version("app-misc/zzz", "1", "SRC_URI=https://example.org/shared-pkg30.tar.gz\n");
  repo.file("app-misc/zzz/Manifest", three("shared-pkg30.tar.gz", 'd'));
  auto conflicts = repo.results("ConflictingChksums");
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0].package == "zzz");
  CHECK(conflicts[0].message == "distfile 'shared-pkg30.tar.gz' has different checksum (sha256) for package: app-misc/pkg30");
  // Every other entry has the same hashes under another name: each later
  // one matches the first (pkg00's), and pkg30's own set is matched by none.
  auto matching = repo.results("MatchingChksums");
  CHECK(matching.size() == 39);  // pkg01..pkg39 minus pkg30, and zzz
  for (const Result& r : matching) CHECK_THAT(r.message, Contains("matches checksums for 'shared-pkg00.tar.gz' from app-misc/pkg00"));
}

TEST_CASE("Manifest: DeprecatedRepoHash on whole-repository scans only", "[manifest-check]") {
  MiniRepo repo("mini", "manifest-hashes = SHA512 MD5\n");
  repo.version("app-misc/foo", "1");
  auto rs = repo.results("DeprecatedRepoHash");
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].path == "metadata/layout.conf");
  CHECK(rs[0].message == "manifest-hashes includes deprecated hash: [ md5 ]");
  CHECK(repo.results("DeprecatedRepoHash", {"app-misc/foo"}).empty());
}

TEST_CASE("PkgDir: paths the repository's .gitignore excludes are skipped", "[pkgdir-check]") {
  MiniRepo repo;
  repo.version("app-misc/foo", "1");
  repo.file("app-misc/foo/files/fix.patch.orig", "");
  repo.file("app-misc/foo/files/build/log", "");
  repo.file("app-misc/foo/files/kept.patch", "");
  REQUIRE(::chmod((repo.dir() / "app-misc/foo/files/fix.patch.orig").c_str(), 0755) == 0);
  auto empty_before = repo.results("EmptyFile");
  CHECK(empty_before.size() == 3);
  CHECK(repo.results("ExecutableFile").size() == 1);

  repo.file(".gitignore", "*.orig\nbuild/\n");
  auto empty = repo.results("EmptyFile");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].message == "empty file in FILESDIR: 'files/kept.patch'");
  CHECK(repo.results("ExecutableFile").empty());
}

TEST_CASE("PkgDir: the executable bit of the files a scan reads comes with the read, not from lstat",
          "[pkgdir-check]") {
  MiniRepo repo;
  repo.version("app-misc/foo", "1", "SRC_URI=https://example.org/foo.tar.gz\n");
  repo.file("app-misc/foo/Manifest", dist("foo.tar.gz"));
  repo.file("app-misc/foo/metadata.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pkgmetadata>\n</pkgmetadata>\n");
  repo.file("app-misc/foo/notes", "text\n");
  for (const char* f : {"foo-1.ebuild", "Manifest", "metadata.xml", "notes"})
    REQUIRE(::chmod((repo.dir() / (std::string("app-misc/foo/") + f)).c_str(), 0755) == 0);
  testing::CountingFileSystem counting;
  ScanOutput out = scan_at(counting, repo.path(), {"Manifest", "MetadataXml", "PkgDir"});
  REQUIRE(out.errors.empty());
  std::vector<std::string> messages;
  for (const Result& r : only(out.results, "ExecutableFile")) messages.push_back(r.message);
  std::sort(messages.begin(), messages.end());
  CHECK(messages == std::vector<std::string>{"unnecessary executable bit: 'Manifest'", "unnecessary executable bit: 'foo-1.ebuild'",
                            "unnecessary executable bit: 'metadata.xml'", "unnecessary executable bit: 'notes'"});
  const std::string dir = repo.path() + "/app-misc/foo/";
  CHECK(counting.lstats(dir + "Manifest") == 0);
  CHECK(counting.lstats(dir + "metadata.xml") == 0);
  CHECK(counting.lstats(dir + "foo-1.ebuild") == 0);
  CHECK(counting.lstats(dir + "notes") == 1);  // read by no check: stat'ed
  CHECK(counting.reads().at(dir + "Manifest") == 1);
  CHECK(counting.reads().at(dir + "metadata.xml") == 1);

  // Without the checks that read them, the bit still comes (from lstat).
  testing::CountingFileSystem alone;
  ScanOutput pkgdir = scan_at(alone, repo.path(), {"PkgDir"});
  CHECK(only(pkgdir.results, "ExecutableFile").size() == 4);
  CHECK(alone.lstats(dir + "Manifest") == 1);
}

TEST_CASE("PkgDir: UnknownPkgDirEntry is for the gentoo repository only", "[pkgdir-check]") {
  for (const char* name : {"gentoo", "overlay"}) {
    MiniRepo repo(name);
    repo.version("app-misc/foo", "1");
    repo.file("app-misc/foo/metadata.xml", "<pkgmetadata/>\n");
    repo.file("app-misc/foo/README", "x\n");
    repo.file("app-misc/foo/ChangeLog", "x\n");
    auto rs = repo.results("UnknownPkgDirEntry");
    if (std::string(name) == "gentoo") {
      REQUIRE(rs.size() == 1);
      CHECK(rs[0].message == "unknown entries: 'ChangeLog', 'README'");
    } else {
      CHECK(rs.empty());
    }
  }
}

TEST_CASE("PkgDir: dosym with absolute paths, as pkgcheck matches them", "[pkgdir-check]") {
  MiniRepo repo;
  repo.version("app-misc/foo", "1", "",
               "EAPI=8\n"
               "src_install() {\n"
               "\tdosym \"${ED}/usr/lib/a\" /usr/lib/b\n"           // 3: prefixed, quote after the path
               "\tdosym '/etc/foo.conf' /etc/bar.conf\n"            // 4: single-quoted absolute
               "\tdosym \"${EPREFIX%/}\"/opt/x /usr/bin/x\n"        // 5: ${VAR%/}
               "\tdosym ${ED}/usr/lib/c /usr/lib/d\n"               // unquoted variable: not matched
               "\tdosym -r /usr/lib/e /usr/lib/f\n"                 // dosym -r: relative link made for you
               "\techo dosym /usr/lib/g\n"                          // not a dosym call
               "\tdosym /home/x /usr/lib/h\n"                       // not one of pkgcheck's directories
               "}\n");
  auto rs = repo.results("AbsoluteSymlink");
  REQUIRE(rs.size() == 3);
  CHECK(rs[0].line == 3);
  CHECK(rs[0].message == "dosym called with absolute path on line 3: dosym \"${ED}/usr/lib/a\"");
  CHECK(rs[1].message == "dosym called with absolute path on line 4: dosym '/etc/foo.conf'");
  CHECK(rs[2].message == "dosym called with absolute path on line 5: dosym \"${EPREFIX%/}\"/opt/x");
}

TEST_CASE("PkgDir: AbsoluteSymlink line numbers across gaps, twice on a line, on a last line without newline",
          "[pkgdir-check]") {
  MiniRepo repo;
  repo.version("app-misc/foo", "1", "",
               "EAPI=8\n"
               "# dosym in a comment is not a call\n"                  // 2
               "\n"
               "src_install() {\n"
               "\tdosym /usr/lib/a /usr/lib/b; dosym /usr/lib/c /usr/lib/d\n"  // 5: reported once
               "\n\n\n"
               "\tdosym /var/x /var/y\n"                               // 9
               "}\n"
               "\tdosym /etc/z /etc/w");                              // 11, no newline
  auto rs = repo.results("AbsoluteSymlink");
  REQUIRE(rs.size() == 3);
  // Results come sorted by message ("line 11" before "line 5"): by line here.
  std::sort(rs.begin(), rs.end(), [](const Result& a, const Result& b) { return a.line < b.line; });
  CHECK(rs[0].line == 5);
  CHECK(rs[0].message == "dosym called with absolute path on line 5: dosym /usr/lib/a");
  CHECK(rs[1].line == 9);
  CHECK(rs[2].line == 11);
  CHECK(rs[2].message == "dosym called with absolute path on line 11: dosym /etc/z");
}

TEST_CASE("PkgDir: names, UTF-8 and duplicates in detail", "[pkgdir-check]") {
  MiniRepo repo;
  repo.version("app-misc/foo", "1", "", "EAPI=8\n# fine: \xc3\xa9\n# bad: \xc3\x28\n");
  repo.file("app-misc/foo/foo-2.x.ebuild", std::string("# \xff\n"));  // misnamed: read here, not by the index
  repo.file("app-misc/foo/files/a.patch", "same\n");
  repo.file("app-misc/foo/files/b.patch", "same\n");
  repo.file("app-misc/foo/files/c.patch", "diff\n");  // same size, other bytes
  repo.file("app-misc/foo/files/d/e.patch", "same\n");

  auto utf8 = repo.results("InvalidUTF8");
  REQUIRE(utf8.size() == 2);
  CHECK(utf8[0].path == "app-misc/foo/foo-1.ebuild");
  CHECK(utf8[0].line == 3);
  CHECK(utf8[0].message == "invalid UTF-8: byte 0xc3 at offset 25: 'foo-1.ebuild'");
  CHECK(utf8[1].path == "app-misc/foo/foo-2.x.ebuild");
  auto invalid = repo.results("InvalidPN");
  REQUIRE(invalid.size() == 1);
  CHECK(invalid[0].message == "invalid package name: [ foo-2.x ]");
  auto dups = repo.results("DuplicateFiles");
  REQUIRE(dups.size() == 1);
  CHECK(dups[0].message == "duplicate identical files in FILESDIR: 'files/a.patch', 'files/b.patch', 'files/d/e.patch'");
}

TEST_CASE("Unused: whole-repository scans only, and only with every cache entry", "[unused-check]") {
  MiniRepo repo;
  repo.file("licenses/Spare", "x\n");
  repo.file("eclass/spare.eclass", "# spare\n");
  repo.file("profiles/thirdpartymirrors", "spare https://spare.example.org\n");
  repo.version("app-misc/foo", "1");
  auto lic = repo.results("UnusedLicenses");
  REQUIRE(lic.size() == 1);
  CHECK(lic[0].message == "unused license: Spare");
  CHECK(lic[0].path == "licenses");
  CHECK(repo.results("UnusedEclasses").size() == 1);
  CHECK(repo.results("UnusedMirrors").size() == 1);
  CHECK(repo.results("UnusedLicenses", {"app-misc/foo"}).empty());

  repo.version("app-misc/bar", "1", "none");  // its LICENSE, inherits and SRC_URI are unknown
  CHECK(repo.results("UnusedLicenses").empty());
  CHECK(repo.results("UnusedEclasses").empty());
  CHECK(repo.results("UnusedMirrors").empty());
}

TEST_CASE("Unused: what a master has is not the overlay's to use, and its mirrors are known", "[unused-check]") {
  MiniRepo master("master");
  master.file("licenses/Shared", "x\n");
  master.file("eclass/shared.eclass", "# shared\n");
  master.file("profiles/thirdpartymirrors", "shared https://shared.example.org\n");
  master.version("app-misc/base", "1");

  MiniRepo overlay("overlay");
  overlay.file("metadata/layout.conf", "repo-name = overlay\nmasters = master\nthin-manifests = true\n");
  overlay.file("licenses/Shared", "x\n");
  overlay.file("licenses/Own", "x\n");
  overlay.file("eclass/shared.eclass", "# shared\n");
  overlay.file("profiles/thirdpartymirrors", "shared https://shared.example.org\n");
  overlay.version("app-misc/foo", "1",
                  "SRC_URI=mirror://shared/foo-1.tar.gz mirror://nowhere/foo-extra-1.tar.gz\n");
  overlay.file("app-misc/foo/Manifest", dist("foo-1.tar.gz") + dist("foo-extra-1.tar.gz", 'd', 'e'));

  FixtureScan s;
  s.repo_paths = {{"master", master.path()}};
  ScanOutput out = overlay.scan(s);
  auto lic = only(out.results, "UnusedLicenses");
  REQUIRE(lic.size() == 1);
  CHECK(lic[0].message == "unused license: Own");
  CHECK(only(out.results, "UnusedEclasses").empty());
  CHECK(only(out.results, "UnusedMirrors").empty());
  auto unknown = only(out.results, "UnknownMirror");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message == "unknown mirror 'nowhere' from URI 'mirror://nowhere/foo-extra-1.tar.gz'");

  // Without its master, an unknown mirror may be the master's: not reported.
  ScanOutput alone = overlay.scan(FixtureScan{});
  CHECK(only(alone.results, "UnknownMirror").empty());
}
