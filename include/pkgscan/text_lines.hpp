#pragma once
// Small text helpers shared by the line-oriented readers of repository and
// profile files (layout.conf, profiles/*, repos.conf) and the checks on them.
#include <cstring>
#include <string_view>
#include <vector>

namespace pkgscan::text {

// Equal strings, always inline: std::string_view's operator== can end in an
// out-of-line compare() call, which shows in loops that run per Manifest
// entry or per SRC_URI file.
inline bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Calls fn(token) for every whitespace-separated token of `s` (views into
// it), in order, allocating nothing: for loops that run often.
template <typename Fn>
void for_each_ws(std::string_view s, Fn&& fn) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) fn(s.substr(start, i - start));
  }
}

// Whitespace-separated tokens; views into `s`.
inline std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  for_each_ws(s, [&](std::string_view t) { out.push_back(t); });
  return out;
}

// Calls fn(line_number, trimmed_line) for every line that is neither blank
// nor a '#' comment. Line numbers are 1-based.
template <typename Fn>
void for_each_content_line(std::string_view text, Fn&& fn) {
  int line = 0;
  while (!text.empty()) {
    ++line;
    std::size_t nl = text.find('\n');
    std::string_view l = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (l.empty() || l.front() == '#') continue;
    fn(line, l);
  }
}

}  // namespace pkgscan::text
