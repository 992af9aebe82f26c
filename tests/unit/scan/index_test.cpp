// RepoIndex restricted to named packages (what a --commits scan indexes at
// the merge base): the same packages as the full index, and nothing else.
#include <catch2/catch.hpp>

#include "../checks/fixture.hpp"
#include "pkgscan/index.hpp"
#include "pkgscan/repo.hpp"

using namespace pkgscan;

TEST_CASE("an index of named packages holds those that exist, as the full index has them") {
  RealFileSystem fs;
  std::string err;
  auto repo = Repository::open(fs, test::fixture_path("cache"), &err);
  REQUIRE(repo);
  RepoSet repos(fs, std::move(repo), {});
  RepoIndex full(repos);
  RepoIndex some(repos, nullptr,
                 {{"StaleCacheEntry", "trigger"}, {"StaleCacheEntry", "no-such-package"}, {"no-such-category", "x"},
                  {"StaleCacheEntry", "trigger"}});
  const Symbol cat = Symbol::intern("StaleCacheEntry");

  const Package* all = full.find_main(cat, Symbol::intern("trigger"));
  const Package* one = some.find_main(cat, Symbol::intern("trigger"));
  REQUIRE(all);
  REQUIRE(one);
  REQUIRE(one->versions.size() == all->versions.size());
  for (std::size_t i = 0; i < all->versions.size(); ++i) {
    CHECK(one->versions[i].pf == all->versions[i].pf);
    CHECK(one->versions[i].has_cache == all->versions[i].has_cache);
    CHECK(one->versions[i].entry.get(CacheKey::SLOT) == all->versions[i].entry.get(CacheKey::SLOT));
  }
  // Named but missing, and present but not named: not in it.
  CHECK(some.find_main(cat, Symbol::intern("no-such-package")) == nullptr);
  CHECK(full.find_main(cat, Symbol::intern("clean")) != nullptr);
  CHECK(some.find_main(cat, Symbol::intern("clean")) == nullptr);
  CHECK_FALSE(some.exists(cat, Symbol::intern("clean")));
  REQUIRE(some.main_packages().size() == 1);  // named twice, listed once
  CHECK(some.main_packages()[0].package == Symbol::intern("trigger"));
}

TEST_CASE("derive_ebuild_fields shares a dependency parse with earlier versions at the same EAPI", "[index]") {
  auto derive = [](const std::string& text, std::span<const Ebuild> siblings) {
    Ebuild e;
    e.category = Symbol::intern("dev-libs");
    e.package = Symbol::intern("foo");
    e.entry = parse_cache_entry(text);
    e.has_cache = true;
    derive_ebuild_fields(e, siblings);
    return e;
  };
  std::vector<Ebuild> versions;
  versions.reserve(4);
  versions.push_back(derive("EAPI=8\nRDEPEND=dev-libs/a x? ( dev-libs/b )\nDEPEND=dev-libs/bad-[\n", {}));
  // The same RDEPEND as version 1's, written as its DEPEND here; the same
  // broken DEPEND as version 1's, as PDEPEND.
  versions.push_back(derive("EAPI=8\nDEPEND=dev-libs/a x? ( dev-libs/b )\nPDEPEND=dev-libs/bad-[\n", versions));
  // The same text at another EAPI is parsed again (EAPIs differ in what they accept).
  versions.push_back(derive("EAPI=7\nRDEPEND=dev-libs/a x? ( dev-libs/b )\n", versions));
  // Other text: its own parse.
  versions.push_back(derive("EAPI=8\nRDEPEND=dev-libs/a\n", versions));

  const Ebuild &v1 = versions[0], &v2 = versions[1], &v3 = versions[2], &v4 = versions[3];
  REQUIRE(v1.dep(DepVar::RDEPEND));
  CHECK(v2.dep(DepVar::DEPEND) == v1.dep(DepVar::RDEPEND));
  CHECK(v1.dep(DepVar::DEPEND) == nullptr);
  CHECK_FALSE(v1.dep_errors[static_cast<std::size_t>(DepVar::DEPEND)].empty());
  CHECK(v2.dep(DepVar::PDEPEND) == nullptr);
  CHECK(v2.dep_errors[static_cast<std::size_t>(DepVar::PDEPEND)] ==
        v1.dep_errors[static_cast<std::size_t>(DepVar::DEPEND)]);
  REQUIRE(v3.dep(DepVar::RDEPEND));
  CHECK(v3.dep(DepVar::RDEPEND) != v1.dep(DepVar::RDEPEND));
  REQUIRE(v4.dep(DepVar::RDEPEND));
  CHECK(v4.dep(DepVar::RDEPEND) != v1.dep(DepVar::RDEPEND));
  CHECK(v4.dep(DepVar::RDEPEND)->atoms.size() == 1);
}
