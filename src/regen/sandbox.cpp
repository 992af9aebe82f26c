// Starting one worker: clone into new namespaces, set limits and credentials,
// exec bash. Sourcing runs code from the repository, possibly from a
// stranger's pull request, so the worker gets as little as this machine lets
// us give: its own user, pid, network and mount namespaces, a read-only view
// of everything but its private directory, resource limits, no privileges.
//
// The child between clone() and execve() runs in a copy of a multi-threaded
// process: it only makes system calls (raw ones for credentials, which glibc
// would otherwise try to apply to threads that do not exist in the child) and
// reports a failed step through a close-on-exec pipe.
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>

#include "regen_internal.hpp"

#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

namespace pkgscan::regen {

namespace {

// Steps of the child, reported with errno when one fails. A "note" record
// (negative step) says a protection was given up without failing.
enum Step : int {
  kWaitParent = 1, kSetsid, kMountPrivate, kReadOnly, kPrivateDirBind, kRlimit, kGroups, kGid, kUid,
  kNoNewPrivs, kChdir, kFds, kExec, kCaps
};

// SECBIT_NOROOT | _LOCKED | SECBIT_NO_SETUID_FIXUP | _LOCKED | SECBIT_KEEP_CAPS_LOCKED:
// exec gives uid 0 no capabilities, and that cannot be undone.
constexpr unsigned long kSecureBits = 0x01 | 0x02 | 0x04 | 0x08 | 0x20;

const char* step_name(int step) {
  switch (step) {
    case kWaitParent: return "waiting for the uid map";
    case kSetsid: return "setsid";
    case kMountPrivate: return "making mounts private";
    case kReadOnly: return "read-only mount";
    case kPrivateDirBind: return "bind-mounting the private directory";
    case kRlimit: return "setrlimit";
    case kGroups: return "setgroups";
    case kGid: return "setresgid";
    case kUid: return "setresuid";
    case kNoNewPrivs: return "no_new_privs";
    case kChdir: return "chdir to the private directory";
    case kFds: return "setting up file descriptors";
    case kExec: return "exec bash";
    case kCaps: return "dropping capabilities";
  }
  return "?";
}

struct ChildArgs {
  const SandboxPlan* plan;
  const char* bash;
  char* const* argv;
  char* const* envp;
  const char* home;
  const char* const* ro_paths;  // null-terminated
  const unsigned long* ro_flags;
  int request_read, reply_write, report_write, sync_read;
  rlim_t as, fsize, nproc;
};

void report(int fd, int step, int err) {
  int rec[2] = {step, err};
  ssize_t ignored = write(fd, rec, sizeof rec);
  (void)ignored;
}

[[noreturn]] void child_fail(const ChildArgs& a, int step) {
  report(a.report_write, step, errno);
  _exit(127);
}

// Flags a read-only remount of a bind mount must keep: inside a user
// namespace the kernel refuses to clear nosuid/nodev/noexec/atime flags that
// the original mount has.
unsigned long locked_flags(const char* path) {
  struct statvfs st {};
  if (statvfs(path, &st) != 0) return 0;
  unsigned long f = 0;
  if (st.f_flag & ST_NOSUID) f |= MS_NOSUID;
  if (st.f_flag & ST_NODEV) f |= MS_NODEV;
  if (st.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
  if (st.f_flag & ST_NOATIME) f |= MS_NOATIME;
  if (st.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
  if (st.f_flag & ST_RELATIME) f |= MS_RELATIME;
  return f;
}

int child_main(void* arg) {
  const ChildArgs& a = *static_cast<const ChildArgs*>(arg);
  const SandboxPlan& plan = *a.plan;
  if (a.sync_read >= 0) {  // the parent writes our uid/gid maps first
    char c;
    if (read(a.sync_read, &c, 1) != 1) child_fail(a, kWaitParent);
  }
  if (setsid() < 0) child_fail(a, kSetsid);

  if (plan.mount_ns) {
    // Nothing we mount may propagate back to the host.
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) child_fail(a, kMountPrivate);
    if (plan.read_only) {
      struct mount_attr ro {};
      ro.attr_set = MOUNT_ATTR_RDONLY;
      if (mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, &ro, sizeof ro) == 0) {
        // Everything is read-only now; the private directory becomes writable again.
        if (mount(a.home, a.home, nullptr, MS_BIND, nullptr) != 0) child_fail(a, kPrivateDirBind);
        struct mount_attr rw {};
        rw.attr_clr = MOUNT_ATTR_RDONLY;
        if (mount_setattr(AT_FDCWD, a.home, 0, &rw, sizeof rw) != 0) child_fail(a, kPrivateDirBind);
      } else {
        // Older kernels: at least the repositories and the environment.
        report(a.report_write, -kReadOnly, errno);
        for (std::size_t i = 0; a.ro_paths[i]; ++i) {
          const char* p = a.ro_paths[i];
          if (mount(p, p, nullptr, MS_BIND | MS_REC, nullptr) != 0) child_fail(a, kReadOnly);
          if (mount(nullptr, p, nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | a.ro_flags[i], nullptr) != 0)
            child_fail(a, kReadOnly);
        }
      }
    }
  }

  // Limits: set after the user namespace exists, so RLIMIT_NPROC counts the
  // processes of this sandbox only.
  struct rlimit zero = {0, 0};
  if (setrlimit(RLIMIT_CORE, &zero) != 0) child_fail(a, kRlimit);
  struct rlimit as = {a.as, a.as};
  if (a.as && setrlimit(RLIMIT_AS, &as) != 0) child_fail(a, kRlimit);
  struct rlimit fsize = {a.fsize, a.fsize};
  if (a.fsize && setrlimit(RLIMIT_FSIZE, &fsize) != 0) child_fail(a, kRlimit);
  if (plan.nproc) {
    struct rlimit nproc = {a.nproc, a.nproc};
    if (setrlimit(RLIMIT_NPROC, &nproc) != 0) child_fail(a, kRlimit);
  }

  if (plan.drop_to_nobody) {
    // Raw system calls: glibc's wrappers would signal the parent's threads.
    if (syscall(SYS_setgroups, 0, nullptr) != 0) child_fail(a, kGroups);
    if (syscall(SYS_setresgid, kNobody, kNobody, kNobody) != 0) child_fail(a, kGid);
    if (syscall(SYS_setresuid, kNobody, kNobody, kNobody) != 0) child_fail(a, kUid);
  }
  if (plan.drop_caps) {
    // uid 0 without any capability, now or after exec: an empty bounding
    // set, securebits that give root nothing at exec, then empty sets.
    if (syscall(SYS_setgroups, 0, nullptr) != 0) child_fail(a, kGroups);
    for (int cap = 0; cap < 64; ++cap)
      if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) child_fail(a, kCaps);
    if (prctl(PR_SET_SECUREBITS, kSecureBits, 0, 0, 0) != 0) child_fail(a, kCaps);
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    struct {
      std::uint32_t version;
      int pid;
    } header = {0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0};
    struct {
      std::uint32_t effective, permitted, inheritable;
    } data[2] = {};
    if (syscall(SYS_capset, &header, data) != 0) child_fail(a, kCaps);
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) child_fail(a, kNoNewPrivs);
  if (chdir(a.home) != 0) child_fail(a, kChdir);

  // fd 0-2 /dev/null, 3 requests, 4 replies, 5 the report pipe until exec.
  int devnull = open("/dev/null", O_RDWR);
  if (devnull < 0) child_fail(a, kFds);
  int req = fcntl(a.request_read, F_DUPFD, 10);
  int rep = fcntl(a.reply_write, F_DUPFD, 10);
  int rpt = fcntl(a.report_write, F_DUPFD_CLOEXEC, 10);
  if (req < 0 || rep < 0 || rpt < 0) child_fail(a, kFds);
  if (dup2(devnull, 0) < 0 || dup2(devnull, 1) < 0 || dup2(devnull, 2) < 0 || dup2(req, 3) < 0 ||
      dup2(rep, 4) < 0 || dup3(rpt, 5, O_CLOEXEC) < 0)
    child_fail(a, kFds);
  ChildArgs moved = a;
  moved.report_write = 5;
  if (close_range(6, ~0U, 0) != 0) {
    for (int fd = 6; fd < 1024; ++fd) close(fd);
  }
  execve(a.bash, a.argv, a.envp);
  child_fail(moved, kExec);
}

bool write_file(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
  int release() {
    int f = fd;
    fd = -1;
    return f;
  }
};

}  // namespace

Spawned spawn_worker(const SpawnSpec& spec, const std::string& home, std::string* err) {
  Spawned out;
  const SandboxPlan& plan = spec.plan;
  auto fail = [&](std::string msg) {
    if (err) *err = std::move(msg);
    return Spawned{};
  };

  // Everything the child needs is prepared here: it must not allocate.
  std::vector<std::string> env_strings = {"PKGSCAN_ENV_DIR=" + spec.env_dir, "LC_ALL=C", "HOME=" + home,
                                          "TMPDIR=" + home};
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string arg0 = "bash", arg1 = "--noprofile", arg2 = "--norc", arg3 = spec.worker_script;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), arg3.data(), nullptr};
  std::vector<const char*> ro_paths;
  std::vector<unsigned long> ro_flags;
  for (const auto& p : spec.ro_paths) {
    ro_paths.push_back(p.c_str());
    ro_flags.push_back(locked_flags(p.c_str()));
  }
  ro_paths.push_back(nullptr);

  int req[2], rep[2], rpt[2], sync[2] = {-1, -1};
  // Requests go through a socket so that writing to a dead worker gives
  // EPIPE (send with MSG_NOSIGNAL) instead of killing us with SIGPIPE.
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, req) != 0)
    return fail(std::string("socketpair: ") + std::strerror(errno));
  Fd req_r{req[0]}, req_w{req[1]};
  if (pipe2(rep, O_CLOEXEC) != 0) return fail(std::string("pipe: ") + std::strerror(errno));
  Fd rep_r{rep[0]}, rep_w{rep[1]};
  if (pipe2(rpt, O_CLOEXEC) != 0) return fail(std::string("pipe: ") + std::strerror(errno));
  Fd rpt_r{rpt[0]}, rpt_w{rpt[1]};
  if (plan.user_ns && pipe2(sync, O_CLOEXEC) != 0) return fail(std::string("pipe: ") + std::strerror(errno));
  Fd sync_r{sync[0]}, sync_w{sync[1]};

  ChildArgs args{};
  args.plan = &plan;
  args.bash = spec.bash.c_str();
  args.argv = argv;
  args.envp = envp.data();
  args.home = home.c_str();
  args.ro_paths = ro_paths.data();
  args.ro_flags = ro_flags.data();
  args.request_read = req_r.fd;
  args.reply_write = rep_w.fd;
  args.report_write = rpt_w.fd;
  args.sync_read = sync_r.fd;
  args.as = spec.limits.memory_bytes ? static_cast<rlim_t>(spec.limits.memory_bytes) + (256ull << 20) : 0;
  args.fsize = static_cast<rlim_t>(spec.limits.output_bytes);
  args.nproc = static_cast<rlim_t>(spec.limits.processes);

  int flags = SIGCHLD;
  if (plan.user_ns) flags |= CLONE_NEWUSER;
  if (plan.pid_ns) flags |= CLONE_NEWPID;
  if (plan.net_ns) flags |= CLONE_NEWNET;
  if (plan.mount_ns) flags |= CLONE_NEWNS;
  constexpr std::size_t kStack = 256 * 1024;
  std::unique_ptr<char[]> stack(new char[kStack]);
  pid_t pid = clone(child_main, stack.get() + kStack, flags, &args);
  if (pid < 0) return fail(std::string("clone: ") + std::strerror(errno));

  if (plan.user_ns) {
    // The sandbox's only user: nobody when we are root, else ourselves.
    const std::string proc = "/proc/" + std::to_string(pid);
    // (Root keeping uid 0 maps it to itself: the files stay root's to read.)
    uid_t outer_uid = plan.drop_to_nobody ? kNobody : getuid();
    gid_t outer_gid = plan.drop_to_nobody ? kNobody : getgid();
    bool ok = true;
    if (getuid() != 0) ok = write_file(proc + "/setgroups", "deny");
    ok = ok && write_file(proc + "/uid_map", std::to_string(outer_uid) + " " + std::to_string(outer_uid) + " 1\n");
    ok = ok && write_file(proc + "/gid_map", std::to_string(outer_gid) + " " + std::to_string(outer_gid) + " 1\n");
    if (!ok) {
      int e = errno;
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      return fail(std::string("writing the user namespace's uid map: ") + std::strerror(e));
    }
    char go = 1;
    if (write(sync_w.fd, &go, 1) != 1) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      return fail("the sandbox child vanished");
    }
  }
  // Our copies of the child's ends; the report pipe then reads EOF at exec.
  close(req_r.release());
  close(rep_w.release());
  close(rpt_w.release());
  close(sync_r.release());

  int rec[2];
  ssize_t n;
  while ((n = read(rpt_r.fd, rec, sizeof rec)) == static_cast<ssize_t>(sizeof rec)) {
    if (rec[0] < 0) {
      out.notes.push_back(std::string(step_name(-rec[0])) + " of / failed (" + std::strerror(rec[1]) +
                          "): only the repositories and the ebuild environment are read-only");
      continue;
    }
    waitpid(pid, nullptr, 0);
    return fail(std::string(step_name(rec[0])) + ": " + std::strerror(rec[1]));
  }
  out.pid = pid;
  out.request_fd = req_w.release();
  out.reply_fd = rep_r.release();
  return out;
}

void kill_worker(pid_t pid, const SandboxPlan& plan) {
  if (pid <= 0) return;
  // Without a pid namespace the process group is what we can reach; with
  // one, killing its first process ends every process inside.
  if (!plan.pid_ns) kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

namespace {

void remove_at(int parent, const char* name) {
  if (unlinkat(parent, name, 0) == 0 || errno == ENOENT) return;
  int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    // A directory without read permission: give it back, then retry.
    if (fchmodat(parent, name, 0700, 0) != 0) return;
    fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
  }
  fchmod(fd, 0700);
  DIR* d = fdopendir(fd);
  if (!d) {
    close(fd);
    return;
  }
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    names.emplace_back(e->d_name);
  }
  for (const auto& n : names) remove_at(dirfd(d), n.c_str());
  closedir(d);
  unlinkat(parent, name, AT_REMOVEDIR);
}

}  // namespace

void remove_tree(const std::string& path) {
  remove_at(AT_FDCWD, path.c_str());
}

}  // namespace pkgscan::regen
