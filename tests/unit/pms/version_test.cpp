// Versions: syntax, the PMS comparison examples, hashing, glob and ~ matching.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "pkgscan/version.hpp"

using pkgscan::Version;

namespace {

Version v(const char* s) {
  auto r = Version::parse(s);
  REQUIRE(r.has_value());
  return *r;
}

int cmp(const char* a, const char* b) {
  auto c = v(a) <=> v(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

TEST_CASE("valid versions parse", "[version]") {
  for (const char* s : {"0", "1", "1.2.3", "1.2.3a", "1_alpha", "1_beta2", "1_pre", "1_rc10", "1_p",
                        "1_p20240101", "1.2_rc1_p3-r4", "1-r0", "00", "1.01", "2a_alpha_beta_pre_rc_p",
                        "123456789012345678901234567890.1", "9999", "1_pre1_pre2", "1.2-r123"}) {
    INFO(s);
    auto r = Version::parse(s);
    REQUIRE(r.has_value());
    CHECK(r->str() == s);
  }
}

TEST_CASE("invalid versions are rejected", "[version]") {
  for (const char* s : {"", "a", "1.", ".1", "1..2", "1aa", "1_a", "1.a", "1a-1", "1-r", "1-r1a", "1_alpha-",
                        "1-1", "1_pr", "1.2.3-r1-r2", "-1", "1 ", "1_alpha_", "1A", "1_p-r"}) {
    INFO(s);
    pkgscan::ParseError err;
    CHECK_FALSE(Version::parse(s, &err).has_value());
    CHECK_FALSE(err.message.empty());
  }
}

TEST_CASE("valid_prefix stops at the last complete component", "[version]") {
  CHECK(Version::valid_prefix("1.2.3-r1") == 8);
  CHECK(Version::valid_prefix("1.2.") == 3);
  CHECK(Version::valid_prefix("1_rc1:0") == 5);
  CHECK(Version::valid_prefix("x1") == 0);
  CHECK(Version::valid_prefix("1_prefoo") == 5);
}

TEST_CASE("PMS comparison examples (gentoo-spec 2.4)", "[version]") {
  CHECK(cmp("1.01", "1.1") < 0);
  CHECK(cmp("1.010", "1.01") == 0);
  CHECK(cmp("1.0100", "1.010") == 0);
  CHECK(cmp("1.00", "1.0") == 0);
  CHECK(cmp("1.010.02", "1.01.2") != 0);
  CHECK(cmp("1.010.02", "1.01.2") < 0);
  CHECK(cmp("1.0", "1") > 0);
  CHECK(cmp("1.0_alpha", "1") > 0);
  CHECK(cmp("1_alpha", "1_alpha_p") < 0);
  CHECK(cmp("1_alpha", "1_alpha_beta_p") > 0);
  CHECK(cmp("1_alpha1", "1_alpha_beta2") > 0);
  CHECK(cmp("1_rc", "1") < 0);
  CHECK(cmp("1", "1_p") < 0);
  CHECK(cmp("1_rc", "1_p") < 0);
  CHECK(cmp("1.2_pre08-r09", "1.2_pre8-r9") == 0);
  CHECK(cmp("0-r0", "0") == 0);
  CHECK(cmp("0", "00") == 0);
  CHECK(cmp("1a", "1") > 0);
  CHECK(cmp("0b", "0a") > 0);
  CHECK(cmp("01", "1") == 0);  // step 1: the first component is an integer
  CHECK(cmp("1.0.2", "1.000.2") == 0);
  CHECK(cmp("1.0.2", "1.0.2-r0") == 0);
  CHECK(cmp("1.2-r1", "1.2") > 0);
  CHECK(cmp("1.2-r10", "1.2-r9") > 0);
  CHECK(cmp("1_alpha", "1_beta") < 0);
  CHECK(cmp("1_beta", "1_pre") < 0);
  CHECK(cmp("1_pre", "1_rc") < 0);
  CHECK(cmp("1_p1", "1_p") > 0);
  CHECK(cmp("2", "10") < 0);
  CHECK(cmp("1.2", "1.10") < 0);
}

TEST_CASE("numbers of any length compare without overflow", "[version]") {
  CHECK(cmp("99999999999999999999999", "99999999999999999999998") > 0);
  CHECK(cmp("100000000000000000000000", "99999999999999999999999") > 0);
  CHECK(cmp("1.18446744073709551616", "1.18446744073709551615") > 0);
  CHECK(cmp("1_p18446744073709551617", "1_p18446744073709551616") > 0);
  CHECK(cmp("1-r000018446744073709551616", "1-r18446744073709551616") == 0);
  CHECK(pkgscan::compare_versions("0001", "1") == 0);
}

TEST_CASE("equal versions hash equally", "[version]") {
  std::vector<std::vector<const char*>> classes = {
      {"1.0.2", "1.000.2", "1.0.2-r0", "01.0.2"},
      {"1.010", "1.01", "1.0100"},
      {"1.2_pre08-r09", "1.2_pre8-r9"},
      {"0", "00", "0-r0"},
  };
  for (const auto& cls : classes) {
    for (const char* a : cls) {
      for (const char* b : cls) {
        INFO(a << " vs " << b);
        CHECK(v(a) == v(b));
        CHECK(v(a).hash() == v(b).hash());
      }
    }
  }
  CHECK(v("1.1").hash() != v("1.01").hash());
  CHECK(v("1.10").hash() != v("1.1").hash());
}

TEST_CASE("sorting is consistent", "[version]") {
  std::vector<std::string> in = {"1.0_p1", "1.0", "1.0_rc1", "0.9", "1.0-r1", "1.0a", "1.0.1", "1.0_alpha"};
  std::vector<Version> vs;
  for (auto& s : in) vs.push_back(v(s.c_str()));
  std::sort(vs.begin(), vs.end());
  std::vector<std::string> out;
  for (auto& x : vs) out.push_back(x.str());
  CHECK(out == std::vector<std::string>{"0.9", "1.0_alpha", "1.0_rc1", "1.0", "1.0-r1", "1.0_p1", "1.0a", "1.0.1"});
}

TEST_CASE("revision accessors", "[version]") {
  CHECK(v("1.2_rc1-r3").without_revision() == "1.2_rc1");
  CHECK(v("1.2_rc1-r3").revision() == "3");
  CHECK(v("1.2").revision().empty());
  CHECK(v("1.2-r0").has_revision());
  CHECK_FALSE(v("1.2").has_revision());
}

TEST_CASE("glob matches by components", "[version]") {
  CHECK(v("1.2").glob_matches(v("1")));
  CHECK(v("1_rc1").glob_matches(v("1")));
  CHECK(v("1").glob_matches(v("1")));
  CHECK_FALSE(v("10").glob_matches(v("1")));
  CHECK(v("1.2").glob_matches(v("1.2")));
  CHECK(v("1.2.3").glob_matches(v("1.2")));
  CHECK(v("1.2_rc1").glob_matches(v("1.2")));
  CHECK(v("1.2-r5").glob_matches(v("1.2")));
  CHECK_FALSE(v("1.20").glob_matches(v("1.2")));
  CHECK_FALSE(v("1.3").glob_matches(v("1.2")));
  CHECK_FALSE(v("1").glob_matches(v("1.2")));
  CHECK(v("1.2_rc3").glob_matches(v("1.2_rc")));
  CHECK_FALSE(v("1.2_rc3").glob_matches(v("1.2_rc1")));
  CHECK(v("3-r1").glob_matches(v("3-r1")));
  CHECK_FALSE(v("3-r10").glob_matches(v("3-r1")));
  CHECK_FALSE(v("1.2a").glob_matches(v("1.2b")));
}

TEST_CASE("~ ignores the revision", "[version]") {
  CHECK(v("1.2-r5").equal_ignoring_revision(v("1.2")));
  CHECK(v("1.2").equal_ignoring_revision(v("1.2-r3")));
  CHECK_FALSE(v("1.2.1").equal_ignoring_revision(v("1.2")));
}

TEST_CASE("live versions", "[version]") {
  CHECK(v("9999").is_live());
  CHECK(v("2.9999").is_live());
  CHECK(v("99999999").is_live());
  CHECK_FALSE(v("999").is_live());
  CHECK_FALSE(v("1.2").is_live());
  CHECK_FALSE(v("9998").is_live());
}
