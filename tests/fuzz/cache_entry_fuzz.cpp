// libFuzzer target: any bytes as an md5-cache entry. The parser must never
// crash or read out of bounds, and what it returns must be self-consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pkgscan/cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  pkgscan::CacheEntry entry = pkgscan::parse_cache_entry(text);

  for (std::size_t i = 0; i < entry.values.size(); ++i) {
    // A value is a slice of one line: never longer than the input, never
    // holding a newline, and set only where its line was recorded.
    if (entry.values[i].size() > size || entry.values[i].find('\n') != std::string::npos) std::abort();
    if (!entry.values[i].empty() && entry.lines[i] <= 0) std::abort();
  }
  if (size == 0 && entry.issues.empty()) std::abort();

  std::vector<std::string> problems;
  for (const pkgscan::EclassRef& ref : entry.eclasses(&problems)) {
    if (ref.name.empty() || ref.md5.empty()) std::abort();
    if (ref.name.find('\t') != std::string::npos || ref.md5.find('\t') != std::string::npos) std::abort();
  }
  return 0;
}
