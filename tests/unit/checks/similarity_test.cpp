// sequence_ratio must give Python difflib's numbers: pkgcheck's thresholds
// (0.75, 1.0) are tuned to them. Expected values were computed with
// difflib.SequenceMatcher(None, a, b).ratio() (Python 3.11).
#include <catch2/catch.hpp>
#include <string>

#include "similarity.hpp"

using namespace pkgscan;

TEST_CASE("sequence_ratio matches difflib's ratio", "[similarity]") {
  struct Case {
    std::string a, b;
    double ratio;
  };
  const std::string ssl = "Add support for SSL/TLS connections (Secure Socket Layer / Transport Layer Security)";
  std::string repeated_abc, long_json = "", lazy_dogs;
  for (int i = 0; i < 100; ++i) repeated_abc += "abc";
  for (int i = 0; i < 6; ++i) long_json += "Fast library for parsing JSON documents. ";
  long_json += "It also writes them, validates them against schemas and streams large inputs without loading them whole "
               "into memory.";
  for (int i = 0; i < 5; ++i) lazy_dogs += "the lazy dog sleeps while the quick brown fox jumps; ";
  const Case cases[] = {
      {"", "", 1.0},
      {"abc", "", 0.0},
      {ssl, ssl, 1.0},
      {"Add support for SSL/TLS connections (Secure Sockets Layer)", ssl, 0.8028169014084507},
      {"Library for parsing configuration files", "A library for parsing configuration files.", 0.9382716049382716},
      {"abcd", "bcde", 0.75},
      {"Enable frobnication", "Build the Qt interface", 0.24390243902439024},
      // Code points, not bytes: é and è are one character each.
      {"Caf\xc3\xa9 cr\xc3\xa8me", "Cafe creme", 0.8},
      // b has 200+ characters: its popular characters cannot start a match.
      {"xxxxxxxxxxabc", repeated_abc, 0.0},
      {"Fast library for parsing JSON documents", long_json, 0.19451371571072318},
      {"the quick brown fox jumps over the lazy dog", lazy_dogs, 0.025974025974025976},
      {"private Thread currentThread;", "private volatile Thread currentThread;", 0.8656716417910447},
  };
  for (const Case& c : cases) {
    INFO("a='" << c.a << "' b='" << c.b.substr(0, 40) << "'");
    CHECK(sequence_ratio(c.a, c.b) == Approx(c.ratio).epsilon(1e-12));
    CHECK(sequence_ratio_bound(c.a, c.b) >= sequence_ratio(c.a, c.b));
  }
}

TEST_CASE("sequence_ratio takes invalid UTF-8 and long inputs", "[similarity]") {
  CHECK(sequence_ratio("\xff\xfe" "abc", "abc") == Approx(0.75));
  std::string big(100000, 'a'), other(100000, 'b');
  CHECK(sequence_ratio(big, other) == 0.0);  // every character popular: no search, no quadratic cost
  CHECK(sequence_ratio_bound("ab", std::string(1000, 'x')) < 0.01);
}

TEST_CASE("the characters-in-common bound is difflib's quick_ratio, never below the ratio", "[similarity]") {
  auto quick = [](std::string_view a, std::string_view b) {
    return sequence_ratio_quick_bound(sorted_code_points(a), sorted_code_points(b));
  };
  // Values from difflib.SequenceMatcher(None, a, b).quick_ratio() (Python 3.11).
  CHECK(quick("", "") == 1.0);
  CHECK(quick("abc", "") == 0.0);
  CHECK(quick("abcd", "dcba") == 1.0);  // the same characters in another order: ratio() is 0.25
  CHECK(sequence_ratio("abcd", "dcba") == Approx(0.25));
  CHECK(quick("aab", "abb") == Approx(2.0 * 2 / 6));
  CHECK(quick("Caf\xc3\xa9", "Cafe") == Approx(0.75));  // é is one code point, not two bytes
  CHECK(quick("Enable frobnication", "Build the Qt interface") == Approx(0.5365853658536586));
  const std::string texts[] = {"Add support for SSL/TLS connections", "Enable SSL/TLS support",
                               "Build the Qt interface", "Use the Qt5 toolkit for the interface", "",
                               "xxxxxxxxxxabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc"
                               "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc"
                               "abcabcabcabcabcabcabc"};
  for (const std::string& a : texts)
    for (const std::string& b : texts) {
      INFO("a='" << a << "' b='" << b << "'");
      CHECK(quick(a, b) >= sequence_ratio(a, b));
      CHECK(quick(a, b) <= sequence_ratio_bound(a, b));
    }
}
