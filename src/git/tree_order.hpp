#pragma once
// The order of a directory's entries in git: tree objects (and, through the
// full paths, the index) sort a subdirectory as if its name ended in '/'.
#include <algorithm>
#include <cstring>
#include <string_view>

namespace pkgscan::git {

inline int tree_order(std::string_view a, bool a_dir, std::string_view b, bool b_dir) {
  std::size_t n = std::min(a.size(), b.size());
  if (n > 0)
    if (int c = std::memcmp(a.data(), b.data(), n)) return c;
  unsigned char ca = a.size() > n ? static_cast<unsigned char>(a[n]) : a_dir ? '/' : 0;
  unsigned char cb = b.size() > n ? static_cast<unsigned char>(b[n]) : b_dir ? '/' : 0;
  if (ca != cb) return ca < cb ? -1 : 1;
  return 0;
}

}  // namespace pkgscan::git
