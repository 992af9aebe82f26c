#pragma once
// Package Manifests (GLEP 74): "TAG name size (HASH value)..." lines. Only
// the package-level tags are valid here: DIST (a distfile, named as after
// SRC_URI's "->") and the deprecated AUX, EBUILD and MISC of thick Manifests.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pkgscan {

struct ManifestEntry {
  std::string tag;   // "DIST", "AUX", "EBUILD" or "MISC"
  std::string name;  // AUX names are relative to files/
  std::uint64_t size = 0;
  // (NAME, lower-case hex value) in line order; names upper-cased.
  std::vector<std::pair<std::string, std::string>> hashes;
  int line = 0;

  const std::string* hash(std::string_view name) const;  // nullptr when absent
};

struct ManifestIssue {
  int line = 0;  // 1-based; 0 for the whole file
  std::string message;
};

struct Manifest {
  std::vector<ManifestEntry> entries;  // well-formed lines, in file order
  std::vector<ManifestIssue> issues;   // malformed lines, at most kMaxIssues of them
  std::size_t more_issues = 0;         // malformed lines beyond kMaxIssues, not described
  bool signed_ = false;                // an OpenPGP cleartext signature wraps the entries

  static constexpr std::size_t kMaxIssues = 10;  // a binary file must not make a million results
};

// Never fails: a line that does not parse is an issue naming it, and the
// other lines are still read. A cleartext-signed Manifest is read through its
// armour (the entries are the signed text) and flagged with signed_.
Manifest parse_manifest(std::string_view text);

// Hex digits of the known GLEP 74 hashes (0 = unknown hash name).
std::size_t manifest_hash_length(std::string_view name);

}  // namespace pkgscan
