// invalid_utf8_at: see utf8.hpp. The byte rules are RFC 3629's table of
// well-formed sequences: the lead byte gives the length, every following
// byte is 10xxxxxx, and the second byte's range is narrower after E0 (no
// overlong forms), ED (no surrogates), F0 (no overlong forms) and F4 (nothing
// past U+10FFFF).
#include "pkgscan/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace pkgscan {

std::size_t invalid_utf8_at(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len == 0 || i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return i;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0) || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace pkgscan
