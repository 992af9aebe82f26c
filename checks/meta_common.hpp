#pragma once
// Small helpers shared by the metadata-variable checks (eapi.cpp, metadata.cpp,
// dep_syntax.cpp, license.cpp, iuse.cpp, keywords.cpp, restrict.cpp).
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

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

// Categories whose packages install no files of their own: no LICENSE or
// HOMEPAGE is expected there.
inline bool no_content_category(std::string_view cat) {
  return cat == "virtual" || cat == "acct-group" || cat == "acct-user";
}

}  // namespace pkgscan::meta
