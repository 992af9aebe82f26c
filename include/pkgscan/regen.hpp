#pragma once
// Metadata regeneration: sourcing ebuilds with bash to produce the md5-cache
// entries Portage's egencache writes (DESIGN.md §11, reference/regen.md).
//
// The bash side is runtime data (data/ebuild-env/worker.bash); this module
// runs a pool of persistent workers, one per job, each sourcing one ebuild at
// a time in a fresh child, inside a sandbox (see Protections). The protocol
// between the two sides is data/ebuild-env/README.md.
//
// Entry points, smallest first:
//   parse_eapi_head()  the EAPI an ebuild declares, read before sourcing
//   regenerate()       ebuilds in, one Outcome (entry or failure) per ebuild out
//   update_cache()     what `pkgscan regen` does to metadata/md5-cache
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/cache.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/scan.hpp"

namespace pkgscan::regen {

// --- EAPI before sourcing (regen.md §1) -------------------------------------

// Portage's head parse: blank and comment lines are skipped; the first other
// line must be an `EAPI=` assignment (PMS regex) or the EAPI is undetermined,
// which counts as "0".
struct EapiHead {
  std::string eapi;       // the parsed EAPI; "0" when the head has no assignment
  int line = 0;           // 1-based line of the first non-comment line (0: none at all)
  bool assigned = false;  // that line is an EAPI assignment
  // `EAPI=""` is invalid in Portage (no entry is written), unlike PMS's "empty means 0".
  bool empty_assignment() const { return assigned && eapi.empty(); }
};
EapiHead parse_eapi_head(std::string_view ebuild_text);

// EAPIs the ebuild environment sources ("0".."9"). Others are not sourced.
bool eapi_supported(std::string_view eapi);

// --- One ebuild in, one outcome out -----------------------------------------

struct Job {
  std::string category;  // "dev-libs"
  std::string pf;        // "foo-1.2-r1"
  std::string path;      // absolute path of the file to source
};

// Why an ebuild produced no entry. Names (reason_name) are stable: they appear
// in messages and JSON.
enum class Reason {
  Die,              // die at global scope (or in an eclass)
  Syntax,           // bash syntax error
  MissingEclass,    // inherit of an eclass that is not on the eclass path
  EapiMismatch,     // sourced EAPI differs from the head, or empty EAPI=""
  UnsupportedEapi,  // the head names an EAPI we cannot source (not sourced at all)
  SourceStatus,     // the last command of the ebuild or an eclass returned non-zero
  Limit,            // CPU, memory, output or process limit hit
  Timeout,          // the wall-time limit; the worker was killed and replaced
  WorkerCrash,      // the worker died or broke the protocol; it was replaced
  Unreadable,       // the ebuild (or an inherited eclass) cannot be read, or is not a file
  InvalidValue,     // a value Portage would reject (a line break Python sees but bash does not)
  Other,
};
std::string_view reason_name(Reason r);

struct Failure {
  Reason reason = Reason::Other;
  std::string message;  // one line: bash's message, the die message, ...
  std::string file;     // the file `line` refers to (ebuild or eclass); may be empty
  int line = 0;         // 0 = unknown
  std::string output;   // the last few KiB of what sourcing printed (may be empty)
};

struct Outcome {
  std::optional<CacheEntry> entry;  // on success: the parsed form of md5_dict
  std::string md5_dict;             // on success: the file bytes egencache would write
  std::optional<Failure> failure;   // exactly one of entry / failure is set
  std::string ebuild_md5;           // MD5 of the ebuild bytes (empty if unreadable)
  std::vector<std::string> notices; // run-wide remarks, e.g. "EAPI 9 ebuilds were sourced with BASH_COMPAT=5.2"
  bool ok() const { return entry.has_value(); }
};

// Per-ebuild limits. Defaults suit real trees: the largest real ebuilds
// source in well under a second.
struct Limits {
  double timeout_s = 30;                         // wall time per ebuild; then the worker is killed
  int cpu_s = 30;                                // CPU seconds per ebuild
  std::uint64_t output_bytes = 8ull << 20;       // what sourcing may print (stdout + stderr)
  std::uint64_t memory_bytes = 2ull << 30;       // address space of the child
  int processes = 256;                           // processes in the worker's sandbox
  // Metadata one ebuild may send back: real entries stay below 1 MiB, and a
  // hostile ebuild must not make us allocate gigabytes.
  std::uint64_t reply_bytes = 64ull << 20;
};

// What the sandbox gives, decided once per run by trying each protection on
// this machine (regenerate() tries; describe_protections() words it).
struct Protections {
  bool private_tmp = true;        // cwd, HOME, T, TMPDIR in a private empty dir, removed afterwards
  bool minimal_env = true;        // no inherited environment; stdin /dev/null
  bool rlimits = true;            // CPU, memory, file size, core 0 (always)
  bool process_limit = false;     // RLIMIT_NPROC counted for the workers alone
  bool no_network = false;        // new network namespace
  bool read_only = false;         // read-only view of the file system but the private tmp
  bool pid_namespace = false;     // a killed worker takes every process it started with it
  bool user_namespace = false;    // the sandbox's own user namespace
  bool unprivileged = false;      // workers run as a uid that does not own the repository (root: nobody)
  std::vector<std::string> notices;  // one line each: what could not be applied and why
};
// Multi-line text: each protection and whether it applies, then the notices.
std::string describe_protections(const Protections& p);
// What the sandbox gives on this machine, found by starting a trivial process
// under each protection (a few milliseconds). regenerate() reports the same.
Protections probe_protections(bool sandbox = true);

struct Options {
  std::string env_dir;  // directory of worker.bash: <data dir>/ebuild-env (see default_data_dir())
  int jobs = 0;         // workers; 0 = number of cores
  Limits limits;
  bool sandbox = true;  // false: no namespaces / privilege drop (tests comparing both)
  // Called after each finished ebuild from a pool thread, serialised by the
  // pool (never concurrently): done count, total.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// A long-lived pool of workers for callers that regenerate one ebuild at a
// time from many threads (the scan). No process starts before the first
// regenerate(); at most `jobs` workers live at once; the destructor stops
// them and removes their private directories.
class RegenPool {
 public:
  RegenPool(const RepoSet& repos, Options opts);
  ~RegenPool();
  RegenPool(const RegenPool&) = delete;
  RegenPool& operator=(const RegenPool&) = delete;

  // Thread-safe; blocks while all workers are busy. Never throws for bad input.
  Outcome regenerate(const Job& job);
  // What the workers run with; meaningful once the first worker started.
  Protections protections() const;
  // Non-empty when no worker can start (no bash, no worker.bash): every
  // regenerate() then fails with this message.
  std::string fatal() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct RunReport {
  std::vector<Outcome> outcomes;     // outcomes[i] belongs to jobs[i]
  Protections protections;           // what the workers ran with
  std::vector<std::string> notices;  // once per run, e.g. "EAPI 9 sourced with bash 5.2 compatibility"
  std::string fatal;                 // non-empty: the pool could not run at all (no bash, no worker.bash)
};

// Sources every job's ebuild with the eclass path of `repos` and returns its
// entry or why there is none. Thread-safe with respect to `repos`; blocks
// until all jobs are done. Never throws for bad input.
RunReport regenerate(const RepoSet& repos, const std::vector<Job>& jobs, const Options& opts);

// Turns a finished worker reply into an Outcome (exposed for tests):
// `fields` are the reply's NAME=VALUE pairs in order.
Outcome outcome_from_reply(const std::vector<std::pair<std::string, std::string>>& fields, const EapiHead& head,
                           const std::string& ebuild_md5, const RepoSet& repos, const std::string& ebuild_path);

// --- pkgscan regen: the repository's metadata/md5-cache ---------------------

struct UpdateOptions {
  Options regen;
  bool force = false;  // rewrite every selected entry, fresh or not
  bool prune = false;  // remove selected entries whose ebuild is gone
  // Which packages / ebuilds to consider (category, package, PF); null = all.
  std::function<bool(const std::string& category, const std::string& package)> select_package;
  std::function<bool(const std::string& category, const std::string& package, const std::string& pf)> select_ebuild;
};

struct UpdateReport {
  std::size_t ebuilds = 0;     // selected ebuilds
  std::size_t fresh = 0;       // left alone: entry valid
  std::size_t written = 0;     // entries written (new or changed)
  std::size_t unchanged = 0;   // regenerated, but the file already had these bytes
  std::size_t pruned = 0;      // entries removed (--prune)
  std::vector<std::pair<Job, Failure>> failures;  // in ebuild order
  std::vector<std::string> errors;                // could not write / remove a file
  RunReport run;                                  // protections and notices of the regeneration
};

// What `egencache --update` does for the main repository of `repos`: each
// selected ebuild whose entry is missing or stale (or all, with force) is
// regenerated and written to a temporary file in the category directory, then
// renamed into place. An ebuild that fails keeps its old entry.
UpdateReport update_cache(const RepoSet& repos, const UpdateOptions& opts);

// --- pkgscan scan: the pool behind the scan's Regenerator interface ---------

// What ScanOptions::make_regenerator expects: a RegenPool sourcing the
// ebuilds a scan finds missing or stale (include/pkgscan/metadata_layer.hpp).
std::unique_ptr<Regenerator> make_scan_regenerator(const RepoSet& repos, const RegenSettings& settings, std::string* err);

}  // namespace pkgscan::regen
