#pragma once
// Where two trees differ, reading only the tree objects whose ids differ.
//
// libgit2's git_diff_tree_to_tree took 350-950 ms per commit on a
// ::gentoo-sized repository even for a one-file change (a --commits range of
// 20 commits: 5 s). We find the changed paths ourselves; only when a rename
// is possible (something deleted and something added, or a file that became
// a symlink) does libgit2 describe them, given the paths as an exact
// pathspec, which takes it a few milliseconds.
#include <git2.h>

#include <string>
#include <vector>

namespace pkgscan::git {

struct PathChange {
  enum class Kind { Modified, TypeChanged, OnlyFrom, OnlyTo };
  Kind kind = Kind::Modified;
  std::string path;
  bool dir = false;  // OnlyFrom/OnlyTo: a whole directory (the path covers what is below it)
  git_oid oid{};     // OnlyFrom/OnlyTo: the entry's object (a tree when dir)
};

// The paths that differ between the trees `from` and `to` (either null: an
// empty tree), in git's order (that of their full paths). false with *err
// when a tree object cannot be read.
bool changed_paths(git_repository* repo, const git_oid* from, const git_oid* to, std::vector<PathChange>& out,
                   std::string* err);

// Every file path below the tree `tree`, each prefixed with `prefix`, in order.
bool files_below(git_repository* repo, const std::string& prefix, const git_oid& tree, std::vector<std::string>& out,
                 std::string* err);

}  // namespace pkgscan::git
