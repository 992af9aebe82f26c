// floor_perftest: the speed floor a scan is measured against.
//
//   floor_perftest REPO [-j N] [--repeat K] [--package-files]
//
// Reads every metadata/md5-cache entry and MD5-hashes every ebuild of REPO
// once, with N threads, and nothing else: no parsing, no checks. A full scan
// must read the same bytes and compute the same hashes, so its wall time
// divided by this one is the scanner's overhead factor (DESIGN.md §10).
//
// With --package-files it reads instead what the package-file checks add
// (issue 13): every package's Manifest and metadata.xml, each with the
// fstat a scan makes for its executable bit. That is the least those
// checks can cost, before they parse anything. The CPU time (user and
// system) is printed too: the package-file target is one of CPU time.
//
// Listing the files (serial readdir) is timed apart from reading and hashing
// (parallel). With --repeat the best of K runs is printed, which measures a
// warm page cache; the first run of a cold tree includes disk reads.

#include <openssl/evp.h>
#include <sys/resource.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

struct Job {
  std::string path;
  bool hash;  // ebuilds are hashed; cache entries and package files are only read
};

bool package_files = false;  // --package-files

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Names in a directory, sorted so runs are comparable; empty if unreadable.
std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    out.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// Cache entries under metadata/md5-cache/<cat>/, ebuilds under <cat>/<pkg>/.
// Categories come from the cache directory and from profiles/categories-like
// directory names (anything with a '-' or "virtual"), so a repo without a
// cache still lists its ebuilds.
std::vector<Job> list_files(const std::string& repo) {
  std::vector<Job> jobs;
  std::string cache = repo + "/metadata/md5-cache";
  if (!package_files)
    for (const auto& cat : entries(cache))
      for (const auto& pf : entries(cache + "/" + cat)) jobs.push_back({cache + "/" + cat + "/" + pf, false});
  for (const auto& cat : entries(repo)) {
    if (cat == "metadata" || cat == "profiles" || cat == "eclass" || cat == "licenses") continue;
    if (cat.find('-') == std::string::npos && cat != "virtual") continue;
    std::string cdir = repo + "/" + cat;
    if (!is_dir(cdir)) continue;
    for (const auto& pkg : entries(cdir))
      for (const auto& f : entries(cdir + "/" + pkg))
        if (package_files ? f == "Manifest" || f == "metadata.xml" : ends_with(f, ".ebuild"))
          jobs.push_back({cdir + "/" + pkg + "/" + f, !package_files});
  }
  return jobs;
}

// Reads a whole file into buf (reused across calls); false if unreadable.
bool read_file(const std::string& path, std::vector<char>& buf, size_t& size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (package_files && ::fstat(fd, &st) != 0) {  // as the scan, for the executable bit
    ::close(fd);
    return false;
  }
  size = 0;
  for (;;) {
    if (buf.size() - size < 65536) buf.resize(std::max<size_t>(buf.size() * 2, size + 65536));
    ssize_t n = ::read(fd, buf.data() + size, buf.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    size += size_t(n);
  }
  ::close(fd);
  return true;
}

struct RunResult {
  size_t files = 0, bytes = 0, failed = 0;
  double list_ms = 0, read_ms = 0, cpu_ms = 0;  // cpu_ms: of reading, user + system
  unsigned checksum = 0;  // folds the digests so the work cannot be optimised away
};

// User and system time of the whole process so far.
double cpu_ms() {
  rusage ru;
  ::getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

RunResult run_once(const std::string& repo) {
  using clock = std::chrono::steady_clock;
  RunResult r;
  auto t0 = clock::now();
  std::vector<Job> jobs = list_files(repo);
  auto t1 = clock::now();
  const double cpu0 = cpu_ms();  // of reading (and hashing) only: a scan lists the directories anyway

  tbb::enumerable_thread_specific<std::vector<char>> buffers;
  std::atomic<size_t> bytes{0}, failed{0};
  std::atomic<unsigned> checksum{0};
  tbb::parallel_for(tbb::blocked_range<size_t>(0, jobs.size(), 32), [&](const tbb::blocked_range<size_t>& range) {
    std::vector<char>& buf = buffers.local();
    size_t local_bytes = 0, local_failed = 0;
    unsigned local_sum = 0;
    for (size_t i = range.begin(); i != range.end(); ++i) {
      size_t size = 0;
      if (!read_file(jobs[i].path, buf, size)) {
        ++local_failed;
        continue;
      }
      local_bytes += size;
      if (jobs[i].hash) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_Digest(buf.data(), size, digest, &len, EVP_md5(), nullptr);
        local_sum += digest[0];
      } else if (size > 0) {
        local_sum += static_cast<unsigned char>(buf[size - 1]);
      }
    }
    bytes += local_bytes;
    failed += local_failed;
    checksum += local_sum;
  });
  auto t2 = clock::now();

  r.files = jobs.size();
  r.bytes = bytes;
  r.failed = failed;
  r.checksum = checksum;
  r.list_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  r.read_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
  r.cpu_ms = cpu_ms() - cpu0;
  return r;
}

int usage() {
  std::fprintf(stderr, "usage: floor_perftest REPO [-j N] [--repeat K] [--package-files]\n"
                       "Reads every md5-cache entry and MD5-hashes every ebuild once; prints files, bytes, wall ms.\n"
                       "--package-files: reads every package's Manifest and metadata.xml instead.\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string repo;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "-j" || a == "--jobs") && i + 1 < argc) jobs = unsigned(std::max(1, std::atoi(argv[++i])));
    else if (a.rfind("-j", 0) == 0 && a.size() > 2) jobs = unsigned(std::max(1, std::atoi(a.c_str() + 2)));
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--package-files") package_files = true;
    else if (a == "-h" || a == "--help") return usage();
    else if (repo.empty()) repo = a;
    else return usage();
  }
  if (repo.empty()) return usage();
  if (!is_dir(repo + "/metadata/md5-cache")) {
    std::fprintf(stderr, "floor_perftest: %s has no metadata/md5-cache\n", repo.c_str());
    return 2;
  }

  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, jobs);
  RunResult best;
  for (int i = 0; i < repeat; ++i) {
    RunResult r = run_once(repo);
    if (i == 0 || r.list_ms + r.read_ms < best.list_ms + best.read_ms) best = r;
  }
  std::printf("%s: threads %u, files %zu, bytes %zu, list %.1f ms, %s %.1f ms, wall %.1f ms, read CPU %.1f ms",
              package_files ? "package files floor" : "floor", jobs, best.files, best.bytes, best.list_ms,
              package_files ? "read" : "read+hash", best.read_ms, best.list_ms + best.read_ms, best.cpu_ms);
  if (best.failed) std::printf(", unreadable %zu", best.failed);
  std::printf(" (checksum %u)\n", best.checksum);
  return best.failed ? 1 : 0;
}
