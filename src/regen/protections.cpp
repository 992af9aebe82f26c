// Which protections the workers get: the sandbox plans to try, strongest
// first, and how they are described to the user (pkgscan regen --help).
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "regen_internal.hpp"

namespace pkgscan::regen {

std::string find_bash() {
  for (const char* p : {"/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash"})
    if (access(p, X_OK) == 0) return p;
  return {};
}

// Can a user that is neither owner nor group member read `path` (and reach
// it)? Root's workers run as nobody and must read the repository.
bool others_can_read(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return false;
  mode_t need = S_ISDIR(st.st_mode) ? (S_IROTH | S_IXOTH) : S_IROTH;
  if ((st.st_mode & need) != need) return false;
  for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0; slash = path.rfind('/', slash - 1)) {
    std::string dir = path.substr(0, slash);
    if (stat(dir.c_str(), &st) != 0 || !(st.st_mode & S_IXOTH)) return false;
  }
  return true;
}

// The plans to try, strongest first.
std::vector<SandboxPlan> candidate_plans(bool root, bool sandbox, bool others_read) {
  std::vector<SandboxPlan> plans;
  if (sandbox) {
    SandboxPlan full;
    full.user_ns = full.pid_ns = full.net_ns = full.mount_ns = full.read_only = true;
    full.drop_to_nobody = root && others_read;
    full.drop_caps = root && !others_read;
    full.nproc = true;
    plans.push_back(full);
    if (root) {  // user namespaces disabled: root can still make the others
      SandboxPlan no_user = full;
      no_user.user_ns = false;
      plans.push_back(no_user);
    }
  }
  SandboxPlan bare;
  // Root can still become nobody, which makes RLIMIT_NPROC count; an
  // ordinary user's limit would count all their processes, so it is skipped.
  bare.drop_to_nobody = root && sandbox && others_read;
  bare.drop_caps = root && sandbox && !others_read;
  bare.nproc = root && sandbox && others_read;
  plans.push_back(bare);
  return plans;
}

Protections protections_of(const SandboxPlan& plan) {
  Protections p;
  p.process_limit = plan.nproc;
  p.no_network = plan.net_ns;
  p.read_only = plan.read_only;
  p.pid_namespace = plan.pid_ns;
  p.user_namespace = plan.user_ns;
  p.unprivileged = plan.drop_to_nobody || plan.drop_caps || getuid() != 0;
  return p;
}

Protections probe_protections(bool sandbox) {
  char templ[] = "/tmp/pkgscan-probe.XXXXXX";
  if (!mkdtemp(templ)) {
    Protections none = protections_of(SandboxPlan{});
    none.notices.push_back(std::string("cannot create a directory in /tmp: ") + std::strerror(errno));
    return none;
  }
  chmod(templ, 0777);
  SpawnSpec spec;
  spec.bash = access("/bin/true", X_OK) == 0 ? "/bin/true" : "/usr/bin/true";
  spec.worker_script = "-";
  spec.env_dir = templ;
  spec.ro_paths = {templ};
  std::string first_err;
  Protections result = protections_of(SandboxPlan{});
  for (const SandboxPlan& plan : candidate_plans(getuid() == 0, sandbox)) {
    spec.plan = plan;
    std::string err;
    Spawned s = spawn_worker(spec, templ, &err);
    if (s.pid > 0) {
      close(s.request_fd);
      close(s.reply_fd);
      kill_worker(s.pid, plan);
      result = protections_of(plan);
      result.notices = s.notes;
      break;
    }
    if (first_err.empty()) first_err = err;
  }
  rmdir(templ);
  if (!first_err.empty())
    result.notices.insert(result.notices.begin(), "namespaces unavailable (" + first_err + ")");
  return result;
}

std::string describe_protections(const Protections& p) {
  std::string out;
  auto line = [&](bool on, const char* what) {
    out += on ? "  [x] " : "  [ ] ";
    out += what;
    out += '\n';
  };
  line(p.minimal_env, "minimal environment, stdin from /dev/null");
  line(p.private_tmp, "private empty directory as cwd, HOME, T and TMPDIR, removed afterwards");
  line(p.rlimits, "limits on CPU time, memory, file size and output; no core dumps");
  line(p.process_limit, "process count limit");
  line(p.unprivileged, "runs without privileges (as nobody when started by root)");
  line(p.user_namespace, "own user namespace");
  line(p.pid_namespace, "own pid namespace: every process an ebuild starts dies with its worker");
  line(p.no_network, "no network (own network namespace)");
  line(p.read_only, "read-only view of the file system, the repositories included");
  for (const std::string& n : p.notices) out += "  note: " + n + '\n';
  return out;
}

}  // namespace pkgscan::regen
