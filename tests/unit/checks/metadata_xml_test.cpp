// MetadataXml and UseDesc on tests/repos/metadata-xml (named "gentoo") and
// on repositories made at test time: exact messages, locations, which
// repositories and scans report what, and one read of each file per scan.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "fixture.hpp"
#include "repo/counting_file_system.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;
using pkgscan::testing::TempDir;
namespace fs = std::filesystem;

namespace {

ScanOutput scan_xml(const std::vector<std::string>& targets = {}) {
  static RealFileSystem real;
  return scan_at(real, fixture_path("metadata-xml"), {"MetadataXml", "UseDesc"}, targets);
}

// "keyword: message" of a package's results.
std::vector<std::string> said(const ScanOutput& out, const std::string& cat, const std::string& pkg) {
  std::vector<std::string> s;
  for (const Result& r : in_package(out.results, cat, pkg)) s.push_back(r.keyword + ": " + r.message);
  return s;
}

using Strings = std::vector<std::string>;

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("MetadataXml: messages and locations", "[metadata-xml]") {
  ScanOutput out = scan_xml();
  REQUIRE(out.errors.empty());
  CHECK(said(out, "PkgMissingMetadataXml", "trigger") == Strings{"PkgMissingMetadataXml: package is missing metadata.xml"});
  CHECK(said(out, "PkgBadlyFormedXml", "trigger") ==
        Strings{"PkgBadlyFormedXml: package metadata.xml is not well formed xml: Opening and ending tag mismatch: "
                "maintainer line 4 and pkgmetadata"});
  CHECK(said(out, "PkgBadlyFormedXml", "trigger-latin1") ==
        Strings{"PkgBadlyFormedXml: package metadata.xml is not well formed xml: Input is not proper UTF-8, indicate "
                "encoding ! Bytes: 0xE9 0x20 0x61 0x75"});
  CHECK(said(out, "PkgBadlyFormedXml", "trigger-entities") ==
        Strings{"PkgBadlyFormedXml: package metadata.xml declares entity 'a': entity declarations are refused (nothing "
                "is expanded or fetched)"});
  CHECK(said(out, "PkgInvalidXml", "trigger") ==
        Strings{"PkgInvalidXml: package metadata.xml violates GLEP 68: line 4: <herd> is not allowed in <pkgmetadata> "
                "(allowed: longdescription, maintainer, slots, stabilize-allarches, straight-to-stable, upstream, use)"});
  // An invalid file gets no content checks (as in pkgcheck): no MissingRemoteId noise either way here.
  CHECK(said(out, "PkgInvalidXml", "clean").empty());
  CHECK(said(out, "PkgMetadataXmlInvalidPkgRef", "trigger") ==
        Strings{"PkgMetadataXmlInvalidPkgRef: package metadata.xml <pkg/> references unknown/invalid package: "
                "'dev-libs/nonexistent'"});
  CHECK(said(out, "PkgMetadataXmlInvalidCatRef", "trigger") ==
        Strings{"PkgMetadataXmlInvalidCatRef: package metadata.xml <cat/> references unknown/invalid category: "
                "'no-such-category'"});
  CHECK(said(out, "PkgMetadataXmlIndentation", "trigger") ==
        Strings{"PkgMetadataXmlIndentation: metadata.xml has inconsistent indentation on line 6"});
  CHECK(said(out, "PkgMetadataXmlEmptyElement", "trigger") ==
        Strings{"PkgMetadataXmlEmptyElement: metadata.xml: empty element 'longdescription' on line 8"});
  CHECK(said(out, "RedundantLongDescription", "trigger") ==
        Strings{"RedundantLongDescription: metadata.xml longdescription closely matches DESCRIPTION"});
  CHECK(said(out, "RedundantLongDescription", "trigger-short") ==
        Strings{"RedundantLongDescription: metadata.xml longdescription is too short"});
  CHECK(said(out, "MaintainerNeeded", "trigger") == Strings{"MaintainerNeeded: metadata.xml: missing maintainer-needed comment"});
  CHECK(said(out, "MaintainerNeeded", "trigger-invalid") ==
        Strings{"MaintainerNeeded: metadata.xml: invalid maintainer-needed comment"});
  CHECK(said(out, "InvalidRemoteID", "trigger") ==
        Strings{"InvalidRemoteID: remote-id value 'just-a-name' invalid for type='github', expected: "
                "'{username}/{project}'"});
  CHECK(said(out, "MissingRemoteId", "trigger") ==
        Strings{"MissingRemoteId: missing <remote-id type=\"github\">example/trigger</remote-id> (inferred from URI "
                "'https://github.com/example/trigger')"});
  CHECK(said(out, "MissingRemoteId", "trigger-mirror") ==
        Strings{"MissingRemoteId: missing <remote-id type=\"sourceforge\">frobber</remote-id> (inferred from URI "
                "'https://downloads.sourceforge.net/frobber/frobber-1.tar.gz')"});

  // Results point at the file and, when there is one, the line.
  auto bad = in_package(out.results, "PkgBadlyFormedXml", "trigger-latin1");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].path == "PkgBadlyFormedXml/trigger-latin1/metadata.xml");
  CHECK(bad[0].line == 8);
  CHECK(bad[0].scope == Scope::Package);
  auto empty = only(out.results, "PkgMetadataXmlEmptyElement");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].line == 8);
  auto missing = only(out.results, "PkgMissingMetadataXml");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].path == "PkgMissingMetadataXml/trigger/metadata.xml");
  auto remote = in_package(out.results, "MissingRemoteId", "trigger");
  REQUIRE(remote.size() == 1);
  CHECK(remote[0].field("type") == "github");
  CHECK(remote[0].field("value") == "example/trigger");
}

TEST_CASE("UseDesc: messages and locations", "[use-desc]") {
  ScanOutput out = scan_xml();
  REQUIRE(out.errors.empty());
  CHECK(said(out, "UnknownUseFlags", "trigger") == Strings{"UnknownUseFlags: unknown USE flag: 'frobnicate'"});
  CHECK(said(out, "UnknownUseFlags", "clean").empty());  // use.desc, desc/ (group_value) and metadata.xml all count
  CHECK(said(out, "MissingLocalUseDesc", "trigger") == Strings{"MissingLocalUseDesc: local USE flag missing description: [ gui ]"});
  CHECK(said(out, "UnusedLocalUse", "trigger") == Strings{"UnusedLocalUse: unused local USE flag: [ tui ]"});
  CHECK(said(out, "MatchingGlobalUse", "trigger") == Strings{"MatchingGlobalUse: local USE flag matches a global: 'ssl'"});
  CHECK(said(out, "ProbableGlobalUse", "trigger") ==
        Strings{"ProbableGlobalUse: local USE flag closely matches a global: 'ssl'"});
  CHECK(said(out, "ProbableUseExpand", "trigger") ==
        Strings{"ProbableUseExpand: USE_EXPAND group 'VIDEO_CARDS' matches local USE flag: 'video_cards_frob'"});
  CHECK(said(out, "UnderscoreInUseFlag", "trigger") ==
        Strings{"UnderscoreInUseFlag: USE flag 'pax_kernel' uses reserved underscore character"});
  auto unknown = only(out.results, "UnknownUseFlags");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].path == "UnknownUseFlags/trigger/trigger-1.ebuild");
  CHECK(unknown[0].field("flags") == "frobnicate");
  auto matching = only(out.results, "MatchingGlobalUse");
  REQUIRE(matching.size() == 1);
  CHECK(matching[0].path == "MatchingGlobalUse/trigger/metadata.xml");
  CHECK(matching[0].line == 9);
  // Repository scope, on this whole-repository scan.
  auto unused = only(out.results, "UnusedGlobalUse");
  REQUIRE(unused.size() == 1);
  CHECK(unused[0].message == "use.desc unused flags: doc, gtk");
  CHECK(unused[0].path == "profiles/use.desc");
}

TEST_CASE("repository-scope USE results need a whole-repository scan", "[use-desc]") {
  ScanOutput one = scan_xml({"UnknownUseFlags/*"});
  REQUIRE(one.errors.empty());
  CHECK(only(one.results, "UnusedGlobalUse").empty());
  CHECK(only(one.results, "PotentialLocalUse").empty());
  CHECK(only(one.results, "UnknownUseFlags").size() == 1);  // package and version scope still run
}

TEST_CASE("missing metadata.xml and maintainer-needed are reported in the gentoo repository only", "[metadata-xml]") {
  TempDir dir;
  fs::copy(fixture_path("metadata-xml"), dir.path(), fs::copy_options::recursive);
  write(dir / "profiles/repo_name", "overlay\n");
  std::string layout = read(dir / "metadata/layout.conf");
  layout.replace(layout.find("gentoo"), 6, "overlay");
  write(dir / "metadata/layout.conf", layout);
  RealFileSystem real;
  ScanOutput out = scan_at(real, dir.path(), {"MetadataXml"});
  REQUIRE(out.errors.empty());
  CHECK(only(out.results, "PkgMissingMetadataXml").empty());
  CHECK(only(out.results, "MaintainerNeeded").empty());
  CHECK(only(out.results, "PkgInvalidXml").size() == 4);  // the rest is unchanged
}

TEST_CASE("a category's metadata.xml is checked when the scan covers the whole category", "[metadata-xml]") {
  TempDir dir;
  fs::copy(fixture_path("CatMetadataXmlIndentation/trigger"), dir.path(), fs::copy_options::recursive);
  fs::copy(dir / "app-misc/foo", dir / "app-misc/bar", fs::copy_options::recursive);
  fs::rename(dir / "app-misc/bar/foo-1.ebuild", dir / "app-misc/bar/bar-1.ebuild");
  fs::copy(dir / "metadata/md5-cache/app-misc/foo-1", dir / "metadata/md5-cache/app-misc/bar-1");
  RealFileSystem real;
  auto cat_results = [&](const std::vector<std::string>& targets) {
    ScanOutput out = scan_at(real, dir.path(), {"MetadataXml"}, targets);
    REQUIRE(out.errors.empty());
    return only(out.results, "CatMetadataXmlIndentation");
  };
  CHECK(cat_results({"app-misc/foo"}).empty());
  auto whole_category = cat_results({"app-misc/*"});
  REQUIRE(whole_category.size() == 1);
  CHECK(whole_category[0].scope == Scope::Category);
  CHECK(whole_category[0].category == "app-misc");
  CHECK(whole_category[0].path == "app-misc/metadata.xml");
  CHECK(whole_category[0].line == 5);
  CHECK(cat_results({}).size() == 1);
}

TEST_CASE("each metadata.xml is read once per scan, however many checks use it", "[metadata-xml]") {
  pkgscan::testing::CountingFileSystem counting;
  ScanOutput out = scan_at(counting, fixture_path("metadata-xml"), {"MetadataXml", "UseDesc"});
  REQUIRE(out.errors.empty());
  REQUIRE(!only(out.results, "UnusedLocalUse").empty());  // UseDesc read the files too
  int files = 0;
  for (const auto& [path, n] : counting.reads())
    if (path.ends_with("/metadata.xml")) {
      INFO(path);
      CHECK(n == 1);
      ++files;
    }
  CHECK(files > 40);  // packages and categories
}

TEST_CASE("UnknownUseFlags: eclass flags, masters, and missing masters", "[use-desc]") {
  // A master with an eclass that adds "eclassflag" without describing it, and
  // an overlay whose package states "ownflag" and inherits that eclass.
  TempDir base, overlay;
  const std::string eclass = "# fixture eclass\nIUSE=\"eclassflag\"\n";
  write(base / "profiles/repo_name", "base\n");
  write(base / "profiles/use.desc", "doc - Documentation\n");
  write(base / "metadata/layout.conf", "repo-name = base\nmasters =\n");
  write(base / "eclass/foo.eclass", eclass);
  write(overlay / "profiles/repo_name", "ovl\n");
  write(overlay / "profiles/use.desc", "ssl - SSL\n");
  write(overlay / "metadata/layout.conf", "repo-name = ovl\nmasters = base\ncache-formats = md5-dict\n");
  const std::string ebuild = "EAPI=8\ninherit foo\nSLOT=0\nIUSE=\"doc ssl ownflag\"\n";
  write(overlay / "app-misc/foo/foo-1.ebuild", ebuild);
  auto cache = [&](const std::string& eclass_md5) {
    write(overlay / "metadata/md5-cache/app-misc/foo-1",
          "EAPI=8\nIUSE=doc ssl ownflag eclassflag\nSLOT=0\n_eclasses_=foo\t" + eclass_md5 + "\n_md5_=" + md5_hex(ebuild) + "\n");
  };
  cache(md5_hex(eclass));
  RealFileSystem real;
  auto unknown = [&](std::map<std::string, std::string> repo_paths) {
    ScanOutput out = scan_at(real, overlay.path(), {"UseDesc"}, {}, {"UnknownUseFlags"}, std::move(repo_paths));
    REQUIRE(out.errors.empty());
    Strings s;
    for (const Result& r : out.results) s.push_back(r.message);
    return s;
  };
  // The master's eclass flag is the master's to describe; the package's own is not.
  CHECK(unknown({{"base", base.path()}}) == Strings{"unknown USE flag: 'ownflag'"});
  // Without the master its descriptions are unknown too: nothing is said (MissingMaster says why).
  CHECK(unknown({}).empty());
  // The overlay's own eclass: its flags are the overlay's to describe.
  write(overlay / "eclass/foo.eclass", eclass);
  CHECK(unknown({{"base", base.path()}}) == Strings{"unknown USE flags: 'eclassflag', 'ownflag'"});
}

TEST_CASE("USE checks that need every version's metadata wait for it", "[use-desc]") {
  TempDir dir;
  fs::copy(fixture_path("metadata-xml"), dir.path(), fs::copy_options::recursive);
  // A second version of UnusedLocalUse/trigger with no cache entry: it might use "tui".
  fs::copy(dir / "UnusedLocalUse/trigger/trigger-1.ebuild", dir / "UnusedLocalUse/trigger/trigger-2.ebuild");
  RealFileSystem real;
  ScanOutput out = scan_at(real, dir.path(), {"UseDesc", "Cache"});
  REQUIRE(out.errors.empty());
  CHECK(only(out.results, "MissingCacheEntry").size() == 1);
  CHECK(only(out.results, "UnusedLocalUse").empty());
  CHECK(only(out.results, "UnusedGlobalUse").empty());   // usage of the whole tree is not known either
  CHECK(only(out.results, "PotentialLocalUse").empty());
  CHECK(only(out.results, "MissingLocalUseDesc").size() == 3);  // needs no IUSE: still reported
}
