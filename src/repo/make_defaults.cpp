// make.defaults: the restricted bash of profile variable files.
#include <cctype>

#include "pkgscan/repo.hpp"
#include "pkgscan/text_lines.hpp"

namespace pkgscan {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Appends literal text, merging with a preceding literal piece.
void add_text(std::vector<ShellPiece>& value, char c) {
  if (value.empty() || value.back().reference) value.push_back({});
  value.back().text += c;
}

// At s[i] == '$': a reference "${NAME}" or "$NAME" becomes a reference
// piece; anything else ("$", "${", "$1") is literal text. Returns the index
// after what was consumed.
std::size_t take_dollar(std::string_view s, std::size_t i, std::vector<ShellPiece>& value) {
  std::size_t k = i + 1;
  if (k < s.size() && s[k] == '{') {
    std::size_t end = k + 1;
    while (end < s.size() && name_char(s[end])) ++end;
    if (end < s.size() && s[end] == '}' && end > k + 1 && name_start(s[k + 1])) {
      value.push_back({true, std::string(s.substr(k + 1, end - k - 1)), std::string(s.substr(i, end + 1 - i))});
      return end + 1;
    }
  } else if (k < s.size() && name_start(s[k])) {
    std::size_t end = k;
    while (end < s.size() && name_char(s[end])) ++end;
    value.push_back({true, std::string(s.substr(k, end - k)), std::string(s.substr(i, end - i))});
    return end;
  }
  add_text(value, '$');
  return i + 1;
}

}  // namespace

std::string ShellAssignment::written() const {
  std::string out;
  for (const ShellPiece& p : value) out += p.reference ? p.raw : p.text;
  return out;
}

std::string ShellAssignment::expand(const std::function<std::string(std::string_view)>& lookup) const {
  std::string out;
  for (const ShellPiece& p : value) out += p.reference ? lookup(p.text) : p.text;
  return out;
}

std::vector<ShellAssignment> parse_make_defaults(std::string_view s, const std::string& path,
                                                 std::vector<RepoIssue>& issues) {
  std::vector<ShellAssignment> out;
  std::size_t i = 0;
  int line = 1;
  auto bad = [&](int at, std::string message) { issues.push_back({path, at, std::move(message)}); };
  auto skip_to_eol = [&] {
    while (i < s.size() && s[i] != '\n') ++i;
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') { ++line; ++i; continue; }
    if (text::is_space(c)) { ++i; continue; }
    if (c == '#') { skip_to_eol(); continue; }
    const int start_line = line;
    if (s.substr(i).starts_with("export ")) i += 7;
    std::size_t k = i;
    while (k < s.size() && name_char(s[k])) ++k;
    if (k == i || k >= s.size() || s[k] != '=' || !name_start(s[i])) {
      bad(start_line, "expected KEY=value");
      skip_to_eol();
      continue;
    }
    ShellAssignment a;
    a.key = std::string(s.substr(i, k - i));
    a.line = start_line;
    i = k + 1;
    bool ok = true;
    while (i < s.size() && ok) {
      c = s[i];
      if (c == '"') {
        ++i;
        while (i < s.size() && s[i] != '"') {
          if (s[i] == '\\' && i + 1 < s.size()) {
            char n = s[i + 1];
            if (n == '\n') { ++line; i += 2; continue; }  // continuation: both vanish
            if (n == '"' || n == '\\' || n == '$' || n == '`') { add_text(a.value, n); i += 2; continue; }
          }
          if (s[i] == '$') { i = take_dollar(s, i, a.value); continue; }
          if (s[i] == '\n') ++line;
          add_text(a.value, s[i++]);
        }
        if (i >= s.size()) {
          bad(start_line, "unterminated \" in value of " + a.key);
          ok = false;
        } else {
          ++i;
        }
      } else if (c == '\'') {
        ++i;
        while (i < s.size() && s[i] != '\'') {
          if (s[i] == '\n') ++line;
          add_text(a.value, s[i++]);
        }
        if (i >= s.size()) {
          bad(start_line, "unterminated ' in value of " + a.key);
          ok = false;
        } else {
          ++i;
        }
      } else if (c == '\\' && i + 1 < s.size() && s[i + 1] == '\n') {
        ++line;
        i += 2;
      } else if (c == '\n' || c == ' ' || c == '\t') {
        break;
      } else if (c == '$') {
        i = take_dollar(s, i, a.value);
      } else {
        add_text(a.value, c);
        ++i;
      }
    }
    if (!ok) break;
    out.push_back(std::move(a));
    // Anything after the value on the same line other than a comment is
    // beyond what this reader understands.
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i < s.size() && s[i] != '\n' && s[i] != '#') {
      bad(line, "unexpected text after value of " + out.back().key);
      skip_to_eol();
    }
  }
  return out;
}

}  // namespace pkgscan
