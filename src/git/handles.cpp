// The pool of libgit2 repository handles.
#include "handles.hpp"

namespace pkgscan::git {

void init_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Like git itself, which checks object ids only in fsck, read objects
    // without hashing them again: libgit2 does by default, a quarter of the
    // cost of reading a tree. zlib's checksum still catches a damaged object.
    // (libgit2's object cache keeps its default, no tree over 4 KB: the
    // large trees a --commits scan reads again are kept by TreeMemo, and
    // caching every tree of a run cost more in fresh memory than it saved.)
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  });
}

std::string last_error(const char* fallback) {
  const git_error* e = git_error_last();
  std::string msg = e && e->message ? e->message : fallback;
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == '.')) msg.pop_back();
  return msg;
}

std::string hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

std::shared_ptr<Handles> Handles::open(const std::string& path, std::string* err) {
  init_libgit2();
  git_repository* repo = nullptr;
  if (git_repository_open(&repo, path.c_str()) != 0) {
    if (err) *err = last_error("cannot open the repository");
    return nullptr;
  }
  std::shared_ptr<Handles> h(new Handles);
  h->path_ = path;
  h->all_.push_back(repo);
  h->idle_.push_back(repo);
  return h;
}

Handles::~Handles() {
  for (git_repository* r : all_) git_repository_free(r);
}

Handles::Lease Handles::lease() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      git_repository* r = idle_.back();
      idle_.pop_back();
      return Lease(*this, r);
    }
  }
  git_repository* repo = nullptr;
  if (git_repository_open(&repo, path_.c_str()) != 0) return Lease(*this, nullptr);
  std::lock_guard<std::mutex> lock(mu_);
  all_.push_back(repo);
  return Lease(*this, repo);
}

Handles::Lease::~Lease() {
  if (!repo_) return;
  std::lock_guard<std::mutex> lock(pool_->mu_);
  pool_->idle_.push_back(repo_);
}

}  // namespace pkgscan::git
