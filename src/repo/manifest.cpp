// Package Manifest lines (GLEP 74), read the way pkgcore reads them: only
// DIST, AUX, EBUILD and MISC; a name, a size and hash pairs; each (tag, name)
// once. Every malformed line becomes an issue with its line number.
#include "pkgscan/manifest.hpp"

#include <bit>
#include <charconv>
#include <cstring>
#include <algorithm>

#include "pkgscan/text_lines.hpp"

namespace pkgscan {

namespace {

constexpr std::string_view kBeginSigned = "-----BEGIN PGP SIGNED MESSAGE-----";
constexpr std::string_view kBeginSignature = "-----BEGIN PGP SIGNATURE-----";
constexpr std::string_view kEndSignature = "-----END PGP SIGNATURE-----";

// A token for a message: long garbage is cut, so one result stays one line.
std::string shown(std::string_view token) {
  constexpr std::size_t kMax = 60;
  if (token.size() <= kMax) return std::string(token);
  return std::string(token.substr(0, kMax)) + "...";
}

// Without an early exit, so the compiler vectorises it: every Manifest line
// carries a few hundred hex digits. The flags are bytes so that a vector
// register holds 16 or 32 digits at once (an unsigned accumulator would make
// the compiler widen every byte to four).
bool is_hex(std::string_view s) {
  unsigned char bad = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    auto digit = static_cast<unsigned char>(c - '0');
    auto letter = static_cast<unsigned char>((c | 0x20) - 'a');
    bad |= static_cast<unsigned char>((digit > 9) & (letter > 5));
  }
  return !s.empty() && bad == 0;
}

// Eight hex digits at p (checked by is_hex) as a number, a byte per digit
// at once: '0'-'9' keep their low nibble, letters of either case have bit 6
// set and a low nibble of 1-6, so adding 9 gives 10-15. Then neighbouring
// digits are paired, pairs paired, and so on (digit 0 is the highest).
std::uint64_t eight_hex_digits(const char* p) {
  std::uint64_t c;
  std::memcpy(&c, p, 8);
  std::uint64_t v = (c & 0x0F0F0F0F0F0F0F0Full) + ((c >> 6) & 0x0101010101010101ull) * 9;
  v = ((v & 0x000F000F000F000Full) << 4) | ((v >> 8) & 0x000F000F000F000Full);
  v = ((v & 0x000000FF000000FFull) << 8) | ((v >> 16) & 0x000000FF000000FFull);
  return ((v & 0xFFFFull) << 16) | ((v >> 32) & 0xFFFFull);
}

// The first 16 digits of a hex value (checked by is_hex) as a number, in
// either case; all of them when there are fewer. (eight_hex_digits reads
// the first digit as the lowest byte: little-endian machines only.)
std::uint64_t hex_prefix(std::string_view hex) {
  if constexpr (std::endian::native == std::endian::little)
    if (hex.size() >= 16) return (eight_hex_digits(hex.data()) << 32) | eight_hex_digits(hex.data() + 8);
  std::uint64_t n = 0;
  for (char c : hex) {
    auto u = static_cast<unsigned char>(c);
    n = (n << 4) | (u <= '9' ? u - '0' : (u | 0x20) - 'a' + 10);
  }
  return n;
}

// The GLEP 74 hash names with their lengths in hex digits. Their upper-case
// spellings are also what ManifestHash::name views for a known hash, so a
// line's names need no storage of their own.
struct KnownHash {
  std::string_view name;
  std::size_t hex_digits;
};
constexpr KnownHash kKnownHashes[] = {
    {"BLAKE2B", 128}, {"SHA512", 128},   {"SHA256", 64},      {"MD5", 32},
    {"RMD160", 40},   {"SHA1", 40},      {"WHIRLPOOL", 128},  {"BLAKE2S", 64},
    {"SHA3_256", 64}, {"SHA3_512", 128}, {"STREEBOG256", 64}, {"STREEBOG512", 128}};

bool equal_ignoring_case(std::string_view a, std::string_view upper_b) {
  if (a.size() != upper_b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper_b[i]) return false;
  }
  return true;
}

// The known hash `name` names in any case, or nullptr. BLAKE2B and SHA512
// come first: nearly every line has exactly those two.
const KnownHash* known_hash(std::string_view name) {
  for (const KnownHash& k : kKnownHashes)
    if (equal_ignoring_case(name, k.name)) return &k;
  return nullptr;
}

// The known hash spelled exactly as GLEP 74 writes it (upper case), or
// nullptr; the common line takes no other spelling.
const KnownHash* exact_known_hash(std::string_view name) {
  for (const KnownHash& k : kKnownHashes)
    if (name == k.name) return &k;
  return nullptr;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::size_t slot_hash(std::string_view tag, std::string_view name) {
  return std::hash<std::string_view>{}(name) ^ (tag.size() * 0x9E3779B97F4A7C15ull);
}

// Any byte below 0x20 (tab, vertical tab, form feed, ...)? Without an early
// exit, so it is vectorised.
bool has_control(std::string_view s) {
  unsigned char any = 0;
  for (char c : s) any |= static_cast<unsigned char>(static_cast<unsigned char>(c) < 0x20);
  return any != 0;
}

// Which of the four package tags.
int tag_index(std::string_view tag) {
  if (tag == "DIST") return 0;
  if (tag == "AUX") return 1;
  if (tag == "EBUILD") return 2;
  if (tag == "MISC") return 3;
  return -1;
}

class Parser {
 public:
  explicit Parser(Manifest& out) : out(out) {}
  Manifest& out;

  void issue(int line, std::string message) {
    if (out.issues.size() < Manifest::kMaxIssues)
      out.issues.push_back({line, std::move(message)});
    else
      ++out.more_issues;
  }

  // The common line, "DIST name size HASH value HASH value" with single
  // spaces and known hash names as GLEP 74 writes them, read in one pass:
  // each hash value is located by its known length and checked once for
  // hex digits (which also rules out control characters there), where the
  // general path below first splits the line into tokens and then looks at
  // every byte again. False, having added nothing, for any line that is not
  // of that shape; entry_line then reads it and names what is wrong.
  bool common_line(int line, std::string_view content) {
    constexpr std::string_view kDist = "DIST ";
    if (!content.starts_with(kDist)) return false;
    const char* p = content.data() + kDist.size();
    const char* const end = content.data() + content.size();
    // The name: up to the next space; no '/' and no control characters.
    const char* name_end = static_cast<const char*>(std::memchr(p, ' ', static_cast<std::size_t>(end - p)));
    if (!name_end || name_end == p) return false;
    const std::string_view name(p, static_cast<std::size_t>(name_end - p));
    if (has_control(name) || std::memchr(name.data(), '/', name.size())) return false;
    // The size: 1-19 digits, so it cannot overflow.
    p = name_end + 1;
    std::uint64_t size = 0;
    const char* digits = p;
    while (p < end && *p >= '0' && *p <= '9') size = size * 10 + static_cast<std::uint64_t>(*p++ - '0');
    if (p == digits || p - digits > 19 || p == end || *p != ' ') return false;
    const std::size_t first = out.hashes.size();
    auto undo = [&] {
      out.hashes.resize(first);
      return false;
    };
    // Hash pairs, the value after each name exactly as long as that hash is.
    while (p < end) {
      ++p;  // the space before a hash name
      const char* hash_end = static_cast<const char*>(std::memchr(p, ' ', static_cast<std::size_t>(end - p)));
      if (!hash_end) return undo();
      const KnownHash* known = exact_known_hash(std::string_view(p, static_cast<std::size_t>(hash_end - p)));
      if (!known) return undo();
      p = hash_end + 1;
      if (static_cast<std::size_t>(end - p) < known->hex_digits) return undo();
      const std::string_view value(p, known->hex_digits);
      p += known->hex_digits;
      if ((p < end && *p != ' ') || !is_hex(value)) return undo();
      for (std::size_t k = first; k < out.hashes.size(); ++k)
        if (out.hashes[k].name.data() == known->name.data()) return undo();
      out.hashes.push_back({known->name, value, hex_prefix(value)});
    }
    if (out.hashes.size() == first) return false;  // "DIST name size " with a trailing space
    ManifestEntry e;
    e.tag = content.substr(0, kDist.size() - 1);
    e.name = name;
    e.size = size;
    e.line = line;
    e.first_hash = static_cast<std::uint32_t>(first);
    e.hash_count = static_cast<std::uint32_t>(out.hashes.size() - first);
    const std::size_t hash = slot_hash(e.tag, e.name);
    if (out.find_hashed(e.tag, e.name, hash)) return undo();  // a duplicate: entry_line says which line
    out.entries.push_back(e);
    insert(static_cast<std::uint32_t>(out.entries.size() - 1), hash);
    return true;
  }

  void entry_line(int line, std::string_view content) {
    split(content);
    const std::vector<std::string_view>& t = tokens_;
    if (t.empty()) return;
    const std::string_view tag = t[0];
    const int tag_id = tag_index(tag);
    if (tag_id < 0) {
      if (tag == "MANIFEST" || tag == "IGNORE" || tag == "DATA" || tag == "TIMESTAMP")
        issue(line, "'" + std::string(tag) + "' is a tree-level Manifest tag, not valid in a package Manifest");
      else
        issue(line, "unknown Manifest tag '" + shown(tag) + "'");
      return;
    }
    if (t.size() < 3 || t.size() % 2 == 0) {
      issue(line, std::string(tag) + " line has " + std::to_string(t.size()) +
                      " fields; expected TAG NAME SIZE and then hash name and value pairs");
      return;
    }
    ManifestEntry e;
    e.tag = tag;
    e.name = t[1];
    e.line = line;
    if (tag_id == 0 && e.name.find('/') != std::string_view::npos) {
      issue(line, "DIST name '" + shown(e.name) + "' contains '/'; distfile names are plain file names");
      return;
    }
    auto [end, ec] = std::from_chars(t[2].data(), t[2].data() + t[2].size(), e.size);
    if (ec != std::errc() || end != t[2].data() + t[2].size()) {
      issue(line, "size '" + shown(t[2]) + "' of '" + shown(e.name) + "' is not a number");
      return;
    }
    const std::size_t first = out.hashes.size();
    auto drop = [&](std::string message) {
      out.hashes.resize(first);
      issue(line, std::move(message));
    };
    for (std::size_t i = 3; i + 1 < t.size(); i += 2) {
      const std::string_view value = t[i + 1];
      const KnownHash* known = known_hash(t[i]);
      const std::string_view name = known ? known->name : spelled_upper(t[i]);
      for (std::size_t k = first; k < out.hashes.size(); ++k)
        if (out.hashes[k].name == name) return drop("hash " + shown(name) + " of '" + shown(e.name) + "' is given twice");
      if (!is_hex(value))
        return drop("hash " + shown(name) + " of '" + shown(e.name) + "' is not hexadecimal: '" + shown(value) + "'");
      if (known && value.size() != known->hex_digits)
        return drop("hash " + std::string(name) + " of '" + shown(e.name) + "' has " + std::to_string(value.size()) +
                    " hex digits, expected " + std::to_string(known->hex_digits));
      out.hashes.push_back({name, value, hex_prefix(value)});
    }
    e.first_hash = static_cast<std::uint32_t>(first);
    e.hash_count = static_cast<std::uint32_t>(out.hashes.size() - first);
    const std::size_t hash = slot_hash(e.tag, e.name);
    if (const ManifestEntry* earlier = out.find_hashed(e.tag, e.name, hash))
      return drop("duplicate entry " + std::string(tag) + " '" + shown(e.name) + "' (first on line " +
                  std::to_string(earlier->line) + ")");
    out.entries.push_back(e);
    insert(static_cast<std::uint32_t>(out.entries.size() - 1), hash);
  }

  // An empty table sized for a text of `bytes`: at most half full if its
  // lines are DIST lines of usual length (100 bytes and more), so a large
  // Manifest is not rehashed over and over as it is read.
  void clear_table(std::size_t bytes) { out.table.assign(std::max<std::size_t>(64, std::bit_ceil(bytes / 50 + 1)), 0); }

 private:
  // An unknown hash name upper-cased: the name as written when it has no
  // lower-case letters (a view into the text), else a copy the Manifest keeps.
  std::string_view spelled_upper(std::string_view name) {
    if (std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return name;
    return out.spelled.emplace_back(upper(name));
  }

  // Adds entry `index`, whose slot_hash is `hash`, doubling the table when
  // it would be half full.
  void insert(std::uint32_t index, std::size_t hash) {
    if (2 * (index + 1) > out.table.size()) {
      out.table.assign(out.table.size() * 2, 0);
      for (std::uint32_t i = 0; i < index; ++i) place(i, slot_hash(out.entries[i].tag, out.entries[i].name));
    }
    place(index, hash);
  }
  void place(std::uint32_t index, std::size_t hash) {
    const std::size_t mask = out.table.size() - 1;
    std::size_t slot = hash & mask;
    while (out.table[slot] != 0) slot = (slot + 1) & mask;
    out.table[slot] = index + 1;
  }


 private:
  // Whitespace-separated tokens of a line into tokens_, reused across lines.
  // Tools separate fields with single spaces, found with memchr; a line with
  // control characters (tabs and other whitespace) takes the byte-by-byte path.
  void split(std::string_view line) {
    tokens_.clear();
    const char* data = line.data();
    const std::size_t n = line.size();
    if (!has_control(line)) {
      std::size_t i = 0;
      while (i < n) {
        while (i < n && data[i] == ' ') ++i;
        if (i == n) break;
        const void* space = std::memchr(data + i, ' ', n - i);
        std::size_t end = space ? static_cast<std::size_t>(static_cast<const char*>(space) - data) : n;
        tokens_.push_back(line.substr(i, end - i));
        i = end;
      }
      return;
    }
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && text::is_space(line[i])) ++i;
      std::size_t start = i;
      while (i < line.size() && !text::is_space(line[i])) ++i;
      if (i > start) tokens_.push_back(line.substr(start, i - start));
    }
  }


 private:
  std::vector<std::string_view> tokens_;
};

}  // namespace

const ManifestEntry* Manifest::find(std::string_view tag, std::string_view name) const {
  return find_hashed(tag, name, slot_hash(tag, name));
}

const ManifestEntry* Manifest::find_hashed(std::string_view tag, std::string_view name, std::size_t hash) const {
  if (table.empty()) return nullptr;
  const std::size_t mask = table.size() - 1;
  for (std::size_t slot = hash & mask; table[slot] != 0; slot = (slot + 1) & mask) {
    const ManifestEntry& e = entries[table[slot] - 1];
    if (text::same(e.name, name) && text::same(e.tag, tag)) return &e;
  }
  return nullptr;
}

const ManifestHash* Manifest::hash(const ManifestEntry& e, std::string_view name) const {
  for (const ManifestHash& h : hashes_of(e))
    if (text::same(h.name, name)) return &h;
  return nullptr;
}

std::size_t manifest_hash_length(std::string_view name) {
  const KnownHash* k = exact_known_hash(name);
  return k ? k->hex_digits : 0;
}

Manifest parse_manifest(std::string_view content) {
  Manifest m;
  parse_manifest(content, m);
  return m;
}

void parse_manifest(std::string_view content, Manifest& out) { parse_manifest_lines(content, out, false); }

void parse_manifest_lines(std::string_view content, Manifest& out, bool general_only) {
  out.entries.clear();
  out.hashes.clear();
  out.issues.clear();
  out.spelled.clear();
  out.more_issues = 0;
  out.signed_ = false;
  Parser p(out);
  p.clear_table(content.size());
  // Where we are in an OpenPGP cleartext signature (RFC 4880 §7).
  enum class Part { Plain, Headers, Signed, Signature, After } part = Part::Plain;
  int line_no = 0;
  bool any_content = false;
  while (!content.empty()) {
    std::size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    switch (part) {
      case Part::Plain:
        if (line == kBeginSigned) {
          if (any_content) p.issue(line_no, "a PGP signature starts after Manifest entries");
          p.out.signed_ = true;
          part = Part::Headers;
          continue;
        }
        break;
      case Part::Headers:
        if (line.empty()) part = Part::Signed;  // "Hash: SHA256" lines end with a blank line
        continue;
      case Part::Signed:
        if (line == kBeginSignature) {
          part = Part::Signature;
          continue;
        }
        if (line.starts_with("- ")) line.remove_prefix(2);  // dash-escaped
        break;
      case Part::Signature:
        if (line == kEndSignature) part = Part::After;
        continue;
      case Part::After:
        if (!text::trim(line).empty()) p.issue(line_no, "text after the PGP signature");
        continue;
    }
    if (!text::trim(line).empty()) any_content = true;
    if (!general_only && p.common_line(line_no, line)) continue;
    p.entry_line(line_no, line);
  }
  if (part == Part::Headers || part == Part::Signed || part == Part::Signature)
    p.issue(line_no, "the PGP signature is not closed");
}

}  // namespace pkgscan
