// Repo: opening a repository, HEAD, refs, merge bases, diffs and the commits
// of a range. Every call reads; none writes.
#include <limits.h>
#include <sys/stat.h>
#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "handles.hpp"
#include "index_file.hpp"
#include "pkgscan/git.hpp"
#include "staged_diff.hpp"
#include "tree_diff.hpp"
#include "view.hpp"

namespace pkgscan::git {

namespace {

bool fail(std::string* err, std::string message) {
  if (err) *err = std::move(message);
  return false;
}

// For functions returning an optional: sets *err and returns "nothing".
std::nullopt_t none(std::string* err, std::string message) {
  if (err) *err = std::move(message);
  return std::nullopt;
}

std::string real_path(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf)) return buf;
  return path;
}

std::string signature(const git_signature* s) {
  if (!s) return {};
  return std::string(s->name ? s->name : "") + " <" + (s->email ? s->email : "") + ">";
}

char status_letter(git_delta_t s) {
  switch (s) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_COPIED: return 'A';
    case GIT_DELTA_DELETED: return 'D';
    case GIT_DELTA_RENAMED: return 'R';
    case GIT_DELTA_TYPECHANGE: return 'T';
    default: return 'M';  // modified, conflicted
  }
}

std::vector<FileChange> changes_of(git_diff* diff) {
  std::vector<FileChange> out;
  std::size_t n = git_diff_num_deltas(diff);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    FileChange c;
    c.status = status_letter(d->status);
    if (c.status == 'D') {
      c.path = d->old_file.path;
    } else {
      c.path = d->new_file.path;
      if (c.status == 'R') c.old_path = d->old_file.path;
    }
    out.push_back(std::move(c));
  }
  return out;
}

// The tree of a commit given in hex; *err on failure.
bool commit_tree(git_repository* repo, const std::string& commit, TreePtr& tree, std::string* err) {
  git_oid oid;
  CommitPtr c;
  if (git_oid_fromstr(&oid, commit.c_str()) != 0 || git_commit_lookup(c.out(), repo, &oid) != 0 ||
      git_commit_tree(tree.out(), c.get()) != 0)
    return fail(err, "cannot read commit " + commit + ": " + last_error());
  return true;
}

bool find_renames(git_diff* diff, std::string* err) {
  git_diff_find_options opts = GIT_DIFF_FIND_OPTIONS_INIT;
  opts.flags = GIT_DIFF_FIND_RENAMES;
  if (git_diff_find_similar(diff, &opts) != 0) return fail(err, "cannot detect renames: " + last_error());
  return true;
}

// Beyond this many changed paths the pathspec costs libgit2 more than it saves.
constexpr std::size_t kMaxPathspec = 500;

// The changes from tree `a` to tree `b` (null: empty), renames detected, as
// `git diff -M --name-status` gives them. tree_diff.hpp says who does what.
bool diff_trees(git_repository* repo, TreeMemo& memo, git_tree* a, git_tree* b, std::vector<FileChange>& out,
                std::string* err) {
  out.clear();
  std::vector<PathChange> paths;
  if (!changed_paths(repo, memo, a ? git_tree_id(a) : nullptr, b ? git_tree_id(b) : nullptr, paths, err))
    return false;
  bool deleted = false, added = false, type_changed = false;
  for (const PathChange& p : paths) {
    deleted |= p.kind == PathChange::Kind::OnlyFrom;
    added |= p.kind == PathChange::Kind::OnlyTo;
    type_changed |= p.kind == PathChange::Kind::TypeChanged;
  }
  // No rename is possible: the statuses are ours to give.
  if (!(deleted && added) && !type_changed) {
    std::vector<std::string> files;
    for (PathChange& p : paths) {
      if (p.kind == PathChange::Kind::Modified) {
        out.push_back(FileChange{'M', std::move(p.path), {}});
        continue;
      }
      const char status = p.kind == PathChange::Kind::OnlyTo ? 'A' : 'D';
      if (!p.dir) {
        out.push_back(FileChange{status, std::move(p.path), {}});
        continue;
      }
      files.clear();
      if (!files_below(repo, p.path + "/", p.oid, files, err)) return false;
      for (std::string& f : files) out.push_back(FileChange{status, std::move(f), {}});
    }
    return true;
  }
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  std::vector<char*> specs;
  if (paths.size() <= kMaxPathspec) {
    for (PathChange& p : paths) specs.push_back(p.path.data());
    opts.pathspec.strings = specs.data();
    opts.pathspec.count = specs.size();
    opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;  // literal paths; a directory covers what is below it
  }
  DiffPtr diff;
  if (git_diff_tree_to_tree(diff.out(), repo, a, b, &opts) != 0) return fail(err, last_error());
  if (!find_renames(diff.get(), err)) return false;
  out = changes_of(diff.get());
  return true;
}

}  // namespace

std::unique_ptr<Repo> Repo::open(const std::string& path, std::string* err) {
  // Discovery first (walking up from `path`), then the pool opens the
  // working tree it found.
  std::string workdir;
  {
    init_libgit2();
    git_repository* found = nullptr;
    if (git_repository_open_ext(&found, path.c_str(), 0, nullptr) != 0) {
      if (err) *err = "not a git repository (or any parent up to /): " + path;
      return nullptr;
    }
    if (git_repository_is_bare(found)) {
      git_repository_free(found);
      if (err) *err = "a bare git repository has no working tree: " + path;
      return nullptr;
    }
    workdir = git_repository_workdir(found);
    git_repository_free(found);
  }
  while (workdir.size() > 1 && workdir.back() == '/') workdir.pop_back();
  std::unique_ptr<Repo> repo(new Repo);
  repo->workdir_ = real_path(workdir);
  repo->handles_ = Handles::open(repo->workdir_, err);
  if (!repo->handles_) return nullptr;
  repo->listings_ = std::make_shared<TreeListings>();
  Handles::Lease lease = repo->handles_->lease();
  repo->shallow_ = lease && git_repository_is_shallow(lease.get()) == 1;
  return repo;
}

Repo::~Repo() = default;

std::optional<HeadState> Repo::head(std::string* err) const {
  Handles::Lease lease = handles_->lease();
  if (!lease) return none(err, "cannot open the git repository: " + last_error());
  HeadState h;
  h.detached = git_repository_head_detached(lease.get()) == 1;
  int unborn = git_repository_head_unborn(lease.get());
  if (unborn < 0) return none(err, "cannot read HEAD: " + last_error());
  if (unborn == 1) {
    h.unborn = true;
    // The branch HEAD will create: refs/heads/NAME.
    RefPtr sym;
    if (git_reference_lookup(sym.out(), lease.get(), "HEAD") == 0 &&
        git_reference_type(sym.get()) == GIT_REFERENCE_SYMBOLIC) {
      std::string target = git_reference_symbolic_target(sym.get());
      h.branch = target.rfind("refs/heads/", 0) == 0 ? target.substr(11) : target;
    }
    return h;
  }
  RefPtr ref;
  if (git_repository_head(ref.out(), lease.get()) != 0) return none(err, "cannot read HEAD: " + last_error());
  if (!h.detached) h.branch = git_reference_shorthand(ref.get());
  ObjectPtr commit;
  if (git_reference_peel(commit.out(), ref.get(), GIT_OBJECT_COMMIT) != 0)
    return none(err, "HEAD does not name a commit: " + last_error());
  h.commit = hex(*git_object_id(commit.get()));
  return h;
}

std::optional<std::string> Repo::resolve_commit(const std::string& rev, std::string* err) const {
  Handles::Lease lease = handles_->lease();
  if (!lease) return none(err, "cannot open the git repository: " + last_error());
  ObjectPtr obj, commit;
  if (git_revparse_single(obj.out(), lease.get(), rev.c_str()) != 0)
    return none(err, "unknown revision '" + rev + "': " + last_error());
  if (git_object_peel(commit.out(), obj.get(), GIT_OBJECT_COMMIT) != 0)
    return none(err, "'" + rev + "' does not name a commit: " + last_error());
  return hex(*git_object_id(commit.get()));
}

std::string Repo::default_base_ref() const {
  Handles::Lease lease = handles_->lease();
  if (!lease) return {};
  RefPtr head, upstream;
  if (git_repository_head_detached(lease.get()) != 1 && git_repository_head(head.out(), lease.get()) == 0 &&
      git_reference_is_branch(head.get()) && git_branch_upstream(upstream.out(), head.get()) == 0)
    return git_reference_shorthand(upstream.get());
  RefPtr origin_head;
  if (git_reference_lookup(origin_head.out(), lease.get(), "refs/remotes/origin/HEAD") == 0) return "origin/HEAD";
  return {};
}

std::optional<std::string> Repo::merge_base(const std::string& a, const std::string& b, std::string* err) const {
  Handles::Lease lease = handles_->lease();
  if (!lease) return none(err, "cannot open the git repository: " + last_error());
  git_oid oa, ob, out;
  if (git_oid_fromstr(&oa, a.c_str()) != 0 || git_oid_fromstr(&ob, b.c_str()) != 0)
    return none(err, "not commit ids: " + a + ", " + b);
  int rc = git_merge_base(&out, lease.get(), &oa, &ob);
  if (rc == GIT_ENOTFOUND) return none(err, "no common ancestor");
  if (rc != 0) return none(err, last_error());
  return hex(out);
}

std::shared_ptr<const IndexFile> Repo::index(std::string* err) const {
  std::call_once(index_once_, [this] {
    Handles::Lease lease = handles_->lease();
    if (!lease) {
      index_error_ = "cannot open the git repository: " + last_error();
      return;
    }
    // The repository's own index (a linked worktree's is in its git dir),
    // unless git names another: `git commit -a` and `git commit <paths>` run
    // the pre-commit hook with GIT_INDEX_FILE pointing at the index about to
    // be committed. A relative path is relative to the current directory,
    // as for git itself (hooks run at the top of the working tree).
    std::string path = std::string(git_repository_path(lease.get())) + "index";
    if (const char* alt = std::getenv("GIT_INDEX_FILE"); alt && *alt) {
      path = alt;
      // A missing repository index is an empty one (nothing added yet), but
      // a missing file that GIT_INDEX_FILE names is a mistake: read as
      // empty, it would stage the removal of every file.
      struct stat st;
      if (::stat(path.c_str(), &st) != 0) {
        index_error_ = "GIT_INDEX_FILE names " + path + ", which cannot be read (" + std::strerror(errno) +
                       "): unset it to use the repository's index";
        return;
      }
    }
    index_ = read_index(path, &index_error_);
  });
  if (!index_ && err) *err = index_error_;
  return index_;
}

std::optional<std::vector<FileChange>> Repo::staged_changes(const std::string& against, std::string* err) const {
  std::shared_ptr<const IndexFile> idx = index(err);
  if (!idx) return std::nullopt;
  Handles::Lease lease = handles_->lease();
  if (!lease) return none(err, "cannot open the git repository: " + last_error());
  git_oid tree;
  if (!against.empty()) {
    git_oid oid;
    CommitPtr c;
    if (git_oid_fromstr(&oid, against.c_str()) != 0 || git_commit_lookup(c.out(), lease.get(), &oid) != 0)
      return none(err, "cannot read commit " + against + ": " + last_error());
    git_oid_cpy(&tree, git_commit_tree_id(c.get()));
  }
  std::vector<FileChange> out;
  std::string why;
  if (!staged_against_tree(lease.get(), against.empty() ? nullptr : &tree, *idx, out, &why))
    return none(err, "cannot compare the index with HEAD: " + why);
  return out;
}

std::optional<std::vector<FileChange>> Repo::tree_changes(const std::string& from, const std::string& to,
                                                         std::string* err) const {
  Handles::Lease lease = handles_->lease();
  if (!lease) return none(err, "cannot open the git repository: " + last_error());
  TreePtr a, b;
  if (!commit_tree(lease.get(), from, a, err) || !commit_tree(lease.get(), to, b, err)) return std::nullopt;
  std::vector<FileChange> out;
  std::string why;
  TreeMemo memo;
  if (!diff_trees(lease.get(), memo, a.get(), b.get(), out, &why))
    return none(err, "cannot compare " + from + " with " + to + ": " + why);
  return out;
}

namespace {

// One commit of a range: its metadata and, unless it is a merge, its changes
// against its parent.
bool read_commit(git_repository* repo, TreeMemo& memo, const git_oid& oid, CommitInfo& info, std::string* err) {
  CommitPtr c;
  if (git_commit_lookup(c.out(), repo, &oid) != 0) return fail(err, "cannot read commit " + hex(oid) + ": " + last_error());
  info.hash = hex(oid);
  info.short_hash = info.hash.substr(0, 12);
  info.author = signature(git_commit_author(c.get()));
  info.committer = signature(git_commit_committer(c.get()));
  info.time = static_cast<std::int64_t>(git_commit_time(c.get()));
  const char* msg = git_commit_message_raw(c.get());
  info.message = msg ? msg : "";
  // Merges show no changes of their own, as in `git log --name-status`:
  // what they bring in is in the commits on the merged side.
  if (git_commit_parentcount(c.get()) > 1) return true;
  CommitPtr parent;
  if (git_commit_parentcount(c.get()) == 1 && git_commit_parent(parent.out(), c.get(), 0) != 0)
    return fail(err, "cannot read the parent of commit " + info.hash + ": " + last_error());
  std::string why;
  memo.next();
  git_tree* tree = memo.get(repo, *git_commit_tree_id(c.get()), &why);
  git_tree* parent_tree = parent.get() ? memo.get(repo, *git_commit_tree_id(parent.get()), &why) : nullptr;
  if (!tree || (parent.get() && !parent_tree)) return fail(err, "cannot read the trees of commit " + info.hash + ": " + why);
  if (!diff_trees(repo, memo, parent_tree, tree, info.changes, &why))
    return fail(err, "cannot compare commit " + info.hash + " with its parent: " + why);
  return true;
}

}  // namespace

std::optional<std::vector<CommitInfo>> Repo::commits_between(const std::string& base, const std::string& head,
                                                            std::string* err) const {
  Handles::Lease lease = handles_->lease();
  if (!lease) return none(err, "cannot open the git repository: " + last_error());
  git_repository* repo = lease.get();
  WalkPtr walk;
  git_oid hoid, boid;
  if (git_oid_fromstr(&hoid, head.c_str()) != 0 || git_oid_fromstr(&boid, base.c_str()) != 0)
    return none(err, "not commit ids: " + base + ", " + head);
  if (git_revwalk_new(walk.out(), repo) != 0 ||
      git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) != 0 ||
      git_revwalk_push(walk.get(), &hoid) != 0 || git_revwalk_hide(walk.get(), &boid) != 0)
    return none(err, "cannot walk the history: " + last_error());
  // Each commit's diff reads its tree and its parent's, which is the tree
  // the commit before it had: one memo over the run reads each tree once.
  TreeMemo memo;
  std::vector<CommitInfo> out;
  git_oid oid;
  int rc;
  while ((rc = git_revwalk_next(&oid, walk.get())) == 0) {
    CommitInfo info;
    std::string why;
    if (!read_commit(repo, memo, oid, info, &why)) return none(err, why);
    out.push_back(std::move(info));
  }
  if (rc != GIT_ITEROVER) return none(err, "cannot walk the history: " + last_error());
  return out;
}

std::string Repo::object_kind(const std::string& ref) const {
  Handles::Lease lease = handles_->lease();
  if (!lease) return "missing";
  git_oid oid;
  if (ref.size() < 4 || ref.size() > GIT_OID_HEXSZ || git_oid_fromstrn(&oid, ref.c_str(), ref.size()) != 0)
    return "missing";
  ObjectPtr obj;
  int rc = git_object_lookup_prefix(obj.out(), lease.get(), &oid, ref.size(), GIT_OBJECT_ANY);
  if (rc == GIT_EAMBIGUOUS) return "ambiguous";
  if (rc != 0) return "missing";
  return git_object_type2string(git_object_type(obj.get()));
}

std::unique_ptr<FileSystem> Repo::tree_view(const std::string& commit, std::string* err) const {
  return make_tree_view(handles_, listings_, workdir_, commit, err);
}

std::unique_ptr<FileSystem> Repo::index_view(std::string* err) const {
  std::shared_ptr<const IndexFile> idx = index(err);
  if (!idx) return nullptr;
  return make_index_view(handles_, workdir_, std::move(idx));
}

}  // namespace pkgscan::git
