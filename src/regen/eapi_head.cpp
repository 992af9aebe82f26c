// The EAPI an ebuild declares in its head, read the way Portage reads it
// before sourcing (lib/portage/__init__.py `_parse_eapi_ebuild_head`,
// regen.md §1): the file is read as text with universal newlines, lines that
// are blank or comments (`^\s*(#.*)?$`) are skipped, and the first other line
// must match `^[ \t]*EAPI=(['"]?)([A-Za-z0-9+_.-]*)\1[ \t]*([ \t]#.*)?$`.
#include "pkgscan/regen.hpp"

namespace pkgscan::regen {

namespace {

// Length of the whitespace character (Python's str.isspace) at the start of
// `s`, or 0. Besides ASCII space, \t \n \v \f \r and \x1c-\x1f, Python counts
// the Unicode separators; the ebuild is decoded as UTF-8.
std::size_t space_at(std::string_view s) {
  if (s.empty()) return 0;
  auto b = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  unsigned c = b(0);
  if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return 1;
  if (c == 0xc2 && (b(1) == 0x85 || b(1) == 0xa0)) return 2;                 // U+0085, U+00A0
  if (c == 0xe1 && b(1) == 0x9a && b(2) == 0x80) return 3;                   // U+1680
  if (c == 0xe2 && b(1) == 0x80 && (b(2) <= 0x8a || b(2) == 0xa8 || b(2) == 0xa9 || b(2) == 0xaf))
    return b(2) >= 0x80 ? 3 : 0;                                             // U+2000-200A, 2028, 2029, 202F
  if (c == 0xe2 && b(1) == 0x81 && b(2) == 0x9f) return 3;                   // U+205F
  if (c == 0xe3 && b(1) == 0x80 && b(2) == 0x80) return 3;                   // U+3000
  return 0;
}

bool blank_or_comment(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t n = space_at(line.substr(i));
    if (n == 0) break;
    i += n;
  }
  return i == line.size() || line[i] == '#';
}

bool eapi_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '_' ||
         c == '.' || c == '-';
}

// The PMS assignment regex on one line (without its line break).
std::optional<std::string> match_assignment(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (line.substr(i, 5) != "EAPI=") return std::nullopt;
  i += 5;
  char quote = 0;
  if (i < line.size() && (line[i] == '\'' || line[i] == '"')) quote = line[i++];
  std::size_t start = i;
  while (i < line.size() && eapi_char(line[i])) ++i;
  std::string value(line.substr(start, i - start));
  if (quote) {
    if (i >= line.size() || line[i] != quote) return std::nullopt;
    ++i;
  }
  // [ \t]*([ \t]#.*)?$ : trailing blanks, then optionally a comment that
  // must be preceded by at least one blank.
  std::size_t blanks = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i == line.size()) return value;
  if (line[i] == '#' && i > blanks) return value;
  return std::nullopt;
}

}  // namespace

EapiHead parse_eapi_head(std::string_view text) {
  EapiHead head;
  head.eapi = "0";
  int lineno = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Universal newlines: \n, \r\n and a lone \r each end a line.
    std::size_t end = text.find_first_of("\r\n", pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (end == std::string_view::npos) {
      pos = text.size();
    } else {
      pos = end + 1;
      if (text[end] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
    }
    ++lineno;
    if (blank_or_comment(line)) continue;
    head.line = lineno;
    if (auto value = match_assignment(line)) {
      head.assigned = true;
      head.eapi = std::move(*value);
    }
    break;
  }
  return head;
}

bool eapi_supported(std::string_view eapi) {
  return eapi.size() == 1 && eapi[0] >= '0' && eapi[0] <= '9';
}

}  // namespace pkgscan::regen
