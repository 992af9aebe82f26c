#include <catch2/catch.hpp>

#include "pkgscan/repo.hpp"

using namespace pkgscan;

namespace {

struct Fixture {
  VirtualFileSystem fs;
  std::string ebuild = "EAPI=8\ninherit a b\n";
  std::string a = "# eclass a\n", b = "# eclass b\n";

  Fixture() {
    fs.add_file("/o/profiles/repo_name", "overlay\n");
    fs.add_file("/o/metadata/layout.conf", "masters = gentoo\n");
    fs.add_file("/o/eclass/a.eclass", a);
    fs.add_file("/g/profiles/repo_name", "gentoo\n");
    fs.add_file("/g/eclass/b.eclass", b);
  }

  RepoSet set(bool with_gentoo) {
    auto repo = Repository::open(fs, "/o", nullptr);
    REQUIRE(repo);
    std::map<std::string, std::string> known;
    if (with_gentoo) known["gentoo"] = "/g";
    return RepoSet(fs, std::move(repo), known);
  }

  CacheEntry entry(const std::string& eclasses) const {
    return parse_cache_entry("EAPI=8\n_eclasses_=" + eclasses + "\n_md5_=" + md5_hex(ebuild) + "\n");
  }
};

}  // namespace

TEST_CASE("freshness: fresh entry", "[freshness]") {
  Fixture f;
  RepoSet set = f.set(true);
  CacheEntry e = f.entry("a\t" + md5_hex(f.a) + "\tb\t" + md5_hex(f.b));
  FreshnessResult r = check_freshness(e, md5_hex(f.ebuild), set);
  CHECK(r.state == Freshness::Fresh);
  CHECK(r.eclass.empty());
  // Upper-case hex in the entry still matches.
  std::string upper = md5_hex(f.ebuild);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(check_freshness(e, upper, set).state == Freshness::Fresh);
}

TEST_CASE("freshness: the ebuild changed", "[freshness]") {
  Fixture f;
  RepoSet set = f.set(true);
  CacheEntry e = f.entry("a\t" + md5_hex(f.a));
  CHECK(check_freshness(e, md5_hex("EAPI=8\n# edited\n"), set).state == Freshness::StaleEbuild);
  // No ebuild md5 given (metadata-only tree): the ebuild is not checked.
  CHECK(check_freshness(e, "", set).state == Freshness::Fresh);
}

TEST_CASE("freshness: an eclass changed", "[freshness]") {
  Fixture f;
  RepoSet set = f.set(true);
  CacheEntry e = f.entry("a\t" + md5_hex(f.a) + "\tb\t" + md5_hex("old b"));
  FreshnessResult r = check_freshness(e, md5_hex(f.ebuild), set);
  CHECK(r.state == Freshness::StaleEclass);
  CHECK(r.eclass == "b");
}

TEST_CASE("freshness: an eclass exists nowhere, all masters present", "[freshness]") {
  Fixture f;
  RepoSet set = f.set(true);
  CacheEntry e = f.entry("a\t" + md5_hex(f.a) + "\tgone\t0123456789abcdef0123456789abcdef");
  FreshnessResult r = check_freshness(e, md5_hex(f.ebuild), set);
  CHECK(r.state == Freshness::MissingEclass);
  CHECK(r.eclass == "gone");
}

TEST_CASE("freshness: an eclass that may live in a missing master is unverifiable", "[freshness]") {
  Fixture f;
  RepoSet set = f.set(false);
  REQUIRE(set.missing_masters() == std::vector<std::string>{"gentoo"});
  CacheEntry e = f.entry("b\t" + md5_hex(f.b) + "\ta\t" + md5_hex(f.a));
  FreshnessResult r = check_freshness(e, md5_hex(f.ebuild), set);
  CHECK(r.state == Freshness::Unverifiable);
  CHECK(r.eclass == "b");

  // A definite verdict on another eclass wins over "cannot tell".
  CacheEntry stale = f.entry("b\t" + md5_hex(f.b) + "\ta\t" + md5_hex("old a"));
  r = check_freshness(stale, md5_hex(f.ebuild), set);
  CHECK(r.state == Freshness::StaleEclass);
  CHECK(r.eclass == "a");
}

TEST_CASE("freshness: an entry without _eclasses_ depends only on the ebuild", "[freshness]") {
  Fixture f;
  RepoSet set = f.set(false);
  CacheEntry e = parse_cache_entry("EAPI=8\n_md5_=" + md5_hex(f.ebuild) + "\n");
  CHECK(check_freshness(e, md5_hex(f.ebuild), set).state == Freshness::Fresh);
}
