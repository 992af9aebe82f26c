#pragma once
// The cache layer (DESIGN.md §11): where each ebuild's metadata comes from.
//
// For every ebuild of a repository that has ebuilds, in order:
//   1. the repository's metadata/md5-cache entry, when fresh;
//   2. the user cache ($XDG_CACHE_HOME/pkgscan/<repo>/<cat>/<PF>), when fresh;
//   3. regeneration: the ebuild is sourced with bash (src/regen/), and the
//      entry is kept in the user cache for the next scan.
// Freshness is one rule for both caches (check_freshness: _md5_ of the ebuild
// bytes and every _eclasses_ md5 on the eclass path). The scan never writes
// into the repository; only `pkgscan regen` does.
//
// The layer is called by RepoIndex while it loads a package, from many
// threads at once; everything here is thread-safe.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "pkgscan/cache.hpp"
#include "pkgscan/repo.hpp"

namespace pkgscan {

struct Ebuild;

// Why an ebuild could not be sourced (reported as SourcingError).
struct SourcingFailure {
  std::string reason;   // die, syntax, missing-eclass, eapi, limit, timeout, worker-crash, io, ...
  std::string message;  // bash's message or ours, one line
  std::string file;     // repo-relative file the line refers to (the ebuild or an eclass); may be empty
  int line = 0;         // 0 = unknown
};

// What sourcing one ebuild gave: the md5-dict bytes Portage would write, or why not.
struct SourcedEntry {
  bool ok = false;
  std::string md5_dict;     // when ok
  SourcingFailure failure;  // when not ok
  std::string notice;       // a run-wide remark worded for people (e.g. EAPI 9 sourced with BASH_COMPAT=5.2); empty when none
};

// Sources ebuilds. The real one drives the bash worker pool (src/regen/);
// tests may substitute their own. Must be thread-safe.
class Regenerator {
 public:
  virtual ~Regenerator() = default;
  // ebuild_text: the bytes of the ebuild as read through the repository's
  // FileSystem (the bytes that must be sourced, e.g. staged content).
  virtual SourcedEntry regenerate(const Repository& repo, const std::string& category, const std::string& pf,
                                  const std::string& ebuild_path, const std::string& ebuild_text) = 0;
  // One line each: which protections applied to the sourcing processes.
  virtual std::vector<std::string> safety_notes() const { return {}; }
};

// Where an Ebuild's entry came from.
enum class EntrySource : std::uint8_t {
  RepoCache,    // the repository's metadata/md5-cache (fresh, or trusted without regeneration)
  UserCache,    // $XDG_CACHE_HOME/pkgscan/...
  Regenerated,  // sourced during this scan
  None,         // no metadata: sourcing failed, or no entry and regeneration is off
};
std::string_view entry_source_name(EntrySource s);

// The user cache of one repository: one directory per repository path,
// stamped with a format/environment version. A stamp from another version, or
// a corrupt entry, is ignored and rebuilt (counted, so the scan can say so).
class UserCache {
 public:
  // base: $XDG_CACHE_HOME/pkgscan (or ~/.cache/pkgscan); repo_root: absolute
  // path of the repository; stamp: what must match for entries to be reused.
  UserCache(std::string base, const std::string& repo_root, std::string stamp);
  static std::string default_base();  // "" when neither XDG_CACHE_HOME nor HOME is set

  const std::string& dir() const { return dir_; }
  // Each cat/PF has two slots: the entry written last, and the one before
  // it (file "PF~"; '~' is never part of a PF). A --commits scan reads an
  // ebuild changed in the range both as HEAD and as the merge base have it:
  // with one slot, each would evict the other and every run would source
  // both again.
  enum class Slot { Last, Previous };
  // The entry text for cat/PF in `slot`, if any. Thread-safe.
  bool read(const std::string& category, const std::string& pf, std::string& out, Slot slot = Slot::Last) const;
  // Writes the last entry (temp file + rename), the one it replaces becoming
  // the previous one; failures are counted, never fatal.
  void write(const std::string& category, const std::string& pf, const std::string& text) const;
  bool reset_on_open() const { return reset_; }  // the stamp did not match: old entries were dropped
  std::string reset_reason() const { return reset_reason_; }
  std::uint64_t write_errors() const { return write_errors_; }

 private:
  void open();
  std::string dir_;
  std::string stamp_;
  bool usable_ = false;
  bool reset_ = false;
  std::string reset_reason_;
  mutable std::atomic<std::uint64_t> write_errors_{0};
};

struct MetadataLayerOptions {
  bool regen = true;        // false: --no-regen (the repository's cache only, as before)
  bool trust_cache = false; // --cache-only: never hash, never regenerate
};

class MetadataLayer {
 public:
  // regen may be null (regeneration off); user_cache may be null (no usable cache dir).
  MetadataLayer(const RepoSet& repos, MetadataLayerOptions opts, std::unique_ptr<Regenerator> regen,
                std::unique_ptr<UserCache> user_cache);
  ~MetadataLayer();

  // Fills e.entry, e.has_cache and e.origin for an ebuild of `repo` whose
  // category, package, pf, ebuild_path and cache_path are set.
  void provide(const Repository& repo, Ebuild& e) const;

  // Whether entries of this repository are checked and regenerated (a
  // repository with ebuilds, regeneration on, not --cache-only).
  bool regenerates(const Repository& repo) const;

  // Counters for the scan's summary results.
  struct Stats {
    std::uint64_t from_repo = 0, from_user_cache = 0, regenerated = 0, failed = 0, corrupt_user_entries = 0;
  };
  Stats stats() const;
  std::set<std::string> notices() const;  // distinct notices from the regenerator
  const UserCache* user_cache() const { return user_cache_.get(); }
  const Regenerator* regenerator() const { return regen_.get(); }

  // Progress: called after each regenerated entry with the running count;
  // set before the scan starts.
  void set_progress(std::function<void(std::uint64_t regenerated)> fn) { progress_ = std::move(fn); }

 private:
  const RepoSet& repos_;
  MetadataLayerOptions opts_;
  std::unique_ptr<Regenerator> regen_;
  std::unique_ptr<UserCache> user_cache_;
  std::function<void(std::uint64_t)> progress_;
  mutable std::atomic<std::uint64_t> from_repo_{0}, from_user_{0}, regenerated_{0}, failed_{0}, corrupt_{0};
  mutable std::mutex notices_mu_;
  mutable std::set<std::string> notices_;
};

// The layer a scan (or inspect) uses: the given regenerator, and the user
// cache under user_cache_base (default $XDG_CACHE_HOME/pkgscan) stamped with
// the format and the ebuild environment's files under data_dir/ebuild-env.
std::unique_ptr<MetadataLayer> make_metadata_layer(const RepoSet& repos, std::unique_ptr<Regenerator> regen,
                                                   const std::string& data_dir, const std::string& user_cache_base);

}  // namespace pkgscan
