// The worker pool with the stub worker (tests/unit/regen/stub-env): time
// limit, crashes, limits, the sandbox, and no state shared between ebuilds.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "regen_fixture.hpp"

using namespace pkgscan;
using namespace pkgscan::regen;
using regen_test::write_file;

namespace {

// A repository with one package per ebuild body given: cat/<name>/<name>-1.ebuild.
struct PoolRepo {
  regen_test::TempDir dir;
  std::vector<Job> jobs;
  PoolRepo() {
    regen_test::make_repo(dir.path(), "test");
    write_file(dir / "eclass/base.eclass", "IUSE=\"base\"\nsrc_compile() { :; }\n");
  }
  void add(const std::string& name, const std::string& body) {
    std::string path = dir / ("cat/" + name + "/" + name + "-1.ebuild");
    write_file(path, body);
    jobs.push_back({"cat", name + "-1", path});
  }
  RunReport run(Options opts) {
    auto repos = regen_test::open_repos(dir.path());
    return regenerate(*repos->set, jobs, opts);
  }
};

// Every file under `root` with its size and mode: what an ebuild must not change.
std::string snapshot(const std::string& root) {
  std::string out;
  FILE* p = popen(("cd '" + root + "' && find . -printf '%p %s %m\\n' | LC_ALL=C sort").c_str(), "r");
  char buf[4096];
  while (fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  return out;
}

const char* kGood = "EAPI=8\nDESCRIPTION=\"good\"\nSLOT=\"0\"\n";

// The version of /bin/bash as major * 100 + minor (e.g. 502).
int bash_version() {
  FILE* p = popen("bash -c 'echo $(( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] ))'", "r");
  int v = 0;
  if (p && fscanf(p, "%d", &v) != 1) v = 0;
  if (p) pclose(p);
  return v;
}

}  // namespace

TEST_CASE("the pool sources ebuilds into entries", "[regen][pool]") {
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  INFO("environment: " << env);
  PoolRepo r;
  r.add("plain", "EAPI=7\nDESCRIPTION=\"a  plain\n\tebuild\"\nSLOT=\"0\"\nsrc_install() { :; }\n");
  r.add("inherits", "EAPI=8\ninherit base\nDESCRIPTION=\"x\"\nSLOT=\"0\"\n");
  r.add("noeapi", "DESCRIPTION=\"x\"\nSLOT=\"0\"\n");
  RunReport rep = r.run(regen_test::env_options(env, 2));
  REQUIRE(rep.fatal.empty());
  REQUIRE(rep.outcomes.size() == 3);
  for (const Outcome& o : rep.outcomes) {
    INFO((o.failure ? o.failure->message : std::string()));
    REQUIRE(o.ok());
  }
  const Outcome& plain = rep.outcomes[0];
  CHECK(plain.md5_dict == "DEFINED_PHASES=install\nDESCRIPTION=a plain ebuild\nEAPI=7\nSLOT=0\n_md5_=" +
                              md5_hex(regen_test::read_file(r.jobs[0].path)) + "\n");
  CHECK(rep.outcomes[1].entry->get(CacheKey::ECLASSES) ==
        "base\t" + md5_hex(regen_test::read_file(r.dir / "eclass/base.eclass")));
  CHECK(rep.outcomes[1].entry->get(CacheKey::DEFINED_PHASES) == "compile");
  CHECK(rep.outcomes[2].entry->get(CacheKey::EAPI) == "0");
}

TEST_CASE("EAPIs that are not sourced", "[regen][pool]") {
  PoolRepo r;
  r.add("empty", "EAPI=\"\"\nDESCRIPTION=x\n");
  r.add("future", "# c\nEAPI=42\nDESCRIPTION=x\n");
  r.add("late", "DESCRIPTION=x\nEAPI=8\n");
  RunReport rep = r.run(regen_test::stub_options(1));
  REQUIRE(rep.outcomes[0].failure);
  CHECK(rep.outcomes[0].failure->reason == Reason::EapiMismatch);
  CHECK(rep.outcomes[0].failure->line == 1);
  REQUIRE(rep.outcomes[1].failure);
  CHECK(rep.outcomes[1].failure->reason == Reason::UnsupportedEapi);
  CHECK(rep.outcomes[1].failure->line == 2);
  CHECK_FALSE(rep.outcomes[1].ebuild_md5.empty());
  REQUIRE(rep.outcomes[2].failure);
  CHECK(rep.outcomes[2].failure->reason == Reason::EapiMismatch);
  CHECK(rep.outcomes[2].failure->message == "valid EAPI assignment must occur on or before line: 1");
}

TEST_CASE("the time limit kills the worker and a new one takes over", "[regen][pool]") {
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  INFO("environment: " << env);
  PoolRepo r;
  r.add("a-loop", "EAPI=8\nwhile :; do :; done\n");
  r.add("b-sleep", "EAPI=8\nread -r -t 100 x < <(while :; do :; done)\n");
  r.add("c-good", kGood);
  Options opts = regen_test::env_options(env, 1);
  opts.limits.timeout_s = 1;
  auto t0 = std::chrono::steady_clock::now();
  RunReport rep = r.run(opts);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(rep.outcomes[0].failure);
  CHECK(rep.outcomes[0].failure->reason == Reason::Timeout);
  CHECK_THAT(rep.outcomes[0].failure->message, Catch::Contains("longer than 1 s"));
  REQUIRE(rep.outcomes[1].failure);
  CHECK(rep.outcomes[1].failure->reason == Reason::Timeout);
  CHECK(rep.outcomes[2].ok());
  CHECK(secs < 10);
}

TEST_CASE("a crashed worker is replaced", "[regen][pool]") {
  PoolRepo r;
  // Without the sandbox's pid namespace an ebuild can kill its worker.
  r.add("a-kill", "EAPI=8\nkill -9 $$\n");
  r.add("b-good", kGood);
  r.add("c-kill", "EAPI=8\nkill -9 $$\n");
  r.add("d-good", kGood);
  Options opts = regen_test::stub_options(1);
  opts.sandbox = false;
  RunReport rep = r.run(opts);
  REQUIRE(rep.outcomes[0].failure);
  CHECK(rep.outcomes[0].failure->reason == Reason::WorkerCrash);
  CHECK(rep.outcomes[1].ok());
  REQUIRE(rep.outcomes[2].failure);
  CHECK(rep.outcomes[2].failure->reason == Reason::WorkerCrash);
  CHECK(rep.outcomes[3].ok());
}

TEST_CASE("nothing leaks from one ebuild to the next", "[regen][pool]") {
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  INFO("environment: " << env);
  PoolRepo r;
  r.add("a-set", "EAPI=8\nLEAK=yes\nleak_fn() { :; }\nexport EXPORTED=yes\necho x > \"$T/file\"\ncd /\nset -f\n"
                 "DESCRIPTION=set\n");
  r.add("b-see",
        "EAPI=8\nDESCRIPTION=\"${LEAK:-no} $(declare -F leak_fn || echo nofn) ${EXPORTED:-no} "
        "$([[ -e $T/file ]] && echo file || echo nofile) $([[ $- == *f* ]] && echo noglob || echo glob)\"\n");
  RunReport rep = r.run(regen_test::env_options(env, 1));  // one worker: both run in it
  REQUIRE(rep.outcomes[1].ok());
  CHECK(rep.outcomes[1].entry->get(CacheKey::DESCRIPTION) == "no nofn no nofile glob");
}

TEST_CASE("the sandbox: environment, stdin, private directory, network, privileges", "[regen][pool][sandbox]") {
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  INFO("environment: " << env);
  setenv("PKGSCAN_TEST_SECRET", "leaked", 1);
  PoolRepo r;
  r.add("probe",
        "EAPI=8\n"
        "read -r line\n"
        "DESCRIPTION=\"secret=${PKGSCAN_TEST_SECRET:-none} stdin=${line:-eof} pwd=$PWD uid=$UID\"\n"
        "HOMEPAGE=\"$( (exec 5<>/dev/tcp/127.0.0.1/9) 2>&1 )\"\n"
        "SLOT=0\n");
  RunReport rep = r.run(regen_test::env_options(env, 1));
  unsetenv("PKGSCAN_TEST_SECRET");
  REQUIRE(rep.outcomes[0].ok());
  const std::string desc = rep.outcomes[0].entry->get(CacheKey::DESCRIPTION);
  CHECK_THAT(desc, Catch::Contains("secret=none"));
  CHECK_THAT(desc, Catch::Contains("stdin=eof"));
  CHECK_THAT(desc, Catch::Contains("pwd=/tmp/pkgscan-regen."));
  // The private directory is gone after the run.
  std::string pwd = desc.substr(desc.find("pwd=") + 4);
  pwd = pwd.substr(0, pwd.find(' '));
  CHECK(access(pwd.c_str(), F_OK) != 0);
  const Protections& p = rep.protections;
  INFO(describe_protections(p));
  if (getuid() == 0) {
    CHECK(p.unprivileged);
    CHECK_THAT(desc, Catch::Contains("uid=65534"));
  }
  if (p.no_network) CHECK_THAT(rep.outcomes[0].entry->get(CacheKey::HOMEPAGE), Catch::Contains("unreachable"));
  // This machine (root, namespaces allowed) must give every protection.
  if (getuid() == 0 && probe_protections().user_namespace) {
    CHECK(p.user_namespace);
    CHECK(p.pid_namespace);
    CHECK(p.no_network);
    CHECK(p.read_only);
    CHECK(p.process_limit);
  }
}

TEST_CASE("hostile ebuilds each end in one failure and change nothing", "[regen][pool][hostile]") {
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  INFO("environment: " << env);
  PoolRepo r;
  r.add("a-die", "EAPI=8\ndie \"at global scope\"\n");
  r.add("b-syntax", "EAPI=8\nif then fi (\n");
  r.add("c-exit", "EAPI=8\nexit 0\n");
  r.add("d-loop", "EAPI=8\nwhile :; do :; done\n");
  r.add("e-forkloop", "EAPI=8\nbomb() { bomb | bomb & }\nbomb\nwait\nwhile :; do :; done\n");
  r.add("f-output", "EAPI=8\nx=$(printf '%*s' 1048576 '')\nwhile :; do echo \"$x\"; done\n");
  r.add("g-killparent", "EAPI=8\nkill -9 $$ 0\nwhile :; do :; done\n");
  r.add("h-stdin", "EAPI=8\nread -r x || die \"stdin is empty\"\n");
  r.add("i-write", "EAPI=8\necho evil > \"${BASH_SOURCE[0]%/*}/evil\" || die \"cannot write next to the ebuild\"\n");
  r.add("j-good", kGood);
  const std::string before = snapshot(r.dir.path());
  Options opts = regen_test::env_options(env, 2);
  opts.limits.timeout_s = 3;
  opts.limits.cpu_s = 3;
  opts.limits.output_bytes = 4 << 20;
  opts.limits.processes = 64;
  RunReport rep = r.run(opts);
  REQUIRE(rep.fatal.empty());
  for (std::size_t i = 0; i + 1 < rep.outcomes.size(); ++i) {
    INFO(r.jobs[i].pf);
    REQUIRE(rep.outcomes[i].failure);
    CHECK_FALSE(rep.outcomes[i].entry);
  }
  CHECK(rep.outcomes[0].failure->reason == Reason::Die);
  CHECK(rep.outcomes[0].failure->message == "at global scope");
  CHECK(rep.outcomes.back().ok());
  CHECK(snapshot(r.dir.path()) == before);
  if (rep.protections.read_only || rep.protections.unprivileged)
    CHECK(access((r.dir / "cat/i-write/evil").c_str(), F_OK) != 0);
}

TEST_CASE("bad input: an ebuild that is a directory or missing", "[regen][pool]") {
  PoolRepo r;
  regen_test::mkdirs(r.dir / "cat/dir/dir-1.ebuild");
  r.jobs.push_back({"cat", "dir-1", r.dir / "cat/dir/dir-1.ebuild"});
  r.jobs.push_back({"cat", "gone-1", r.dir / "cat/gone/gone-1.ebuild"});
  r.add("good", kGood);
  RunReport rep = r.run(regen_test::stub_options(1));
  REQUIRE(rep.outcomes[0].failure);
  CHECK(rep.outcomes[0].failure->reason == Reason::Unreadable);
  CHECK(rep.outcomes[0].failure->file == r.dir / "cat/dir/dir-1.ebuild");
  REQUIRE(rep.outcomes[1].failure);
  CHECK(rep.outcomes[1].failure->reason == Reason::Unreadable);
  CHECK(rep.outcomes[2].ok());
}

TEST_CASE("a missing worker is a fatal error for every job, not a crash", "[regen][pool]") {
  PoolRepo r;
  r.add("good", kGood);
  Options opts;
  opts.env_dir = r.dir / "nowhere";
  RunReport rep = r.run(opts);
  CHECK_THAT(rep.fatal, Catch::Contains("worker.bash"));
  REQUIRE(rep.outcomes[0].failure);
}

TEST_CASE("RegenPool starts no worker before the first ebuild", "[regen][pool]") {
  PoolRepo r;
  r.add("good", kGood);
  auto repos = regen_test::open_repos(r.dir.path());
  RegenPool pool(*repos->set, regen_test::stub_options(2));
  CHECK(pool.fatal().empty());
  CHECK_FALSE(pool.protections().pid_namespace);  // not decided yet
  Outcome o = pool.regenerate(r.jobs[0]);
  CHECK(o.ok());
}

TEST_CASE("bad input: non-UTF-8 bytes and values of megabytes", "[regen][pool]") {
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  INFO("environment: " << env);
  PoolRepo r;
  r.add("latin1", "EAPI=8\nDESCRIPTION=$'caf\\xe9 cr\\xe8me'\nSLOT=0\n");
  r.add("huge", "EAPI=8\nSRC_URI=$(printf 'https://example.org/f%d.tar.gz ' {1..100000})\nSLOT=0\n");
  RunReport rep = r.run(regen_test::env_options(env, 1));
  REQUIRE(rep.outcomes[0].ok());
  CHECK(rep.outcomes[0].entry->get(CacheKey::DESCRIPTION) == "caf\xEF\xBF\xBD cr\xEF\xBF\xBDme");
  REQUIRE(rep.outcomes[1].ok());
  const std::string& src = rep.outcomes[1].entry->get(CacheKey::SRC_URI);
  CHECK(src.size() > 2'500'000);
  CHECK(src.rfind("https://example.org/f100000.tar.gz") == src.size() - 34);
  CHECK(rep.outcomes[1].entry->issues.empty());
}

TEST_CASE("the memory limit stops an ebuild, the next one runs", "[regen][pool]") {
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  INFO("environment: " << env);
  PoolRepo r;
  r.add("a-hog", "EAPI=8\nprintf -v x '%*s' 800000000 ''\nDESCRIPTION=\"${#x}\"\nSLOT=0\n");
  r.add("b-good", kGood);
  Options opts = regen_test::env_options(env, 1);
  opts.limits.memory_bytes = 64 << 20;
  RunReport rep = r.run(opts);
  REQUIRE(rep.outcomes[0].failure);
  CHECK(rep.outcomes[1].ok());
}

TEST_CASE("a reply larger than the cap is refused, not buffered without end", "[regen][pool]") {
  PoolRepo r;
  r.add("a-big", kGood);
  // A worker that answers every request with 2 MiB of metadata.
  regen_test::TempDir env;
  write_file(env / "worker.bash",
             "while IFS= read -r -d '' f <&3; do\n"
             "  [[ -n $f ]] && continue\n"
             "  big=x; for i in {1..21}; do big+=$big; done\n"
             "  printf 'STATUS=ok\\0DESCRIPTION=%s\\0\\0' \"$big\" >&4\n"
             "done\n");
  std::system(("chmod -R o+rX '" + env.path() + "'").c_str());
  Options opts;
  opts.env_dir = env.path();
  opts.jobs = 1;
  opts.limits.reply_bytes = 1 << 20;
  RunReport rep = r.run(opts);
  REQUIRE(rep.outcomes[0].failure);
  CHECK(rep.outcomes[0].failure->reason == Reason::Limit);
  CHECK_THAT(rep.outcomes[0].failure->message, Catch::Contains("exceeds 1048576 bytes"));
}

TEST_CASE("EAPI 9 on an older bash: sourced, with one notice for the run", "[regen][pool]") {
  if (!regen_test::real_env_present()) return;
  PoolRepo r;
  r.add("a-nine", "EAPI=9\nDESCRIPTION=\"nine\"\nSLOT=\"0\"\n");
  r.add("b-nine", "EAPI=9\nDESCRIPTION=\"nine too\"\nSLOT=\"0\"\n");
  RunReport rep = r.run(regen_test::env_options("real", 2));
  REQUIRE(rep.outcomes[0].ok());
  REQUIRE(rep.outcomes[1].ok());
  CHECK(rep.outcomes[0].entry->get(CacheKey::EAPI) == "9");
  if (bash_version() < 503) {
    REQUIRE(rep.notices.size() == 1);  // the same notice from both ebuilds, said once
    CHECK_THAT(rep.notices[0], Catch::Contains("BASH_COMPAT=5.2"));
  }
}

TEST_CASE("root with a repository nobody can read: uid 0 without capabilities", "[regen][pool][sandbox]") {
  if (getuid() != 0) return;
  const std::string env = GENERATE(as<std::string>{}, "stub", "real");
  if (env == "real" && !regen_test::real_env_present()) return;
  regen_test::TempDir outer;
  chmod(outer.path().c_str(), 0700);  // like a checkout under /root
  const std::string root = outer / "repo";
  regen_test::make_repo(root, "private");
  write_file(root + "/cat/a/a-1.ebuild", "EAPI=8\nDESCRIPTION=\"uid=$UID\"\nSLOT=0\n");
  write_file(root + "/cat/b/b-1.ebuild",
             "EAPI=8\necho evil > \"${BASH_SOURCE[0]%/*}/evil\" || die \"cannot write next to the ebuild\"\n");
  auto repos = regen_test::open_repos(root);
  std::vector<Job> jobs = {{"cat", "a-1", root + "/cat/a/a-1.ebuild"}, {"cat", "b-1", root + "/cat/b/b-1.ebuild"}};
  RunReport rep = regenerate(*repos->set, jobs, regen_test::env_options(env, 1));
  INFO(describe_protections(rep.protections));
  REQUIRE(rep.outcomes[0].ok());
  CHECK(rep.outcomes[0].entry->get(CacheKey::DESCRIPTION) == "uid=0");
  REQUIRE_FALSE(rep.protections.notices.empty());
  CHECK_THAT(rep.protections.notices[0], Catch::Contains("not readable by others"));
  REQUIRE(rep.outcomes[1].failure);
  CHECK(access((root + "/cat/b/evil").c_str(), F_OK) != 0);
  if (probe_protections().user_namespace) {
    CHECK(rep.protections.user_namespace);
    CHECK(rep.protections.read_only);
  }
}
