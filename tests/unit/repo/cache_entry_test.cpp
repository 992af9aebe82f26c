#include <catch2/catch.hpp>

#include "pkgscan/cache.hpp"

using namespace pkgscan;

namespace {

// The issue on `line` whose message contains `text`, or nullptr.
const CacheIssue* find_issue(const CacheEntry& e, int line, const std::string& text) {
  for (const auto& i : e.issues)
    if (i.line == line && i.message.find(text) != std::string::npos) return &i;
  return nullptr;
}

const std::string kGood =
    "DEFINED_PHASES=configure install\n"
    "DESCRIPTION=Small helper tools\n"
    "EAPI=8\n"
    "SLOT=0\n"
    "_eclasses_=toolchain-funcs\t58a918e3aaaaaaaaaaaaaaaaaaaaaaaa\tcrystal-utils\t7ba289dcbbbbbbbbbbbbbbbbbbbbbbbb\n"
    "_md5_=565457c83be24b7f7eeb682cbdd47c51\n";

}  // namespace

TEST_CASE("cache keys map both ways", "[cache]") {
  for (std::size_t i = 0; i < static_cast<std::size_t>(CacheKey::Count); ++i) {
    auto k = static_cast<CacheKey>(i);
    REQUIRE(cache_key_from_name(cache_key_name(k)) == k);
  }
  CHECK(cache_key_name(CacheKey::ECLASSES) == "_eclasses_");
  CHECK(cache_key_name(CacheKey::MD5) == "_md5_");
  CHECK_FALSE(cache_key_from_name("INHERITED"));
  CHECK_FALSE(cache_key_from_name("slot"));
}

TEST_CASE("a well-formed entry parses without issues", "[cache]") {
  CacheEntry e = parse_cache_entry(kGood);
  CHECK(e.issues.empty());
  CHECK(e.get(CacheKey::EAPI) == "8");
  CHECK(e.line_of(CacheKey::EAPI) == 3);
  CHECK(e.get(CacheKey::DEFINED_PHASES) == "configure install");
  CHECK(e.get(CacheKey::MD5) == "565457c83be24b7f7eeb682cbdd47c51");
  CHECK_FALSE(e.has(CacheKey::RDEPEND));
  CHECK(e.line_of(CacheKey::RDEPEND) == 0);
}

TEST_CASE("split at the first '=' only", "[cache]") {
  CacheEntry e = parse_cache_entry("SRC_URI=https://x/?a=b&c=d -> f.tar\nSLOT=0\n");
  CHECK(e.issues.empty());
  CHECK(e.get(CacheKey::SRC_URI) == "https://x/?a=b&c=d -> f.tar");
}

TEST_CASE("unknown keys are ignored silently", "[cache]") {
  CacheEntry e = parse_cache_entry("INHERITED=foo\nX_CUSTOM=1\nSLOT=0\n");
  CHECK(e.issues.empty());
  CHECK(e.get(CacheKey::SLOT) == "0");
  CHECK_FALSE(e.has(CacheKey::INHERIT));
}

TEST_CASE("an empty value equals an absent key", "[cache]") {
  CacheEntry e = parse_cache_entry("DEPEND=\nRDEPEND=dev-libs/a\nSLOT=0\n");
  CHECK(e.issues.empty());
  CHECK_FALSE(e.has(CacheKey::DEPEND));
  CHECK(e.has(CacheKey::RDEPEND));
}

TEST_CASE("a line without '=' is an issue, other keys survive", "[cache]") {
  CacheEntry e = parse_cache_entry("EAPI=8\nthis is junk\nSLOT=0/1\n");
  REQUIRE(e.issues.size() == 1);
  CHECK(find_issue(e, 2, "no '='"));
  CHECK(e.get(CacheKey::EAPI) == "8");
  CHECK(e.get(CacheKey::SLOT) == "0/1");
  CHECK(e.line_of(CacheKey::SLOT) == 3);
}

TEST_CASE("a NUL byte is an issue on its line, other keys survive", "[cache]") {
  std::string text = "EAPI=8\nDESCRIPTION=a";
  text += '\0';
  text += "b\nSLOT=0\n";
  CacheEntry e = parse_cache_entry(text);
  REQUIRE(find_issue(e, 2, "NUL byte"));
  CHECK(e.issues.size() == 1);
  CHECK(e.get(CacheKey::EAPI) == "8");
  CHECK(e.get(CacheKey::SLOT) == "0");
  CHECK(e.get(CacheKey::DESCRIPTION).size() == 3);
}

TEST_CASE("invalid UTF-8 is an issue on its line, valid UTF-8 is not", "[cache]") {
  CacheEntry ok = parse_cache_entry("DESCRIPTION=Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\nSLOT=0\n");
  CHECK(ok.issues.empty());

  for (std::string bad : {"\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xE2\x82"}) {
    CacheEntry e = parse_cache_entry("EAPI=8\nSLOT=0\nDESCRIPTION=x" + bad + "y\nKEYWORDS=~amd64\n");
    INFO("bytes of length " << bad.size());
    CHECK(find_issue(e, 3, "invalid UTF-8 at column 14"));
    CHECK(e.issues.size() == 1);
    CHECK(e.get(CacheKey::SLOT) == "0");
    CHECK(e.get(CacheKey::KEYWORDS) == "~amd64");
  }
}

TEST_CASE("a duplicate key keeps the first value and is reported", "[cache]") {
  CacheEntry e = parse_cache_entry("SLOT=0\nEAPI=8\nSLOT=1\n");
  REQUIRE(e.issues.size() == 1);
  CHECK(find_issue(e, 3, "duplicate key SLOT (first on line 1"));
  CHECK(e.get(CacheKey::SLOT) == "0");
  CHECK(e.line_of(CacheKey::SLOT) == 1);
  CHECK(e.get(CacheKey::EAPI) == "8");
}

TEST_CASE("a missing final newline is reported but the value kept", "[cache]") {
  CacheEntry e = parse_cache_entry("EAPI=8\nSLOT=0\n_md5_=565457c83be24b7f");
  REQUIRE(e.issues.size() == 1);
  CHECK(find_issue(e, 3, "no newline at end of file"));
  CHECK(e.get(CacheKey::MD5) == "565457c83be24b7f");
  CHECK(e.get(CacheKey::SLOT) == "0");
}

TEST_CASE("an empty file is one whole-file issue", "[cache]") {
  CacheEntry e = parse_cache_entry("");
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].line == 0);
  CHECK(e.issues[0].message == "empty file");
  for (std::size_t i = 0; i < static_cast<std::size_t>(CacheKey::Count); ++i) CHECK(e.values[i].empty());
}

TEST_CASE("blank lines and carriage returns are reported, values intact", "[cache]") {
  CacheEntry e = parse_cache_entry("EAPI=8\r\n\nSLOT=0\n");
  CHECK(find_issue(e, 1, "carriage return"));
  CHECK(find_issue(e, 2, "empty line"));
  CHECK(e.issues.size() == 2);
  CHECK(e.get(CacheKey::EAPI) == "8");
  CHECK(e.get(CacheKey::SLOT) == "0");
}

TEST_CASE("binary junk becomes issues, bounded in number, never a crash", "[cache]") {
  std::string junk;
  std::uint32_t x = 12345;
  for (int i = 0; i < 200000; ++i) {
    x = x * 1103515245u + 12345u;
    junk += static_cast<char>(x >> 24);
  }
  CacheEntry e = parse_cache_entry(junk);
  CHECK_FALSE(e.issues.empty());
  CHECK(e.issues.size() <= 33);
  CHECK(e.issues.back().message.find("too many problems") != std::string::npos);

  // Junk in the middle of a real entry: the real keys survive.
  const char raw[] = "EAPI=8\n\x01\x02\xFF=\x00zz\nSLOT=0\n";
  CacheEntry mixed = parse_cache_entry(std::string_view(raw, sizeof raw - 1));
  CHECK(mixed.get(CacheKey::EAPI) == "8");
  CHECK(mixed.get(CacheKey::SLOT) == "0");
  CHECK(find_issue(mixed, 2, "invalid UTF-8"));
  CHECK(find_issue(mixed, 2, "invalid key name"));
  CHECK(find_issue(mixed, 2, "NUL byte"));
}

TEST_CASE("megabyte lines parse whole", "[cache]") {
  std::string uri(1024 * 1024, 'u');
  CacheEntry e = parse_cache_entry("EAPI=8\nSRC_URI=" + uri + "\nSLOT=0\n");
  CHECK(e.issues.empty());
  CHECK(e.get(CacheKey::SRC_URI) == uri);
  CHECK(e.get(CacheKey::SLOT) == "0");
  CHECK(e.line_of(CacheKey::SLOT) == 3);
}

TEST_CASE("_eclasses_ pairs parse, malformed parts are skipped and described", "[cache]") {
  CacheEntry e = parse_cache_entry(kGood);
  std::vector<std::string> problems;
  auto refs = e.eclasses(&problems);
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].name == "toolchain-funcs");
  CHECK(refs[0].md5 == "58a918e3aaaaaaaaaaaaaaaaaaaaaaaa");
  CHECK(refs[1].name == "crystal-utils");
  CHECK(problems.empty());

  CacheEntry odd = parse_cache_entry("_eclasses_=a\t0123456789abcdef0123456789abcdef\tb\n");
  refs = odd.eclasses(&problems);
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].name == "a");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "eclass 'b' has no md5");

  problems.clear();
  CacheEntry gaps = parse_cache_entry("_eclasses_=a\t\t\tx\tc\tnothex\n");
  refs = gaps.eclasses(&problems);
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].name == "c");
  CHECK(refs[0].md5 == "nothex");  // kept: it will not match any eclass
  CHECK(problems.size() == 3);

  CHECK(parse_cache_entry("SLOT=0\n").eclasses().empty());
}

TEST_CASE("md5_hex matches known digests", "[cache]") {
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(md5_hex("The quick brown fox jumps over the lazy dog") == "9e107d9d372bb6826bd81d3542a419d6");
}
