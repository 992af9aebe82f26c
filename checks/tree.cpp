// Tree: directory entries the scanner had to skip while walking the package
// tree (dangling or looping symlinks, directories it cannot list). The index
// skips them silently so the scan can go on; this says so once, naming each
// path, so a broken tree never just looks smaller.
#include <tbb/parallel_for.h>

#include "pkgscan/check.hpp"
#include "repo_file_error.hpp"

namespace pkgscan {
namespace {


class TreeCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Tree";
  static constexpr std::string_view kDoc =
      "Reports entries of the package tree and md5-cache that cannot be followed or listed (symlink loops, "
      "dangling symlinks, unreadable directories), once per whole-repository scan.";
  static constexpr std::array<Keyword, 1> kKeywords = {kRepoFileError};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kRepoScopeAlone = true;  // its check_repo needs nothing from the package stream

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.whole_repo || !out.wants(kRepoFileError)) return;
    const Repository& repo = ctx.repos.main();
    std::vector<RepoIssue> issues;
    std::vector<std::string> dirs = repo.category_dirs(&issues);
    for (const RepoIssue& i : issues)
      out.repo(kRepoFileError, i.path, 0, (i.path.empty() ? "repository root: " : i.path + ": ") + i.message);
    if (repo.fs().stat(repo.abs("metadata/md5-cache")) == FileType::Directory) {
      std::vector<DirEntry> entries;
      std::string err;
      if (!repo.fs().list_dir(repo.abs("metadata/md5-cache"), entries, &err)) {
        out.repo(kRepoFileError, "metadata/md5-cache", 0, "metadata/md5-cache: " + err);
      } else {
        for (const DirEntry& e : entries) {
          std::string rel = "metadata/md5-cache/" + e.name;
          if (e.type == FileType::Other) out.repo(kRepoFileError, rel, 0, rel + ": " + problem(e));
          else if (e.type == FileType::Directory) dirs.push_back(rel);
        }
      }
    }
    // Hundreds of directories: list them in parallel (this runs after the
    // package stream, on the scan's critical path), report in order.
    std::vector<std::vector<Finding>> found(dirs.size());
    tbb::parallel_for(std::size_t{0}, dirs.size(), [&](std::size_t i) { found[i] = unfollowable(repo, dirs[i]); });
    for (const auto& list : found)
      for (const Finding& f : list) out.repo(kRepoFileError, f.path, 0, f.path + ": " + f.problem);
  }

 private:
  struct Finding {
    std::string path;
    std::string problem;
  };

  static std::string problem(const DirEntry& e) { return e.problem.empty() ? "not a file or directory" : e.problem; }

  // Entries of `rel` that cannot be followed, or `rel` itself if it cannot be listed.
  static std::vector<Finding> unfollowable(const Repository& repo, const std::string& rel) {
    std::vector<Finding> found;
    std::vector<DirEntry> entries;
    std::string err;
    if (!repo.fs().list_dir(repo.abs(rel), entries, &err)) {
      found.push_back({rel, err.empty() ? "cannot list directory" : err});
      return found;
    }
    for (const DirEntry& e : entries)
      if (e.type == FileType::Other && e.name.front() != '.') found.push_back({rel + "/" + e.name, problem(e)});
    return found;
  }
};

const RegisterCheck<TreeCheck> kRegister;

}  // namespace
}  // namespace pkgscan
