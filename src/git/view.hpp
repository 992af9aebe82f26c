#pragma once
// The part shared by the tree view and the index view: a FileSystem mounted
// at the working tree's path whose content comes from git objects, with
// symlinks resolved inside the view and everything outside the mount read
// from the real file system.
#include <git2.h>

#include <memory>
#include <mutex>
#include <unordered_map>
#include <string>
#include <vector>

#include "handles.hpp"
#include "index_file.hpp"
#include "pkgscan/fs.hpp"

namespace pkgscan::git {

// What a path inside the view names (symlinks not followed).
struct Node {
  enum class Kind { Missing, Dir, File, Link, Submodule, Broken };
  Kind kind = Kind::Missing;
  bool executable = false;  // File: git's mode 100755
  git_oid oid{};        // the blob (File, Link) or tree (Dir of a tree view)
  std::string problem;  // Broken: why (a corrupt object, an unmerged index entry)
};

struct Child {
  std::string name;
  Node node;
};

class View : public FileSystem {
 public:
  View(std::shared_ptr<Handles> handles, std::string mount);
  ~View() override;

  FileType stat(const std::string& path) const override;
  bool read_file(const std::string& path, std::string& out, std::string* err) const override;
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override;
  std::string on_disk(const std::string& path, std::string* err) const override;
  // Git keeps no more than a file's mode bit and its blob: the size is the
  // blob's, a link's text is its blob's content.
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override;

 protected:
  // `rel` is relative to the mount ("" = the mount itself), normalised: no
  // empty, "." or ".." components. Symlinks are not followed.
  virtual Node find(const std::string& rel) const = 0;
  // The entries of the directory `dir` found at `rel`, sorted by name: a
  // listing the view keeps, or `scratch` filled. nullptr with *err when the
  // directory cannot be listed.
  virtual const std::vector<Child>* children(const std::string& rel, const Node& dir, std::vector<Child>& scratch,
                                             std::string* err) const = 0;
  bool read_blob(const git_oid& oid, std::string& out, std::string* err) const;

  std::shared_ptr<Handles> handles_;

 private:
  // Where a path leads once symlinks are followed.
  struct Target {
    bool outside = false;  // a real path (abs) outside the mount
    std::string abs;       // when outside
    std::string rel;       // inside: the resolved path
    Node node;             // inside: what it names; Broken with a problem for loops and dangling links
  };
  Target resolve(const std::string& path, bool follow_last) const;
  Target resolve_rel(std::string rel, bool follow_last) const;
  // The path relative to the mount, normalised; false when outside it.
  bool relative(const std::string& path, std::string& rel) const;
  FileType type_of(const Target& t) const;

  std::string mount_;  // absolute, no trailing slash
  RealFileSystem real_;
  std::unique_ptr<DiskCopy> disk_;
};

// The listings of tree objects (sorted by name), read once per repository
// and shared by its tree views. Thread-safe.
class TreeListings {
 public:
  using Listing = std::vector<Child>;
  // nullptr with *err when the object cannot be read.
  const Listing* listing(const std::shared_ptr<Handles>& handles, const git_oid& oid, std::string* err);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Listing>> trees_;  // raw object id -> listing
};

// A commit's tree, and the index's staged content.
std::unique_ptr<FileSystem> make_tree_view(std::shared_ptr<Handles> handles, std::shared_ptr<TreeListings> listings,
                                           const std::string& mount, const std::string& commit, std::string* err);
std::unique_ptr<FileSystem> make_index_view(std::shared_ptr<Handles> handles, const std::string& mount,
                                            std::shared_ptr<const IndexFile> index);

}  // namespace pkgscan::git
