#include <catch2/catch.hpp>

#include "pkgscan/manifest.hpp"

using namespace pkgscan;

namespace {

std::string hex(std::size_t n, char c = 'a') { return std::string(n, c); }

std::string dist(const std::string& name, const std::string& size = "10") {
  return "DIST " + name + " " + size + " BLAKE2B " + hex(128) + " SHA512 " + hex(128, 'b') + "\n";
}

}  // namespace

TEST_CASE("Manifest: thin and thick entries with their hashes", "[manifest]") {
  const std::string text = dist("foo-1.tar.gz", "1234") + "\n" +
                           "AUX fix.patch 20 SHA256 " + hex(64, 'C') + "\n" +
                           "EBUILD foo-1.ebuild 300 SHA256 " + hex(64) + "\r\n" +
                           "MISC metadata.xml 40 sha512 " + hex(128) + "\n";
  Manifest m = parse_manifest(text);  // views into text
  CHECK(m.issues.empty());
  CHECK_FALSE(m.signed_);
  REQUIRE(m.entries.size() == 4);
  const ManifestEntry& d = m.entries[0];
  CHECK(d.tag == "DIST");
  CHECK(d.name == "foo-1.tar.gz");
  CHECK(d.size == 1234);
  CHECK(d.line == 1);
  auto hashes = m.hashes_of(d);
  REQUIRE(hashes.size() == 2);
  CHECK(hashes[0].name == "BLAKE2B");
  CHECK(hashes[1].name == "SHA512");
  REQUIRE(m.hash(d, "SHA512"));
  CHECK(m.hash(d, "SHA512")->value == hex(128, 'b'));
  CHECK_FALSE(m.hash(d, "SHA256"));
  CHECK(m.entries[1].line == 3);  // blank lines count
  CHECK(m.hash(m.entries[1], "SHA256")->value == hex(64, 'C'));  // values as written
  // The first 16 digits as a number, whatever their case.
  CHECK(m.hash(d, "BLAKE2B")->prefix == 0xaaaaaaaaaaaaaaaaull);
  CHECK(m.hash(m.entries[1], "SHA256")->prefix == 0xccccccccccccccccull);
  // Every digit in its place, both cases, more than 16 digits.
  Manifest mixed = parse_manifest("DIST x 1 SHA256 0123456789abcDEF" + hex(48, '9') + "\n");
  REQUIRE(mixed.entries.size() == 1);
  CHECK(mixed.hashes[0].prefix == 0x0123456789abcdefull);
  CHECK(m.entries[2].tag == "EBUILD");
  CHECK(m.entries[2].line == 4);
  CHECK(m.hashes_of(m.entries[3])[0].name == "SHA512");  // names upper-cased
  CHECK(m.hashes.size() == 5);
  // dist() tells DIST from the other three tags.
  CHECK(m.entries[0].dist());
  for (std::size_t i = 1; i < 4; ++i) CHECK_FALSE(m.entries[i].dist());
}

TEST_CASE("Manifest: each malformed line is an issue naming its line, the rest is read", "[manifest]") {
  const std::string text = "BOGUS x 1 SHA512 " + hex(128) + "\n" +        // 1: unknown tag
                              "TIMESTAMP 2024-01-01T00:00:00Z\n" +          // 2: tree-level tag
                              "DIST foo.tar.gz 10 BLAKE2B\n" +              // 3: even field count
                              "DIST foo.tar.gz ten BLAKE2B " + hex(128) + "\n" +  // 4: size
                              "DIST bar.tar.gz 10 BLAKE2B xyz\n" +          // 5: not hex
                              "DIST baz.tar.gz 10 BLAKE2B " + hex(100) + "\n" +  // 6: length
                              "DIST sub/dir.tar.gz 10 SHA512 " + hex(128) + "\n" +  // 7: '/' in DIST
                              dist("ok.tar.gz") +                           // 8: fine
                              dist("ok.tar.gz") +                           // 9: duplicate
                              "DIST two.tar.gz 10 SHA512 " + hex(128) + " SHA512 " + hex(128) + "\n" +  // 10
                              "AUX ok.tar.gz 10 SHA512 " + hex(128) + "\n";  // 11: other tag, same name: fine
  Manifest m = parse_manifest(text);
  REQUIRE(m.entries.size() == 2);
  for (const ManifestEntry& e : m.entries) CHECK(m.hashes_of(e).size() == (e.tag == "DIST" ? 2u : 1u));
  CHECK(m.entries[0].name == "ok.tar.gz");
  CHECK(m.entries[1].tag == "AUX");
  REQUIRE(m.issues.size() == 9);
  std::vector<int> lines;
  for (const ManifestIssue& i : m.issues) lines.push_back(i.line);
  CHECK(lines == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 9, 10});
  CHECK(m.issues[0].message == "unknown Manifest tag 'BOGUS'");
  CHECK(m.issues[1].message.find("tree-level") != std::string::npos);
  CHECK(m.issues[2].message.find("4 fields") != std::string::npos);
  CHECK(m.issues[3].message.find("size 'ten'") != std::string::npos);
  CHECK(m.issues[4].message.find("not hexadecimal") != std::string::npos);
  CHECK(m.issues[5].message.find("100 hex digits, expected 128") != std::string::npos);
  CHECK(m.issues[6].message.find("contains '/'") != std::string::npos);
  CHECK(m.issues[7].message.find("first on line 8") != std::string::npos);
  CHECK(m.issues[8].message.find("given twice") != std::string::npos);
}

TEST_CASE("Manifest: garbage gives a bounded number of issues", "[manifest]") {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += "\x01\xff garbage " + std::string(200, 'x') + "\n";
  Manifest m = parse_manifest(junk);
  CHECK(m.entries.empty());
  CHECK(m.issues.size() == Manifest::kMaxIssues);
  CHECK(m.more_issues == 5000 - Manifest::kMaxIssues);
  CHECK(m.issues[0].message.size() < 120);  // long tokens are cut
}

TEST_CASE("Manifest: a cleartext-signed Manifest is read through its armour", "[manifest]") {
  std::string text = "-----BEGIN PGP SIGNED MESSAGE-----\n"
                     "Hash: SHA256\n"
                     "\n" +
                     dist("foo.tar.gz") +
                     "- " + dist("dashed.tar.gz") +
                     "-----BEGIN PGP SIGNATURE-----\n"
                     "\n"
                     "iQEcBAEBAgAGBQJOgiaAAAoJEEdUh39IaPFN3JUIAIx5JDmQChNnH1gvh0h8lX/p\n"
                     "=nphE\n"
                     "-----END PGP SIGNATURE-----\n";
  Manifest m = parse_manifest(text);
  CHECK(m.signed_);
  CHECK(m.issues.empty());
  REQUIRE(m.entries.size() == 2);
  CHECK(m.entries[0].line == 4);
  CHECK(m.entries[1].name == "dashed.tar.gz");

  const std::string open_text = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + dist("a.tar.gz");
  Manifest open_ended = parse_manifest(open_text);
  REQUIRE(open_ended.issues.size() == 1);
  CHECK(open_ended.issues[0].message == "the PGP signature is not closed");
  CHECK(open_ended.entries.size() == 1);
}

TEST_CASE("Manifest: empty text and the hash lengths", "[manifest]") {
  Manifest m = parse_manifest("");
  CHECK(m.entries.empty());
  CHECK(m.issues.empty());
  CHECK(manifest_hash_length("BLAKE2B") == 128);
  CHECK(manifest_hash_length("SHA256") == 64);
  CHECK(manifest_hash_length("MD5") == 32);
  CHECK(manifest_hash_length("NEWHASH") == 0);
}

TEST_CASE("Manifest: unknown hash names are upper-cased, any length, and survive a move", "[manifest]") {
  // Hash names are views: known ones into constants, unknown upper-case ones
  // into the text, unknown lower-case ones into the Manifest's own copies.
  const std::string text = "DIST a.tar.gz 1 newhash " + hex(10) + " BLAKE2B " + hex(128) + "\n" +
                           "DIST b.tar.gz 2 OTHER " + hex(6) + " blake2b " + hex(128) + "\n" +
                           "DIST c.tar.gz 3 NewHash " + hex(4) + " newhash " + hex(4) + "\n";
  Manifest parsed = parse_manifest(text);
  Manifest m = std::move(parsed);
  REQUIRE(m.entries.size() == 2);
  CHECK(m.hashes_of(m.entries[0])[0].name == "NEWHASH");
  CHECK(m.hashes_of(m.entries[0])[1].name == "BLAKE2B");
  CHECK(m.hashes_of(m.entries[1])[0].name == "OTHER");
  CHECK(m.hashes_of(m.entries[1])[1].name == "BLAKE2B");
  REQUIRE(m.issues.size() == 1);  // the same unknown hash twice, in two spellings
  CHECK(m.issues[0].line == 3);
  CHECK(m.issues[0].message == "hash NEWHASH of 'c.tar.gz' is given twice");
  CHECK(m.hash(m.entries[0], "NEWHASH")->value == hex(10));
  CHECK(m.hash(m.entries[0], "NEWHASH")->prefix == 0xaaaaaaaaaaull);  // shorter than 16 digits: all of them

  // Parsing again into the same storage replaces the copies.
  const std::string again = "DIST d.tar.gz 4 xhash " + hex(8) + "\n";
  parse_manifest(again, m);
  REQUIRE(m.entries.size() == 1);
  CHECK(m.hashes_of(m.entries[0])[0].name == "XHASH");
  CHECK(m.spelled.size() == 1);
}

namespace {

// Everything parse_manifest produced, as text, to compare two parses.
std::string described(const Manifest& m) {
  std::string s;
  for (const ManifestEntry& e : m.entries) {
    s += std::string(e.tag) + "|" + std::string(e.name) + "|" + std::to_string(e.size) + "|" + std::to_string(e.line);
    for (const ManifestHash& h : m.hashes_of(e))
      s += "|" + std::string(h.name) + "=" + std::string(h.value) + "/" + std::to_string(h.prefix);
    s += "\n";
  }
  for (const ManifestIssue& i : m.issues) s += "issue " + std::to_string(i.line) + ": " + i.message + "\n";
  s += "more " + std::to_string(m.more_issues) + (m.signed_ ? " signed" : "");
  return s;
}

}  // namespace

TEST_CASE("Manifest: the fast path for common DIST lines reads every line as the general parser does", "[manifest]") {
  // Valid lines, and each of them damaged one byte at a time in ways that
  // sit right at the fast path's limits (spaces, tabs, '/', case, digits,
  // lengths, duplicates): both parsers must give the same entries, hashes
  // and issues, line by line.
  const std::string good = "DIST foo-1.2.tar.gz 123456 BLAKE2B " + hex(120) + "0123ABcd SHA512 " + hex(128, 'f');
  std::vector<std::string> lines = {
      good,
      "DIST foo-1.2.tar.gz 123456 BLAKE2B " + hex(128),                       // one hash
      "DIST bar 0 SHA256 " + hex(64) + " MD5 " + hex(32),                     // other known hashes
      "DIST bar 7 SHA256 " + hex(64),                                          // duplicate of the line above
      "DIST baz 007 BLAKE2B " + hex(128),                                      // leading zeros
      "DIST big 99999999999999999999 BLAKE2B " + hex(128),                    // 20 digits: overflow
      "DIST max 9999999999999999999 BLAKE2B " + hex(128),                     // 19 digits
      "DIST x 1",                                                              // no hashes
      "DIST x2 1 ",                                                            // trailing space
      "DIST y 1 BLAKE2B " + hex(128) + " ",                                    // trailing space after a value
      "DIST y2 1 BLAKE2B " + hex(128) + " BLAKE2B " + hex(128),               // hash twice
      "DIST z 1 blake2b " + hex(128),                                          // lower-case hash name
      "DIST w 1 NEWHASH " + hex(10),                                           // unknown hash
      "DIST  v 1 BLAKE2B " + hex(128),                                         // two spaces
      "DIST\tu 1 BLAKE2B " + hex(128),                                         // a tab
      "AUX a.patch 1 SHA256 " + hex(64),                                       // another tag
  };
  const std::string damage = " \t/Gg9aZ\x01\xff";
  for (std::size_t at = 0; at < good.size(); at += 7)
    for (char c : damage) {
      std::string bad = good;
      bad[at] = c;
      bad.replace(5, 3, "f" + std::to_string(at) + std::string(1, c == ' ' ? 's' : 'x'));  // a name of its own
      lines.push_back(bad);
      lines.push_back(good.substr(0, at));  // cut short
    }
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  Manifest fast, general;
  parse_manifest_lines(text, fast, false);
  parse_manifest_lines(text, general, true);
  CHECK(described(fast) == described(general));
  CHECK(fast.entries.size() > 10);          // the fast path had lines to take
  CHECK(general.issues.size() == Manifest::kMaxIssues);  // and the damage made issues
  // Without the issue cap, compare the lines one at a time too.
  for (const std::string& l : lines) {
    const std::string one = l + "\n";  // the entries view it
    parse_manifest_lines(one, fast, false);
    parse_manifest_lines(one, general, true);
    INFO(l);
    CHECK(described(fast) == described(general));
  }
}
