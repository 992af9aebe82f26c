// eclass_iuse: the USE flags an eclass's own text puts in IUSE.
//
// Used to tell flags an ebuild states from flags its eclasses add (the
// md5-cache only has the merged IUSE). A line-level scan, not a bash parser:
// it finds IUSE= and IUSE+= at the start of a line (after indentation,
// "export" or "local" are not assignments to the ebuild's IUSE), reads the
// value -- quoted over several lines, or a bare word -- and keeps the words
// that are plain flag names. Both global assignments and those inside
// functions an ebuild calls at global scope (distutils_enable_tests adding
// "test") count; either way the eclass adds the flag.
#include <algorithm>

#include "pkgscan/atom.hpp"
#include "pkgscan/repo.hpp"

namespace pkgscan {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }
bool space(char c) { return blank(c) || c == '\n' || c == '\r'; }

void add_words(std::string_view value, std::vector<std::string>& out) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && space(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && !space(value[i])) ++i;
    std::string_view w = value.substr(start, i - start);
    if (!w.empty() && (w[0] == '+' || w[0] == '-')) w.remove_prefix(1);
    if (!w.empty() && valid_use_flag(w)) out.emplace_back(w);
  }
}

}  // namespace

std::vector<std::string> eclass_iuse(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::size_t i = pos;
    while (i < eol && blank(text[i])) ++i;
    std::size_t next = eol + 1;
    std::string_view rest = text.substr(i, eol - i);
    std::size_t name = rest.starts_with("IUSE+=") ? 6 : rest.starts_with("IUSE=") ? 5 : 0;
    if (name) {
      std::size_t v = i + name;
      char quote = v < text.size() ? text[v] : '\0';
      if (quote == '"' || quote == '\'') {
        std::size_t close = v + 1;
        // Find the closing quote; in "..." a backslash escapes the next character.
        while (close < text.size() && text[close] != quote) close += (quote == '"' && text[close] == '\\') ? 2 : 1;
        close = std::min(close, text.size());
        add_words(text.substr(v + 1, close - v - 1), out);
        if (close < text.size()) {
          std::size_t after = text.find('\n', close);
          next = after == std::string_view::npos ? text.size() : after + 1;
        } else {
          next = text.size();
        }
      } else {
        std::size_t end = v;
        while (end < eol && !space(text[end]) && text[end] != ';') ++end;
        add_words(text.substr(v, end - v), out);
      }
    }
    pos = next;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace pkgscan
