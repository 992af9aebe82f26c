#pragma once
// Reading a git repository with libgit2 (DESIGN.md §12): a commit's tree and
// the index as FileSystems, diffs between them, the commits of a range.
// Nothing here writes: not the working tree, not the index file, not the
// stash, not a ref. (pkgcheck stashes the user's changes while it runs; we
// read objects instead.)
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pkgscan/fs.hpp"
#include "pkgscan/history.hpp"

namespace pkgscan::git {

class Handles;    // libgit2 repository handles, one per thread at a time
struct IndexFile;  // the index file as read
class TreeListings;  // tree objects listed for the tree views

// What HEAD is.
struct HeadState {
  bool unborn = false;    // a branch without commits (a fresh `git init`)
  bool detached = false;  // HEAD names a commit, not a branch
  std::string branch;     // "main" (empty when detached)
  std::string commit;     // full hex (empty when unborn)
};

class Repo {
 public:
  // The repository whose working tree contains `path` (a directory or
  // file; walks up). nullptr with *err when there is none, when it is bare,
  // or when it cannot be opened.
  static std::unique_ptr<Repo> open(const std::string& path, std::string* err);
  ~Repo();
  Repo(const Repo&) = delete;
  Repo& operator=(const Repo&) = delete;

  const std::string& workdir() const { return workdir_; }  // absolute, no trailing slash
  bool shallow() const { return shallow_; }

  std::optional<HeadState> head(std::string* err) const;
  // A revision (branch, tag, hash, origin/main, HEAD~2) as a commit: full hex.
  std::optional<std::string> resolve_commit(const std::string& rev, std::string* err) const;
  // The ref --commits compares against by default: the current branch's
  // upstream, else origin/HEAD. Empty when neither exists.
  std::string default_base_ref() const;
  // The best common ancestor of two commits. nullopt with *err when there
  // is none (unrelated histories, or a shallow clone that lacks it).
  std::optional<std::string> merge_base(const std::string& a, const std::string& b, std::string* err) const;

  // Paths (relative to the working tree) staged in the index against the
  // commit `against` (empty: against nothing, for an unborn branch).
  std::optional<std::vector<FileChange>> staged_changes(const std::string& against, std::string* err) const;
  // Paths changed from commit `from` to commit `to`, renames detected.
  std::optional<std::vector<FileChange>> tree_changes(const std::string& from, const std::string& to,
                                                     std::string* err) const;
  // The commits reachable from `head` but not from `base`, oldest first,
  // each with its changes against its first parent. Walks the range only.
  std::optional<std::vector<CommitInfo>> commits_between(const std::string& base, const std::string& head,
                                                        std::string* err) const;
  // What `ref` names: "commit", "tree", "blob", "tag", "missing" or "ambiguous".
  std::string object_kind(const std::string& ref) const;

  // Read-only views mounted at workdir(): paths below it read the commit's
  // tree (or the index's staged content); every other path reads the real
  // file system, so masters and configuration files elsewhere still work.
  std::unique_ptr<FileSystem> tree_view(const std::string& commit, std::string* err) const;
  std::unique_ptr<FileSystem> index_view(std::string* err) const;

 private:
  Repo() = default;
  // The index file, read once for staged_changes() and index_view().
  std::shared_ptr<const IndexFile> index(std::string* err) const;

  std::shared_ptr<Handles> handles_;
  std::shared_ptr<TreeListings> listings_;  // shared by every tree view of this repository
  std::string workdir_;
  bool shallow_ = false;
  mutable std::once_flag index_once_;
  mutable std::shared_ptr<const IndexFile> index_;
  mutable std::string index_error_;
};

}  // namespace pkgscan::git
