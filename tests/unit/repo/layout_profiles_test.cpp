#include <catch2/catch.hpp>

#include "pkgscan/repo.hpp"

using namespace pkgscan;

using Strings = std::vector<std::string>;

TEST_CASE("layout.conf: keys, comments, blank lines and bad lines", "[layout]") {
  std::vector<RepoIssue> issues;
  LayoutConf c = parse_layout_conf(
      "# comment\n"
      "repo-name = guru\n"
      "\n"
      "masters = gentoo  science\n"
      "manifest-hashes = BLAKE2B SHA512\n"
      "this line is bad\n"
      "eapis-banned = 0 1 2 3 4 5 6\n"
      "eapis-deprecated=7\n"
      "eapis-testing = 9\n"
      "properties-allowed = interactive live\n"
      "cache-formats = md5-dict\n",
      "metadata/layout.conf", issues);
  CHECK(c.repo_name == "guru");
  CHECK(c.masters == Strings{"gentoo", "science"});
  CHECK(c.masters_set);
  CHECK(c.eapis_banned == Strings{"0", "1", "2", "3", "4", "5", "6"});
  CHECK(c.eapis_deprecated == Strings{"7"});
  CHECK(c.eapis_testing == Strings{"9"});
  REQUIRE(c.properties_allowed);
  CHECK(*c.properties_allowed == Strings{"interactive", "live"});
  CHECK_FALSE(c.restrict_allowed);
  CHECK(c.cache_formats == Strings{"md5-dict"});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path == "metadata/layout.conf");
  CHECK(issues[0].line == 6);
  CHECK(issues[0].message.find("no '='") != std::string::npos);
}

TEST_CASE("layout.conf: defaults, empty masters, repeated keys", "[layout]") {
  std::vector<RepoIssue> issues;
  LayoutConf none = parse_layout_conf("", "metadata/layout.conf", issues);
  CHECK(none.cache_formats == Strings{"md5-dict"});
  CHECK_FALSE(none.masters_set);
  CHECK(issues.empty());

  LayoutConf c = parse_layout_conf("masters =\nrestrict-allowed =\ncache-formats = pms foo\nmasters = x\n",
                                   "metadata/layout.conf", issues);
  CHECK(c.masters_set);
  CHECK(c.masters == Strings{"x"});  // the last value wins, as in Portage
  REQUIRE(c.restrict_allowed);
  CHECK(c.restrict_allowed->empty());  // set but empty: nothing is allowed
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].line == 3);
  CHECK(issues[0].message == "unknown cache format 'foo'");
  CHECK(issues[1].line == 4);
  CHECK(issues[1].message.find("set again") != std::string::npos);
}

TEST_CASE("layout.conf: Manifest settings and their defaults", "[layout]") {
  std::vector<RepoIssue> issues;
  LayoutConf none = parse_layout_conf("", "metadata/layout.conf", issues);
  CHECK(none.manifest_hashes == Strings{"BLAKE2B", "SHA512"});  // pkgcore's defaults
  CHECK(none.manifest_required_hashes == Strings{"BLAKE2B"});
  CHECK_FALSE(none.thin_manifests);
  CHECK(none.use_manifests == "strict");

  LayoutConf both = parse_layout_conf(
      "manifest-hashes = blake2b SHA512 sha256\nmanifest-required-hashes = SHA512\nthin-manifests = True\n"
      "use-manifests = false\n",
      "metadata/layout.conf", issues);
  CHECK(both.manifest_hashes == Strings{"BLAKE2B", "SHA512", "SHA256"});
  CHECK(both.manifest_required_hashes == Strings{"SHA512"});
  CHECK(both.thin_manifests);
  CHECK(both.use_manifests == "false");
  CHECK(issues.empty());

  // One key alone stands for both (Portage).
  LayoutConf only_hashes = parse_layout_conf("manifest-hashes = SHA256 SHA512\n", "metadata/layout.conf", issues);
  CHECK(only_hashes.manifest_required_hashes == Strings{"SHA256", "SHA512"});
  LayoutConf only_required = parse_layout_conf("manifest-required-hashes = SHA512\n", "metadata/layout.conf", issues);
  CHECK(only_required.manifest_hashes == Strings{"SHA512"});
  CHECK(issues.empty());

  LayoutConf bad = parse_layout_conf("thin-manifests = yes\nuse-manifests = maybe\n", "metadata/layout.conf", issues);
  CHECK_FALSE(bad.thin_manifests);
  CHECK(bad.use_manifests == "strict");
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].line == 1);
  CHECK(issues[0].message.find("thin-manifests") != std::string::npos);
  CHECK(issues[1].line == 2);
}

TEST_CASE("layout.conf: profile-formats", "[layout]") {
  std::vector<RepoIssue> issues;
  LayoutConf c = parse_layout_conf("profile-formats = portage-2 profile-set\n", "metadata/layout.conf", issues);
  CHECK(c.profile_formats == Strings{"portage-2", "profile-set"});
  CHECK(c.has_profile_format("portage-2"));
  CHECK_FALSE(c.has_profile_format("portage-1"));
  CHECK(parse_layout_conf("", "metadata/layout.conf", issues).profile_formats.empty());
}

TEST_CASE("make.defaults: references are kept as pieces and expand against a lookup", "[profiles]") {
  std::vector<RepoIssue> issues;
  auto a = parse_make_defaults("USE=\"${USE} -foo $BAR\"\nCFLAGS='${not} expanded'\nX=a$Y\\\nb\n", "p", issues);
  REQUIRE(a.size() == 3);
  CHECK(issues.empty());
  CHECK(a[0].written() == "${USE} -foo $BAR");
  auto lookup = [](std::string_view v) { return v == "USE" ? std::string("a b") : std::string("<") + std::string(v) + ">"; };
  CHECK(a[0].expand(lookup) == "a b -foo <BAR>");
  CHECK(a[1].expand(lookup) == "${not} expanded");
  CHECK(a[2].key == "X");
  CHECK(a[2].expand(lookup) == "a<Y>b");
}

TEST_CASE("a missing profiles/ is one clear issue", "[profiles]") {
  VirtualFileSystem fs;
  fs.add_file("/r/metadata/layout.conf", "repo-name = r\n");
  Profiles p = read_profiles(fs, "/r");
  CHECK_FALSE(p.present);
  REQUIRE(p.issues.size() == 1);
  CHECK(p.issues[0].path == "profiles");
  CHECK(p.issues[0].message.find("missing") != std::string::npos);
}

TEST_CASE("profiles: list files, descriptions, groups, mirrors", "[profiles]") {
  VirtualFileSystem fs;
  fs.add_file("/r/profiles/repo_name", "guru\n");
  fs.add_file("/r/profiles/categories", "# c\ndev-python\n\nvirtual\n");
  fs.add_file("/r/profiles/arch.list", "amd64\n# prefix\narm64\n");
  fs.add_file("/r/profiles/use.desc", "# header\nautoload - Enable the plugin\nbroken line\ngui - Build a GUI\n");
  fs.add_file("/r/profiles/license_groups", "OSI @FREE MIT\nFREE GPL-2 MIT\nEMPTY\n");
  fs.add_file("/r/profiles/package.mask", "# who (date)\n# why\n=dev-python/foo-1\n\ndev-python/bar\n");
  fs.add_file("/r/profiles/package.deprecated", "dev-python/old\n");
  fs.add_file("/r/profiles/thirdpartymirrors", "cran\thttps://a/ https://b/\nlonely\n");
  Profiles p = read_profiles(fs, "/r");
  CHECK(p.present);
  CHECK(p.repo_name == "guru");
  CHECK(p.categories == Strings{"dev-python", "virtual"});
  CHECK(p.arches == Strings{"amd64", "arm64"});
  CHECK(p.use_desc.size() == 2);
  CHECK(p.use_desc.at("autoload") == "Enable the plugin");
  CHECK(p.license_groups.at("OSI") == Strings{"@FREE", "MIT"});
  CHECK(p.license_groups.at("EMPTY").empty());
  REQUIRE(p.package_mask.size() == 2);
  CHECK(p.package_mask[0].text == "=dev-python/foo-1");
  CHECK(p.package_mask[0].line == 3);
  CHECK(p.package_mask[1].line == 5);
  CHECK(p.package_mask[1].path == "profiles/package.mask");
  REQUIRE(p.package_deprecated.size() == 1);
  CHECK(p.thirdpartymirrors.at("cran") == Strings{"https://a/", "https://b/"});
  CHECK_FALSE(p.thirdpartymirrors.count("lonely"));

  auto has_issue = [&](const std::string& path, int line) {
    for (const auto& i : p.issues)
      if (i.path == path && i.line == line) return true;
    return false;
  };
  CHECK(has_issue("profiles/use.desc", 3));
  CHECK(has_issue("profiles/license_groups", 3));
  CHECK(has_issue("profiles/thirdpartymirrors", 2));
  CHECK(p.issues.size() == 3);
}

TEST_CASE("profiles/desc/*.desc keep file order", "[profiles]") {
  VirtualFileSystem fs;
  fs.add_file("/r/profiles/desc/python_targets.desc",
              "# oldest first\npython3_13 - Build with Python 3.13\npypy3_11 - Build with PyPy 3.11\n"
              "python3_11 - Build with Python 3.11\n");
  fs.add_file("/r/profiles/desc/README", "not a desc file\n");
  Profiles p = read_profiles(fs, "/r");
  REQUIRE(p.use_expand_desc.size() == 1);
  const auto& v = p.use_expand_desc.at("python_targets");
  REQUIRE(v.size() == 3);
  CHECK(v[0].first == "python3_13");  // not sorted: the file's order
  CHECK(v[1].first == "pypy3_11");
  CHECK(v[2].first == "python3_11");
  CHECK(v[2].second == "Build with Python 3.11");
}

TEST_CASE("profiles/updates are read in chronological order", "[profiles]") {
  CHECK(updates_name_less("1Q-2024", "2Q-2024"));
  CHECK(updates_name_less("4Q-2023", "1Q-2024"));
  CHECK_FALSE(updates_name_less("1Q-2025", "4Q-2024"));
  CHECK(updates_name_less("4Q-2099", "README"));
  CHECK_FALSE(updates_name_less("README", "1Q-2000"));

  VirtualFileSystem fs;
  fs.add_file("/r/profiles/updates/1Q-2025", "move a/c a/d\n");
  fs.add_file("/r/profiles/updates/4Q-2024", "move a/b a/c\nslotmove >=x/y-2 0 2\n");
  fs.add_file("/r/profiles/updates/2Q-2024", "move old/x new/x\nfrobnicate a b\nmove a/b\n");
  Profiles p = read_profiles(fs, "/r");
  REQUIRE(p.moves.size() == 3);
  CHECK(p.moves[0].from == "old/x");
  CHECK(p.moves[1].from == "a/b");
  CHECK(p.moves[1].to == "a/c");
  CHECK(p.moves[1].path == "profiles/updates/4Q-2024");
  CHECK(p.moves[2].from == "a/c");
  REQUIRE(p.slotmoves.size() == 1);
  CHECK(p.slotmoves[0].atom == ">=x/y-2");
  CHECK(p.slotmoves[0].from_slot == "0");
  CHECK(p.slotmoves[0].to_slot == "2");
  CHECK(p.slotmoves[0].line == 2);
  REQUIRE(p.issues.size() == 2);
  CHECK(p.issues[0].line == 2);
  CHECK(p.issues[0].message.find("frobnicate") != std::string::npos);
  CHECK(p.issues[1].line == 3);
}

TEST_CASE("profiles/base/make.defaults: quoted, continued and unexpanded values", "[profiles]") {
  VirtualFileSystem fs;
  fs.add_file("/r/profiles/base/make.defaults",
              "# comment\n"
              "USE_EXPAND=\"PYTHON_TARGETS \\\n  PYTHON_SINGLE_TARGET\"\n"
              "IUSE_IMPLICIT=\"prefix\n  test\"\n"
              "export ARCH=amd64\n"
              "USE_EXPAND_VALUES_ARCH='alpha amd64'\n"
              "BOOTSTRAP_USE=\"${BOOTSTRAP_USE} unicode\"\n"
              "not an assignment\n"
              "LAST=\"x\" trailing\n");
  Profiles p = read_profiles(fs, "/r");
  const auto& d = p.base_make_defaults;
  CHECK(d.at("USE_EXPAND") == "PYTHON_TARGETS   PYTHON_SINGLE_TARGET");
  CHECK(d.at("IUSE_IMPLICIT") == "prefix\n  test");
  CHECK(d.at("ARCH") == "amd64");
  CHECK(d.at("USE_EXPAND_VALUES_ARCH") == "alpha amd64");
  CHECK(d.at("BOOTSTRAP_USE") == "${BOOTSTRAP_USE} unicode");
  REQUIRE(p.issues.size() == 2);
  CHECK(p.issues[0].line == 9);
  CHECK(p.issues[1].line == 10);

  VirtualFileSystem unterminated;
  unterminated.add_file("/r/profiles/base/make.defaults", "A=1\nB=\"never closed\nC=2\n");
  Profiles q = read_profiles(unterminated, "/r");
  CHECK(q.base_make_defaults.at("A") == "1");
  REQUIRE(q.issues.size() == 1);
  CHECK(q.issues[0].line == 2);
  CHECK(q.issues[0].message.find("unterminated") != std::string::npos);
}

TEST_CASE("an unreadable profiles file is an issue, not a crash", "[profiles]") {
  VirtualFileSystem fs;
  fs.add_unreadable("/r/profiles/categories");
  fs.add_file("/r/profiles/arch.list", "amd64\n");
  Profiles p = read_profiles(fs, "/r");
  CHECK(p.categories.empty());
  CHECK(p.arches == Strings{"amd64"});
  REQUIRE(p.issues.size() == 1);
  CHECK(p.issues[0].path == "profiles/categories");
  CHECK(p.issues[0].message.find("Permission denied") != std::string::npos);
}
