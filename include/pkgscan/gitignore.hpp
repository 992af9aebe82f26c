#pragma once
// The repository's ignore rules: patterns from its top-level .gitignore and
// .git/info/exclude, matched the way git does (gitignore(5)), so checks of
// the package directories skip what git would never commit (as pkgcheck's
// PkgDirCheck does). Nested .gitignore files are not read, as in pkgcheck.
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/fs.hpp"

namespace pkgscan {

class GitIgnore {
 public:
  // Adds the patterns of one ignore file's text; later ones take precedence.
  void add(std::string_view text);
  // .gitignore and .git/info/exclude of the repository at `root`, when they exist.
  static GitIgnore load(const FileSystem& fs, const std::string& root);

  bool empty() const { return patterns_.empty(); }
  // `path` is relative to the repository root ("cat/pkg/files/x.patch").
  // True when the path or one of its parent directories is ignored.
  bool ignored(std::string_view path, bool is_dir) const;

 private:
  struct Pattern {
    std::string glob;       // without a leading '/', a trailing '/' or '!'
    bool negated = false;   // "!pattern" re-includes
    bool dir_only = false;  // "pattern/" matches directories only
    bool anchored = false;  // had a '/' before its end: matched from the root, else against any tail
  };
  // The last pattern matching `path` decides: 1 ignored, 0 re-included, -1 none.
  int decide(std::string_view path, bool is_dir) const;
  std::vector<Pattern> patterns_;
};

// gitignore glob matching: '*' and '?' do not match '/', "**" as a whole
// component matches any number of directories, "[a-z]" / "[!a-z]" classes,
// '\' quotes the next character. Linear in pattern × text size (no
// backtracking blow-up on hostile patterns).
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace pkgscan
