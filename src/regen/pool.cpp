// RegenPool and regenerate(): the worker pool. One persistent bash worker per job slot;
// TBB spreads the ebuilds over the slots. Each ebuild is read and hashed here
// (its EAPI head decides whether it is sourced at all), sent to a worker, and
// its reply turned into an entry. A worker that times out or dies is
// replaced; the run goes on.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include <tbb/concurrent_queue.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "pkgscan/atom.hpp"
#include "pkgscan/regen.hpp"
#include "regen_internal.hpp"

namespace pkgscan::regen {

namespace {

// The worker sources absolute paths only; a repository opened by a relative
// path gets the current directory in front.
std::string absolute(const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  char cwd[4096];
  return getcwd(cwd, sizeof cwd) ? join_path(cwd, path) : path;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// A worker slot: its private directory and, while running, its process.
struct Slot {
  std::unique_ptr<Worker> worker;
  bool dir_made = false;
};

Outcome failure(Reason r, std::string message, std::string file, int line = 0) {
  Outcome out;
  out.failure = Failure{r, std::move(message), std::move(file), line, {}};
  return out;
}

std::string notice_text(const std::string& code) {
  if (code.rfind("bash-compat:", 0) == 0)
    return "EAPI 9 asks for bash 5.3; this bash is older, so EAPI 9 ebuilds were sourced with BASH_COMPAT=" +
           code.substr(12);
  return code;
}

}  // namespace

struct RegenPool::Impl {
  Impl(const RepoSet& r, Options o) : repos(r), opts(std::move(o)) {}
  ~Impl() {
    slots.clear();  // stops the workers before their directories go
    if (!base.empty()) remove_tree(base);
  }

  // Finds bash and the worker, makes the private base directory and starts
  // the first worker with the strongest sandbox this machine allows.
  void init();
  Outcome run(const Job& job);
  bool make_dir(const std::string& path);
  Fields request_for(const Job& job, const EapiHead& head, const std::string& tmp) const;

  const RepoSet& repos;
  const Options opts;
  std::once_flag once;
  std::string fatal;
  Protections protections;
  SpawnSpec spec;
  std::string base;
  std::vector<std::unique_ptr<Slot>> slots;
  tbb::concurrent_bounded_queue<Slot*> idle;
  std::vector<std::string> eclass_dirs;
  std::string portdir;
};

bool RegenPool::Impl::make_dir(const std::string& path) {
  if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) return false;
  if (spec.plan.drop_to_nobody && chown(path.c_str(), spec.uid, spec.gid) != 0) return false;
  return true;
}

void RegenPool::Impl::init() {
  std::string env_dir = opts.env_dir;
  if (env_dir.empty()) {
    fatal = "no ebuild environment directory given";
    return;
  }
  env_dir = absolute(env_dir);
  spec.env_dir = env_dir;
  spec.worker_script = join_path(env_dir, "worker.bash");
  if (access(spec.worker_script.c_str(), R_OK) != 0) {
    fatal = "the ebuild environment is missing: cannot read " + spec.worker_script;
    return;
  }
  spec.bash = find_bash();
  if (spec.bash.empty()) {
    fatal = "bash not found (looked in /bin, /usr/bin, /usr/local/bin)";
    return;
  }
  spec.limits = opts.limits;
  for (const Repository* repo : repos.eclass_order()) {
    eclass_dirs.push_back(absolute(repo->abs("eclass")));
    spec.ro_paths.push_back(absolute(repo->root()));
  }
  // PORTDIR (EAPI <= 6): the first entry of Portage's eclass location list,
  // i.e. the one searched last.
  portdir = absolute(repos.eclass_order().empty() ? repos.main().root() : repos.eclass_order().back()->root());
  spec.ro_paths.push_back(env_dir);

  const char* tmp = std::getenv("TMPDIR");
  std::string templ = join_path(tmp && *tmp == '/' ? tmp : "/tmp", "pkgscan-regen.XXXXXX");
  if (!mkdtemp(templ.data())) {
    fatal = "cannot create a private directory under " + templ + ": " + std::strerror(errno);
    return;
  }
  base = templ;
  chmod(base.c_str(), 0711);  // nobody must reach its own directory inside

  const int jobs = opts.jobs > 0 ? opts.jobs : static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  for (int i = 0; i < jobs; ++i) {
    auto slot = std::make_unique<Slot>();
    slot->worker = std::make_unique<Worker>(spec, join_path(base, "w" + std::to_string(i)));
    slots.push_back(std::move(slot));
  }

  // Root's workers become nobody, who must be able to read the worker and
  // the repositories (a checkout under /root is not); else they stay uid 0
  // without any capability.
  std::vector<std::string> unreadable;
  if (getuid() == 0) {
    std::vector<std::string> paths = {spec.worker_script};
    for (const Repository* repo : repos.eclass_order()) paths.push_back(absolute(repo->root()));
    for (const std::string& p : paths)
      if (!others_can_read(p)) unreadable.push_back(p);
  }

  // The first worker decides the sandbox: the strongest plan that starts.
  std::vector<std::string> tried;
  bool started = false;
  for (const SandboxPlan& plan : candidate_plans(getuid() == 0, opts.sandbox, unreadable.empty())) {
    spec.plan = plan;
    spec.uid = plan.drop_to_nobody ? kNobody : getuid();
    spec.gid = plan.drop_to_nobody ? kNobody : getgid();
    Slot& first = *slots[0];
    if (!make_dir(first.worker->home())) {
      fatal = "cannot create " + first.worker->home() + ": " + std::strerror(errno);
      return;
    }
    first.dir_made = true;
    std::string err;
    if (first.worker->start(&err)) {
      started = true;
      break;
    }
    tried.push_back(err);
  }
  if (!started) {
    fatal = "cannot start a bash worker: " + (tried.empty() ? std::string("?") : tried.back());
    return;
  }

  protections = protections_of(spec.plan);
  if (!tried.empty())
    protections.notices.push_back("namespaces unavailable (" + tried.front() + "): ebuilds are sourced without " +
                                  (spec.plan.net_ns ? "a user namespace" : "network isolation or a read-only view"));
  for (const std::string& n : slots[0]->worker->notes()) protections.notices.push_back(n);
  if (spec.plan.drop_caps)
    protections.notices.push_back(unreadable.front() +
                                  " is not readable by others, so the workers cannot run as nobody: they keep uid 0 "
                                  "without capabilities (no process limit)");
  for (auto& s : slots) idle.push(s.get());
}

Fields RegenPool::Impl::request_for(const Job& job, const EapiHead& head, const std::string& tmp) const {
  Fields f;
  auto split = split_pf(job.pf);
  std::string pn = split ? std::string(split->package) : job.pf;
  std::string pv = split ? std::string(split->version.without_revision()) : std::string();
  bool rev = split && split->version.has_revision();
  std::string pr = rev ? "r" + std::string(split->version.revision()) : "r0";
  f.emplace_back("EBUILD", absolute(job.path));
  f.emplace_back("CATEGORY", job.category);
  f.emplace_back("PF", job.pf);
  f.emplace_back("PN", pn);
  f.emplace_back("PV", pv);
  f.emplace_back("PR", pr);
  f.emplace_back("P", pn + "-" + pv);
  f.emplace_back("PVR", pr == "r0" ? pv : pv + "-" + pr);  // Portage: -r0 is not part of PVR
  f.emplace_back("EAPI", head.eapi);
  for (const std::string& d : eclass_dirs) f.emplace_back("ECLASS_DIR", d);
  f.emplace_back("PORTDIR", portdir);
  f.emplace_back("TMP", tmp);
  f.emplace_back("LIMIT_CPU", std::to_string(opts.limits.cpu_s));
  f.emplace_back("LIMIT_OUTPUT", std::to_string(opts.limits.output_bytes));
  f.emplace_back("LIMIT_MEM", std::to_string(opts.limits.memory_bytes));
  f.emplace_back("LIMIT_NPROC", std::to_string(opts.limits.processes));
  return f;
}

Outcome RegenPool::Impl::run(const Job& job) {
  // Read and hash the ebuild; its head decides whether it is sourced.
  struct stat st {};
  if (stat(job.path.c_str(), &st) != 0)
    return failure(Reason::Unreadable, std::string("cannot read the ebuild: ") + std::strerror(errno), job.path);
  if (!S_ISREG(st.st_mode)) return failure(Reason::Unreadable, "the ebuild is not a regular file", job.path);
  RealFileSystem fs;
  std::string text, err;
  if (!fs.read_file(job.path, text, &err)) return failure(Reason::Unreadable, "cannot read the ebuild: " + err, job.path);
  const std::string md5 = md5_hex(text);
  const EapiHead head = parse_eapi_head(text);
  text = std::string();
  auto with_md5 = [&](Outcome o) {
    o.ebuild_md5 = md5;
    return o;
  };
  if (head.empty_assignment())
    return with_md5(failure(Reason::EapiMismatch,
                            "valid EAPI assignment must occur on or before line: " + std::to_string(head.line),
                            job.path, head.line));
  if (!eapi_supported(head.eapi))
    return with_md5(failure(Reason::UnsupportedEapi,
                            "EAPI '" + head.eapi + "' is not supported; the ebuild was not sourced", job.path,
                            head.line));

  std::call_once(once, [this] { init(); });
  if (!fatal.empty()) return with_md5(failure(Reason::Other, fatal, job.path));

  Slot* slot = nullptr;
  idle.pop(slot);
  struct Release {
    tbb::concurrent_bounded_queue<Slot*>& q;
    Slot* s;
    ~Release() { q.push(s); }
  } release{idle, slot};
  Worker& w = *slot->worker;
  if (!slot->dir_made) {
    if (!make_dir(w.home()))
      return with_md5(failure(Reason::Other, "cannot create " + w.home() + ": " + std::strerror(errno), job.path));
    slot->dir_made = true;
  }
  if (!w.running()) {
    std::string start_err;
    if (!w.start(&start_err))
      return with_md5(failure(Reason::WorkerCrash, "cannot start a bash worker: " + start_err, job.path));
  }
  const std::string tmp = join_path(w.home(), "tmp");
  remove_tree(tmp);
  if (!make_dir(tmp))
    return with_md5(failure(Reason::Other, "cannot create " + tmp + ": " + std::strerror(errno), job.path));
  Fields reply;
  std::string detail;
  Worker::Status status = w.exchange(request_for(job, head, tmp), opts.limits.timeout_s, reply, &detail);
  remove_tree(tmp);
  switch (status) {
    case Worker::Status::Timeout:
      return with_md5(failure(Reason::Timeout,
                              "sourcing took longer than " + seconds_text(opts.limits.timeout_s) +
                                  " s; the worker was killed",
                              job.path));
    case Worker::Status::Died:
      return with_md5(failure(Reason::WorkerCrash, "the bash worker died while sourcing: " + detail, job.path));
    case Worker::Status::TooLarge:
      return with_md5(failure(Reason::Limit,
                              "the metadata exceeds " + std::to_string(opts.limits.reply_bytes) +
                                  " bytes; the worker was stopped",
                              job.path));
    case Worker::Status::Reply:
      break;
  }
  Outcome out = outcome_from_reply(reply, head, md5, repos, job.path);
  for (const auto& [k, v] : reply)
    if (k == "NOTICE") out.notices.push_back(notice_text(v));
  return out;
}

RegenPool::RegenPool(const RepoSet& repos, Options opts) : impl_(std::make_unique<Impl>(repos, std::move(opts))) {}
RegenPool::~RegenPool() = default;
Outcome RegenPool::regenerate(const Job& job) { return impl_->run(job); }
Protections RegenPool::protections() const { return impl_->protections; }
std::string RegenPool::fatal() const { return impl_->fatal; }


RunReport regenerate(const RepoSet& repos, const std::vector<Job>& jobs, const Options& opts) {
  RunReport report;
  report.outcomes.resize(jobs.size());
  if (jobs.empty()) return report;
  RegenPool pool(repos, opts);
  const int threads = opts.jobs > 0 ? opts.jobs : static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));

  std::mutex mu;  // guards notices and the progress callback
  std::set<std::string> notices;
  std::size_t done = 0;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, jobs.size(), 1),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t i = range.begin(); i != range.end(); ++i) {
                          report.outcomes[i] = pool.regenerate(jobs[i]);
                          std::lock_guard<std::mutex> lock(mu);
                          notices.insert(report.outcomes[i].notices.begin(), report.outcomes[i].notices.end());
                          ++done;
                          if (opts.progress) opts.progress(done, jobs.size());
                        }
                      },
                      tbb::simple_partitioner());
  });
  report.protections = pool.protections();
  report.fatal = pool.fatal();
  report.notices.assign(notices.begin(), notices.end());
  return report;
}

}  // namespace pkgscan::regen
