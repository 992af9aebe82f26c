#pragma once
// Package Manifests (GLEP 74): "TAG name size (HASH value)..." lines. Only
// the package-level tags are valid here: DIST (a distfile, named as after
// SRC_URI's "->") and the deprecated AUX, EBUILD and MISC of thick Manifests.
//
// A Manifest of a large cargo package has thousands of lines and a scan reads
// every Manifest of the repository, so the parsed form allocates little:
// names and values are views into the text, hashes sit in one flat array.
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pkgscan {

struct ManifestHash {
  std::string_view name;   // upper-cased ("BLAKE2B"): a constant for a known hash, else see Manifest::spelled
  std::string_view value;  // hex digits as written
  // The value's first 16 hex digits as a number (all of them when shorter),
  // read while the line is parsed and its bytes are in the cache: a pass
  // over every entry of a cargo Manifest (megabytes) after parsing would
  // read them from memory again.
  std::uint64_t prefix = 0;
};

struct ManifestEntry {
  std::string_view tag;   // "DIST", "AUX", "EBUILD" or "MISC"
  std::string_view name;  // AUX names are relative to files/
  std::uint64_t size = 0;
  std::uint32_t first_hash = 0, hash_count = 0;  // range of Manifest::hashes
  int line = 0;
  // A DIST line? (The parser admits only the four tags, and DIST is the one
  // of four letters starting with 'D': a scan asks this of every entry.)
  bool dist() const { return tag.size() == 4 && tag[0] == 'D'; }
};

struct ManifestIssue {
  int line = 0;  // 1-based; 0 for the whole file
  std::string message;
};

// Views into the text given to parse_manifest, which must outlive it, and
// into `spelled`: a Manifest may be moved, not copied.
struct Manifest {
  Manifest() = default;
  Manifest(Manifest&&) = default;
  Manifest& operator=(Manifest&&) = default;
  Manifest(const Manifest&) = delete;  // the copy's names would view the original's `spelled`
  Manifest& operator=(const Manifest&) = delete;

  std::vector<ManifestEntry> entries;  // well-formed lines, in file order
  std::vector<ManifestHash> hashes;    // of all entries, in line order
  std::vector<ManifestIssue> issues;   // malformed lines, at most kMaxIssues of them
  std::size_t more_issues = 0;         // malformed lines beyond kMaxIssues, not described
  bool signed_ = false;                // an OpenPGP cleartext signature wraps the entries
  // Upper-cased copies of unknown hash names written in lower case (rare),
  // which ManifestHash::name views; a deque, so they never move.
  std::deque<std::string> spelled;

  static constexpr std::size_t kMaxIssues = 10;  // a binary file must not make a million results

  std::span<const ManifestHash> hashes_of(const ManifestEntry& e) const {
    return std::span<const ManifestHash>(hashes).subspan(e.first_hash, e.hash_count);
  }
  const ManifestHash* hash(const ManifestEntry& e, std::string_view name) const;  // nullptr when absent
  // The entry (tag, name), or nullptr; constant time.
  const ManifestEntry* find(std::string_view tag, std::string_view name) const;
  // find() with the hash of (tag, name) the parser has already computed.
  const ManifestEntry* find_hashed(std::string_view tag, std::string_view name, std::size_t hash) const;

  // Open-addressing table over entries (index + 1, 0 = empty), a power of
  // two at most half full; reused with the Manifest, so lookups and
  // parsing allocate nothing once warm.
  std::vector<std::uint32_t> table;
};

// Never fails: a line that does not parse is an issue naming it, and the
// other lines are still read. A cleartext-signed Manifest is read through its
// armour (the entries are the signed text) and flagged with signed_.
Manifest parse_manifest(std::string_view text);
// The same into `out`, reusing its storage (a scan parses every Manifest).
void parse_manifest(std::string_view text, Manifest& out);

// parse_manifest, optionally without its fast path for common DIST lines
// (general_only): tests compare the two on the same text.
void parse_manifest_lines(std::string_view text, Manifest& out, bool general_only);

// Hex digits of the known GLEP 74 hashes (0 = unknown hash name).
std::size_t manifest_hash_length(std::string_view name);

}  // namespace pkgscan
