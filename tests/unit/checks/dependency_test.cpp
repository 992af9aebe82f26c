// The Dependency family: messages, fields and levels on the fixture
// repository, resolution through a master, the missing-master behaviour, and
// the real GURU snapshot (whose master ::gentoo is absent).
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "../../../checks/dependency.hpp"
#include "fixture.hpp"
#include "pkgscan/index.hpp"
#include "pkgscan/repo.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

ScanOutput scan_dependency(const std::string& repo, std::map<std::string, std::string> repo_paths = {},
                           int jobs = 2) {
  FixtureScan s;
  s.checks = {"Dependency"};
  s.repo_paths = std::move(repo_paths);
  s.jobs = jobs;
  return scan_fixture(repo, s);
}

std::vector<std::string> messages(const std::vector<Result>& results, const std::string& keyword,
                                  const std::string& cat, const std::string& pkg) {
  std::vector<std::string> out;
  for (const Result& r : only(in_package(results, cat, pkg), keyword)) out.push_back(r.message);
  return out;
}

std::map<std::string, std::string> with_master() {
  return {{"dependency-master", fixture_path("dependency-master")}};
}

struct CorpusDir {
  std::string path;
  CorpusDir() {
    char tmpl[] = "/tmp/pkgscan-dep-corpus-XXXXXX";
    if (char* p = mkdtemp(tmpl)) path = p;
  }
  ~CorpusDir() {
    if (!path.empty()) std::filesystem::remove_all(path);
  }
};

}  // namespace

TEST_CASE("dependency messages name the variable, the atom and the reason") {
  ScanOutput out = scan_dependency("dependency");
  REQUIRE(out.errors.empty());
  const auto& res = out.results;

  CHECK(messages(res, "NonexistentDeps", "NonexistentDeps", "trigger-package") ==
        std::vector<std::string>{"RDEPEND: dep-lib/nosuch: no such package in dependency-fixtures"});
  CHECK(messages(res, "NonexistentDeps", "NonexistentDeps", "trigger-version") ==
        std::vector<std::string>{
            "DEPEND: >=dep-lib/basic-5: no version matches in dependency-fixtures (available: 1 (slot 0))",
            "RDEPEND: dep-lib/multislot:3: no version matches in dependency-fixtures (available: 1 (slot 1), 2 (slot 2))"});

  auto moved = only(in_package(res, "DependencyMoved", "trigger-chain"), "DependencyMoved");
  REQUIRE(moved.size() == 1);
  // A chain of moves (older -> oldname -> newname) is followed to its end.
  CHECK(moved[0].message == "RDEPEND: >=dep-lib/older-1: package moved to dep-lib/newname (profiles/updates/1Q-2025:2)");
  CHECK(moved[0].level == Level::Error);
  CHECK(moved[0].field("new") == "dep-lib/newname");
  CHECK(moved[0].field("attr") == "RDEPEND");
  CHECK(moved[0].field("atom") == ">=dep-lib/older-1");
  // A moved name gives DependencyMoved, never NonexistentDeps as well.
  CHECK(only(in_package(res, "DependencyMoved", "trigger-chain"), "NonexistentDeps").empty());

  CHECK(messages(res, "BadDependency", "BadDependency", "trigger-blocker") ==
        std::vector<std::string>{
            "RDEPEND: !dep-lib/useful:=: slot operator ':=' on a blocker: a blocker is never built against; drop it"});
  CHECK(messages(res, "BadDependency", "BadDependency", "trigger-self") ==
        std::vector<std::string>{"RDEPEND: !BadDependency/trigger-self: the package blocks itself "
                                 "(BadDependency/trigger-self-1)"});

  auto use = only(in_package(res, "MissingUseDepDefault", "trigger"), "MissingUseDepDefault");
  REQUIRE(use.size() == 1);
  CHECK(use[0].message ==
        "RDEPEND: dep-lib/useful[foo]: USE flag 'foo' is missing from IUSE of dep-lib/useful-2: add a default, "
        "foo(+) or foo(-)");
  CHECK(use[0].field("versions") == "dep-lib/useful-2");
  CHECK(use[0].field("flag") == "foo");
  CHECK(use[0].level == Level::Warning);

  auto slot = only(in_package(res, "MissingSlotDep", "trigger"), "MissingSlotDep");
  REQUIRE(slot.size() == 1);
  CHECK(slot[0].field("slots") == "1, 2");
  CHECK(slot[0].message.rfind("DEPEND+RDEPEND: dep-lib/multislot: matches versions in 2 slots (1, 2)", 0) == 0);

  CHECK(messages(res, "UnstatedIuse", "UnstatedIuse", "trigger-usedep") ==
        std::vector<std::string>{"RDEPEND: dep-lib/basic[ssl?]: USE flag 'ssl' of the conditional USE dependency "
                                 "[ssl?] is not in IUSE"});
  CHECK(messages(res, "UnstatedIuse", "UnstatedIuse", "trigger-group") ==
        std::vector<std::string>{"RDEPEND: bar? ( dep-lib/basic ): USE flag 'bar' of the conditional group is not in IUSE"});

  CHECK(messages(res, "RedundantDep", "RedundantDep", "trigger-conditional") ==
        std::vector<std::string>{"RDEPEND: dep-lib/basic: required under 'ssl?' but already required unconditionally"});
  CHECK(messages(res, "SelfDependency", "SelfDependency", "trigger-runtime").size() == 1);
  CHECK(messages(res, "SelfDependency", "SelfDependency", "trigger")[0].rfind("BDEPEND: SelfDependency/trigger: build-time", 0) == 0);

  auto weak = only(in_package(res, "MisplacedWeakBlocker", "trigger-idepend"), "MisplacedWeakBlocker");
  REQUIRE(weak.size() == 2);
  CHECK(weak[0].field("attr") == "DEPEND");
  CHECK(weak[1].field("attr") == "IDEPEND");

  // The self-contained fixture has no missing master: no notice.
  CHECK(only(res, "UnresolvableDeps").empty());
}

TEST_CASE("NonexistentBlocker: a blocker no version matches blocks nothing, whatever its slot and USE deps") {
  ScanOutput out = scan_dependency("dependency");
  REQUIRE(out.errors.empty());
  auto hits = only(in_package(out.results, "NonexistentBlocker", "trigger-version"), "NonexistentBlocker");
  REQUIRE(hits.size() == 3);
  // The package exists, but no version satisfies the operator, version or
  // glob; in DEPEND and RDEPEND it is one result.
  CHECK(hits[0].message == "DEPEND+RDEPEND: !<dep-lib/basic-0.18.1.1-r3: blocks no version of dep-lib/basic in "
                           "dependency-fixtures (available: 1): the blocker is probably obsolete");
  CHECK(hits[0].field("attr") == "DEPEND+RDEPEND");
  CHECK(hits[0].field("atom") == "!<dep-lib/basic-0.18.1.1-r3");
  CHECK(hits[0].field("available") == "1");
  CHECK(hits[0].level == Level::Warning);
  CHECK(hits[1].field("atom") == "!=dep-lib/useful-3*");
  CHECK(hits[2].field("atom") == "!>dep-lib/useful-2-r999");
  CHECK(hits[2].field("attr") == "RDEPEND");
  // Matching versions block something; as in pkgcheck, a slot no version has
  // (!dep-lib/multislot:3) does not make a blocker nonexistent.
  CHECK(only(in_package(out.results, "NonexistentBlocker", "clean"), "NonexistentBlocker").empty());
}

TEST_CASE("per-atom results: one per atom without its USE deps, naming every variable") {
  ScanOutput out = scan_dependency("dependency");
  REQUIRE(out.errors.empty());
  // !static? ( app-arch/bzip2 ) static? ( app-arch/bzip2[static-libs(+)] ),
  // in DEPEND and RDEPEND, is one missing package.
  auto missing = only(in_package(out.results, "NonexistentDeps", "trigger-usedeps"), "NonexistentDeps");
  REQUIRE(missing.size() == 2);
  CHECK(missing[0].message == "DEPEND+RDEPEND: >=dep-lib/basic-5: no version matches in dependency-fixtures "
                              "(available: 1 (slot 0))");
  CHECK(missing[0].field("available") == "1 (slot 0)");
  CHECK(missing[1].message == "DEPEND+RDEPEND: app-arch/bzip2: no such package in dependency-fixtures");
  CHECK(missing[1].field("attr") == "DEPEND+RDEPEND");
  CHECK(missing[1].field("atom") == "app-arch/bzip2");

  auto revision = only(in_package(out.results, "MissingPackageRevision", "trigger-usedeps"), "MissingPackageRevision");
  REQUIRE(revision.size() == 1);
  CHECK(revision[0].field("attr") == "DEPEND+RDEPEND");
  CHECK(revision[0].field("atom") == "=dep-lib/basic-1");
}

TEST_CASE("a slot operator on a blocker parses, is BadDependency, and the rest of its variable is checked") {
  FixtureScan s;
  s.checks = {"Dependency", "DependencySyntax"};
  s.targets = {"BadDependency/trigger-blocker-slot"};
  ScanOutput out = scan_fixture("dependency", s);
  REQUIRE(out.errors.empty());
  CHECK(only(out.results, "InvalidRdepend").empty());
  auto bad = only(out.results, "BadDependency");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].message == "RDEPEND: !!=dep-lib/useful-2-r0:3/4=[a,b,c]: slot operator ':3/4=' on a blocker: a "
                          "blocker is never built against; drop it");
  auto missing = only(out.results, "NonexistentDeps");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].field("atom") == "dep-lib/nosuch-here");
}

TEST_CASE("dependency results are the same for every -j") {
  ScanOutput one = scan_dependency("dependency", {}, 1);
  ScanOutput two = scan_dependency("dependency", {}, 2);
  REQUIRE(!one.results.empty());
  CHECK(one.results == two.results);
}

TEST_CASE("atoms resolve through the master: moves, deprecations and implicit IUSE come from it too") {
  ScanOutput out = scan_dependency("dependency-overlay", with_master());
  REQUIRE(out.errors.empty());
  const auto& res = out.results;
  // Only the atom that exists nowhere is nonexistent; master packages resolve.
  auto nonexistent = only(res, "NonexistentDeps");
  REQUIRE(nonexistent.size() == 1);
  CHECK(nonexistent[0].message == "BDEPEND: dev-libs/nowhere: no such package in dependency-overlay, dependency-master");
  CHECK(messages(res, "DependencyMoved", "app-misc", "mover") ==
        std::vector<std::string>{"RDEPEND: dev-libs/master-old: package moved to dev-libs/master-new "
                                 "(dependency-master:profiles/updates/2Q-2024:1)"});
  CHECK(messages(res, "DeprecatedDep", "app-misc", "mover").size() == 1);
  // kernel_linux and arm64 are implicit through the master's make.defaults;
  // the overlay has no arch.list of its own.
  auto unstated = only(res, "UnstatedIuse");
  REQUIRE(unstated.size() == 1);
  CHECK(unstated[0].field("flag") == "bogusflag");
  CHECK(only(res, "NonexistentBlocker").size() == 1);
  CHECK(only(res, "MissingSlotDep").size() == 1);
  CHECK(only(res, "UnresolvableDeps").empty());
}

TEST_CASE("with the master missing nothing that could live there is called nonexistent") {
  ScanOutput out = scan_dependency("dependency-overlay");
  REQUIRE(out.errors.empty());
  const auto& res = out.results;
  CHECK(only(res, "NonexistentDeps").empty());
  CHECK(only(res, "NonexistentBlocker").empty());
  CHECK(only(res, "DependencyMoved").empty());  // the move is written in the missing master
  auto notice = only(res, "UnresolvableDeps");
  REQUIRE(notice.size() == 1);
  CHECK(notice[0].level == Level::Info);
  CHECK(notice[0].scope == Scope::Repo);
  CHECK(notice[0].field("masters") == "dependency-master");
  // app-misc/user: DEPEND master-lib, RDEPEND master-lib master-new master-new(arm64?) master-lib[gtk],
  // BDEPEND nowhere; app-misc/mover: master-old, master-deprecated. An atom (without USE deps) once per
  // ebuild, whatever variables have it, as NonexistentDeps would report them.
  CHECK(notice[0].field("atoms") == "5");
  CHECK(notice[0].field("packages") == "5");
  // Conservative implicit IUSE: kernel_* and arch names might come from the
  // master's profiles, so only the flag no profile would define is reported.
  auto unstated = only(res, "UnstatedIuse");
  REQUIRE(unstated.size() == 1);
  CHECK(unstated[0].field("flag") == "bogusflag");
}

TEST_CASE("the GURU snapshot without ::gentoo reports no atom as nonexistent", "[corpus]") {
  const std::string tarball = std::string(PKGSCAN_CORPUS) + "/guru-2026-08-21-metadata.tar.xz";
  if (!std::filesystem::exists(tarball)) {
    WARN("skipped: corpus not found at " << tarball);
    return;
  }
  CorpusDir dir;
  REQUIRE(!dir.path.empty());
  std::string cmd = "tar -xJf '" + tarball + "' -C '" + dir.path + "'";
  if (std::system(cmd.c_str()) != 0) {
    WARN("skipped: could not unpack " << tarball);
    return;
  }
  static RealFileSystem fs;
  ScanOptions opts;
  opts.repo = dir.path;
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.checks = {"Dependency"};
  opts.cli.exit = "none";
  opts.cli.jobs = 2;
  opts.data_dir = PKGSCAN_DATA_DIR;
  ScanOutput out = run_scan(fs, opts);
  REQUIRE(out.errors.empty());
  CHECK(only(out.results, "NonexistentDeps").empty());
  CHECK(only(out.results, "NonexistentBlocker").empty());
  auto notice = only(out.results, "UnresolvableDeps");
  REQUIRE(notice.size() == 1);
  CHECK(notice[0].field("masters") == "gentoo");
  // Most of GURU's dependencies live in ::gentoo: thousands of atoms.
  CHECK(std::stoul(std::string(notice[0].field("atoms"))) > 10000);
  // Without the master, UnstatedIuse must not flag arch, elibc_*, kernel_*
  // flags; the snapshot has none that are truly unstated.
  for (const Result& r : only(out.results, "UnstatedIuse")) {
    INFO(r.category << "/" << r.package << ": " << r.message);
    std::string flag(r.field("flag"));
    CHECK(flag.rfind("elibc_", 0) != 0);
    CHECK(flag.rfind("kernel_", 0) != 0);
    CHECK(flag != "amd64");
  }
}

TEST_CASE("a package in the overlay and its master: its versions come in ascending order across both") {
  // dev-libs/shared: versions 1 and 3 in the master, 2 in the overlay. Each
  // copy's versions are sorted; merging the copies must sort them again.
  RealFileSystem fs;
  std::string err;
  auto overlay = Repository::open(fs, fixture_path("dependency-overlay"), &err);
  REQUIRE(overlay);
  RepoSet repos(fs, std::move(overlay), with_master());
  RepoIndex index(repos);
  const Symbol cat = Symbol::intern("dev-libs"), pkg = Symbol::intern("shared");
  auto versions = [](const std::vector<const Ebuild*>& v) {
    std::vector<std::string> out;
    for (const Ebuild* e : v) out.push_back(e->version.str());
    return out;
  };
  const std::vector<std::string> all{"1", "2", "3"};
  CHECK(versions(depcheck::all_versions(index, cat, pkg)) == all);
  CHECK(versions(index.matches(*Atom::parse("dev-libs/shared", Eapi::of(8)))) == all);
  CHECK(versions(index.matches(*Atom::parse(">=dev-libs/shared-2", Eapi::of(8)))) == std::vector<std::string>{"2", "3"});
  // A package in one repository only: its own order.
  CHECK(versions(depcheck::all_versions(index, cat, Symbol::intern("master-lib"))) == std::vector<std::string>{"1", "2"});
}
