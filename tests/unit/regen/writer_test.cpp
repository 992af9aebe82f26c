// The md5-dict writer: Portage's key order, empty values omitted, round trip
// with the reader, and byte-identical rewrites of files Portage wrote.
#include <catch2/catch.hpp>

#include "pkgscan/cache.hpp"
#include "regen_fixture.hpp"

using namespace pkgscan;

namespace {

// media-libs/example as egencache writes it (keys sorted, _eclasses_ sorted by name, _md5_ last).
const std::string kPortageEntry =
    "BDEPEND=virtual/pkgconfig\n"
    "DEFINED_PHASES=compile configure install prepare test\n"
    "DEPEND=>=dev-libs/glib-2.40:2 x11-libs/libX11\n"
    "DESCRIPTION=An example library\n"
    "EAPI=8\n"
    "HOMEPAGE=https://example.org/\n"
    "INHERIT=meson xdg\n"
    "IUSE=+introspection test\n"
    "KEYWORDS=~amd64 ~arm64\n"
    "LICENSE=LGPL-2.1+\n"
    "RDEPEND=>=dev-libs/glib-2.40:2\n"
    "RESTRICT=!test? ( test )\n"
    "SLOT=0\n"
    "SRC_URI=https://example.org/example-1.0.tar.xz\n"
    "_eclasses_=meson\t0123456789abcdef0123456789abcdef\tmultiprocessing\tfedcba9876543210fedcba9876543210\t"
    "xdg\t00112233445566778899aabbccddeeff\n"
    "_md5_=d41d8cd98f00b204e9800998ecf8427e\n";

}  // namespace

TEST_CASE("write_md5_dict writes Portage's key order and omits empty values", "[regen][writer]") {
  CacheEntry e;
  auto set = [&](CacheKey k, std::string v) { e.values[static_cast<std::size_t>(k)] = std::move(v); };
  // Filled in reverse order: the writer, not the caller, decides the order.
  set(CacheKey::MD5, "d41d8cd98f00b204e9800998ecf8427e");
  set(CacheKey::ECLASSES, "a\t0123456789abcdef0123456789abcdef");
  set(CacheKey::SLOT, "0");
  set(CacheKey::EAPI, "7");
  set(CacheKey::DEFINED_PHASES, "-");
  set(CacheKey::DESCRIPTION, "");  // empty: not written
  set(CacheKey::BDEPEND, "x/y");
  CHECK(write_md5_dict(e) ==
        "BDEPEND=x/y\nDEFINED_PHASES=-\nEAPI=7\nSLOT=0\n_eclasses_=a\t0123456789abcdef0123456789abcdef\n"
        "_md5_=d41d8cd98f00b204e9800998ecf8427e\n");
}

TEST_CASE("write_md5_dict of nothing is empty", "[regen][writer]") {
  CHECK(write_md5_dict(CacheEntry{}).empty());
}

TEST_CASE("write_md5_dict round-trips with parse_cache_entry", "[regen][writer]") {
  CacheEntry parsed = parse_cache_entry(kPortageEntry);
  REQUIRE(parsed.issues.empty());
  CHECK(write_md5_dict(parsed) == kPortageEntry);
  CacheEntry again = parse_cache_entry(write_md5_dict(parsed));
  CHECK(again.values == parsed.values);
  // Values with '=', tabs and UTF-8 survive.
  CacheEntry e;
  e.values[static_cast<std::size_t>(CacheKey::DESCRIPTION)] = "a=b\tc \xC3\xA9";
  CHECK(parse_cache_entry(write_md5_dict(e)).get(CacheKey::DESCRIPTION) == "a=b\tc \xC3\xA9");
}

TEST_CASE("write_md5_dict rewrites every entry Portage wrote for whaleos byte for byte", "[regen][writer][real]") {
  const std::string tree = regen_test::unpacked_tree("whaleos-portage-stable-2022-09-27.tar.xz", "whaleos-portage-stable");
  if (tree.empty()) {
    WARN("skipped: ../shared/trees/whaleos-portage-stable-2022-09-27.tar.xz is absent");
    return;
  }
  const std::string root = tree + "/metadata/md5-cache";
  std::size_t files = 0, same = 0;
  std::string first_diff;
  FILE* list = popen(("find " + root + " -mindepth 2 -type f").c_str(), "r");
  char line[4096];
  while (fgets(line, sizeof line, list)) {
    std::string path(line);
    path.pop_back();
    std::string text = regen_test::read_file(path);
    ++files;
    if (write_md5_dict(parse_cache_entry(text)) == text) ++same;
    else if (first_diff.empty()) first_diff = path;
  }
  pclose(list);
  INFO("first difference: " << first_diff);
  CHECK(files > 1000);
  CHECK(same == files);
}
