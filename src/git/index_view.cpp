// The index (what `git add` staged) as a FileSystem, over the index file as
// read (index_file.hpp): one item per path, in the index's path order;
// directories are implied by the paths below them, as in the index itself.
// The index file is read, never written.
#include <algorithm>

#include "view.hpp"

namespace pkgscan::git {

namespace {

// One path of the index: its merged entry, or a conflict.
struct Item {
  std::string_view path;  // into the IndexFile
  const IndexEntry* entry = nullptr;
  bool unmerged = false;
};

Node node_of(const Item& item) {
  Node n;
  if (item.unmerged) {
    n.kind = Node::Kind::Broken;
    n.problem = "unmerged in the index (resolve the conflict first)";
    return n;
  }
  git_oid_cpy(&n.oid, &item.entry->oid);
  switch (item.entry->mode) {
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
  IndexView(std::shared_ptr<Handles> handles, std::string mount, std::shared_ptr<const IndexFile> index,
            std::vector<Item> items)
      : View(std::move(handles), std::move(mount)), index_(std::move(index)), items_(std::move(items)) {}

 protected:
  Node find(const std::string& rel) const override {
    Node dir;
    dir.kind = Node::Kind::Dir;
    if (rel.empty()) return dir;
    auto it = lower(rel);
    if (it != items_.end() && it->path == rel) return node_of(*it);
    // A directory: some entry lies below it. "a/" sorts before "a-b" never
    // after it, so entries below "a" are contiguous from lower("a/").
    std::string prefix = rel + "/";
    it = lower(prefix);
    if (it != items_.end() && it->path.compare(0, prefix.size(), prefix) == 0) return dir;
    return Node{};
  }

  const std::vector<Child>* children(const std::string& rel, const Node&, std::vector<Child>& out,
                                     std::string*) const override {
    out.clear();
    const std::string prefix = rel.empty() ? std::string() : rel + "/";
    auto it = lower(prefix);
    std::string bound;
    while (it != items_.end() && it->path.compare(0, prefix.size(), prefix) == 0) {
      std::string_view rest = it->path.substr(prefix.size());
      std::size_t slash = rest.find('/');
      if (slash == std::string_view::npos) {
        out.push_back(Child{std::string(rest), node_of(*it)});
        ++it;
        continue;
      }
      Child c;
      c.name = std::string(rest.substr(0, slash));
      c.node.kind = Node::Kind::Dir;
      // Skip everything below this child: '0' is the byte after '/'.
      bound.assign(prefix).append(c.name).push_back('0');
      it = std::lower_bound(it, items_.end(), bound, [](const Item& e, const std::string& k) { return e.path < k; });
      out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const Child& a, const Child& b) { return a.name < b.name; });
    return &out;
  }

 private:
  std::vector<Item>::const_iterator lower(std::string_view key) const {
    return std::lower_bound(items_.begin(), items_.end(), key,
                            [](const Item& e, std::string_view k) { return e.path < k; });
  }
  std::shared_ptr<const IndexFile> index_;  // owns what items_ point into
  std::vector<Item> items_;                 // sorted by path, one per path
};

}  // namespace

std::unique_ptr<FileSystem> make_index_view(std::shared_ptr<Handles> handles, const std::string& mount,
                                            std::shared_ptr<const IndexFile> index) {
  std::vector<Item> items;
  items.reserve(index->entries.size());
  for (const IndexEntry& e : index->entries) {
    // `git add -N` records a path without content: nothing is staged yet.
    if (e.intent_to_add) continue;
    std::string_view path = index->path(e);
    if (!items.empty() && items.back().path == path) {
      // Stages of one unmerged path: only stage 0 would be content.
      if (e.stage == 0) items.back() = Item{path, &e, false};
      continue;
    }
    items.push_back(Item{path, &e, e.stage != 0});
  }
  // The index file is sorted by path (parse_index checks it), so items are too.
  return std::make_unique<IndexView>(std::move(handles), mount, std::move(index), std::move(items));
}

}  // namespace pkgscan::git
