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
