#pragma once
// md5-cache entries (metadata/md5-cache/<cat>/<PF>): KEY=VALUE lines split at
// the first '='. Unknown keys are kept but ignored by checks; an empty value
// equals an absent key. The parser never fails as a whole: each problem is a
// CacheIssue with its line, and the rest of the entry is kept.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pkgscan {

enum class CacheKey : std::uint8_t {
  BDEPEND, DEFINED_PHASES, DEPEND, DESCRIPTION, EAPI, HOMEPAGE, IDEPEND, INHERIT, IUSE,
  KEYWORDS, LICENSE, PDEPEND, PROPERTIES, RDEPEND, REQUIRED_USE, RESTRICT, SLOT, SRC_URI,
  ECLASSES,  // _eclasses_
  MD5,       // _md5_
  Count
};
std::string_view cache_key_name(CacheKey k);
std::optional<CacheKey> cache_key_from_name(std::string_view name);

struct CacheIssue {
  int line = 0;          // 1-based; 0 = whole file
  std::string message;   // e.g. "line has no '='", "duplicate key SLOT", "NUL byte", "invalid UTF-8"
};

struct EclassRef {
  std::string name;
  std::string md5;  // lowercase hex as written
};

// Produced from a cache file, or (later) by sourcing an ebuild with bash:
// the rest of the scanner does not care which.
struct CacheEntry {
  std::array<std::string, static_cast<std::size_t>(CacheKey::Count)> values;
  std::array<int, static_cast<std::size_t>(CacheKey::Count)> lines{};  // 1-based line of each key, 0 = absent
  std::vector<CacheIssue> issues;

  const std::string& get(CacheKey k) const { return values[static_cast<std::size_t>(k)]; }
  int line_of(CacheKey k) const { return lines[static_cast<std::size_t>(k)]; }
  bool has(CacheKey k) const { return !get(k).empty(); }
  // Parsed _eclasses_ (name<TAB>md5 pairs). A pair with an empty field or a
  // trailing name without md5 is skipped; a pair whose md5 is not 32 hex
  // digits is kept (it will simply not match). Each oddity is described in
  // *problems when given.
  std::vector<EclassRef> eclasses(std::vector<std::string>* problems = nullptr) const;
};

// Never throws; binary junk, missing '=', NUL bytes, invalid UTF-8, duplicate
// keys, truncation and megabyte lines all become issues on the entry.
CacheEntry parse_cache_entry(std::string_view text);

// The md5-dict file Portage writes for `entry` (cache/flat_hash.py): every
// non-empty value as KEY=VALUE, keys in CacheKey order (which is Portage's
// sorted order, _eclasses_ and _md5_ last), each line ending in '\n'. Values
// are written as they are: the caller has already normalised them (no line
// breaks, _eclasses_ sorted). parse_cache_entry(write_md5_dict(e)) gives e's values back.
std::string write_md5_dict(const CacheEntry& entry);

// Lowercase hex MD5 of bytes (OpenSSL).
std::string md5_hex(std::string_view bytes);

}  // namespace pkgscan
