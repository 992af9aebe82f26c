// A commit's tree as a FileSystem: paths are walked from the root tree; each
// tree object is listed once per repository and kept (a scan asks for the
// same directories many times, and a --commits scan's two views, HEAD and
// the merge base, share all but the few trees the range changed).
#include <algorithm>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "view.hpp"

namespace pkgscan::git {

namespace {

Node node_of(const git_tree_entry* e) {
  Node n;
  git_oid_cpy(&n.oid, git_tree_entry_id(e));
  switch (git_tree_entry_filemode(e)) {
    case GIT_FILEMODE_TREE: n.kind = Node::Kind::Dir; break;
    case GIT_FILEMODE_BLOB: n.kind = Node::Kind::File; break;
    case GIT_FILEMODE_BLOB_EXECUTABLE:
      n.kind = Node::Kind::File;
      n.executable = true;
      break;
    case GIT_FILEMODE_LINK: n.kind = Node::Kind::Link; break;
    case GIT_FILEMODE_COMMIT: n.kind = Node::Kind::Submodule; break;
    default:
      n.kind = Node::Kind::Broken;
      n.problem = "unknown git file mode";
      break;
  }
  return n;
}

class TreeView final : public View {
 public:
  TreeView(std::shared_ptr<Handles> handles, std::string mount, const git_oid& root,
           std::shared_ptr<TreeListings> listings)
      : View(std::move(handles), std::move(mount)), root_(root), listings_(std::move(listings)) {}

 protected:
  Node find(const std::string& rel) const override {
    Node cur;
    cur.kind = Node::Kind::Dir;
    cur.oid = root_;
    std::size_t i = 0;
    while (i < rel.size()) {
      std::size_t j = rel.find('/', i);
      if (j == std::string::npos) j = rel.size();
      if (cur.kind != Node::Kind::Dir) return Node{};  // a file or link on the way: not followed here
      std::string err;
      const Listing* list = listing(cur.oid, &err);
      if (!list) {
        Node broken;
        broken.kind = Node::Kind::Broken;
        broken.problem = err;
        return broken;
      }
      std::string_view name(rel.data() + i, j - i);
      auto it = std::lower_bound(list->begin(), list->end(), name,
                                 [](const Child& c, std::string_view n) { return c.name < n; });
      if (it == list->end() || it->name != name) return Node{};
      cur = it->node;
      i = j + 1;
    }
    return cur;
  }

  const std::vector<Child>* children(const std::string&, const Node& dir, std::vector<Child>&,
                                     std::string* err) const override {
    return listing(dir.oid, err);  // kept for the repository's lifetime: no copy
  }

 private:
  using Listing = TreeListings::Listing;

  // The entries of a tree object; nullptr with *err when the object cannot
  // be read (missing in a shallow clone, corrupt).
  const Listing* listing(const git_oid& oid, std::string* err) const { return listings_->listing(handles_, oid, err); }

  git_oid root_;
  std::shared_ptr<TreeListings> listings_;
};

}  // namespace

const TreeListings::Listing* TreeListings::listing(const std::shared_ptr<Handles>& handles, const git_oid& oid,
                                                   std::string* err) {
  std::string key(reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = trees_.find(key); it != trees_.end()) return it->second.get();
  }
  Handles::Lease lease = handles->lease();
  TreePtr tree;
  if (!lease || git_tree_lookup(tree.out(), lease.get(), &oid) != 0) {
    if (err) *err = "git tree " + hex(oid) + ": " + last_error();
    return nullptr;
  }
  auto list = std::make_unique<Listing>();
  std::size_t n = git_tree_entrycount(tree.get());
  list->reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const git_tree_entry* e = git_tree_entry_byindex(tree.get(), k);
    list->push_back(Child{git_tree_entry_name(e), node_of(e)});
  }
  // Git orders a directory as if its name ended in '/'; plain name order
  // is what FileSystem promises and what find() searches.
  std::sort(list->begin(), list->end(), [](const Child& a, const Child& b) { return a.name < b.name; });
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = trees_.emplace(std::move(key), std::move(list));
  return it->second.get();
}

std::unique_ptr<FileSystem> make_tree_view(std::shared_ptr<Handles> handles, std::shared_ptr<TreeListings> listings,
                                           const std::string& mount, const std::string& commit, std::string* err) {
  Handles::Lease lease = handles->lease();
  if (!lease) {
    if (err) *err = "cannot open the git repository: " + last_error();
    return nullptr;
  }
  git_oid oid;
  CommitPtr c;
  if (git_oid_fromstr(&oid, commit.c_str()) != 0 || git_commit_lookup(c.out(), lease.get(), &oid) != 0) {
    if (err) *err = "cannot read commit " + commit + ": " + last_error();
    return nullptr;
  }
  git_oid root;
  git_oid_cpy(&root, git_commit_tree_id(c.get()));
  return std::make_unique<TreeView>(std::move(handles), mount, root, std::move(listings));
}

}  // namespace pkgscan::git
