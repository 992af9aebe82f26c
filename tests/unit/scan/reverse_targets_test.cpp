// reverse_targets: who a changed eclass or a removed package reaches. The
// metadata decides; the ebuild text only decides which packages are worth
// loading (in a checkout without a cache, loading is sourcing).
#include <catch2/catch.hpp>

#include "../../../src/scan/reverse_targets.hpp"
#include "pkgscan/fs.hpp"

using namespace pkgscan;

namespace {

// One ebuild and its cache entry.
void package(VirtualFileSystem& fs, const std::string& cp, const std::string& ebuild_text, const std::string& entry) {
  const std::string pn = cp.substr(cp.find('/') + 1);
  fs.add_file("/r/" + cp + "/" + pn + "-1.ebuild", ebuild_text);
  fs.add_file("/r/metadata/md5-cache/" + cp + "-1", "EAPI=8\nSLOT=0\n" + entry + "_md5_=0\n");
}

// dev-libs/gone was removed. adds-dep.eclass adds a dependency on it;
// wrapper.eclass inherits adds-dep.
VirtualFileSystem make_repo() {
  VirtualFileSystem fs;
  fs.add_file("/r/profiles/repo_name", "r\n");
  fs.add_file("/r/metadata/layout.conf", "masters =\n");
  fs.add_file("/r/eclass/adds-dep.eclass", "RDEPEND=\"dev-libs/gone\"\n");
  fs.add_file("/r/eclass/wrapper.eclass", "inherit adds-dep\n");
  fs.add_file("/r/eclass/other.eclass", "true\n");
  package(fs, "app-misc/direct", "EAPI=8\nRDEPEND=\">=dev-libs/gone-1\"\n", "RDEPEND=>=dev-libs/gone-1\n");
  package(fs, "app-misc/via-eclass", "EAPI=8\ninherit wrapper\n",
          "RDEPEND=dev-libs/gone\n_eclasses_=wrapper\t0\tadds-dep\t0\n");
  package(fs, "app-misc/plain", "EAPI=8\ninherit other\nRDEPEND=\"dev-libs/kept\"\n", "RDEPEND=dev-libs/kept\n_eclasses_=other\t0\n");
  // Its entry claims what its ebuild text cannot do (a stale entry): the
  // text shows the package need not be loaded at all.
  package(fs, "app-misc/stale", "EAPI=8\n", "RDEPEND=dev-libs/gone\n_eclasses_=adds-dep\t0\n");
  fs.add_file("/r/dev-libs/kept/kept-1.ebuild", "EAPI=8\n");
  fs.add_file("/r/metadata/md5-cache/dev-libs/kept-1", "EAPI=8\nSLOT=0\n_md5_=0\n");
  return fs;
}

using Targets = std::vector<std::pair<std::string, std::string>>;

Targets reach(const VirtualFileSystem& fs, const std::set<std::string>& eclasses,
              const std::set<std::pair<std::string, std::string>>& removed) {
  std::string err;
  auto repo = Repository::open(fs, "/r", &err);
  REQUIRE(repo);
  RepoSet repos(fs, std::move(repo), {});
  RepoIndex index(repos);
  return reverse_targets(index, eclasses, removed);
}

}  // namespace

TEST_CASE("reverse_targets: the dependents of a removed package, through eclasses too") {
  VirtualFileSystem fs = make_repo();
  CHECK(reach(fs, {}, {{"dev-libs", "gone"}}) == Targets{{"app-misc", "direct"}, {"app-misc", "via-eclass"}});
  CHECK(reach(fs, {}, {{"dev-libs", "kept"}}) == Targets{{"app-misc", "plain"}});
  CHECK(reach(fs, {}, {}).empty());
}

TEST_CASE("reverse_targets: the users of a changed eclass, directly or not") {
  VirtualFileSystem fs = make_repo();
  CHECK(reach(fs, {"adds-dep"}, {}) == Targets{{"app-misc", "via-eclass"}});
  CHECK(reach(fs, {"wrapper"}, {}) == Targets{{"app-misc", "via-eclass"}});
  CHECK(reach(fs, {"other"}, {}) == Targets{{"app-misc", "plain"}});
}
