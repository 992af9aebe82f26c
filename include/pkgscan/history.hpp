#pragma once
// What a --commits scan knows about the history it checks (DESIGN.md §12):
// the commits of the range and the files they changed, in plain data, so that
// checks never see git itself. Filled by src/git/, read by the history and
// commit checks.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pkgscan {

class RepoSet;
class RepoIndex;

// One changed file. Paths are relative to the ebuild repository's root.
struct FileChange {
  char status = 'M';     // 'A' added, 'M' modified, 'D' deleted, 'R' renamed (from old_path), 'T' type changed
  std::string path;      // the new path ('D': the removed one)
  std::string old_path;  // 'R' only
};

struct CommitInfo {
  std::string hash;        // full hex
  std::string short_hash;  // the first 12 hex digits: what results name
  std::string author;      // "Name <email>"
  std::string committer;   // "Name <email>"
  std::int64_t time = 0;   // committer time, seconds since the epoch
  std::string message;     // the whole message as written
  std::vector<FileChange> changes;  // against the first parent (all files for a root commit)
};

// The range a --commits scan checks: its merge base with the target branch,
// the commits between that and HEAD, and the repository as it was at the
// merge base.
struct History {
  std::string base_commit;          // full hex of the merge base
  std::vector<CommitInfo> commits;  // oldest first
  std::vector<FileChange> changes;  // merge base -> HEAD, renames detected
  const RepoSet* base_repos = nullptr;   // the repository (and its masters) at the merge base
  const RepoIndex* base_index = nullptr;
  // What a commit reference in a message (Fixes:, Reverts:) names: "commit",
  // "tree", "blob", "tag", "missing" or "ambiguous".
  std::function<std::string(const std::string& ref)> object_kind;
};

}  // namespace pkgscan
