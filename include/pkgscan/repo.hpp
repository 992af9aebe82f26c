#pragma once
// Repositories: root discovery, metadata/layout.conf, profiles/ data, the
// package tree, and the stack of a repository with its masters.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pkgscan/cache.hpp"
#include "pkgscan/fs.hpp"
#include "pkgscan/version.hpp"

namespace pkgscan {

// A problem found while reading repository files (not an ebuild): becomes a
// repo-scope result naming the file and line.
struct RepoIssue {
  std::string path;  // repo-relative, e.g. "metadata/layout.conf"
  int line = 0;
  std::string message;
};

struct LayoutConf {
  std::string repo_name;                  // "repo-name", may be empty
  std::vector<std::string> masters;
  bool masters_set = false;               // "masters =" present (even empty)
  std::vector<std::string> cache_formats; // default {"md5-dict"}
  std::vector<std::string> eapis_banned, eapis_deprecated, eapis_testing;
  std::optional<std::vector<std::string>> properties_allowed, restrict_allowed;  // nullopt = not set
  // Package Manifests (portage.5, GLEP 74). Hash names upper-cased. When
  // neither hash key is set, pkgcore's defaults apply (generate BLAKE2B
  // SHA512, require BLAKE2B); a required set without manifest-hashes stands
  // for both, and manifest-hashes without a required set requires them all
  // (both as Portage does).
  std::vector<std::string> manifest_hashes{"BLAKE2B", "SHA512"};
  std::vector<std::string> manifest_required_hashes{"BLAKE2B"};
  bool thin_manifests = false;         // "thin-manifests = true": DIST entries only
  std::string use_manifests = "strict";  // "strict", "true" or "false" (Manifests ignored)
  // "profile-formats": pms, portage-1, portage-2, profile-bashrcs, profile-set,
  // ... Empty when not set.
  std::vector<std::string> profile_formats;
  bool has_profile_format(std::string_view f) const;
};

struct ProfileLine {     // a non-comment line of a profiles list file, with its origin
  std::string text;
  std::string path;      // repo-relative
  int line = 0;
};

struct PackageMove {     // profiles/updates: "move a/b c/d"
  std::string from, to;  // "cat/pkg"
  std::string path;
  int line = 0;
};

struct SlotMove {        // profiles/updates: "slotmove atom old new"
  std::string atom, from_slot, to_slot;
  std::string path;
  int line = 0;
};

struct LocalUseDesc {     // profiles/use.local.desc: "cat/pkg:flag - description"
  std::string package;   // "cat/pkg" (the key of the atom written)
  std::string flag, description;
  int line = 0;
};

// profiles/ data of one repository (not stacked; RepoSet stacks them).
struct Profiles {
  bool present = false;                                  // profiles/ exists
  std::string repo_name;                                 // profiles/repo_name, first line, may be empty
  std::vector<std::string> categories;                   // profiles/categories
  std::vector<std::string> arches;                       // profiles/arch.list (comments skipped)
  std::map<std::string, std::string> use_desc;           // profiles/use.desc: flag -> text
  std::vector<LocalUseDesc> use_local_desc;              // profiles/use.local.desc, in file order
  // profiles/desc/<name>.desc in file order: name (e.g. "python_targets") -> (value, text)
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> use_expand_desc;
  std::map<std::string, std::vector<std::string>> license_groups;  // group -> members (@group kept as "@group")
  std::vector<ProfileLine> package_deprecated;           // atoms, as written
  std::vector<ProfileLine> package_mask;
  std::vector<PackageMove> moves;                        // profiles/updates/* in file-name order (1Q-2024 < 2Q-2024 < 1Q-2025)
  std::vector<SlotMove> slotmoves;
  std::map<std::string, std::vector<std::string>> thirdpartymirrors;
  // profiles/base/make.defaults: simple KEY="value" assignments (USE_EXPAND,
  // USE_EXPAND_IMPLICIT, USE_EXPAND_UNPREFIXED, USE_EXPAND_VALUES_*, IUSE_IMPLICIT, ...)
  std::map<std::string, std::string> base_make_defaults;
  std::vector<RepoIssue> issues;
};

// metadata/layout.conf text; `path` (repo-relative) names the file in issues.
// Comments, blank lines and unknown keys are fine; a line without '=' or a
// repeated key is an issue (the last value wins, as in Portage).
LayoutConf parse_layout_conf(std::string_view text, const std::string& path, std::vector<RepoIssue>& issues);

// profiles/ of the repository at `root`. Missing files are simply empty; a
// missing profiles/ directory is one issue; malformed lines are issues.
Profiles read_profiles(const FileSystem& fs, const std::string& root);

// make.defaults (PMS "make.defaults"): KEY=value, KEY="value" (may span
// lines), KEY='value', backslash-newline continuations, "export", comments.
// A value is kept as pieces of literal text and variable references ($X,
// ${X}), so that a profile stack can expand them against its parents' values.
struct ShellPiece {
  bool reference = false;
  std::string text;  // literal text, or the referenced variable's name
  std::string raw;   // a reference as written: "${USE}" or "$USE"
};
struct ShellAssignment {
  std::string key;
  std::vector<ShellPiece> value;
  int line = 0;
  std::string written() const;  // references left as written
  std::string expand(const std::function<std::string(std::string_view)>& lookup) const;
};
// Malformed lines are issues naming `path` and the line; parsing stops at an
// unterminated quote.
std::vector<ShellAssignment> parse_make_defaults(std::string_view text, const std::string& path,
                                                 std::vector<RepoIssue>& issues);

// Order of profiles/updates file names: "1Q-2024" < "2Q-2024" < "1Q-2025";
// names of another shape sort after those, by name.
bool updates_name_less(std::string_view a, std::string_view b);

class Repository {
 public:
  // Reads layout.conf and profiles/ of the repository rooted at `root`.
  // Never fails on bad content (problems land in issues()); returns nullptr
  // only when `root` is not a directory.
  static std::unique_ptr<Repository> open(const FileSystem& fs, std::string root, std::string* err);

  const std::string& name() const { return name_; }  // profiles/repo_name, else layout repo-name, else dir name
  const std::string& root() const { return root_; }
  const LayoutConf& layout() const { return layout_; }
  const Profiles& profiles() const { return profiles_; }
  const std::vector<RepoIssue>& issues() const { return issues_; }  // layout.conf + profiles issues
  const FileSystem& fs() const { return *fs_; }

  // Category directories that exist (sorted), whether listed in profiles/categories or not.
  // Skips dotfiles, plain files and the repository's own dirs (metadata, profiles, eclass,
  // licenses, scripts). Entries that cannot be followed (dangling or looping symlinks) are
  // described in *issues when given.
  std::vector<std::string> category_dirs(std::vector<RepoIssue>* issues = nullptr) const;
  std::vector<std::string> package_dirs(const std::string& category) const;  // sorted
  struct EbuildFile {
    std::string pf;        // "foo-1.2-r1"
    Version version;
    std::string path;      // repo-relative "cat/foo/foo-1.2-r1.ebuild"
  };
  // *.ebuild files of a package whose name parses; invalid names go to *bad.
  // The whole directory listing goes to *listing when given (so a caller
  // that needs the other files lists the directory only once), and why it
  // could not be listed to *listing_error.
  std::vector<EbuildFile> ebuilds(const std::string& category, const std::string& package,
                                  std::vector<std::string>* bad = nullptr, std::vector<DirEntry>* listing = nullptr,
                                  std::string* listing_error = nullptr) const;
  // Cache entry file names (PFs) of a category: metadata/md5-cache/<cat>/ listing.
  std::vector<std::string> cache_pfs(const std::string& category) const;
  std::string cache_path(const std::string& category, const std::string& pf) const;  // repo-relative
  std::string abs(const std::string& rel) const { return join_path(root_, rel); }
  // True if at least one *.ebuild exists anywhere (lazy, cached). A tree with
  // an md5-cache and no ebuilds (a metadata-only snapshot) is scanned from its cache.
  bool has_ebuilds() const;

 private:
  const FileSystem* fs_ = nullptr;
  std::string root_, name_;
  LayoutConf layout_;
  Profiles profiles_;
  std::vector<RepoIssue> issues_;
  mutable std::once_flag ebuilds_once_;
  mutable bool has_ebuilds_ = false;
};

// Walks up from `path` to the first directory with profiles/repo_name or
// metadata/layout.conf. nullopt when none.
std::optional<std::string> find_repo_root(const FileSystem& fs, const std::string& path);

// repos.conf style lookup: name -> path. Sources, in order of precedence:
// --repo-path NAME=PATH, the config file, /etc/portage/repos.conf (file or dir).
std::map<std::string, std::string> read_repos_conf(const FileSystem& fs, const std::string& path);

// Where an eclass comes from and its MD5, hashed at most once per scan.
struct EclassInfo {
  std::string name;
  std::string path;   // absolute
  std::string repo;   // repository name
  std::string md5;    // empty if unreadable
  std::vector<std::string> iuse;  // flags the eclass itself puts in IUSE (see eclass_iuse)
};

// The USE flags an eclass declares: the literal words of its IUSE= and
// IUSE+= assignments, without +/- defaults. Words built from variables
// (IUSE="${PYTHON_TARGETS...}") are not known without running bash and are
// left out. Cheap, for the text already read to hash the eclass.
std::vector<std::string> eclass_iuse(std::string_view text);

// A repository and its masters (resolved recursively, each once), with the
// stacked eclass path: masters first, the repository itself overriding. As in
// Portage, of several masters the later listed overrides the earlier, and a
// master's own masters come below it.
class RepoSet {
 public:
  // name -> root for masters; missing masters are recorded, not fatal.
  RepoSet(const FileSystem& fs, std::unique_ptr<Repository> main,
          const std::map<std::string, std::string>& known_repos);

  const Repository& main() const { return *repos_.front(); }
  // main first, then masters in resolution order (nearest first).
  const std::vector<std::unique_ptr<Repository>>& repos() const { return repos_; }
  const std::vector<std::string>& missing_masters() const { return missing_; }
  std::vector<std::string> repo_names() const;  // "gentoo, guru" style lists in messages

  // The eclass search order, highest precedence first (the repository
  // itself, then masters, the last listed first): what eclass() searches.
  const std::vector<const Repository*>& eclass_order() const { return eclass_order_; }
  // Thread-safe; each eclass is read and hashed once. nullptr if not found.
  const EclassInfo* eclass(const std::string& name) const;
  // Licence file exists in licenses/ of any repo in the set.
  bool has_license(const std::string& name) const;

 private:
  // One slot per eclass name asked for: the map lock only finds or makes the
  // slot; reading and hashing happen under the slot's once_flag, so threads
  // asking for different eclasses hash in parallel.
  struct EclassSlot {
    std::once_flag once;
    bool found = false;
    EclassInfo info;
  };
  const EclassInfo* lookup_eclass(EclassSlot& slot, const std::string& name) const;

  const FileSystem* fs_;
  std::vector<std::unique_ptr<Repository>> repos_;
  std::vector<std::string> missing_;
  std::vector<const Repository*> eclass_order_;  // highest precedence first
  mutable std::mutex eclass_mu_;
  mutable std::unordered_map<std::string, std::unique_ptr<EclassSlot>> eclasses_;
  mutable std::once_flag licenses_once_;
  mutable std::vector<std::string> licenses_;
};

// Freshness of one cache entry (DESIGN.md §3).
enum class Freshness { Fresh, StaleEbuild, StaleEclass, MissingEclass, Unverifiable };
struct FreshnessResult {
  Freshness state = Freshness::Fresh;
  std::string eclass;  // the eclass concerned, for StaleEclass / MissingEclass / Unverifiable
};
// ebuild_md5: MD5 of the ebuild bytes (empty = not checked, e.g. metadata-only trees).
FreshnessResult check_freshness(const CacheEntry& entry, const std::string& ebuild_md5, const RepoSet& repos);

}  // namespace pkgscan
