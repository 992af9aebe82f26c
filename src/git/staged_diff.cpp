// The index against a tree: a merge of two sorted sequences, directory by
// directory, descending only where the cache tree cannot vouch for a match.
#include "staged_diff.hpp"

#include <algorithm>
#include <cstring>

#include "handles.hpp"
#include "tree_order.hpp"

namespace pkgscan::git {

namespace {

constexpr std::uint32_t kTypeMask = 0170000;
constexpr std::uint32_t kTreeMode = 0040000;

class Differ {
 public:
  Differ(git_repository* repo, const IndexFile& index, std::vector<FileChange>& out, std::string* err)
      : repo_(repo), index_(index), out_(out), err_(err) {}

  // The index entries [lo, hi) all lie below `prefix` ("" or "dir/"); `tree`
  // is the commit's tree for that directory (null: none), `cache` the cache
  // tree's entry for it (null: none).
  bool compare(const std::string& prefix, const git_oid* tree, std::size_t lo, std::size_t hi, const CacheTree* cache) {
    if (!tree) {
      added(lo, hi);
      return true;
    }
    if (cache && cache->valid() && git_oid_equal(&cache->oid, tree) &&
        static_cast<std::uint64_t>(cache->entry_count) == hi - lo)
      return true;  // the index still holds exactly this tree
    TreePtr t;
    if (git_tree_lookup(t.out(), repo_, tree) != 0) return fail(*tree);
    const std::size_t n = git_tree_entrycount(t.get());
    std::size_t k = 0, i = lo;
    while (k < n || i < hi) {
      const git_tree_entry* te = k < n ? git_tree_entry_byindex(t.get(), k) : nullptr;
      std::string_view tname = te ? git_tree_entry_name(te) : std::string_view();
      const bool tdir = te && git_tree_entry_filemode(te) == GIT_FILEMODE_TREE;
      // The index's next child of this directory: a file, or a directory
      // and the range of entries below it.
      std::string_view iname;
      bool idir = false;
      std::size_t next = i;
      if (i < hi) {
        std::string_view rest = index_.path(index_.entries[i]).substr(prefix.size());
        std::size_t slash = rest.find('/');
        idir = slash != std::string_view::npos;
        iname = rest.substr(0, idir ? slash : rest.size());
        next = idir ? end_of_dir(prefix, iname, i, hi) : end_of_path(i, hi);
      }
      int c = !te ? 1 : i >= hi ? -1 : tree_order(tname, tdir, iname, idir);
      if (c < 0) {  // only in the tree
        std::string path = prefix + std::string(tname);
        if (tdir) {
          if (!deleted(path + "/", *git_tree_entry_id(te))) return false;
        } else {
          out_.push_back(FileChange{'D', std::move(path), {}});
        }
        ++k;
        continue;
      }
      if (c > 0) {  // only in the index
        added(i, next);
        i = next;
        continue;
      }
      if (idir) {
        const CacheTree* sub = cache ? cache->child(iname) : nullptr;
        if (!compare(prefix + std::string(iname) + "/", git_tree_entry_id(te), i, next, sub)) return false;
      } else {
        leaf(te, i, next);
      }
      ++k;
      i = next;
    }
    return true;
  }

 private:
  // The end of the entries below prefix + name + "/": '0' is the byte after '/'.
  std::size_t end_of_dir(const std::string& prefix, std::string_view name, std::size_t i, std::size_t hi) const {
    std::string bound = prefix;
    bound.append(name).push_back('0');
    auto first = index_.entries.begin() + static_cast<std::ptrdiff_t>(i);
    auto last = index_.entries.begin() + static_cast<std::ptrdiff_t>(hi);
    auto it = std::lower_bound(first, last, bound,
                               [&](const IndexEntry& e, const std::string& key) { return index_.path(e) < key; });
    return static_cast<std::size_t>(it - index_.entries.begin());
  }

  // The end of the stages of the path at i.
  std::size_t end_of_path(std::size_t i, std::size_t hi) const {
    std::string_view path = index_.path(index_.entries[i]);
    std::size_t j = i + 1;
    while (j < hi && index_.path(index_.entries[j]) == path) ++j;
    return j;
  }

  // What the index holds for one path's entries [i, j): nothing (only an
  // intent to add), a merged entry, or a conflict.
  struct Staged {
    bool present = false;
    bool unmerged = false;
    const IndexEntry* entry = nullptr;
  };
  Staged staged(std::size_t i, std::size_t j) const {
    Staged s;
    for (std::size_t x = i; x < j; ++x) {
      const IndexEntry& e = index_.entries[x];
      if (e.intent_to_add) continue;
      s.present = true;
      if (e.stage != 0) s.unmerged = true;
      if (!s.entry || e.stage == 0) s.entry = &e;
    }
    return s;
  }

  void leaf(const git_tree_entry* te, std::size_t i, std::size_t j) {
    Staged s = staged(i, j);
    std::string path(index_.path(index_.entries[i]));
    if (!s.present) {
      out_.push_back(FileChange{'D', std::move(path), {}});
      return;
    }
    const auto tmode = static_cast<std::uint32_t>(git_tree_entry_filemode(te));
    if (s.unmerged) {
      out_.push_back(FileChange{'M', std::move(path), {}});
    } else if ((tmode & kTypeMask) != (s.entry->mode & kTypeMask)) {
      out_.push_back(FileChange{'T', std::move(path), {}});
    } else if (tmode != s.entry->mode || !git_oid_equal(git_tree_entry_id(te), &s.entry->oid)) {
      out_.push_back(FileChange{'M', std::move(path), {}});
    }
  }

  // Every path staged in [lo, hi) is new.
  void added(std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi;) {
      std::size_t j = end_of_path(i, hi);
      if (staged(i, j).present) out_.push_back(FileChange{'A', std::string(index_.path(index_.entries[i])), {}});
      i = j;
    }
  }

  // Every file of the tree at `prefix` is gone from the index.
  bool deleted(const std::string& prefix, const git_oid& tree) {
    TreePtr t;
    if (git_tree_lookup(t.out(), repo_, &tree) != 0) return fail(tree);
    for (std::size_t k = 0, n = git_tree_entrycount(t.get()); k < n; ++k) {
      const git_tree_entry* te = git_tree_entry_byindex(t.get(), k);
      std::string path = prefix + git_tree_entry_name(te);
      if ((static_cast<std::uint32_t>(git_tree_entry_filemode(te)) & kTypeMask) == kTreeMode) {
        if (!deleted(path + "/", *git_tree_entry_id(te))) return false;
      } else {
        out_.push_back(FileChange{'D', std::move(path), {}});
      }
    }
    return true;
  }

  bool fail(const git_oid& tree) {
    if (err_) *err_ = "cannot read git tree " + hex(tree) + ": " + last_error();
    return false;
  }

  git_repository* repo_;
  const IndexFile& index_;
  std::vector<FileChange>& out_;
  std::string* err_;
};

}  // namespace

bool staged_against_tree(git_repository* repo, const git_oid* tree, const IndexFile& index,
                         std::vector<FileChange>& out, std::string* err) {
  out.clear();
  Differ d(repo, index, out, err);
  return d.compare("", tree, 0, index.entries.size(), index.has_cache_tree ? &index.cache_tree : nullptr);
}

}  // namespace pkgscan::git
