#pragma once
// What the index stages against a commit's tree, proportional to what
// changed: directories whose cache-tree entry (the index's TREE extension)
// is still valid and names the commit's own subtree are skipped whole, so a
// pre-commit hook that staged one ebuild reads three tree objects, not the
// 20,000 of a ::gentoo-sized repository (libgit2's git_diff_tree_to_index
// compares every entry).
#include <git2.h>

#include <string>
#include <vector>

#include "index_file.hpp"
#include "pkgscan/history.hpp"

namespace pkgscan::git {

// The paths whose staged content differs from `tree` (nullptr: an unborn
// branch, so everything staged is 'A'), in path order: 'A' added, 'D'
// deleted, 'M' modified (content or the executable bit, or unmerged), 'T'
// the kind changed (file, symlink, submodule). Paths added with `git add -N`
// carry no content yet and count as absent. false with *err when a tree
// object cannot be read.
bool staged_against_tree(git_repository* repo, const git_oid* tree, const IndexFile& index,
                         std::vector<FileChange>& out, std::string* err);

}  // namespace pkgscan::git
