#pragma once
// Pieces of the regen module shared between its files (not public API).
#include <sys/types.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pkgscan/regen.hpp"

namespace pkgscan::regen {

// --- reply.cpp: Python's view of bash's output ------------------------------

// UTF-8 decode with errors="replace" and encode again: each maximal broken
// subsequence becomes one U+FFFD, as CPython does.
std::string decode_utf8_replace(std::string_view s);
// str.splitlines() on UTF-8 text: \n, \r, \r\n, \v, \f, \x1c-\x1e, U+0085,
// U+2028 and U+2029 end a line; no empty last line for a trailing break.
std::vector<std::string_view> python_splitlines(std::string_view s);

// --- sandbox.cpp: starting one worker process ------------------------------

// How workers are isolated, decided once per run (see Protections).
struct SandboxPlan {
  bool user_ns = false;   // own user namespace (uid map written by the parent)
  bool pid_ns = false;    // own pid namespace: killing the worker kills all it started
  bool net_ns = false;    // own, empty network namespace
  bool mount_ns = false;  // own mount namespace (needed for read_only)
  bool read_only = false; // everything read-only but the worker's private directory
  bool drop_to_nobody = false;  // root only: run as nobody (65534)
  bool drop_caps = false;       // root only, when nobody cannot read the files: stay uid 0 without capabilities
  bool nproc = false;     // apply RLIMIT_NPROC
};

struct SpawnSpec {
  std::string bash;                     // absolute path of bash
  std::string worker_script;            // absolute path of worker.bash
  std::string env_dir;                  // its directory (PKGSCAN_ENV_DIR)
  std::vector<std::string> ro_paths;    // made read-only when the whole tree cannot be
  Limits limits;
  SandboxPlan plan;
  uid_t uid = 0;                        // owner of the private directories (the worker's uid outside)
  gid_t gid = 0;
};

struct Spawned {
  pid_t pid = -1;
  int request_fd = -1;  // we write requests here (the worker's fd 3)
  int reply_fd = -1;    // we read replies here (the worker's fd 4)
  std::vector<std::string> notes;  // protections the child had to give up (e.g. read-only fell back)
};

// Starts `bash --noprofile --norc worker.bash` in `home` (its private,
// existing directory) under `spec.plan`. On failure returns pid -1 and says
// which step failed in *err.
Spawned spawn_worker(const SpawnSpec& spec, const std::string& home, std::string* err);

// Kills the worker and everything it started, and reaps it.
void kill_worker(pid_t pid, const SandboxPlan& plan);

// Removes a directory tree without following symlinks; best effort.
void remove_tree(const std::string& path);

// --- protections.cpp: which sandbox this machine allows ---------------------

constexpr uid_t kNobody = 65534;  // root's workers run as nobody

std::string find_bash();  // empty when none is found
// Can a user that is neither owner nor group member read `path` and reach it?
bool others_can_read(const std::string& path);
// The plans to try, strongest first (`sandbox` false: only the bare one).
// `others_read`: nobody can read the worker and the repositories; when root
// and not, the workers keep uid 0 but lose every capability instead.
std::vector<SandboxPlan> candidate_plans(bool root, bool sandbox, bool others_read = true);
Protections protections_of(const SandboxPlan& plan);

// --- worker.cpp: one request, one reply ------------------------------------

using Fields = std::vector<std::pair<std::string, std::string>>;

class Worker {
 public:
  Worker(const SpawnSpec& spec, std::string home) : spec_(&spec), home_(std::move(home)) {}
  ~Worker() { stop(/*graceful=*/true); }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  bool running() const { return pid_ > 0; }
  bool start(std::string* err);
  // Graceful: close the request pipe and give the worker a moment to exit on
  // its own (its CPU time is then accounted to us); else kill it at once.
  void stop(bool graceful = false);

  // TooLarge: the reply passed Limits::reply_bytes; the worker was stopped.
  enum class Status { Reply, Timeout, Died, TooLarge };
  // Sends `request` (fields, without the terminating empty field) and waits
  // for one reply until `timeout_s` passes. On Timeout or Died the worker has
  // been stopped; start() makes a new one.
  Status exchange(const Fields& request, double timeout_s, Fields& reply, std::string* detail);

  const std::string& home() const { return home_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  const SpawnSpec* spec_;
  std::string home_;
  pid_t pid_ = -1;
  int request_fd_ = -1, reply_fd_ = -1;
  std::string buffer_;  // reply bytes read so far
  std::vector<std::string> notes_;
};

}  // namespace pkgscan::regen
