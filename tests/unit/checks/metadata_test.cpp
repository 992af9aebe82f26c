// The metadata-variable checks (checks/eapi.cpp, metadata.cpp, dep_syntax.cpp,
// license.cpp, iuse.cpp, keywords.cpp, restrict.cpp): messages, fields, levels
// and the edge cases the generic fixture test does not see.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "fixture.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;
using pkgscan::testing::TempDir;

namespace {

ScanOutput scan_meta(const std::vector<std::string>& keywords, const std::vector<std::string>& targets = {}) {
  FixtureScan s;
  s.keywords = keywords;
  s.checks = {"all"};
  s.targets = targets;
  return scan_fixture("metadata", s);
}

ScanOutput scan_dir(const std::string& root, const std::vector<std::string>& keywords) {
  RealFileSystem fs;
  ScanOptions opts;
  opts.repo = root;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.keywords = keywords;
  opts.cli.checks = {"all"};
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  return run_scan(fs, opts);
}

const Result* find(const std::vector<Result>& rs, const std::string& kw, const std::string& cat, const std::string& pkg) {
  for (const Result& r : rs)
    if (r.keyword == kw && r.category == cat && r.package == pkg) return &r;
  return nullptr;
}

// A metadata-only overlay (cache entries, no ebuilds) in a temp dir, like the
// GURU snapshot: `masters` names its masters, which are not supplied.
void write_overlay(const TempDir& dir, const std::string& masters, const std::string& layout_extra = "") {
  dir.write("profiles/repo_name", "overlay\n");
  dir.write("profiles/categories", "app-misc\n");
  dir.write("metadata/layout.conf", "masters = " + masters + "\ncache-formats = md5-dict\n" + layout_extra);
}

void write_entry(const TempDir& dir, const std::string& pf, const std::string& extra) {
  dir.write("metadata/md5-cache/app-misc/" + pf,
            "DEFINED_PHASES=-\nDESCRIPTION=An overlay package for tests\nEAPI=8\nHOMEPAGE=https://example.org\n"
            "SLOT=0\n" + extra + "_md5_=0123456789abcdef0123456789abcdef\n");
}

}  // namespace

TEST_CASE("metadata keywords have pkgcheck's levels") {
  auto& reg = CheckRegistry::instance();
  auto level = [&](const char* name) {
    const Keyword* kw = reg.find_keyword(name);
    REQUIRE(kw);
    CHECK(kw->scope == Scope::Version);
    return kw->level;
  };
  for (const char* e : {"InvalidEapi", "BannedEapi", "InvalidSlot", "InvalidDepend", "InvalidRdepend", "InvalidPdepend",
                        "InvalidBdepend", "InvalidIdepend", "InvalidRequiredUse", "InvalidLicense", "UnknownLicense",
                        "MissingLicense", "InvalidUseFlags", "BadDefaultUseFlags", "UnknownKeywords"})
    CHECK(level(e) == Level::Error);
  for (const char* w : {"DeprecatedEapi", "UnknownRestrict", "UnknownProperties", "BadHomepage"})
    CHECK(level(w) == Level::Warning);
  for (const char* s : {"OverlappingKeywords", "DuplicateKeywords", "BadDescription"}) CHECK(level(s) == Level::Style);
}

TEST_CASE("EAPI: unknown, banned and deprecated per layout.conf") {
  ScanOutput out = scan_meta({"InvalidEapi", "BannedEapi", "DeprecatedEapi"});
  REQUIRE(out.errors.empty());
  const Result* inv = find(out.results, "InvalidEapi", "InvalidEapi", "trigger");
  REQUIRE(inv);
  CHECK(inv->message == "EAPI 'paludis-1' is not a supported EAPI (known: 0-9)");
  CHECK(inv->field("eapi") == "paludis-1");
  CHECK(inv->path == "InvalidEapi/trigger/trigger-1.ebuild");
  // A banned EAPI is reported as banned only, not also as deprecated.
  CHECK(find(out.results, "BannedEapi", "DeprecatedEapi", "clean-banned"));
  CHECK(!find(out.results, "DeprecatedEapi", "DeprecatedEapi", "clean-banned"));
  const Result* dep = find(out.results, "DeprecatedEapi", "DeprecatedEapi", "trigger");
  REQUIRE(dep);
  CHECK(dep->level == Level::Warning);
  CHECK(dep->message == "EAPI 6 is deprecated in this repository (layout.conf eapis-deprecated)");
}

TEST_CASE("SLOT: empty, bad names and sub-slots") {
  ScanOutput out = scan_meta({"InvalidSlot"}, {"InvalidSlot/*"});
  auto msg = [&](const char* pkg) {
    const Result* r = find(out.results, "InvalidSlot", "InvalidSlot", pkg);
    return r ? r->message : std::string("(none)");
  };
  CHECK(msg("trigger-empty") == "SLOT is empty");
  CHECK(msg("trigger-name") == "SLOT: invalid slot name '-foo'");
  CHECK(msg("trigger-subslot") == "SLOT: empty sub-slot in '0/'");
  CHECK(msg("trigger-badsub") == "SLOT: invalid sub-slot '+x'");
  CHECK(msg("trigger-early") == "SLOT: sub-slot '1' needs EAPI 5 or later (EAPI is 4)");
  CHECK(out.results.size() == 5);
}

TEST_CASE("dependency syntax errors carry the parser's message and position") {
  ScanOutput out = scan_meta({"InvalidDepend", "InvalidRdepend", "InvalidBdepend", "InvalidIdepend"});
  const Result* d = find(out.results, "InvalidDepend", "InvalidDepend", "trigger");
  REQUIRE(d);
  CHECK(d->level == Level::Error);
  CHECK(d->field("attr") == "DEPEND");
  CHECK(d->field("position") == "11");  // '>=dev-libs/b' starts after "dev-libs/a "
  CHECK(d->message.rfind("DEPEND: invalid atom '>=dev-libs/b' at 11", 0) == 0);
  const Result* r = find(out.results, "InvalidRdepend", "InvalidRdepend", "trigger");
  REQUIRE(r);
  CHECK(r->field("attr") == "RDEPEND");
  CHECK(r->message.find("'dev-libs/a:=[foo'") != std::string::npos);

  const Result* b = find(out.results, "InvalidBdepend", "InvalidBdepend", "trigger-eapi");
  REQUIRE(b);
  CHECK(b->message == "BDEPEND is not supported in EAPI 6 (needs EAPI 7 or later)");
  const Result* i = find(out.results, "InvalidIdepend", "InvalidIdepend", "trigger-eapi");
  REQUIRE(i);
  CHECK(i->message == "IDEPEND is not supported in EAPI 7 (needs EAPI 8 or later)");
  // Valid values in EAPIs that have them are silent.
  CHECK(!find(out.results, "InvalidBdepend", "InvalidBdepend", "clean"));
  CHECK(!find(out.results, "InvalidIdepend", "InvalidIdepend", "clean"));
}

TEST_CASE("REQUIRED_USE is parsed at the ebuild's EAPI") {
  ScanOutput out = scan_meta({"InvalidRequiredUse"}, {"InvalidRequiredUse/*"});
  const Result* flag = find(out.results, "InvalidRequiredUse", "InvalidRequiredUse", "trigger-flag");
  REQUIRE(flag);
  CHECK(flag->message == "REQUIRED_USE: invalid USE flag 'b$' at 5");
  CHECK(flag->field("position") == "5");
  const Result* early = find(out.results, "InvalidRequiredUse", "InvalidRequiredUse", "trigger-eapi");
  REQUIRE(early);
  CHECK(early->message == "REQUIRED_USE is not supported in EAPI 3 (needs EAPI 4 or later)");
  CHECK(out.results.size() == 3);  // clean (^^, ??, conditionals in EAPI 8) is silent
}

TEST_CASE("LICENSE: invalid, unknown (also under USE conditionals) and missing") {
  ScanOutput out = scan_meta({"InvalidLicense", "UnknownLicense", "MissingLicense"});
  const Result* inv = find(out.results, "InvalidLicense", "InvalidLicense", "trigger-name");
  REQUIRE(inv);
  CHECK(inv->message == "LICENSE: invalid licence name 'GPL-2+?x' at 4");
  const Result* cond = find(out.results, "UnknownLicense", "UnknownLicense", "trigger-cond");
  REQUIRE(cond);
  CHECK(cond->field("license") == "CC-BY-SA-4.0");
  CHECK(cond->message == "LICENSE: no licence 'CC-BY-SA-4.0' in licenses/ of metadata-fixtures");
  // Content-free categories need no LICENSE.
  CHECK(!find(out.results, "MissingLicense", "virtual", "nolicense"));
  CHECK(!find(out.results, "MissingLicense", "acct-user", "fixture"));
  CHECK(find(out.results, "MissingLicense", "MissingLicense", "trigger"));
}

TEST_CASE("UnknownLicense stays silent while a master is missing, not for local licences") {
  TempDir dir;
  write_overlay(dir, "gentoo");
  dir.write("licenses/Local-1.0", "text\n");
  write_entry(dir, "foo-1", "LICENSE=Local-1.0 GPL-2\n");
  write_entry(dir, "bar-1", "LICENSE=|| ( GPL-2\n");
  ScanOutput out = scan_dir(dir.path(), {"UnknownLicense", "InvalidLicense", "MissingMaster"});
  REQUIRE(out.errors.empty());
  CHECK(only(out.results, "UnknownLicense").empty());
  CHECK(only(out.results, "MissingMaster").size() == 1);  // said once, there
  CHECK(only(out.results, "InvalidLicense").size() == 1);  // syntax needs no master

  // The same overlay without masters: GPL-2 is now known to be unknown.
  TempDir alone;
  write_overlay(alone, "");
  alone.write("licenses/Local-1.0", "text\n");
  write_entry(alone, "foo-1", "LICENSE=Local-1.0 GPL-2\n");
  ScanOutput out2 = scan_dir(alone.path(), {"UnknownLicense"});
  auto unknown = only(out2.results, "UnknownLicense");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].field("license") == "GPL-2");
}

TEST_CASE("IUSE: invalid names and bad defaults") {
  ScanOutput out = scan_meta({"InvalidUseFlags", "BadDefaultUseFlags"});
  const Result* inv = find(out.results, "InvalidUseFlags", "InvalidUseFlags", "trigger");
  REQUIRE(inv);
  CHECK(inv->message == "IUSE: invalid USE flag(s) 'bad!', '+also$'");
  CHECK(inv->field("flags") == "bad! +also$");
  const Result* early = find(out.results, "InvalidUseFlags", "InvalidUseFlags", "trigger-early");
  REQUIRE(early);
  CHECK(early->message == "IUSE: invalid USE flag(s) '+foo' (EAPI 0 has no IUSE defaults)");
  const Result* cpu = find(out.results, "BadDefaultUseFlags", "BadDefaultUseFlags", "trigger-cpu");
  REQUIRE(cpu);
  CHECK(cpu->field("flags") == "+cpu_flags_x86_sse2");
  // A '-' default is bad, a plain cpu_flags_* flag is fine.
  CHECK(find(out.results, "BadDefaultUseFlags", "BadDefaultUseFlags", "trigger-minus"));
  CHECK(!find(out.results, "BadDefaultUseFlags", "BadDefaultUseFlags", "clean"));
}

TEST_CASE("KEYWORDS: unknown, malformed, overlapping and duplicate") {
  ScanOutput out = scan_meta({"UnknownKeywords", "OverlappingKeywords", "DuplicateKeywords"});
  const Result* unk = find(out.results, "UnknownKeywords", "UnknownKeywords", "trigger");
  REQUIRE(unk);
  CHECK(unk->message == "KEYWORDS: unknown keyword(s) '~mips'");
  CHECK(unk->field("keywords") == "~mips");
  CHECK(!find(out.results, "UnknownKeywords", "UnknownKeywords", "clean-star"));  // -* is fine
  const Result* ov = find(out.results, "OverlappingKeywords", "OverlappingKeywords", "trigger");
  REQUIRE(ov);
  CHECK(ov->message == "KEYWORDS: overlapping keywords 'amd64 ~amd64'");
  CHECK(ov->level == Level::Style);
  const Result* dup = find(out.results, "DuplicateKeywords", "DuplicateKeywords", "trigger");
  REQUIRE(dup);
  CHECK(dup->message == "KEYWORDS: duplicate keyword(s) '~amd64'");
  // A duplicate is not also an overlap.
  CHECK(!find(out.results, "OverlappingKeywords", "DuplicateKeywords", "trigger"));
}

TEST_CASE("UnknownKeywords with a missing master reports only malformed tokens") {
  TempDir dir;
  write_overlay(dir, "gentoo");
  dir.write("profiles/arch.list", "x64-cygwin\n");  // an overlay's additions only
  write_entry(dir, "foo-1", "KEYWORDS=~amd64 ~x64-cygwin ~arm64\n");
  write_entry(dir, "bar-1", "KEYWORDS=~amd64 amd64~ ~~x86\n");
  ScanOutput out = scan_dir(dir.path(), {"UnknownKeywords"});
  REQUIRE(out.errors.empty());
  auto res = only(out.results, "UnknownKeywords");
  REQUIRE(res.size() == 1);
  CHECK(res[0].package == "bar");
  CHECK(res[0].field("keywords") == "amd64~ ~~x86");

  // Without masters the repository's own arch.list is the whole truth.
  TempDir alone;
  write_overlay(alone, "");
  alone.write("profiles/arch.list", "amd64\n");
  write_entry(alone, "foo-1", "KEYWORDS=~amd64 ~arm64 -* *\n");
  auto res2 = only(scan_dir(alone.path(), {"UnknownKeywords"}).results, "UnknownKeywords");
  REQUIRE(res2.size() == 1);
  CHECK(res2[0].field("keywords") == "~arm64 *");  // '*' is only accepted in overlays
}

TEST_CASE("RESTRICT and PROPERTIES against layout.conf, only when the list is set") {
  ScanOutput out = scan_meta({"UnknownRestrict", "UnknownProperties"});
  const Result* cond = find(out.results, "UnknownRestrict", "UnknownRestrict", "trigger-cond");
  REQUIRE(cond);
  CHECK(cond->message == "RESTRICT: 'tset' not in layout.conf restrict-allowed");
  CHECK(cond->field("tokens") == "tset");
  const Result* prop = find(out.results, "UnknownProperties", "UnknownProperties", "trigger");
  REQUIRE(prop);
  CHECK(prop->field("attr") == "PROPERTIES");

  TempDir dir;
  write_overlay(dir, "");
  write_entry(dir, "foo-1", "RESTRICT=whatever\nPROPERTIES=anything\n");
  ScanOutput unset = scan_dir(dir.path(), {"UnknownRestrict", "UnknownProperties"});
  CHECK(unset.results.empty());
  TempDir strict;
  write_overlay(strict, "", "restrict-allowed = mirror\nproperties-allowed =\n");
  write_entry(strict, "foo-1", "RESTRICT=mirror whatever\nPROPERTIES=live\n");
  ScanOutput set = scan_dir(strict.path(), {"UnknownRestrict", "UnknownProperties"});
  CHECK(only(set.results, "UnknownRestrict").size() == 1);
  CHECK(only(set.results, "UnknownProperties").size() == 1);  // an empty list allows nothing
}

TEST_CASE("DESCRIPTION: each problem, and the 80-character boundary") {
  ScanOutput out = scan_meta({"BadDescription"}, {"BadDescription/*"});
  auto msg = [&](const char* pkg) {
    const Result* r = find(out.results, "BadDescription", "BadDescription", pkg);
    return r ? r->message : std::string("(none)");
  };
  CHECK(msg("trigger-empty") == "DESCRIPTION is empty");
  CHECK(msg("trigger-dot") == "DESCRIPTION ends with '.'");
  CHECK(msg("trigger-long") == "DESCRIPTION is too long (90 characters, at most 80)");
  CHECK(msg("trigger-short") == "DESCRIPTION is too short (9 characters, at least 10 expected)");
  CHECK(msg("trigger-name") == "DESCRIPTION is just the package name");
  CHECK(msg("trigger-generic") == "DESCRIPTION is a placeholder: 'Package description'");
  CHECK(msg("clean-exact") == "(none)");
  CHECK(out.results.size() == 8);
}

TEST_CASE("DESCRIPTION: a closing abbreviation or ellipsis is not a stray full stop") {
  ScanOutput out = scan_meta({"BadDescription"}, {"BadDescription/*"});
  auto msg = [&](const char* pkg) {
    const Result* r = find(out.results, "BadDescription", "BadDescription", pkg);
    return r ? r->message : std::string("(none)");
  };
  // pkgcheck's exceptions: etc., co., inc., ltd. (any case) and "...".
  for (const char* pkg : {"clean-etc", "clean-company", "clean-inc", "clean-ltd", "clean-ellipsis"}) {
    INFO(pkg);
    CHECK(msg(pkg) == "(none)");
  }
  // Only as whole words: "disco." ends a sentence, and ".." is no ellipsis.
  CHECK(msg("trigger-disco") == "DESCRIPTION ends with '.'");
  CHECK(msg("trigger-two-dots") == "DESCRIPTION ends with '.'");
}

TEST_CASE("HOMEPAGE: missing, not http(s), malformed, exempt categories") {
  ScanOutput out = scan_meta({"BadHomepage"});
  auto msgs = [&](const std::string& pkg) {
    std::vector<std::string> m;
    for (const Result& r : in_package(out.results, "BadHomepage", pkg)) m.push_back(r.message);
    return m;
  };
  CHECK(msgs("trigger-missing") == std::vector<std::string>{"HOMEPAGE is empty"});
  CHECK(msgs("trigger-bare") == std::vector<std::string>{"HOMEPAGE: 'example.org' is not a URL (no http:// or https://)"});
  CHECK(msgs("trigger-ftp-nohost") == std::vector<std::string>{"HOMEPAGE: 'ftp:///pub/' has no host"});
  // Only the bad one of two URLs.
  CHECK(msgs("trigger-nohost") == std::vector<std::string>{"HOMEPAGE: 'https://' has no host"});
  CHECK(msgs("trigger-var") ==
        std::vector<std::string>{"HOMEPAGE: 'https://${PN}.example.org' contains an unexpanded variable"});
  CHECK(msgs("clean").empty());
  CHECK(msgs("clean-ftp").empty());  // ftp:// is allowed, as in pkgcheck
  CHECK(in_package(out.results, "virtual", "nolicense").empty());
  CHECK(in_package(out.results, "acct-user", "fixture").empty());
}

TEST_CASE("HOMEPAGE: generic sites, in https:// or http:// form, from the ebuild or an eclass") {
  ScanOutput out = scan_meta({"BadHomepage"});
  auto msgs = [&](const std::string& pkg) {
    std::vector<std::string> m;
    for (const Result& r : in_package(out.results, "BadHomepage", pkg)) m.push_back(r.message);
    return m;
  };
  CHECK(msgs("trigger-unspecific") == std::vector<std::string>{"unspecific HOMEPAGE: https://www.gentoo.org/"});
  // Only the generic one of two entries; pkgcheck's list has no http:// forms.
  CHECK(msgs("trigger-unspecific-http") == std::vector<std::string>{"unspecific HOMEPAGE: http://gentoo.org"});
  // The ebuild sets no HOMEPAGE: the kernel-2-like eclass adds the generic site.
  CHECK(msgs("trigger-unspecific-eclass") == std::vector<std::string>{"unspecific HOMEPAGE: http://www.gentoo.org/"});
  // Pages on gentoo.org hosts that are about something are fine.
  CHECK(msgs("clean-gentoo-page").empty());
}

TEST_CASE("the GURU snapshot without its master gives few metadata results", "[corpus]") {
  const std::string tarball = std::string(PKGSCAN_CORPUS) + "/guru-2026-08-21-metadata.tar.xz";
  if (!std::filesystem::exists(tarball)) {
    WARN("skipped: corpus not found at " << tarball);
    return;
  }
  TempDir dir;
  std::string cmd = "tar -xJf '" + tarball + "' -C '" + dir.path() + "'";
  if (std::system(cmd.c_str()) != 0) {
    WARN("skipped: could not unpack " << tarball);
    return;
  }
  std::vector<std::string> kws = {"InvalidEapi",     "BannedEapi",      "DeprecatedEapi",    "InvalidSlot",
                                  "InvalidDepend",   "InvalidRdepend",  "InvalidPdepend",    "InvalidBdepend",
                                  "InvalidIdepend",  "InvalidRequiredUse", "InvalidLicense", "UnknownLicense",
                                  "MissingLicense",  "InvalidUseFlags", "BadDefaultUseFlags", "UnknownKeywords",
                                  "OverlappingKeywords", "DuplicateKeywords", "UnknownRestrict", "UnknownProperties",
                                  "BadDescription",  "BadHomepage"};
  ScanOutput out = scan_dir(dir.path(), kws);
  REQUIRE(out.errors.empty());
  // egencache wrote every entry, so nothing is syntactically broken; the
  // master (with licenses/ and arch.list) is missing, so nothing is "unknown".
  for (const std::string& k : kws)
    if (k != "BadDescription") CHECK(only(out.results, k).size() <= 5);
  CHECK(only(out.results, "UnknownLicense").empty());
  CHECK(only(out.results, "UnknownKeywords").empty());
  // Style nits exist but stay a small fraction of the 3,751 entries.
  auto desc = only(out.results, "BadDescription");
  CHECK(!desc.empty());
  CHECK(desc.size() < 400);
}
