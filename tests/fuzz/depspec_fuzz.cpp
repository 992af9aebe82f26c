// libFuzzer target: DepSpec::parse of every kind on arbitrary bytes; the
// canonical text must re-parse to the same text, and flatten/evaluate/
// satisfied must run on whatever parsed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pkgscan/depspec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // First byte picks the kind and EAPI, the rest is the value.
  auto kind = static_cast<pkgscan::SpecKind>(data[0] % 5);
  pkgscan::Eapi eapi = pkgscan::Eapi::of((data[0] / 5) % 10);
  std::string_view s(reinterpret_cast<const char*>(data + 1), size - 1);
  pkgscan::ParseError err;
  auto d = pkgscan::DepSpec::parse(s, kind, eapi, &err);
  if (!d) {
    if (err.message.empty() || err.pos > s.size()) std::abort();
    return 0;
  }
  if (d->nodes.empty() || d->nodes[0].end != d->nodes.size()) std::abort();
  std::string text = d->str();
  auto again = pkgscan::DepSpec::parse(text, kind, eapi);
  if (!again || again->str() != text) std::abort();
  auto flat = d->flatten();
  std::size_t leaves = 0;
  d->for_each_leaf([&](std::uint32_t) { ++leaves; });
  if (leaves != flat.size()) std::abort();
  auto odd = [](pkgscan::Symbol f) { return (f.id() & 1) != 0; };
  pkgscan::DepSpec e = d->evaluate(odd);
  auto e2 = pkgscan::DepSpec::parse(e.str(), kind, eapi);
  if (!e2 || e2->str() != e.str()) std::abort();
  (void)d->satisfied(odd, eapi);
  return 0;
}
