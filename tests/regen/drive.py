#!/usr/bin/env python3
"""Test/development tool: drives data/ebuild-env/worker.bash without the C++ pool.

This is NOT part of pkgscan. It speaks the request/reply contract of
data/ebuild-env/README.md (NUL-separated NAME=VALUE fields on fd 3 and fd 4)
to one or more bash workers, sources the ebuilds of a repository and compares
every reply with the repository's metadata/md5-cache entry, key by key:

  * a value absent from the cache equals an empty reply value (Portage omits
    empty values; pkgcore writes whitespace-only ones as `KEY=`);
  * _eclasses_ is compared by name only, as a set, against the names in the
    reply's INHERITED (md5s and their order are the C++ side's business);
  * INHERIT is skipped when no entry of the cache has it (Portage < 3.0.24);
  * an entry is "reproducible" when every eclass in its _eclasses_ is found on
    our eclass path with the md5 the cache records; only those are compared.

Expected failures (hostile fixtures) are listed in <repo>/expected-failures.txt
as lines `category/PF REASON[|REASON...] [substring of MESSAGE]`.

Examples:
  drive.py /tmp/trees/whaleos-portage-stable
  drive.py /tmp/trees/science --eclass-dir /tmp/trees/flatcar-portage-stable/eclass
  drive.py /tmp/trees/flatcar-portage-stable -j2 --expect-ok
  drive.py tests/repos/regen --strict
Exit status: 0 when every check passed, 1 otherwise.
"""

import argparse
import hashlib
import os
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ENV = os.path.normpath(os.path.join(HERE, "..", "..", "data", "ebuild-env"))
NOBODY = 65534

KEYS = ["DEPEND", "RDEPEND", "SLOT", "SRC_URI", "RESTRICT", "HOMEPAGE", "LICENSE", "DESCRIPTION",
        "KEYWORDS", "INHERITED", "IUSE", "REQUIRED_USE", "PDEPEND", "BDEPEND", "EAPI", "PROPERTIES",
        "DEFINED_PHASES", "IDEPEND", "INHERIT"]

# PMS version (without revision), for splitting PF.
VERSION_RE = re.compile(r"^(?P<pn>.+)-(?P<pv>[0-9]+(\.[0-9]+)*[a-z]?((_(alpha|beta|pre|rc|p)[0-9]*)*))"
                        r"(-r(?P<rev>[0-9]+))?$")
# Portage's EAPI assignment on the first non-blank, non-comment line.
EAPI_RE = re.compile(r"^[ \t]*EAPI=(['\"]?)([A-Za-z0-9+_.-]*)\1[ \t]*([ \t]#.*)?$")
BLANK_RE = re.compile(r"^\s*(#.*)?$")


def parse_eapi_head(path):
    """(eapi, line, assigned) as Portage's _parse_eapi_ebuild_head sees the head."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    for n, line in enumerate(text.splitlines(), 1):
        if BLANK_RE.match(line):
            continue
        m = EAPI_RE.match(line)
        if m:
            return m.group(2), n, True
        return "0", n, False
    return "0", 0, False


def md5_file(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def read_cache(path):
    entry = {}
    with open(path, "rb") as f:
        for line in f.read().decode("utf-8", "replace").splitlines():
            k, sep, v = line.partition("=")
            if sep:
                entry[k] = v
    return entry


class Worker:
    """One worker.bash process, speaking the contract."""

    def __init__(self, env_dir, base_tmp, user):
        self.env_dir = env_dir
        self.user = user
        self.home = tempfile.mkdtemp(prefix="worker.", dir=base_tmp)
        if user is not None:
            os.chown(self.home, user, user)
        self.proc = None
        self.buf = b""
        self.start()

    def start(self):
        req_r, self.req_w = os.pipe()
        self.rep_r, rep_w = os.pipe()
        worker = os.path.join(self.env_dir, "worker.bash")
        # A tiny shim puts the pipes on fds 3 and 4, then becomes the worker.
        shim = 'exec 3<&"$1" 4>&"$2" && exec "$BASH" --noprofile --norc "$0"'
        kwargs = {}
        if self.user is not None:
            kwargs.update(user=self.user, group=self.user, extra_groups=[])

        def limits():
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        self.proc = subprocess.Popen(
            ["/bin/bash", "-c", shim, worker, str(req_r), str(rep_w)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(req_r, rep_w), cwd=self.home, start_new_session=True,
            env={"PKGSCAN_ENV_DIR": self.env_dir, "LC_ALL": "C", "HOME": self.home, "TMPDIR": self.home},
            preexec_fn=limits, **kwargs)
        os.close(req_r)
        os.close(rep_w)
        self.buf = b""

    def kill(self):
        """Kill the worker's whole session: its process group and the
        per-ebuild children's groups (job control gives them their own)."""
        sid = self.proc.pid
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat", "rb") as f:
                    stat = f.read()
                fields = stat[stat.rindex(b")") + 2:].split()
                if int(fields[3]) == sid:  # session id
                    os.kill(int(pid), signal.SIGKILL)
            except (OSError, ValueError):
                pass
        try:
            os.killpg(sid, signal.SIGKILL)
        except OSError:
            pass
        self.proc.wait()
        for fd in (self.req_w, self.rep_r):
            try:
                os.close(fd)
            except OSError:
                pass

    def close(self):
        try:
            os.close(self.req_w)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.kill()
        shutil.rmtree(self.home, ignore_errors=True)

    def exchange(self, fields, timeout):
        """Send one request; returns (reply fields as list of (k, v)) or a
        string describing a worker death/timeout (the worker is restarted)."""
        data = b"".join(k.encode() + b"=" + v.encode() + b"\0" for k, v in fields) + b"\0"
        deadline = time.monotonic() + timeout
        try:
            os.write(self.req_w, data)
        except OSError as e:
            self.kill()
            self.start()
            return f"worker-crash: writing the request: {e}"
        out = []
        while True:
            while b"\0" in self.buf:
                field, _, self.buf = self.buf.partition(b"\0")
                if not field:
                    if self.buf:
                        self.kill()
                        self.start()
                        return "worker-crash: more than one reply"
                    return out
                k, _, v = field.partition(b"=")
                out.append((k.decode(), v.decode("utf-8", "surrogateescape")))
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                self.start()
                return "timeout"
            r, _, _ = select.select([self.rep_r], [], [], left)
            if not r:
                continue
            chunk = os.read(self.rep_r, 65536)
            if not chunk:
                self.kill()
                self.start()
                return "worker-crash: the worker exited"
            self.buf += chunk


class Repo:
    def __init__(self, root, eclass_dirs, portdir):
        self.root = os.path.abspath(root)
        self.eclass_dirs = eclass_dirs
        self.portdir = portdir
        self._eclass_md5 = {}
        self.cache_dir = os.path.join(self.root, "metadata", "md5-cache")

    def ebuilds(self):
        out = []
        for cat in sorted(os.listdir(self.root)):
            cdir = os.path.join(self.root, cat)
            if cat in ("eclass", "metadata", "profiles", "licenses", "scripts") or cat.startswith("."):
                continue
            if not os.path.isdir(cdir):
                continue
            for pkg in sorted(os.listdir(cdir)):
                pdir = os.path.join(cdir, pkg)
                if not os.path.isdir(pdir):
                    continue
                for f in sorted(os.listdir(pdir)):
                    if f.endswith(".ebuild"):
                        out.append((cat, f[:-len(".ebuild")], os.path.join(pdir, f)))
        return out

    def eclass_md5(self, name):
        if name not in self._eclass_md5:
            md5 = None
            for d in self.eclass_dirs:
                p = os.path.join(d, name + ".eclass")
                if os.path.isfile(p):
                    md5 = md5_file(p)
                    break
            self._eclass_md5[name] = md5
        return self._eclass_md5[name]

    def cache_entry(self, cat, pf):
        p = os.path.join(self.cache_dir, cat, pf)
        return read_cache(p) if os.path.isfile(p) else None

    def reproducible(self, entry):
        """Every eclass of the entry is on our path with the recorded md5."""
        items = entry.get("_eclasses_", "").split("\t")
        if items == [""]:
            return True
        for name, md5 in zip(items[0::2], items[1::2]):
            if self.eclass_md5(name) != md5:
                return False
        return True

    def missing_eclasses(self, entry):
        items = entry.get("_eclasses_", "").split("\t")
        return [n for n in items[0::2] if n and self.eclass_md5(n) is None]


def request_for(repo, cat, pf, path, tmp, limits, preload=True):
    m = VERSION_RE.match(pf)
    pn, pv = (m.group("pn"), m.group("pv")) if m else (pf, "")
    rev = m.group("rev") if m else None
    pr = "r" + rev if rev is not None else "r0"
    pvr = pv + ("-" + pr if rev is not None and pr != "r0" else "")
    eapi, line, assigned = parse_eapi_head(path)
    f = [("EBUILD", path), ("CATEGORY", cat), ("PF", pf), ("PN", pn), ("PV", pv), ("PR", pr),
         ("P", pn + "-" + pv), ("PVR", pvr), ("EAPI", eapi), ("EAPI_LINE", str(line)),
         ("EAPI_ASSIGNED", "1" if assigned else "0")]
    f += [("ECLASS_DIR", d) for d in repo.eclass_dirs]
    f += [("PORTDIR", repo.portdir), ("TMP", tmp)]
    f += [("LIMIT_" + k, str(v)) for k, v in limits.items()]
    if not preload:
        f.append(("PRELOAD", "0"))
    return f, eapi, assigned


def compare(repo, entry, reply, check_inherit):
    """Differences between a cache entry and a reply: list of strings."""
    diffs = []
    for key in KEYS:
        if key == "INHERITED":
            continue
        if key == "INHERIT" and not check_inherit:
            continue
        want = entry.get(key, "")
        got = reply.get(key, "")
        if want != got:
            diffs.append(f"{key}: cache {want!r} != ours {got!r}")
    want = set(entry.get("_eclasses_", "").split("\t")[0::2]) - {""}
    got = set(reply.get("INHERITED", "").split())
    if want != got:
        diffs.append(f"_eclasses_: cache {sorted(want)} != INHERITED {sorted(got)}")
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("repo")
    ap.add_argument("--eclass-dir", action="append", default=[],
                    help="further eclass directories after the repo's own eclass/, in search order")
    ap.add_argument("--portdir", help="PORTDIR for EAPI <= 6 (default: the first master, else the repo)")
    ap.add_argument("--env-dir", default=DEFAULT_ENV)
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--limit-cpu", type=int, default=30)
    ap.add_argument("--limit-output", type=int, default=8 << 20)
    ap.add_argument("--limit-mem", type=int, default=2 << 30)
    ap.add_argument("--limit-nproc", type=int, default=256)
    ap.add_argument("--user", choices=["auto", "self", "nobody"], default="auto",
                    help="run workers as nobody (default when root, so that the process limit counts)")
    ap.add_argument("--expect-ok", action="store_true", help="every ebuild must source without error")
    ap.add_argument("--strict", action="store_true",
                    help="every ebuild must have a cache entry or an expected failure, and match it")
    ap.add_argument("--match", help="only ebuilds whose category/PF contains this")
    ap.add_argument("--show", type=int, default=20, help="how many problems to print")
    ap.add_argument("--dump", action="store_true", help="print every reply")
    ap.add_argument("--repeat", type=int, default=1, help="source each ebuild this many times (timing)")
    ap.add_argument("--every", type=int, default=1, help="only every Nth ebuild (timing samples)")
    ap.add_argument("--no-preload", action="store_true", help="send PRELOAD=0 (no preloaded eclasses)")
    args = ap.parse_args()

    root = os.path.abspath(args.repo)
    eclass_dirs = [os.path.join(root, "eclass")] + [os.path.abspath(d) for d in args.eclass_dir]
    portdir = args.portdir or (os.path.dirname(os.path.abspath(args.eclass_dir[0])) if args.eclass_dir else root)
    repo = Repo(root, eclass_dirs, portdir)
    user = None
    if args.user == "nobody" or (args.user == "auto" and os.getuid() == 0):
        user = NOBODY
    limits = {"CPU": args.limit_cpu, "OUTPUT": args.limit_output, "MEM": args.limit_mem,
              "NPROC": args.limit_nproc}

    expected = {}
    exp_path = os.path.join(root, "expected-failures.txt")
    if os.path.isfile(exp_path):
        for line in open(exp_path):
            line = line.strip()
            if line and not line.startswith("#"):
                parts = line.split(None, 2)
                expected[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")

    ebuilds = repo.ebuilds()
    if args.match:
        ebuilds = [e for e in ebuilds if args.match in f"{e[0]}/{e[1]}"]
    ebuilds = ebuilds[::args.every] * args.repeat
    has_cache = os.path.isdir(repo.cache_dir)
    check_inherit = False
    if has_cache:
        for cat in os.listdir(repo.cache_dir):
            if not os.path.isdir(os.path.join(repo.cache_dir, cat)):
                continue
            for pf in os.listdir(os.path.join(repo.cache_dir, cat)):
                if "INHERIT" in read_cache(os.path.join(repo.cache_dir, cat, pf)):
                    check_inherit = True
                    break
            if check_inherit:
                break

    base_tmp = tempfile.mkdtemp(prefix="pkgscan-drive.")
    os.chmod(base_tmp, 0o755)
    results = {}
    lock = threading.Lock()
    queue = list(enumerate(ebuilds))

    def run_worker():
        w = Worker(os.path.abspath(args.env_dir), base_tmp, user)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    i, (cat, pf, path) = queue.pop(0)
                tmp = tempfile.mkdtemp(prefix="req.", dir=w.home)
                if user is not None:
                    os.chown(tmp, user, user)
                req, eapi, assigned = request_for(repo, cat, pf, path, tmp, limits, not args.no_preload)
                if eapi == "" and assigned or not re.fullmatch(r"[0-9]", eapi):
                    results[i] = ("skipped", f"EAPI {eapi!r} not sourced")
                    shutil.rmtree(tmp, ignore_errors=True)
                    continue
                reply = w.exchange(req, args.timeout)
                shutil.rmtree(tmp, ignore_errors=True)
                results[i] = ("reply", reply)
        finally:
            w.close()

    start = time.monotonic()
    threads = [threading.Thread(target=run_worker) for _ in range(max(1, args.jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    shutil.rmtree(base_tmp, ignore_errors=True)

    counts = {"ok": 0, "failed": 0, "compared": 0, "matched": 0, "not-reproducible": 0, "no-cache": 0,
              "skipped": 0, "expected-failure": 0}
    problems = []
    fail_reasons = {}
    for i, (cat, pf, path) in enumerate(ebuilds):
        cpv = f"{cat}/{pf}"
        kind, reply = results[i]
        if kind == "skipped":
            counts["skipped"] += 1
            continue
        if isinstance(reply, str):
            reply_d = {"STATUS": "fail", "REASON": reply.split(":")[0], "MESSAGE": reply}
        else:
            reply_d = dict(reply)
        if args.dump:
            print(cpv, reply_d)
        entry = repo.cache_entry(cat, pf) if has_cache else None
        if reply_d.get("STATUS") != "ok":
            counts["failed"] += 1
            reason = reply_d.get("REASON", "?")
            fail_reasons[reason] = fail_reasons.get(reason, 0) + 1
            desc = f"{cpv}: {reason}: {reply_d.get('MESSAGE', '')} ({reply_d.get('FILE', '')}:{reply_d.get('LINE', '')})"
            if cpv in expected:
                want_reason, want_text = expected[cpv]
                if reason in want_reason.split("|") and want_text in reply_d.get("MESSAGE", ""):
                    counts["expected-failure"] += 1
                else:
                    problems.append(f"{desc} -- expected {want_reason} {want_text!r}")
                continue
            if entry is not None and not repo.reproducible(entry):
                missing = repo.missing_eclasses(entry)
                if reason == "missing-eclass" and any(f"{m}.eclass" in reply_d.get("MESSAGE", "") for m in missing):
                    counts["not-reproducible"] += 1
                    continue
                if not missing:
                    counts["not-reproducible"] += 1
                    continue
            problems.append(desc + ("\n    output: " + reply_d.get("OUTPUT", "")[-600:].replace("\n", "\n    ")
                                    if reply_d.get("OUTPUT") else ""))
            continue
        counts["ok"] += 1
        if cpv in expected:
            problems.append(f"{cpv}: sourced fine, expected {expected[cpv][0]}")
            continue
        if args.expect_ok or entry is None:
            if entry is None:
                counts["no-cache"] += 1
                if args.strict:
                    problems.append(f"{cpv}: no cache entry to compare with")
            if entry is None:
                continue
        if not repo.reproducible(entry):
            counts["not-reproducible"] += 1
            if repo.missing_eclasses(entry):
                problems.append(f"{cpv}: sourced although the cache names eclasses missing here: "
                                f"{repo.missing_eclasses(entry)}")
            continue
        counts["compared"] += 1
        diffs = compare(repo, entry, reply_d, check_inherit)
        if diffs:
            problems.append(f"{cpv}:\n    " + "\n    ".join(diffs))
        else:
            counts["matched"] += 1

    n = len(ebuilds)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    bash_cpu = ru.ru_utime + ru.ru_stime
    print(f"{root}: {n} ebuilds in {elapsed:.1f} s ({n / elapsed if elapsed else 0:.1f}/s, -j{args.jobs}); "
          f"bash CPU {bash_cpu:.1f} s ({1000 * bash_cpu / max(n, 1):.1f} ms/ebuild)")
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if fail_reasons:
        print("  failures by reason: " + ", ".join(f"{k} {v}" for k, v in sorted(fail_reasons.items())))
    if not check_inherit and has_cache:
        print("  (the cache has no INHERIT key: not compared)")
    for p in problems[:args.show]:
        print("PROBLEM " + p)
    if len(problems) > args.show:
        print(f"... {len(problems) - args.show} more problems")
    bad = bool(problems) or (args.expect_ok and counts["failed"] > counts["expected-failure"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
