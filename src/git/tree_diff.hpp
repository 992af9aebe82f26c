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

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace pkgscan::git {

struct PathChange {
  enum class Kind { Modified, TypeChanged, OnlyFrom, OnlyTo };
  Kind kind = Kind::Modified;
  std::string path;
  bool dir = false;  // OnlyFrom/OnlyTo: a whole directory (the path covers what is below it)
  git_oid oid{};     // OnlyFrom/OnlyTo: the entry's object (a tree when dir)
};

// Tree objects kept from one diff to the next. Over a run of commits, each
// commit's parent tree is the tree the commit before it had, and the large
// ones (a ::gentoo category, its md5-cache directory: 100-200 KB) are new in
// every commit. The memo keeps the trees of the last diff only, so each is
// read once; libgit2's object cache would keep every tree of the run, and on
// a virtual machine the fresh memory costs more than reading them twice.
class TreeMemo {
 public:
  // The tree `oid`; nullptr with *err when it cannot be read.
  git_tree* get(git_repository* repo, const git_oid& oid, std::string* err);
  // Starts the next diff: the trees the last one used stay, older ones go.
  void next();

 private:
  using Map = std::unordered_map<std::string, std::shared_ptr<git_tree>>;  // raw id -> tree
  Map current_, previous_;
};

// The paths that differ between the trees `from` and `to` (either null: an
// empty tree), in git's order (that of their full paths). false with *err
// when a tree object cannot be read. Trees are read through `memo`.
bool changed_paths(git_repository* repo, TreeMemo& memo, const git_oid* from, const git_oid* to,
                   std::vector<PathChange>& out, std::string* err);

// Every file path below the tree `tree`, each prefixed with `prefix`, in order.
bool files_below(git_repository* repo, const std::string& prefix, const git_oid& tree, std::vector<std::string>& out,
                 std::string* err);

}  // namespace pkgscan::git
