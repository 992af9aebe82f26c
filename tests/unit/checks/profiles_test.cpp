// Profiles and PackageUpdates on the tests/repos/<Keyword>/trigger repositories
// (each a small profile tree: base with package.mask, package.use.mask,
// use.mask and make.defaults, a default profile stacking it, updates/).
#include <catch2/catch.hpp>

#include "fixture.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

std::vector<std::string> lines_of(const std::string& repo, const std::string& keyword) {
  FixtureScan s;
  s.checks = {"Profiles", "PackageUpdates", "Repository"};
  ScanOutput out = scan_fixture(repo, s);
  REQUIRE(out.errors.empty());
  std::vector<std::string> v;
  for (const Result& r : only(out.results, keyword))
    v.push_back(r.path + ":" + std::to_string(r.line) + ": " + r.message);
  return v;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("profile files: each problem names its file and line", "[profiles]") {
  CHECK(lines_of("ProfileError/trigger", "ProfileError") ==
        Lines{"profiles/base/package.mask:3: 'base/package.mask': expected one atom per line, got 'not an atom'"});
  CHECK(lines_of("UnknownProfilePackage/trigger", "UnknownProfilePackage") ==
        Lines{"profiles/base/package.mask:3: 'base/package.mask': unknown package: 'app-misc/nosuch'"});
  CHECK(lines_of("UnknownProfileUse/trigger", "UnknownProfileUse") ==
        Lines{"profiles/base/use.mask:2: 'base/use.mask': unknown USE flag: 'undescribed'"});
  CHECK(lines_of("UnknownProfilePackageUse/trigger", "UnknownProfilePackageUse") ==
        Lines{"profiles/base/package.use.mask:2: 'base/package.use.mask': unknown package USE flag: "
              "'app-misc/foo[nosuchflag]'"});
  CHECK(lines_of("UnknownProfileUseExpand/trigger", "UnknownProfileUseExpand") ==
        Lines{"profiles/base/make.defaults:4: 'base/make.defaults': unknown USE_EXPAND group in "
              "'USE_EXPAND_HIDDEN': NOSUCH_GROUP"});
  CHECK(lines_of("UnknownProfileUseExpandValue/trigger", "UnknownProfileUseExpandValue") ==
        Lines{"profiles/base/make.defaults:4: 'base/make.defaults': unknown value for 'PYTHON_TARGETS': python9_9"});
}

TEST_CASE("profiles.desc as a whole", "[profiles]") {
  CHECK(lines_of("LaggingProfileEapi/trigger", "LaggingProfileEapi") ==
        Lines{"profiles/default/eapi:0: 'default' profile has EAPI 0, 'base' parent has EAPI 5"});
  CHECK(lines_of("UnusedProfileDirs/trigger", "UnusedProfileDirs") ==
        Lines{"profiles:0: unused profile dir: 'orphan'"});
  CHECK(lines_of("NonexistentProfilePath/trigger", "NonexistentProfilePath") ==
        Lines{"profiles/profiles.desc:2: nonexistent profile path: 'default/missing'"});
  CHECK(lines_of("NonexistentCategories/trigger", "NonexistentCategories") ==
        Lines{"profiles/categories:0: nonexistent profiles/categories entry: app-nosuch"});
  CHECK(lines_of("ArchesWithoutProfiles/trigger", "ArchesWithoutProfiles") ==
        Lines{"profiles/profiles.desc:0: arch without profiles: x86"});
}

TEST_CASE("profiles/updates: strict lines and followed moves", "[profiles]") {
  CHECK(lines_of("BadPackageUpdate/trigger", "BadPackageUpdate") ==
        Lines{"profiles/updates/1Q-2024:2: file '1Q-2024': 'frobnicate app-misc/a app-misc/b' on line 2: unknown "
              "command"});
  // Said once, as BadPackageUpdate, not also as RepoFileError.
  CHECK(lines_of("BadPackageUpdate/trigger", "RepoFileError").empty());
  CHECK(lines_of("MovedPackageUpdate/trigger", "MovedPackageUpdate") ==
        Lines{"profiles/updates/2Q-2024:1: file '2Q-2024': 'move app-misc/old app-misc/other' on line 1: app-misc/old "
              "was already moved to app-misc/foo, this line is redundant"});
  CHECK(lines_of("OldPackageUpdate/trigger", "OldPackageUpdate") ==
        Lines{"profiles/updates/2Q-2024:1: 'app-misc/gone' unavailable: old update line: 'move app-misc/x "
              "app-misc/gone'"});
  CHECK(lines_of("MultiMovePackageUpdate/trigger", "MultiMovePackageUpdate") ==
        Lines{"profiles/updates/2Q-2024:1: 'app-misc/a': multi-move update: app-misc/a -> app-misc/b -> app-misc/foo"});
  // The chain's end is gone: one OldMultiMovePackageUpdate, no OldPackageUpdate for its last line.
  CHECK(lines_of("OldMultiMovePackageUpdate/trigger", "OldMultiMovePackageUpdate") ==
        Lines{"profiles/updates/2Q-2024:1: 'app-misc/gone' unavailable: old multi-move update: app-misc/a -> "
              "app-misc/b -> app-misc/gone"});
  CHECK(lines_of("OldMultiMovePackageUpdate/trigger", "OldPackageUpdate").empty());
  CHECK(lines_of("RedundantPackageUpdate/trigger", "RedundantPackageUpdate") ==
        Lines{"profiles/updates/2Q-2024:1: update line moves to the same package/slot: 'slotmove app-misc/foo 0 0'"});
}

TEST_CASE("broken profile trees give results, not crashes", "[profiles][bad-input]") {
  pkgscan::testing::TempDir dir;
  dir.write("metadata/layout.conf", "masters = gentoo\nprofile-formats = portage-2\n");
  dir.write("profiles/repo_name", "broken\n");
  dir.write("profiles/arch.list", "amd64\n");
  dir.write("profiles/profiles.desc", "amd64 a stable\namd64 b stable\nthree words only here\n");
  dir.write("profiles/a/parent", "../b\n");
  dir.write("profiles/b/parent", "../a\n");  // a cycle
  dir.write("profiles/b/eapi", "\n");         // empty
  dir.write("profiles/b/package.mask/x", "=cat/pkg\n");
  dir.write("profiles/b/deprecated", "nowhere\n");
  dir.write("profiles/b/make.defaults", "USE=\"unterminated\n");
  dir.write("profiles/package.mask", "-\n");
  dir.write("profiles/updates/5Q-2024", "move a/b c/d\n");
  FixtureScan s;
  s.checks = {"Profiles", "PackageUpdates", "Visibility"};
  static RealFileSystem fs;
  ScanOptions opts;
  opts.repo = dir.path();
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.checks = s.checks;
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  ScanOutput out = run_scan(fs, opts);
  REQUIRE(out.errors.empty());
  auto has = [&](const std::string& keyword, const std::string& path, int line, const std::string& fragment) {
    for (const Result& r : out.results)
      if (r.keyword == keyword && r.path == path && r.line == line && r.message.find(fragment) != std::string::npos)
        return true;
    return false;
  };
  CHECK(has("ProfileError", "profiles/profiles.desc", 3, "expected 'arch profile-path status'"));
  CHECK(has("ProfileError", "profiles/b/eapi", 0, "is empty"));
  CHECK(has("ProfileError", "profiles/b/package.mask/x", 1, "invalid atom '=cat/pkg'"));
  CHECK(has("ProfileError", "profiles/b/deprecated", 1, "nonexistent replacement 'nowhere'"));
  CHECK(has("ProfileError", "profiles/b/make.defaults", 1, "unterminated"));
  CHECK(has("ProfileError", "profiles/package.mask", 1, "empty negation"));
  CHECK(has("BadPackageUpdate", "profiles/updates/5Q-2024", 0, "incorrectly named update file"));
  // The master is missing: nothing is called unknown on its account.
  CHECK(only(out.results, "UnknownProfilePackage").empty());
}
