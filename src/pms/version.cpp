// PMS versions: syntax, the 7-step comparison, hashing consistent with it,
// and the component-wise prefix match behind "=cat/pkg-1.2*".
//
// A Version keeps only its text; comparison walks the two strings directly,
// so nothing is allocated and numbers of any length compare exactly.
#include "pkgscan/version.hpp"

#include <cstring>

namespace pkgscan {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Suffix words in PMS order; rank is the index.
constexpr std::string_view kSuffixes[] = {"alpha", "beta", "pre", "rc", "p"};

std::size_t digits_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  return j - i;
}

// Length of a suffix word at s[i], and its rank; 0 when none.
std::size_t suffix_word_at(std::string_view s, std::size_t i, int* rank) {
  for (int r = 0; r < 5; ++r) {
    std::string_view w = kSuffixes[r];
    if (s.substr(i, w.size()) == w) {
      // "_pre" must not be read as "_p" followed by "re".
      std::size_t end = i + w.size();
      if (w == "p" && end < s.size() && is_lower(s[end])) continue;
      *rank = r;
      return w.size();
    }
  }
  return 0;
}

// The greedy scan: returns the end of the longest valid prefix.
std::size_t scan(std::string_view s) {
  std::size_t n = digits_at(s, 0);
  if (n == 0) return 0;
  std::size_t i = n;
  while (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) i += 1 + digits_at(s, i + 1);
  if (i < s.size() && is_lower(s[i])) ++i;
  while (i + 1 < s.size() && s[i] == '_') {
    int rank;
    std::size_t w = suffix_word_at(s, i + 1, &rank);
    if (w == 0) break;
    i += 1 + w;
    i += digits_at(s, i);
  }
  if (i + 2 < s.size() && s[i] == '-' && s[i + 1] == 'r' && is_digit(s[i + 2])) i += 2 + digits_at(s, i + 2);
  return i;
}

// The parts of a valid version string.
struct Parts {
  std::string_view nums;      // "1.2.3"
  char letter = 0;            // 0 when absent
  std::string_view suffixes;  // "_alpha1_p", "" when none
  std::string_view rev;       // digits after -r, "" when none
  bool has_rev = false;
};

Parts split(std::string_view s) {
  Parts p;
  std::size_t i = 0;
  while (i < s.size() && (is_digit(s[i]) || s[i] == '.')) ++i;
  p.nums = s.substr(0, i);
  if (i < s.size() && is_lower(s[i])) p.letter = s[i++];
  std::size_t r = s.find('-', i);
  if (r == std::string_view::npos) r = s.size();
  p.suffixes = s.substr(i, r - i);
  if (r < s.size()) {
    p.has_rev = true;
    p.rev = s.substr(r + 2);
  }
  return p;
}

std::string_view strip_leading_zeros(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

std::string_view strip_trailing_zeros(std::string_view s) {
  std::size_t n = s.size();
  while (n > 0 && s[n - 1] == '0') --n;
  return s.substr(0, n);
}

int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

// Integer comparison of digit strings of any length ("" is 0).
int compare_int(std::string_view a, std::string_view b) {
  a = strip_leading_zeros(a);
  b = strip_leading_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

// PMS step 2 for components after the first.
int compare_later_component(std::string_view a, std::string_view b) {
  if ((!a.empty() && a[0] == '0') || (!b.empty() && b[0] == '0'))
    return sign(strip_trailing_zeros(a).compare(strip_trailing_zeros(b)));
  return compare_int(a, b);
}

// Iterates "1.2.3" component by component.
struct NumIter {
  std::string_view rest;
  bool next(std::string_view* out) {
    if (rest.empty()) return false;
    std::size_t dot = rest.find('.');
    *out = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    return true;
  }
};

// Iterates "_alpha1_p" suffix by suffix.
struct SuffixIter {
  std::string_view rest;
  bool next(int* rank, std::string_view* num, bool* has_num = nullptr) {
    if (rest.empty()) return false;
    std::size_t w = suffix_word_at(rest, 1, rank);
    std::size_t d = digits_at(rest, 1 + w);
    *num = rest.substr(1 + w, d);
    if (has_num) *has_num = d > 0;
    rest = rest.substr(1 + w + d);
    return true;
  }
};

int compare_parts(const Parts& a, const Parts& b, bool with_revision) {
  // Steps 1-3: numeric components.
  NumIter ia{a.nums}, ib{b.nums};
  std::string_view ca, cb;
  ia.next(&ca);
  ib.next(&cb);
  if (int c = compare_int(ca, cb)) return c;
  for (;;) {
    bool ha = ia.next(&ca), hb = ib.next(&cb);
    if (!ha || !hb) {
      if (ha != hb) return ha ? 1 : -1;
      break;
    }
    if (int c = compare_later_component(ca, cb)) return c;
  }
  // Step 4: letter.
  if (a.letter != b.letter) return a.letter < b.letter ? -1 : 1;
  // Step 5: suffixes.
  SuffixIter sa{a.suffixes}, sb{b.suffixes};
  for (;;) {
    int ra, rb;
    std::string_view na, nb;
    bool ha = sa.next(&ra, &na), hb = sb.next(&rb, &nb);
    if (!ha && !hb) break;
    if (ha && hb) {
      if (ra != rb) return ra < rb ? -1 : 1;
      if (int c = compare_int(na, nb)) return c;
      continue;
    }
    // One side has an extra suffix: _p makes it greater, anything else smaller.
    constexpr int kP = 4;
    if (ha) return ra == kP ? 1 : -1;
    return rb == kP ? -1 : 1;
  }
  // Step 6: revision.
  if (with_revision) return compare_int(a.rev, b.rev);
  return 0;
}

// FNV-1a, fed with the canonical form of each component.
struct Hasher {
  std::uint64_t h = 0xcbf29ce484222325ull;
  void add(std::string_view s) {
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  }
  void add(char c) { h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull; }
};

// A version as a sequence of comparable components, for glob matching.
enum class Tok : std::uint8_t { Num, Letter, Suffix, Rev, End };
struct Token {
  Tok kind = Tok::End;
  std::string_view text;  // number digits, or letter
  int rank = 0;
  bool has_num = false;
};

struct TokenIter {
  explicit TokenIter(std::string_view s) : p(split(s)), nums{p.nums}, sufs{p.suffixes} {}
  Parts p;
  NumIter nums;
  SuffixIter sufs;
  int stage = 0;
  Token next() {
    Token t;
    if (stage == 0) {
      if (nums.next(&t.text)) {
        t.kind = Tok::Num;
        return t;
      }
      stage = 1;
    }
    if (stage == 1) {
      stage = 2;
      if (p.letter) {
        t.kind = Tok::Letter;
        t.text = std::string_view(&p.letter, 1);
        return t;
      }
    }
    if (stage == 2) {
      if (sufs.next(&t.rank, &t.text, &t.has_num)) {
        t.kind = Tok::Suffix;
        return t;
      }
      stage = 3;
    }
    if (stage == 3) {
      stage = 4;
      if (p.has_rev) {
        t.kind = Tok::Rev;
        t.text = p.rev;
        return t;
      }
    }
    return t;
  }
};

}  // namespace

std::size_t Version::valid_prefix(std::string_view s) { return scan(s); }

std::optional<Version> Version::parse(std::string_view s, ParseError* err) {
  std::size_t n = scan(s);
  if (n == 0 || n != s.size()) {
    if (err) {
      err->message = "invalid version '" + std::string(s) + "'";
      err->pos = n;
    }
    return std::nullopt;
  }
  Version v;
  v.text_.assign(s.data(), s.size());
  return v;
}

std::string_view Version::without_revision() const {
  std::string_view s = text_;
  std::size_t r = s.find('-');
  return r == std::string_view::npos ? s : s.substr(0, r);
}

std::string_view Version::revision() const {
  std::string_view s = text_;
  std::size_t r = s.find('-');
  return r == std::string_view::npos ? std::string_view() : s.substr(r + 2);
}

bool Version::has_revision() const { return text_.find('-') != std::string::npos; }

bool Version::is_live() const {
  NumIter it{split(text_).nums};
  std::string_view c;
  while (it.next(&c)) {
    if (c.size() >= 4 && c.find_first_not_of('9') == std::string_view::npos) return true;
  }
  return false;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  int c = compare_parts(split(a.text_), split(b.text_), true);
  return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

std::size_t Version::hash() const {
  // Canonical form per the equality of compare_parts: first number and all
  // suffix/revision numbers without leading zeros; later components either
  // as integers (no leading zero) or with trailing zeros stripped.
  Parts p = split(text_);
  Hasher h;
  NumIter it{p.nums};
  std::string_view c;
  it.next(&c);
  h.add(strip_leading_zeros(c));
  while (it.next(&c)) {
    h.add('.');
    h.add(c[0] == '0' ? strip_trailing_zeros(c) : c);
  }
  h.add('|');
  if (p.letter) h.add(p.letter);
  SuffixIter si{p.suffixes};
  int rank;
  while (si.next(&rank, &c)) {
    h.add(static_cast<char>('A' + rank));
    h.add(strip_leading_zeros(c));
  }
  h.add('|');
  h.add(strip_leading_zeros(p.rev));
  return static_cast<std::size_t>(h.h);
}

bool Version::glob_matches(const Version& prefix) const {
  TokenIter want(prefix.text_), have(text_);
  bool first = true;
  for (;;) {
    Token w = want.next();
    if (w.kind == Tok::End) return true;
    Token h = have.next();
    if (h.kind != w.kind) return false;
    switch (w.kind) {
      case Tok::Num:
        if ((first ? compare_int(w.text, h.text) : compare_later_component(w.text, h.text)) != 0) return false;
        first = false;
        break;
      case Tok::Letter:
        if (w.text != h.text) return false;
        break;
      case Tok::Suffix:
        if (w.rank != h.rank) return false;
        // A trailing "_rc*" matches any rc number, like "1*" matches any later component.
        if (w.has_num || !want.sufs.rest.empty() || want.p.has_rev) {
          if (compare_int(w.text, h.text) != 0) return false;
        }
        break;
      case Tok::Rev:
        if (compare_int(w.text, h.text) != 0) return false;
        break;
      case Tok::End:
        break;
    }
  }
}

bool Version::equal_ignoring_revision(const Version& other) const {
  return compare_parts(split(text_), split(other.text_), false) == 0;
}

int compare_versions(std::string_view a, std::string_view b) {
  return compare_parts(split(a), split(b), true);
}

}  // namespace pkgscan
