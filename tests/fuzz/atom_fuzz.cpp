// libFuzzer target: Atom::parse on arbitrary bytes at every EAPI; a parsed
// atom's canonical text must parse again to an equal atom with the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pkgscan/atom.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  for (int e = 0; e <= 9; ++e) {
    pkgscan::Eapi eapi = pkgscan::Eapi::of(e);
    pkgscan::ParseError err;
    auto a = pkgscan::Atom::parse(s, eapi, &err);
    if (!a) {
      if (err.message.empty() || err.pos > size) std::abort();
      continue;
    }
    std::string text = a->str();
    auto b = pkgscan::Atom::parse(text, eapi);
    if (!b || !(*a == *b) || b->str() != text || (*a <=> *b) != 0) std::abort();
    if (a->version) {
      // Comparison and hashing must agree.
      const pkgscan::Version& v = *a->version;
      if (!(v == v) || v.hash() != pkgscan::Version::parse(v.str())->hash()) std::abort();
      (void)v.glob_matches(v);
      (void)v.is_live();
    }
  }
  if (auto pf = pkgscan::split_pf(s)) {
    if (!pkgscan::valid_package_name(pf->package)) std::abort();
  }
  return 0;
}
