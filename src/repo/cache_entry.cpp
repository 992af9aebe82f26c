// md5-cache entry parser. It runs once per ebuild of the tree (31k files for
// ::gentoo), so the common case — pure ASCII, one known key per line — costs a
// memchr per line and one copy per value; everything unusual is an issue on
// the entry, never a failure.
#include <algorithm>
#include <cstring>

#include "pkgscan/cache.hpp"
#include "pkgscan/text_lines.hpp"
#include "pkgscan/utf8.hpp"

namespace pkgscan {

namespace {

constexpr std::size_t kKeyCount = static_cast<std::size_t>(CacheKey::Count);

constexpr std::string_view kKeyNames[kKeyCount] = {
    "BDEPEND", "DEFINED_PHASES", "DEPEND", "DESCRIPTION", "EAPI", "HOMEPAGE", "IDEPEND",
    "INHERIT", "IUSE", "KEYWORDS", "LICENSE", "PDEPEND", "PROPERTIES", "RDEPEND",
    "REQUIRED_USE", "RESTRICT", "SLOT", "SRC_URI", "_eclasses_", "_md5_"};

// A file of binary junk would otherwise yield one issue per line; past this
// many the entry is clearly broken and more detail helps nobody.
constexpr std::size_t kMaxIssues = 32;

// True when `s` holds only ASCII bytes other than NUL. Checks eight bytes at
// a time: this is the whole cost of validation for real cache files.
bool plain_ascii(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t bad = 0;
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    bad |= (v & kHigh) | ((v - kOnes) & ~v & kHigh);  // high bit set, or a zero byte
  }
  if (bad) return false;
  for (; n > 0; ++p, --n)
    if (*p == '\0' || (static_cast<unsigned char>(*p) & 0x80)) return false;
  return true;
}

bool valid_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_hex32(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

class IssueSink {
 public:
  explicit IssueSink(std::vector<CacheIssue>& issues) : issues_(issues) {}
  void add(int line, std::string message) {
    if (issues_.size() < kMaxIssues) {
      issues_.push_back({line, std::move(message)});
    } else if (issues_.size() == kMaxIssues) {
      issues_.push_back({line, "too many problems; further ones not reported"});
    }
  }

 private:
  std::vector<CacheIssue>& issues_;
};

}  // namespace

std::string_view cache_key_name(CacheKey k) {
  auto i = static_cast<std::size_t>(k);
  return i < kKeyCount ? kKeyNames[i] : std::string_view();
}

std::optional<CacheKey> cache_key_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kKeyCount; ++i)
    if (text::same(kKeyNames[i], name))
      return static_cast<CacheKey>(i);
  return std::nullopt;
}

CacheEntry parse_cache_entry(std::string_view text) {
  CacheEntry entry;
  IssueSink issues(entry.issues);
  if (text.empty()) {
    issues.add(0, "empty file");
    return entry;
  }
  // One pass over the whole file decides whether any line needs byte checks.
  const bool plain = plain_ascii(text);

  const char* p = text.data();
  const char* const end = p + text.size();
  int line = 0;
  while (p < end) {
    ++line;
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = nl ? nl : end;
    std::string_view l(p, static_cast<std::size_t>(line_end - p));
    p = nl ? nl + 1 : end;

    if (!nl) issues.add(line, "no newline at end of file (truncated?)");
    if (!plain) {
      if (std::memchr(l.data(), '\0', l.size())) issues.add(line, "NUL byte");
      if (std::size_t at = invalid_utf8_at(l); at != std::string_view::npos)
        issues.add(line, "invalid UTF-8 at column " + std::to_string(at + 1));
    }
    if (!l.empty() && l.back() == '\r') {
      issues.add(line, "carriage return at end of line");
      l.remove_suffix(1);
    }
    if (l.empty()) {
      issues.add(line, "empty line");
      continue;
    }
    const char* eq = static_cast<const char*>(std::memchr(l.data(), '=', l.size()));
    if (!eq) {
      issues.add(line, "line has no '='");
      continue;
    }
    std::string_view key(l.data(), static_cast<std::size_t>(eq - l.data()));
    std::string_view value = l.substr(key.size() + 1);
    if (key.empty()) {
      issues.add(line, "line has an empty key");
      continue;
    }
    std::optional<CacheKey> k = cache_key_from_name(key);
    if (!k) {
      // Unknown keys are allowed by PMS; only a name that is not a name at
      // all (binary junk before an '=') is worth mentioning.
      for (char c : key)
        if (!valid_key_char(c)) {
          issues.add(line, "invalid key name");
          break;
        }
      continue;
    }
    auto i = static_cast<std::size_t>(*k);
    if (entry.lines[i] != 0) {
      issues.add(line, "duplicate key " + std::string(key) + " (first on line " + std::to_string(entry.lines[i]) +
                           "; this one ignored)");
      continue;
    }
    entry.lines[i] = line;
    entry.values[i].assign(value);
  }
  return entry;
}

std::string write_md5_dict(const CacheEntry& entry) {
  std::size_t size = 0;
  for (std::size_t i = 0; i < kKeyCount; ++i)
    if (!entry.values[i].empty()) size += kKeyNames[i].size() + entry.values[i].size() + 2;
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < kKeyCount; ++i) {
    if (entry.values[i].empty()) continue;  // Portage: `if not v: continue`
    out += kKeyNames[i];
    out += '=';
    out += entry.values[i];
    out += '\n';
  }
  return out;
}

std::vector<EclassRef> CacheEntry::eclasses(std::vector<std::string>* problems) const {
  std::vector<EclassRef> out;
  std::string_view s = get(CacheKey::ECLASSES);
  if (s.empty()) return out;
  out.reserve(static_cast<std::size_t>(std::count(s.begin(), s.end(), '\t')) / 2 + 1);
  auto next_field = [&s]() {
    std::size_t tab = s.find('\t');
    std::string_view field = s.substr(0, tab);
    s = tab == std::string_view::npos ? std::string_view() : s.substr(tab + 1);
    return field;
  };
  bool more = true;
  while (more) {
    more = s.find('\t') != std::string_view::npos;
    std::string_view name = next_field();
    if (!more) {
      // A last field with no partner: a name whose md5 was cut off.
      if (problems)
        problems->push_back(name.empty() ? std::string("empty field in _eclasses_")
                                         : "eclass '" + std::string(name) + "' has no md5");
      break;
    }
    more = s.find('\t') != std::string_view::npos;
    std::string_view md5 = next_field();
    if (name.empty() || md5.empty()) {
      if (problems) problems->push_back("empty field in _eclasses_");
      continue;
    }
    if (problems && !is_hex32(md5))
      problems->push_back("eclass '" + std::string(name) + "' has a malformed md5 '" + std::string(md5) + "'");
    out.push_back({std::string(name), std::string(md5)});
  }
  return out;
}

}  // namespace pkgscan
