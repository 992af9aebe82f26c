#pragma once
// What `pkgscan scan --staged` and `--commits` read from git: the content to
// scan as a FileSystem, and the changes that pick the packages.
#include <memory>
#include <optional>
#include <string>

#include "pkgscan/git.hpp"
#include "pkgscan/scan.hpp"

namespace pkgscan::cli {

struct GitInputs {
  std::unique_ptr<git::Repo> repo;
  std::unique_ptr<FileSystem> fs;       // the index (--staged) or HEAD's tree (--commits)
  std::unique_ptr<FileSystem> base_fs;  // --commits: the merge base's tree
  GitChanges changes;                   // base_fs is set to base_fs.get()
};

// `start`: the directory the repository is searched from (-r, else the
// current directory). nullopt with *err when nothing can be scanned (exit 2):
// not a git repository, no merge base, no base to compare with, ...
std::optional<GitInputs> staged_inputs(const std::string& start, std::string* err);
// `ref`: what to compare with; empty = the upstream, else origin/HEAD.
std::optional<GitInputs> commits_inputs(const std::string& start, const std::string& ref, std::string* err);

}  // namespace pkgscan::cli
