// libFuzzer target: any bytes as a package or category metadata.xml. The
// parser must never crash, hang or read out of bounds (ASan), and what it
// returns must be self-consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pkgscan/metadata_xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the kind, the rest is the file.
  auto kind = data[0] & 1 ? pkgscan::MetadataXmlKind::Category : pkgscan::MetadataXmlKind::Package;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  pkgscan::MetadataXml x = pkgscan::parse_metadata_xml(text, kind);

  if (x.state == pkgscan::MetadataXml::State::Missing) std::abort();  // only a file system says "missing"
  if (x.state == pkgscan::MetadataXml::State::Unusable) {
    // A reason, on one line, and no content.
    if (x.error.empty() || x.error.find('\n') != std::string::npos) std::abort();
    if (!x.maintainers.empty() || !x.use_flags.empty() || !x.violations.empty()) std::abort();
    return 0;
  }
  if (!x.error.empty()) std::abort();
  if (kind == pkgscan::MetadataXmlKind::Category && (!x.maintainers.empty() || !x.use_flags.empty())) std::abort();
  // Lines point into the input.
  int lines = 1;
  for (char c : text) lines += c == '\n' || c == '\r';
  for (const auto& v : x.violations)
    if (v.line < 0 || v.line > lines || v.text.empty()) std::abort();
  for (int l : x.mixed_indentation)
    if (l < 1 || l > lines) std::abort();
  for (const auto& f : x.use_flags)
    if (f.name.empty() && x.violations.empty()) std::abort();  // a nameless flag breaks GLEP 68
  return 0;
}
