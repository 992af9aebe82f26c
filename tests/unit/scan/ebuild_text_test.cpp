#include <catch2/catch.hpp>

#include "../checks/fixture.hpp"
#include "pkgscan/index.hpp"
#include "pkgscan/repo.hpp"

using namespace pkgscan;

TEST_CASE("ebuild_text reads each ebuild once per scan and package") {
  RealFileSystem fs;
  std::string err;
  auto repo = Repository::open(fs, test::fixture_path("cache"), &err);
  REQUIRE(repo);
  RepoSet repos(fs, std::move(repo), {});
  RepoIndex index(repos);
  ScanContext ctx{repos, index, PKGSCAN_DATA_DIR, true, false, 4242};

  const Package* pkg = index.find_main(Symbol::intern("StaleCacheEntry"), Symbol::intern("trigger"));
  REQUIRE(pkg);
  REQUIRE(pkg->versions.size() == 1);
  const Ebuild& e = pkg->versions[0];
  const std::string* first = ctx.ebuild_text(*pkg, e);
  REQUIRE(first);
  CHECK(first->find("EAPI=8") != std::string::npos);
  CHECK(ctx.ebuild_text(*pkg, e) == first);  // the same buffer: not read again

  // Another scan (id) never sees this one's texts.
  ScanContext other{repos, index, PKGSCAN_DATA_DIR, true, false, 4243};
  const std::string* again = other.ebuild_text(*pkg, e);
  REQUIRE(again);
  CHECK(*again == *first);

  // No ebuild file: nullptr with a reason.
  Ebuild orphan = e;
  orphan.ebuild_path.clear();
  CHECK(ctx.ebuild_text(*pkg, orphan, &err) == nullptr);
  CHECK(err == "no ebuild file");
  Ebuild missing = e;
  missing.ebuild_path = "StaleCacheEntry/trigger/gone-1.ebuild";
  CHECK(ctx.ebuild_text(*pkg, missing, &err) == nullptr);
  CHECK(!err.empty());
}
