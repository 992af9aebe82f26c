// changed_paths: a merge of two sorted tree listings, descending only into
// subtrees whose ids differ.
#include "tree_diff.hpp"

#include "handles.hpp"
#include "tree_order.hpp"

namespace pkgscan::git {

namespace {

constexpr unsigned kTypeMask = 0170000;

bool is_tree(const git_tree_entry* e) { return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE; }

bool lookup(git_repository* repo, const git_oid* oid, TreePtr& tree, std::string* err) {
  if (git_tree_lookup(tree.out(), repo, oid) == 0) return true;
  if (err) *err = "cannot read git tree " + hex(*oid) + ": " + last_error();
  return false;
}

bool walk(git_repository* repo, TreeMemo& memo, const std::string& prefix, const git_oid* from, const git_oid* to,
          std::vector<PathChange>& out, std::string* err) {
  if (from && to && git_oid_equal(from, to)) return true;
  git_tree* a = nullptr;
  git_tree* b = nullptr;  // null: an empty side
  if ((from && !(a = memo.get(repo, *from, err))) || (to && !(b = memo.get(repo, *to, err)))) return false;
  const std::size_t na = a ? git_tree_entrycount(a) : 0;
  const std::size_t nb = b ? git_tree_entrycount(b) : 0;
  std::size_t i = 0, j = 0;
  while (i < na || j < nb) {
    const git_tree_entry* ea = i < na ? git_tree_entry_byindex(a, i) : nullptr;
    const git_tree_entry* eb = j < nb ? git_tree_entry_byindex(b, j) : nullptr;
    int c = !ea ? 1 : !eb ? -1 : tree_order(git_tree_entry_name(ea), is_tree(ea), git_tree_entry_name(eb), is_tree(eb));
    if (c != 0) {  // on one side only
      const git_tree_entry* e = c < 0 ? ea : eb;
      PathChange pc;
      pc.kind = c < 0 ? PathChange::Kind::OnlyFrom : PathChange::Kind::OnlyTo;
      pc.path = prefix + git_tree_entry_name(e);
      pc.dir = is_tree(e);
      git_oid_cpy(&pc.oid, git_tree_entry_id(e));
      out.push_back(std::move(pc));
      (c < 0 ? i : j)++;
      continue;
    }
    if (is_tree(ea)) {
      if (!walk(repo, memo, prefix + git_tree_entry_name(ea) + "/", git_tree_entry_id(ea), git_tree_entry_id(eb), out,
                err))
        return false;
    } else {
      const unsigned ma = git_tree_entry_filemode(ea), mb = git_tree_entry_filemode(eb);
      if ((ma & kTypeMask) != (mb & kTypeMask))
        out.push_back(PathChange{PathChange::Kind::TypeChanged, prefix + git_tree_entry_name(ea), false, {}});
      else if (ma != mb || !git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
        out.push_back(PathChange{PathChange::Kind::Modified, prefix + git_tree_entry_name(ea), false, {}});
    }
    ++i;
    ++j;
  }
  return true;
}

}  // namespace

git_tree* TreeMemo::get(git_repository* repo, const git_oid& oid, std::string* err) {
  std::string key(reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ);
  if (auto it = current_.find(key); it != current_.end()) return it->second.get();
  if (auto it = previous_.find(key); it != previous_.end()) {
    git_tree* t = it->second.get();
    current_.emplace(std::move(key), std::move(it->second));
    previous_.erase(it);
    return t;
  }
  TreePtr tree;
  if (!lookup(repo, &oid, tree, err)) return nullptr;
  git_tree* t = tree.get();
  *tree.out() = nullptr;  // owned by the memo from here on
  current_.emplace(std::move(key), std::shared_ptr<git_tree>(t, git_tree_free));
  return t;
}

void TreeMemo::next() {
  previous_ = std::move(current_);
  current_.clear();
}

bool changed_paths(git_repository* repo, TreeMemo& memo, const git_oid* from, const git_oid* to,
                   std::vector<PathChange>& out, std::string* err) {
  out.clear();
  return walk(repo, memo, "", from, to, out, err);
}

bool files_below(git_repository* repo, const std::string& prefix, const git_oid& tree, std::vector<std::string>& out,
                 std::string* err) {
  TreePtr t;
  if (!lookup(repo, &tree, t, err)) return false;
  for (std::size_t k = 0, n = git_tree_entrycount(t.get()); k < n; ++k) {
    const git_tree_entry* e = git_tree_entry_byindex(t.get(), k);
    std::string path = prefix + git_tree_entry_name(e);
    if (is_tree(e)) {
      if (!files_below(repo, path + "/", *git_tree_entry_id(e), out, err)) return false;
    } else {
      out.push_back(std::move(path));
    }
  }
  return true;
}

}  // namespace pkgscan::git
