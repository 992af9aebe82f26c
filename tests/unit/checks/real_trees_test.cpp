// The Manifest, PkgDir and Unused checks on the real repositories of
// ../shared/trees: the count of every keyword, and a sample of each kind of
// result checked by hand against the files (skipped when the trees are absent).
//
//   flatcar  (git checkout, no md5-cache): only what needs no metadata;
//            SRC_URI-based Manifest results wait for cache regeneration.
//   science  (pkgcore cache; master gentoo absent)
//   whaleos  (2022 Portage cache; master eclass-overlay absent)
#include <catch2/catch.hpp>
#include <map>

#include "fixture.hpp"
#include "real_trees.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

using Counts = std::map<std::string, int>;

ScanOutput scan_tree(const std::string& root) {
  static RealFileSystem fs;
  ScanOptions opts;
  opts.repo = root;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.checks = {"Manifest", "PkgDir", "Unused"};
  opts.cli.exit = "none";
  opts.cli.jobs = 2;
  opts.data_dir = PKGSCAN_DATA_DIR;
  return run_scan(fs, opts);
}

Counts count(const ScanOutput& out) {
  Counts c;
  for (const Result& r : out.results) ++c[r.keyword];
  return c;
}

const Result* find(const ScanOutput& out, const std::string& keyword, const std::string& cp) {
  for (const Result& r : out.results)
    if (r.keyword == keyword && r.category + "/" + r.package == cp) return &r;
  return nullptr;
}

// The tree, or "" after a WARN when ../shared/trees is absent.
std::string tree(const std::string& tarball, const std::string& dir) {
  std::string root = real_tree(tarball, dir);
  if (root.empty()) WARN("skipped: " << PKGSCAN_TREES << "/" << tarball << " not found or not unpackable");
  return root;
}

}  // namespace

TEST_CASE("real trees: science", "[trees]") {
  std::string root = tree("science-2026-07-23.tar.xz", "science");
  if (root.empty()) return;
  ScanOutput out = scan_tree(root);
  REQUIRE(out.errors.empty());
  CHECK(count(out) == Counts{{"MatchingChksums", 4}, {"SizeViolation", 1}, {"TotalSizeViolation", 1},
                             {"UnusedLicenses", 1}});
  const Result* m = find(out, "MatchingChksums", "sci-biology/zmsort");
  REQUIRE(m);
  CHECK(m->message == "distfile 'gclib-110625.tar.gz' matches checksums for 'gclib.tar.gz' from sci-biology/nrcl");
  const Result* big = find(out, "SizeViolation", "sci-libs/nipype");
  REQUIRE(big);
  CHECK(big->path == "sci-libs/nipype/files/nipype-1.8.4-dependency_compatibility.patch");
  // The licences no ebuild names (its master gentoo is absent, so nothing is subtracted).
  const Result* lic = find(out, "UnusedLicenses", "/");
  REQUIRE(lic);
  CHECK(lic->message == "unused licenses: MathWorks, ccp4");
}

TEST_CASE("real trees: whaleos", "[trees]") {
  std::string root = tree("whaleos-portage-stable-2022-09-27.tar.xz", "whaleos-portage-stable");
  if (root.empty()) return;
  ScanOutput out = scan_tree(root);
  REQUIRE(out.errors.empty());
  CHECK(count(out) == Counts{{"AbsoluteSymlink", 3},
                             {"BadFilename", 1},
                             {"DeprecatedManifestHash", 367},
                             {"ExecutableFile", 2},
                             {"InvalidManifest", 1},
                             {"MissingChksum", 446},
                             {"MissingManifest", 1},
                             {"SizeViolation", 1},
                             {"TotalSizeViolation", 2},
                             {"UnknownManifest", 50},
                             {"UnnecessaryManifest", 1},
                             {"UnusedEclasses", 1},
                             {"UnusedLicenses", 1},
                             {"UnusedMirrors", 1}});
  // Old hash sets: no BLAKE2B (required by default, the repository sets no hashes), WHIRLPOOL kept.
  const Result* chk = find(out, "MissingChksum", "app-admin/eselect");
  REQUIRE(chk);
  CHECK(chk->message == "'eselect-1.4.8.tar.xz' missing required chksums: blake2b; has chksums: sha256, sha512, size, whirlpool");
  // The one PGP-signed thick Manifest.
  const Result* sig = find(out, "InvalidManifest", "media-libs/libsndfile");
  REQUIRE(sig);
  CHECK(sig->path == "media-libs/libsndfile/Manifest");
  // DIST entries of removed versions (tar-1.34 is the only ebuild left).
  const Result* unknown = find(out, "UnknownManifest", "app-arch/tar");
  REQUIRE(unknown);
  CHECK(unknown->message == "unknown distfiles in Manifest: [ tar-1.32.tar.bz2, tar-1.33.tar.xz ]");
  // A test-only distfile (test? ( mirror://gentoo/... )) counts: every USE branch is taken.
  const Result* missing = find(out, "MissingManifest", "media-libs/libvpx");
  REQUIRE(missing);
  CHECK(missing->message == "distfile missing from Manifest: [ libvpx-testdata-1.7.0.tar.xz ]");
  const Result* bad = find(out, "BadFilename", "app-admin/logrotate");
  REQUIRE(bad);
  CHECK(bad->message == "bad filename: [ 3.9.2.tar.gz ]");
  const Result* dosym = find(out, "AbsoluteSymlink", "dev-util/shunit2");
  REQUIRE(dosym);
  CHECK(dosym->message == "dosym called with absolute path on line 27: dosym /usr/bin/shunit2");
}

TEST_CASE("real trees: flatcar (no md5-cache)", "[trees]") {
  std::string root = tree("flatcar-portage-stable-2026-08-22.tar.xz", "flatcar-portage-stable");
  if (root.empty()) return;
  ScanOutput out = scan_tree(root);
  REQUIRE(out.errors.empty());
  // Without cache entries SRC_URI is unknown: no MissingManifest or UnknownManifest, and no
  // Unused* (usage unknown). Manifests are still parsed: all 479 are valid thin ones.
  CHECK(count(out) == Counts{{"DuplicateFiles", 1}, {"ExecutableFile", 2}, {"TotalSizeViolation", 1}});
  const Result* dup = find(out, "DuplicateFiles", "net-misc/ntp");
  REQUIRE(dup);
  CHECK(dup->message == "duplicate identical files in FILESDIR: 'files/ntpdate.service.conf', 'files/sntp.service.conf'");
}
