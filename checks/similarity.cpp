// Ratcliff/Obershelp matching as Python's difflib does it (see similarity.hpp).
//
// The algorithm: find the longest common block of the two sequences, then
// recurse on the parts left and right of it; the ratio counts the matched
// characters. Two details decide the exact numbers and are reproduced:
//  - of several longest blocks, the one starting earliest in `a`, then in `b`;
//  - when `b` has 200 or more characters, characters that occur in it more
//    than 1% + 1 times are "popular" and cannot start or extend a match
//    inside the search (a found block is still extended over them).
#include "similarity.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

namespace pkgscan {

namespace {

// UTF-8 to code points; a byte that does not start a valid sequence becomes
// its own "character" (0xDC00 + byte, like Python's surrogateescape).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto n = static_cast<unsigned char>(s[i + k]);
      ok = (n & 0xc0) == 0x80;
      cp = (cp << 6) | (n & 0x3f);
    }
    if (!ok) {
      out.push_back(0xDC00 + c);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

struct Matcher {
  const std::u32string& a;
  const std::u32string& b;
  std::unordered_map<char32_t, std::vector<int>> b2j;  // positions in b, ascending, popular characters removed
  // Lengths of the match ending at (i-1, j), for the previous and current i,
  // as sparse arrays with the touched positions listed for a cheap reset.
  std::vector<int> prev, cur;
  std::vector<int> prev_touched, cur_touched;

  Matcher(const std::u32string& a_, const std::u32string& b_) : a(a_), b(b_) {
    for (int j = 0; j < static_cast<int>(b.size()); ++j) b2j[b[j]].push_back(j);
    const std::size_t n = b.size();
    if (n >= 200) {
      const std::size_t limit = n / 100 + 1;
      for (auto it = b2j.begin(); it != b2j.end();)
        it = it->second.size() > limit ? b2j.erase(it) : std::next(it);
    }
    prev.assign(n + 1, 0);
    cur.assign(n + 1, 0);
  }

  struct Block {
    int i, j, size;
  };

  Block longest(int alo, int ahi, int blo, int bhi) {
    int besti = alo, bestj = blo, bestsize = 0;
    for (int i = alo; i < ahi; ++i) {
      auto found = b2j.find(a[i]);
      if (found != b2j.end()) {
        for (int j : found->second) {
          if (j < blo) continue;
          if (j >= bhi) break;
          int k = (j > 0 ? prev[j] : 0) + 1;  // prev[j] holds the length ending at (i-1, j-1), shifted by one
          cur[j + 1] = k;
          cur_touched.push_back(j + 1);
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
      }
      for (int t : prev_touched) prev[t] = 0;
      prev_touched.clear();
      std::swap(prev, cur);
      std::swap(prev_touched, cur_touched);
    }
    for (int t : prev_touched) prev[t] = 0;
    prev_touched.clear();
    // Extend over equal characters the popularity rule kept out of the search.
    while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
      --besti;
      --bestj;
      ++bestsize;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) ++bestsize;
    return {besti, bestj, bestsize};
  }

  int matched() {
    int total = 0;
    std::vector<std::array<int, 4>> todo = {{0, static_cast<int>(a.size()), 0, static_cast<int>(b.size())}};
    while (!todo.empty()) {
      auto [alo, ahi, blo, bhi] = todo.back();
      todo.pop_back();
      Block m = longest(alo, ahi, blo, bhi);
      if (m.size == 0) continue;
      total += m.size;
      if (alo < m.i && blo < m.j) todo.push_back({alo, m.i, blo, m.j});
      if (m.i + m.size < ahi && m.j + m.size < bhi) todo.push_back({m.i + m.size, ahi, m.j + m.size, bhi});
    }
    return total;
  }
};

}  // namespace

double sequence_ratio(std::string_view a, std::string_view b) {
  std::u32string ua = code_points(a), ub = code_points(b);
  std::size_t total = ua.size() + ub.size();
  if (total == 0) return 1.0;
  Matcher m(ua, ub);
  return 2.0 * m.matched() / static_cast<double>(total);
}

double sequence_ratio_bound(std::string_view a, std::string_view b) {
  std::size_t la = code_points(a).size(), lb = code_points(b).size();
  if (la + lb == 0) return 1.0;
  return 2.0 * static_cast<double>(std::min(la, lb)) / static_cast<double>(la + lb);
}

std::u32string sorted_code_points(std::string_view s) {
  std::u32string points = code_points(s);
  std::sort(points.begin(), points.end());
  return points;
}

double sequence_ratio_quick_bound(std::u32string_view a_sorted, std::u32string_view b_sorted) {
  const std::size_t total = a_sorted.size() + b_sorted.size();
  if (total == 0) return 1.0;
  std::size_t common = 0;  // the size of the two multisets' intersection
  for (std::size_t i = 0, j = 0; i < a_sorted.size() && j < b_sorted.size();) {
    if (a_sorted[i] < b_sorted[j]) {
      ++i;
    } else if (b_sorted[j] < a_sorted[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(total);
}

}  // namespace pkgscan
