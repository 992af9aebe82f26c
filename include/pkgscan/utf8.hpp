#pragma once
// UTF-8 validity, as the InvalidUTF8 results of cache entries and ebuilds
// report it: the offset of the first byte that is not part of well-formed
// UTF-8 (overlong forms, surrogates and code points past U+10FFFF included).
#include <cstddef>
#include <string_view>

namespace pkgscan {

// Offset of the first offending byte, or std::string_view::npos when all of
// `s` is UTF-8. Every ebuild and cache entry goes through here, so ASCII is
// skipped eight bytes at a time.
std::size_t invalid_utf8_at(std::string_view s);

}  // namespace pkgscan
