#pragma once
// The repository index: every package of a repository and its masters, with
// each version's cache entry parsed once (SLOT, IUSE, KEYWORDS, inherited
// eclasses, dependency specs). Packages are loaded on first use, exactly once
// (std::call_once), and are immutable afterwards, so checks read them from
// many threads without locks. A full scan touches every package of the main
// repository through the pipeline; a one-package scan loads only that package
// and the packages its dependencies name.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "pkgscan/atom.hpp"
#include "pkgscan/cache.hpp"
#include "pkgscan/depspec.hpp"
#include "pkgscan/eapi.hpp"
#include "pkgscan/intern.hpp"
#include "pkgscan/metadata_layer.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/version.hpp"

namespace pkgscan {

// The dependency variables, in the order cache entries and messages use them.
enum class DepVar : std::uint8_t { DEPEND, RDEPEND, PDEPEND, BDEPEND, IDEPEND };
inline constexpr std::array<DepVar, 5> kDepVars = {DepVar::DEPEND, DepVar::RDEPEND, DepVar::PDEPEND,
                                                   DepVar::BDEPEND, DepVar::IDEPEND};
std::string_view dep_var_name(DepVar v);
CacheKey dep_var_key(DepVar v);

struct IuseFlag {
  Symbol flag;
  char def = 0;  // '+', '-' or 0
};

// Where an ebuild's entry came from, and what the repository's own
// md5-cache said about it: the Cache check reports on the committed cache even
// when the checks see regenerated metadata. Filled by the MetadataLayer.
struct EntryOrigin {
  EntrySource source = EntrySource::RepoCache;
  bool checked = false;                 // the layer hashed the ebuild and judged the repository's entry
  bool repo_entry = false;              // the repository has an entry file for this ebuild
  std::vector<CacheIssue> repo_issues;  // malformed lines of that entry (when checked)
  FreshnessResult repo_freshness;       // of that entry (when checked and readable)
  std::string ebuild_md5;               // when checked
  bool ebuild_executable = false;       // when checked: the ebuild file read has an executable bit (PkgDir)
  // When checked: where the ebuild's bytes stop being UTF-8 (npos: they are
  // UTF-8), found while they were in the cache for hashing (PkgDir).
  std::size_t ebuild_invalid_utf8 = std::string_view::npos;
  // The ebuild bytes that were hashed (main repository only), so the
  // package's own checks read each ebuild once per scan
  // (ScanContext::ebuild_text); the pipeline drops them once the package
  // has been checked, which is why this is mutable.
  mutable std::shared_ptr<const std::string> ebuild_text;
  std::optional<SourcingFailure> failure;  // the ebuild did not source: no metadata
};

// One ebuild (one version) as the cache describes it.
struct Ebuild {
  Symbol category;
  Symbol package;
  Version version;
  std::string pf;           // "foo-1.2-r1"
  std::string ebuild_path;  // repo-relative; empty when there is no ebuild file (metadata-only tree, orphan)
  std::string cache_path;   // repo-relative metadata/md5-cache/<cat>/<PF>
  bool has_cache = false;   // a cache entry was found and read
  std::string cache_error;  // why the entry could not be read, if it could not
  CacheEntry entry;
  EntryOrigin origin;

  std::optional<Eapi> eapi;          // nullopt: unknown EAPI (InvalidEapi)
  Symbol slot, subslot;              // subslot defaults to slot
  std::vector<IuseFlag> iuse;        // as written, in order, duplicates kept
  std::vector<Symbol> iuse_names;    // sorted, unique, without +/-: for PackageRef::iuse
  std::vector<Symbol> keywords;      // KEYWORDS tokens as written
  std::vector<Symbol> inherited;     // _eclasses_ names (direct and indirect)
  // Parsed at the ebuild's EAPI (the latest when the EAPI is unknown).
  // Variables with the same text (DEPEND="${RDEPEND}"), and the same text
  // in versions of one package at one EAPI, share one parse.
  std::array<std::shared_ptr<const DepSpec>, 5> deps;  // indexed by DepVar; null when absent or invalid
  std::array<std::string, 5> dep_errors;       // parse error message when invalid
  bool live = false;                           // 9999-style version or PROPERTIES=live

  const DepSpec* dep(DepVar v) const { return deps[static_cast<std::size_t>(v)].get(); }
  bool inherits(std::string_view eclass) const;
  bool has_iuse(Symbol flag) const;            // binary search in iuse_names
  bool keyworded() const;                      // some stable or ~arch keyword (not only -*)
  std::string cpv() const;                     // "cat/pkg-1.2-r1"
  PackageRef ref(bool check_use = false) const;
};

// All versions of one package in one repository.
struct Package {
  Symbol category;
  Symbol package;
  const Repository* repo = nullptr;
  std::vector<Ebuild> versions;           // ascending PMS order
  std::vector<std::string> bad_ebuilds;   // *.ebuild files whose names do not parse / match
  std::vector<std::string> orphan_cache;  // cache PFs with no ebuild (when the repo has ebuilds)
  // The package directory as the index listed it, sorted by name (empty for
  // a metadata-only repository): checks of its files (Manifest, PkgDir) use
  // this instead of listing it again. listing_error says why it could not be
  // listed, if it could not.
  std::vector<DirEntry> listing;
  std::string listing_error;
  std::string key() const;                // "cat/pkg"
};

class RepoIndex {
 public:
  // Lists categories and packages of every repository in `repos` (directory
  // listings only; cheap). Metadata-only repositories (no ebuilds) take their
  // versions from md5-cache entries.
  // With a metadata layer, entries come from it (repository cache, user
  // cache or regeneration); without, from the repository's md5-cache alone.
  explicit RepoIndex(const RepoSet& repos, const MetadataLayer* layer = nullptr);
  // An index of only `packages` ("cat", "pkg") of the main repository, those
  // of them that exist there, without listing the tree: what the history
  // checks look up at the merge base of a --commits scan, where listing every
  // category again would cost more than the scan of the changed packages.
  RepoIndex(const RepoSet& repos, const MetadataLayer* layer,
            const std::vector<std::pair<std::string, std::string>>& packages);

  // Every repository's copy of cat/pkg, main repository first. Loads on first use. Thread-safe.
  std::vector<const Package*> find(Symbol category, Symbol package) const;
  // Like find() without allocating, for hot paths (a dependency check
  // resolves every atom of every ebuild): fn(const Package&) for each copy.
  template <class Fn>
  void for_each_copy(Symbol category, Symbol package, Fn&& fn) const {
    if (const SlotRange* range = lookup(category, package))
      for (std::uint32_t i = range->first; i < range->first + range->count; ++i) fn(*load(*slots_[i]));
  }
  // The main repository's copy only (nullptr if absent there).
  const Package* find_main(Symbol category, Symbol package) const;
  bool exists(Symbol category, Symbol package) const;  // in any repository, without loading

  // Best matching version across the repo set: highest version that matches,
  // preferring keyworded non-live ebuilds over unkeyworded or live ones.
  const Ebuild* best_match(const Atom& atom, bool check_use = false) const;
  // All matching versions across the repo set, in ascending version order.
  std::vector<const Ebuild*> matches(const Atom& atom, bool check_use = false) const;
  // Every version of cat/pkg across the repo set, in ascending version order,
  // into `out` (cleared first). Each copy is in order already; only copies
  // from several repositories are merged, by a stable sort.
  void versions(Symbol category, Symbol package, std::vector<const Ebuild*>& out) const;

  // Main repository packages in sorted order (category, then package name).
  struct Key {
    Symbol category, package;
  };
  const std::vector<Key>& main_packages() const { return main_keys_; }
  // Every package of `repo` (the main repository or a master), loaded in
  // parallel; in no particular order. For checks that survey a master's
  // whole tree (UnusedInMasters).
  std::vector<const Package*> packages_of(const Repository& repo) const;
  const RepoSet& repos() const { return *repos_; }
  bool metadata_only(const Repository& r) const;  // scanned from its cache alone

 private:
  struct Slot {
    Symbol category, package;
    const Repository* repo = nullptr;
    mutable std::once_flag once;
    mutable std::unique_ptr<Package> pkg;
  };
  // One repository's metadata/md5-cache/<cat>/ listing, read once on first use.
  struct CacheDir {
    mutable std::once_flag once;
    mutable std::vector<std::string> pfs;  // sorted
  };
  const Package* load(const Slot& slot) const;
  const std::vector<std::string>& cache_pfs(const Repository& repo, Symbol category) const;
  const RepoSet* repos_;
  const MetadataLayer* layer_ = nullptr;
  std::unordered_map<std::uint64_t, std::unique_ptr<CacheDir>> cache_dirs_;  // (repo index, category)
  std::vector<bool> metadata_only_;  // parallel to repos_->repos()
  // Every repository's copy of every package, grouped by cat/pkg (main
  // repository first), found through an open-addressing table: one hash and
  // usually one probe per lookup, which the checks do for every atom.
  struct SlotRange {
    std::uint64_t key = 0;  // (category id << 32) | package id; 0 = empty (category ids are never 0)
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  const SlotRange* lookup(Symbol category, Symbol package) const;
  using Grouped = std::unordered_map<std::uint64_t, std::vector<std::unique_ptr<Slot>>>;
  static void add_slot(Grouped& grouped, Symbol category, Symbol package, const Repository& repo);
  void build_table(Grouped& grouped);  // slots_, table_ and the sorted main_keys_ from `grouped`
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<SlotRange> table_;  // size: a power of two, at most half full
  std::vector<Key> main_keys_;
};

// Parses one cache entry into an Ebuild's derived fields (EAPI, SLOT, IUSE, deps...).
// `siblings`: versions of the same package already derived; a dependency
// text one of them parsed at the same EAPI is shared, not parsed again.
void derive_ebuild_fields(Ebuild& e, std::span<const Ebuild> siblings = {});

}  // namespace pkgscan
