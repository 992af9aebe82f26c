#pragma once
// libgit2 repository handles shared by the views of one repository.
//
// libgit2 objects may be used by one thread at a time (its THREADING.md), so
// a thread that reads an object leases a handle of its own: the pool keeps
// the handles that are not in use and opens another when all are busy. At
// most one handle per thread that reads at the same time is ever opened.
#include <git2.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pkgscan::git {

// Initialises libgit2 once per process (it is never shut down).
void init_libgit2();

// libgit2's message for the last failure on this thread, or `fallback`.
std::string last_error(const char* fallback = "unknown error");

// Hex of an object id.
std::string hex(const git_oid& oid);

class Handles {
 public:
  // Opens the repository at `path` (its working tree or git dir). nullptr with *err on failure.
  static std::shared_ptr<Handles> open(const std::string& path, std::string* err);
  ~Handles();

  class Lease {
   public:
    Lease(Handles& pool, git_repository* repo) : pool_(&pool), repo_(repo) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), repo_(o.repo_) { o.repo_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    git_repository* get() const { return repo_; }  // null when no handle could be opened
    explicit operator bool() const { return repo_ != nullptr; }

   private:
    Handles* pool_;
    git_repository* repo_;
  };
  // A handle for this thread's exclusive use until the lease ends.
  Lease lease();

 private:
  Handles() = default;
  std::string path_;  // what handles are opened from
  std::mutex mu_;
  std::vector<git_repository*> idle_;
  std::vector<git_repository*> all_;
};

// Owning wrappers for the libgit2 objects we use.
template <class T, void (*Free)(T*)>
struct GitPtr {
  T* p = nullptr;
  GitPtr() = default;
  GitPtr(const GitPtr&) = delete;
  GitPtr& operator=(const GitPtr&) = delete;
  ~GitPtr() {
    if (p) Free(p);
  }
  T** out() { return &p; }
  T* get() const { return p; }
};
using ObjectPtr = GitPtr<git_object, git_object_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using IndexPtr = GitPtr<git_index, git_index_free>;
using DiffPtr = GitPtr<git_diff, git_diff_free>;
using RefPtr = GitPtr<git_reference, git_reference_free>;
using WalkPtr = GitPtr<git_revwalk, git_revwalk_free>;

}  // namespace pkgscan::git
