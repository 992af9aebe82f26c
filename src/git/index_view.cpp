// The index (what `git add` staged) as a FileSystem. The entries are copied
// once, sorted by path; directories are implied by the paths below them, as
// in the index itself. The index file is read, never written.
#include <algorithm>

#include "view.hpp"

namespace pkgscan::git {

namespace {

struct Entry {
  std::string path;
  Node node;
};

Node node_of(const git_index_entry* e) {
  Node n;
  git_oid_cpy(&n.oid, &e->id);
  switch (e->mode) {
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

class IndexView final : public View {
 public:
  IndexView(std::shared_ptr<Handles> handles, std::string mount, std::vector<Entry> entries)
      : View(std::move(handles), std::move(mount)), entries_(std::move(entries)) {}

 protected:
  Node find(const std::string& rel) const override {
    Node dir;
    dir.kind = Node::Kind::Dir;
    if (rel.empty()) return dir;
    auto it = lower(rel);
    if (it != entries_.end() && it->path == rel) return it->node;
    // A directory: some entry lies below it. "a/" sorts before "a-b" never
    // after it, so entries below "a" are contiguous from lower("a/").
    std::string prefix = rel + "/";
    it = lower(prefix);
    if (it != entries_.end() && it->path.compare(0, prefix.size(), prefix) == 0) return dir;
    return Node{};
  }

  bool children(const std::string& rel, const Node&, std::vector<Child>& out, std::string*) const override {
    out.clear();
    const std::string prefix = rel.empty() ? std::string() : rel + "/";
    auto it = lower(prefix);
    while (it != entries_.end() && it->path.compare(0, prefix.size(), prefix) == 0) {
      std::string_view rest = std::string_view(it->path).substr(prefix.size());
      std::size_t slash = rest.find('/');
      if (slash == std::string_view::npos) {
        out.push_back(Child{std::string(rest), it->node});
        ++it;
        continue;
      }
      Child c;
      c.name = std::string(rest.substr(0, slash));
      c.node.kind = Node::Kind::Dir;
      // Skip everything below this child: '0' is the byte after '/'.
      it = lower(prefix + c.name + '0');
      out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const Child& a, const Child& b) { return a.name < b.name; });
    return true;
  }

 private:
  std::vector<Entry>::const_iterator lower(const std::string& key) const {
    return std::lower_bound(entries_.begin(), entries_.end(), key,
                            [](const Entry& e, const std::string& k) { return e.path < k; });
  }
  std::vector<Entry> entries_;  // sorted by path, one per path
};

}  // namespace

std::unique_ptr<FileSystem> make_index_view(std::shared_ptr<Handles> handles, const std::string& mount,
                                            std::string* err) {
  std::vector<Entry> entries;
  {
    Handles::Lease lease = handles->lease();
    IndexPtr index;
    if (!lease || git_repository_index(index.out(), lease.get()) != 0) {
      if (err) *err = "cannot read the git index: " + last_error();
      return nullptr;
    }
    std::size_t n = git_index_entrycount(index.get());
    entries.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      const git_index_entry* e = git_index_get_byindex(index.get(), i);
      // `git add -N` records a path without content: nothing is staged yet.
      if (e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) continue;
      int stage = GIT_INDEX_ENTRY_STAGE(e);
      if (!entries.empty() && entries.back().path == e->path) {
        // Stages of one unmerged path: only stage 0 would be content.
        if (stage == 0) entries.back().node = node_of(e);
        continue;
      }
      Entry entry{e->path, node_of(e)};
      if (stage != 0) {
        entry.node.kind = Node::Kind::Broken;
        entry.node.problem = "unmerged in the index (resolve the conflict first)";
      }
      entries.push_back(std::move(entry));
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  return std::make_unique<IndexView>(std::move(handles), mount, std::move(entries));
}

}  // namespace pkgscan::git
