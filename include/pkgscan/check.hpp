#pragma once
// Checks and their registry. A check family lives in one file under checks/:
// a class deriving from Check, its keywords, and one line that registers it:
//
//   static const pkgscan::RegisterCheck<MyCheck> kRegister;
//
// The registry creates fresh check objects for every scan, so per-scan state
// (data computed from the repository in begin()) lives in the object.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tbb/collaborative_call_once.h>

#include "pkgscan/history.hpp"
#include "pkgscan/index.hpp"
#include "pkgscan/metadata_xml.hpp"
#include "pkgscan/result.hpp"

namespace pkgscan {

class ProfileSet;

// The profiles of a scan, built on first request (ScanContext::profiles()).
// A collaborative flag: a thread that asks while another builds them helps
// with the build's parallel parts instead of sleeping (the Profiles check and
// the other checks' begin ask at the same time).
struct LazyProfiles {
  tbb::collaborative_once_flag once;
  std::unique_ptr<ProfileSet> set;
  LazyProfiles();
  ~LazyProfiles();
};

// What every check may read during a scan; all of it is read-only.
struct ScanContext {
  const RepoSet& repos;
  const RepoIndex& index;
  std::string data_dir;  // runtime data files (data/ of the source tree or the installation)
  bool whole_repo = false;  // the scan covers the whole repository (repo-wide checks report everything)
  bool cache_only = false;  // --cache-only: trust the md5-cache, do not hash ebuilds and eclasses
  std::uint64_t scan_id = 0;  // unique per run_scan in this process
  // Where entries came from (repository cache, user cache, regeneration);
  // null when regeneration is off.
  const MetadataLayer* metadata = nullptr;
  // --commits: the merge base's repository and the commits of the range;
  // null otherwise. History checks (CheckInfo::history) run only with it.
  const History* history = nullptr;

  // The keywords the scan reports, sorted (checks whose work depends on what
  // was asked for look here; most simply let ResultSink filter).
  std::vector<std::string> keywords;
  bool reports(std::string_view keyword) const;

  // The profiles of the repository set (profiles.desc entries, parsed
  // directories, evaluated stacks). Built on the first call, once per scan and
  // thread-safe: a scan whose checks never ask does not read profiles at all.
  const ProfileSet& profiles() const;
  std::shared_ptr<LazyProfiles> lazy_profiles = std::make_shared<LazyProfiles>();

  // The bytes of an ebuild file, read at most once per package and scan: all
  // checks of one package run one after another on one thread, so the Cache
  // check's read (for the MD5) also serves the checks that read PYTHON_COMPAT
  // and friends from the text. nullptr when there is no ebuild file or it
  // cannot be read (*err says why). Valid until this thread moves on to
  // another package.
  const std::string* ebuild_text(const Package& pkg, const Ebuild& e, std::string* err = nullptr) const;

  // The package's metadata.xml, read and parsed at most once per package and
  // scan, the same way: the MetadataXml and UseDesc checks both read it, and
  // the second gets the first one's parse. Valid until this thread moves on
  // to another package.
  const MetadataXml& metadata_xml(const Package& pkg) const;

  // Reads the file `name` of the package directory (its Manifest, ...)
  // into `out`, reusing its capacity, and notes what the read saw of the
  // file for executable(). False, with the reason in *err, when it cannot.
  bool read_package_file(const Package& pkg, std::string_view name, std::string& out, std::string* err) const;

  // Whether `name`, a regular file of the package directory that is not a
  // symbolic link, has an executable bit. Taken from the read that fetched
  // its bytes during this scan when there was one (the ebuilds the metadata
  // layer hashed, ebuild_text, read_package_file, metadata_xml), so the
  // files a scan reads anyway cost no stat; otherwise from lstat. nullopt
  // when it cannot be examined.
  std::optional<bool> executable(const Package& pkg, std::string_view name) const;
};

// The keywords a scan reports. Asked for every result and by checks before
// costly work (ResultSink::wants), hundreds of thousands of times a scan, so
// the keywords the selected checks declare are held in a table by the
// address of their name: a check asks with its own Keyword constant, whose
// name is the one it declared, and the answer is one probe. Any other name
// is looked up by its text.
class KeywordFilter {
 public:
  // `enabled`: the reported keyword names; `declared`: keywords to answer by address.
  KeywordFilter(std::vector<std::string> enabled, std::span<const Keyword* const> declared);
  bool operator()(std::string_view keyword) const;

 private:
  struct Slot {
    const char* name = nullptr;  // nullptr: empty
    std::size_t size = 0;
    bool enabled = false;
  };
  std::size_t slot_of(const char* name) const;
  std::vector<std::string> enabled_;  // sorted
  std::vector<Slot> table_;           // open addressing, a power of two at most a quarter full
};

// Collects the results of one check run on one package (or on the repo).
// Filtering by the selected keywords happens here, so checks never need to
// know what the user asked for.
class ResultSink {
 public:
  using Filter = KeywordFilter;
  ResultSink(std::string_view check, const Filter* enabled, std::vector<Result>& out)
      : check_(check), enabled_(enabled), out_(&out) {}

  bool wants(const Keyword& kw) const;  // skip expensive work for disabled keywords

  // Version scope: category/package/version/path from the ebuild (the ebuild
  // file, or its cache entry when there is no ebuild file).
  Result* version(const Keyword& kw, const Ebuild& e, std::string message);
  Result* package(const Keyword& kw, const Package& p, std::string message);
  Result* category(const Keyword& kw, std::string_view category, std::string message);
  Result* repo(const Keyword& kw, std::string path, int line, std::string message);
  // Commit scope: `commit` is the commit's short hash.
  Result* commit(const Keyword& kw, std::string commit, std::string message);

 private:
  Result* push(const Keyword& kw, std::string message);
  std::string_view check_;
  const Filter* enabled_;
  std::vector<Result>* out_;
};

// Add structured fields fluently: sink.version(...)->fields.push_back(...) or with(...).
inline Result* with(Result* r, std::string key, std::string value) {
  if (r) r->fields.emplace_back(std::move(key), std::move(value));
  return r;
}

class Check {
 public:
  virtual ~Check() = default;
  // Once per scan, single-threaded, before any package: compute shared data.
  virtual void begin(const ScanContext& ctx) {}
  // Once per scanned package (all versions), concurrently for different packages.
  virtual void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const {}
  // Once after the package stream: every scanned package, in sorted order.
  // Different checks' check_repo may run at the same time (each touches only
  // its own state).
  virtual void check_repo(std::span<const Package* const> scanned, const ScanContext& ctx,
                          ResultSink& out) const {}
};

struct CheckInfo {
  std::string_view name;  // "Metadata", "Dependency", ...
  std::string_view doc;
  std::span<const Keyword> keywords;
  bool default_enabled = true;
  std::unique_ptr<Check> (*create)() = nullptr;
  // Needs the whole repository (e.g. a graph over every package): runs on
  // whole-repository scans, and on narrower scans only when selected by name.
  bool repo_wide = false;
  // Compares the merge base with HEAD, or reads commits: runs only in a
  // --commits scan (ScanContext::history is set).
  bool history = false;
  // Its check_repo reads neither the scanned packages nor anything its
  // check_package gathers (the repository's profiles, say): it runs while
  // the packages are checked, on a core the stream leaves idle, instead of
  // after them.
  bool repo_scope_alone = false;
};

class CheckRegistry {
 public:
  static CheckRegistry& instance();
  void add(const CheckInfo& info);
  // Sorted by name.
  std::vector<CheckInfo> checks() const;
  const CheckInfo* find_check(std::string_view name) const;
  // Every keyword of every check, sorted by name, each once (a keyword may be
  // declared by several checks with the same level and scope).
  std::vector<Keyword> keywords() const;
  const Keyword* find_keyword(std::string_view name) const;
  // Checks that declare the keyword.
  std::vector<std::string_view> checks_for_keyword(std::string_view name) const;

 private:
  std::vector<CheckInfo> checks_;
};

template <class T>
struct RegisterCheck {
  RegisterCheck() {
    bool repo_wide = false;
    if constexpr (requires { T::kRepoWide; }) repo_wide = T::kRepoWide;
    bool history = false;
    if constexpr (requires { T::kHistory; }) history = T::kHistory;
    bool alone = false;
    if constexpr (requires { T::kRepoScopeAlone; }) alone = T::kRepoScopeAlone;
    CheckRegistry::instance().add(CheckInfo{T::kName, T::kDoc, T::kKeywords, T::kDefaultEnabled,
                                            []() -> std::unique_ptr<Check> { return std::make_unique<T>(); },
                                            repo_wide, history, alone});
  }
};

}  // namespace pkgscan
