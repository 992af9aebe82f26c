// gitignore(5) patterns and glob matching (see gitignore.hpp).
#include "pkgscan/gitignore.hpp"

#include <cstdint>

namespace pkgscan {

namespace {

// Longer patterns never match: they exist only to cost time.
constexpr std::size_t kMaxPattern = 1024;

// Memoised matcher over (pattern index, text index): every state is decided
// once, so "*a*a*a*a*b" against a long name costs |p| x |t| steps at most.
class GlobMatcher {
 public:
  GlobMatcher(std::string_view p, std::string_view t) : p_(p), t_(t), memo_((p.size() + 1) * (t.size() + 1), -1) {}

  bool match(std::size_t pi, std::size_t ti) {
    std::int8_t& m = memo_[pi * (t_.size() + 1) + ti];
    if (m < 0) m = step(pi, ti) ? 1 : 0;
    return m == 1;
  }

 private:
  bool step(std::size_t pi, std::size_t ti) {
    if (pi == p_.size()) return ti == t_.size();
    const char c = p_[pi];
    if (c == '*') {
      bool component_start = pi == 0 || p_[pi - 1] == '/';
      if (pi + 1 < p_.size() && p_[pi + 1] == '*' && component_start &&
          (pi + 2 == p_.size() || p_[pi + 2] == '/')) {
        if (pi + 2 == p_.size()) return true;  // "dir/**": everything inside
        // "**/": zero or more whole directories.
        if (match(pi + 3, ti)) return true;
        for (std::size_t k = ti; k < t_.size(); ++k)
          if (t_[k] == '/' && match(pi + 3, k + 1)) return true;
        return false;
      }
      std::size_t next = pi + 1;
      while (next < p_.size() && p_[next] == '*') ++next;  // "a**b" is "a*b"
      return match(next, ti) || (ti < t_.size() && t_[ti] != '/' && match(pi, ti + 1));
    }
    if (ti == t_.size()) return false;
    const char t = t_[ti];
    if (c == '?') return t != '/' && match(pi + 1, ti + 1);
    if (c == '[') {
      std::size_t end = 0;
      int in = in_class(pi, t, end);
      if (in >= 0) return in == 1 && t != '/' && match(end, ti + 1);
      // No closing ']': a literal '['.
    }
    if (c == '\\' && pi + 1 < p_.size()) return p_[pi + 1] == t && match(pi + 2, ti + 1);
    return c == t && match(pi + 1, ti + 1);
  }

  // Whether `t` is in the class starting at p_[pi] == '['; -1 when the
  // class is not closed. `end` is set past the closing ']'.
  int in_class(std::size_t pi, char t, std::size_t& end) const {
    std::size_t i = pi + 1;
    bool negated = i < p_.size() && (p_[i] == '!' || p_[i] == '^');
    if (negated) ++i;
    bool found = false;
    bool first = true;
    while (i < p_.size() && (p_[i] != ']' || first)) {
      first = false;
      char lo = p_[i];
      if (lo == '\\' && i + 1 < p_.size()) lo = p_[++i];
      char hi = lo;
      if (i + 2 < p_.size() && p_[i + 1] == '-' && p_[i + 2] != ']') {
        hi = p_[i + 2];
        if (hi == '\\' && i + 3 < p_.size()) hi = p_[++i + 2];
        i += 2;
      }
      if (lo <= t && t <= hi) found = true;
      ++i;
    }
    if (i >= p_.size()) return -1;
    end = i + 1;
    return found != negated ? 1 : 0;
  }

  std::string_view p_, t_;
  std::vector<std::int8_t> memo_;
};

std::string_view basename(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.size() > kMaxPattern) return false;
  return GlobMatcher(pattern, text).match(0, 0);
}

void GitIgnore::add(std::string_view text) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    // Trailing spaces are dropped unless quoted with a backslash.
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\'))
      line.remove_suffix(1);
    Pattern p;
    if (line.front() == '!') {
      p.negated = true;
      line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dir_only = true;
      line.remove_suffix(1);
    }
    p.anchored = line.find('/') != std::string_view::npos;
    if (!line.empty() && line.front() == '/') line.remove_prefix(1);
    if (line.empty()) continue;
    p.glob = std::string(line);
    patterns_.push_back(std::move(p));
  }
}

GitIgnore GitIgnore::load(const FileSystem& fs, const std::string& root) {
  GitIgnore out;
  std::string text;
  for (const char* rel : {".gitignore", ".git/info/exclude"}) {
    std::string path = join_path(root, rel);
    if (fs.stat(path) == FileType::Regular && fs.read_file(path, text, nullptr)) out.add(text);
  }
  return out;
}

int GitIgnore::decide(std::string_view path, bool is_dir) const {
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    if (it->dir_only && !is_dir) continue;
    // A pattern without a slash matches a name at any depth.
    if (glob_match(it->glob, it->anchored ? path : basename(path))) return it->negated ? 0 : 1;
  }
  return -1;
}

bool GitIgnore::ignored(std::string_view path, bool is_dir) const {
  if (patterns_.empty()) return false;
  // git never looks inside an ignored directory, so nothing below it can be re-included.
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1))
    if (decide(path.substr(0, slash), true) == 1) return true;
  return decide(path, is_dir) == 1;
}

}  // namespace pkgscan
