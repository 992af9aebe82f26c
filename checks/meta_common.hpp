#pragma once
// Small helpers shared by the metadata-variable checks (eapi.cpp, metadata.cpp,
// dep_syntax.cpp, license.cpp, iuse.cpp, keywords.cpp, restrict.cpp).
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pkgscan/check.hpp"
#include "pkgscan/index.hpp"

namespace pkgscan::meta {

// Whitespace-separated tokens of a cache value, as written.
inline std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// The EAPI as the cache states it; an absent value means EAPI 0 (PMS).
inline std::string_view eapi_text(const Ebuild& e) {
  const std::string& v = e.entry.get(CacheKey::EAPI);
  return v.empty() ? std::string_view("0") : std::string_view(v);
}

// The EAPI to parse the ebuild's values with: its own, or the latest when it
// is unknown (the index does the same, so messages agree with dep_errors).
inline Eapi parse_eapi(const Ebuild& e) { return e.eapi ? *e.eapi : Eapi::latest(); }

// Items in first-seen order, each once, in linear time (a broken cache
// entry may hold a megabyte of tokens).
class UniqueList {
 public:
  void add(std::string_view s) {
    if (seen_.insert(std::string(s)).second) items_.emplace_back(s);
  }
  bool empty() const { return items_.empty(); }
  const std::vector<std::string>& items() const { return items_; }

 private:
  std::unordered_set<std::string> seen_;
  std::vector<std::string> items_;
};

// "'a', 'b'" for messages.
inline std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += '\'' + s + '\'';
  }
  return out;
}

inline std::string joined(const std::vector<std::string>& items, std::string_view sep = " ") {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// Cache values are untrusted bytes: keep valid UTF-8, write control
// characters and invalid bytes as \xNN so messages stay one printable line.
inline std::string printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  auto escape = [&](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) escape(c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Length of a well-formed UTF-8 sequence starting here, or 0.
    std::size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogates
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);  // overlong, > U+10FFFF
    }
    if (!ok) {
      escape(c);
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

// Version-scope result with a printable message.
inline Result* report(ResultSink& out, const Keyword& kw, const Ebuild& e, const std::string& message) {
  return out.version(kw, e, printable(message));
}

// Structured field with a printable value.
inline Result* field(Result* r, std::string key, std::string_view value) {
  return with(r, std::move(key), printable(value));
}

// A cache entry with parse problems (truncated, empty, lines dropped) may
// simply have lost a key: "X is empty" would then be noise next to the
// MalformedCacheEntry result that explains it.
inline bool absence_trusted(const Ebuild& e) { return e.entry.issues.empty(); }

// Categories whose packages install no files of their own: no LICENSE or
// HOMEPAGE is expected there.
inline bool no_content_category(std::string_view cat) {
  return cat == "virtual" || cat == "acct-group" || cat == "acct-user";
}

}  // namespace pkgscan::meta
