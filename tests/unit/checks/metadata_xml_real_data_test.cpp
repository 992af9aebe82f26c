// MetadataXml and UseDesc on real repositories (../shared/corpus and
// ../shared/trees, skipped when absent): the count of every keyword, so a
// change in what the checks say on real files shows up here. The counts were
// checked by sampling against pkgcheck's definitions (issue 13's closing
// note); flatcar is left out because it ships no md5-cache and a scan would
// first regenerate it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "fixture.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;
using pkgscan::testing::TempDir;

namespace {

using Counts = std::map<std::string, std::size_t>;

// Unpacks `tarball` into `dir` and scans `subdir` of it with the metadata.xml
// and USE description checks; nullopt (with a warning) when the tarball is
// not there.
std::optional<Counts> scan_tarball(const std::string& tarball, const TempDir& dir, const std::string& subdir) {
  if (!std::filesystem::exists(tarball)) {
    WARN("skipped: not found: " << tarball);
    return std::nullopt;
  }
  std::string cmd = "tar -xJf '" + tarball + "' -C '" + dir.path() + "'";
  if (std::system(cmd.c_str()) != 0) {
    WARN("skipped: could not unpack " << tarball);
    return std::nullopt;
  }
  RealFileSystem fs;
  ScanOptions opts;
  opts.repo = dir.path() + subdir;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.checks = {"MetadataXml", "UseDesc"};
  opts.cli.exit = "none";
  opts.cli.jobs = 2;
  opts.data_dir = PKGSCAN_DATA_DIR;
  ScanOutput out = run_scan(fs, opts);
  REQUIRE(out.errors.empty());
  Counts counts;
  for (const Result& r : out.results) ++counts[r.keyword];
  return counts;
}

}  // namespace

TEST_CASE("metadata.xml and USE descriptions on GURU: counts per keyword", "[real-data][metadata-xml]") {
  TempDir dir;
  auto counts = scan_tarball(std::string(PKGSCAN_CORPUS) + "/guru-2026-08-21-metadata.tar.xz", dir, "");
  if (!counts) return;
  // The master (::gentoo) is missing: UnknownUseFlags stays silent. Not the
  // gentoo repository: no PkgMissingMetadataXml or MaintainerNeeded.
  CHECK(*counts == Counts{{"InvalidRemoteID", 1},          // net-nntp/pan: gnome-gitlab 'pan'
                          {"MissingRemoteId", 21},
                          {"PkgMetadataXmlIndentation", 7},
                          {"PotentialGlobalUse", 1},       // 'systemd', 5 packages
                          {"RedundantLongDescription", 1},
                          {"UnderscoreInUseFlag", 8},
                          {"UnusedLocalUse", 2}});
}

TEST_CASE("metadata.xml and USE descriptions on science: counts per keyword", "[real-data][metadata-xml]") {
  TempDir dir;
  auto counts = scan_tarball(std::string(PKGSCAN_TREES) + "/science-2026-07-23.tar.xz", dir, "/science");
  if (!counts) return;
  CHECK(*counts == Counts{{"MissingRemoteId", 29}, {"RedundantLongDescription", 2}, {"UnderscoreInUseFlag", 2}});
}

TEST_CASE("metadata.xml and USE descriptions on whaleos: counts per keyword", "[real-data][metadata-xml]") {
  TempDir dir;
  auto counts =
      scan_tarball(std::string(PKGSCAN_TREES) + "/whaleos-portage-stable-2022-09-27.tar.xz", dir, "/whaleos-portage-stable");
  if (!counts) return;
  // A 2022 fork of ::gentoo files: retired <herd> elements and maintainers
  // without type= (PkgInvalidXml), sys-apps/file's unclosed <remote-id>
  // (PkgBadlyFormedXml), dev-python's two Polish category descriptions
  // (CatInvalidXml), www-servers/apache's apache2_modules_* local flags that
  // desc/apache2_modules.desc lacks (ProbableUseExpand).
  CHECK(*counts == Counts{{"CatInvalidXml", 1},
                          {"CatMetadataXmlIndentation", 2},
                          {"MissingRemoteId", 142},
                          {"PkgBadlyFormedXml", 1},
                          {"PkgInvalidXml", 218},
                          {"PkgMetadataXmlEmptyElement", 2},
                          {"PkgMetadataXmlIndentation", 4},
                          {"PotentialGlobalUse", 48},
                          {"PotentialLocalUse", 133},
                          {"ProbableUseExpand", 24},
                          {"RedundantLongDescription", 38},
                          {"UnderscoreInUseFlag", 14},
                          {"UnusedGlobalUse", 1},
                          {"UnusedGlobalUseExpand", 1},
                          {"UnusedLocalUse", 37}});
}
