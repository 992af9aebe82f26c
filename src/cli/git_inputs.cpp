// --staged: the index against HEAD. --commits: HEAD against its merge base
// with the target branch, and the commits between them.
#include "git_inputs.hpp"

namespace pkgscan::cli {

namespace {

std::nullopt_t none(std::string* err, std::string message) {
  if (err) *err = std::move(message);
  return std::nullopt;
}

std::optional<GitInputs> open_inputs(const std::string& start, std::string* err) {
  GitInputs in;
  std::string why;
  in.repo = git::Repo::open(start, &why);
  if (!in.repo) return none(err, why + " (--staged and --commits read a git repository)");
  in.changes.workdir = in.repo->workdir();
  return in;
}

}  // namespace

std::optional<GitInputs> staged_inputs(const std::string& start, std::string* err) {
  auto in = open_inputs(start, err);
  if (!in) return std::nullopt;
  std::string why;
  auto head = in->repo->head(&why);
  if (!head) return none(err, why);
  // An unborn branch (no commit yet): everything staged is new.
  auto changes = in->repo->staged_changes(head->unborn ? std::string() : head->commit, &why);
  if (!changes) return none(err, why);
  in->fs = in->repo->index_view(&why);
  if (!in->fs) return none(err, why);
  in->changes.changes = std::move(*changes);
  in->changes.what = "staged";
  return in;
}

std::optional<GitInputs> commits_inputs(const std::string& start, const std::string& ref, std::string* err) {
  auto in = open_inputs(start, err);
  if (!in) return std::nullopt;
  git::Repo& repo = *in->repo;
  std::string why;
  auto head = repo.head(&why);
  if (!head) return none(err, why);
  if (head->unborn) return none(err, "HEAD has no commits yet (branch " + head->branch + "): nothing to compare");
  std::string base_ref = ref.empty() ? repo.default_base_ref() : ref;
  if (base_ref.empty())
    return none(err, std::string(head->detached ? "HEAD is detached" : "branch " + head->branch + " has no upstream") +
                         " and there is no origin/HEAD: name the branch to compare with, e.g. "
                         "--commits origin/master (or set one: git branch --set-upstream-to=origin/master)");
  auto base_tip = repo.resolve_commit(base_ref, &why);
  if (!base_tip) return none(err, why);
  auto base = repo.merge_base(head->commit, *base_tip, &why);
  if (!base) {
    if (repo.shallow())
      return none(err, "no merge base of HEAD and " + base_ref +
                           " in this shallow clone: fetch more history (git fetch --deepen=50, or --unshallow)");
    return none(err, "HEAD and " + base_ref + " have no common history (" + why + ")");
  }
  auto changes = repo.tree_changes(*base, head->commit, &why);
  if (!changes) return none(err, why);
  auto commits = repo.commits_between(*base, head->commit, &why);
  if (!commits) return none(err, why);
  in->fs = repo.tree_view(head->commit, &why);
  if (!in->fs) return none(err, why);
  in->base_fs = repo.tree_view(*base, &why);
  if (!in->base_fs) return none(err, why);
  GitChanges& g = in->changes;
  g.changes = std::move(*changes);
  g.commits = std::move(*commits);
  g.base_commit = *base;
  g.base_fs = in->base_fs.get();
  g.what = "between " + base_ref + " and HEAD";
  const git::Repo* r = in->repo.get();
  g.object_kind = [r](const std::string& hash) { return r->object_kind(hash); };
  return in;
}

}  // namespace pkgscan::cli
