// The cache layer: repository md5-cache, user cache, regeneration (see
// include/pkgscan/metadata_layer.hpp).
#include "pkgscan/metadata_layer.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <functional>
#include <thread>

#include "pkgscan/index.hpp"
#include "pkgscan/scan.hpp"
#include "pkgscan/utf8.hpp"

namespace pkgscan {

namespace {

// Plain POSIX file helpers: the user cache lives on the real disk whatever
// FileSystem the repository is read through (a git tree, the index).
bool read_whole(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char chunk[16384];
  for (;;) {
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return n == 0;
    }
    out.append(chunk, static_cast<std::size_t>(n));
  }
}

bool write_whole(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  std::size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    off += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0;
}

// Writes `path` whole or not at all: a unique temporary file next to it,
// then rename, so a concurrent reader (another scan of the same repository)
// sees the old file or the new one, never a part.
bool write_atomically(const std::string& path, const std::string& text) {
  std::size_t slash = path.rfind('/');
  std::string tmp = path.substr(0, slash + 1) + "." + path.substr(slash + 1) + ".tmp." + std::to_string(::getpid()) +
                    "." + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  if (write_whole(tmp, text) && ::rename(tmp.c_str(), path.c_str()) == 0) return true;
  ::unlink(tmp.c_str());
  return false;
}

// Holds an exclusive flock on a file while it lives (none when the file
// cannot be opened: then nothing is serialised, as before there was a lock).
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ >= 0)
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// mkdir -p; true when the directory exists afterwards.
bool make_dirs(const std::string& path) {
  if (path.empty()) return false;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  std::size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0 && !make_dirs(path.substr(0, slash))) return false;
  return ::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST;
}

// "science-3f2a…": readable, and unique per repository path.
std::string cache_dir_name(const std::string& repo_root) {
  std::string base = repo_root;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  base = base.substr(base.rfind('/') + 1);
  std::string safe;
  for (char c : base) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  if (safe.empty() || safe[0] == '.') safe = "repo" + safe;
  return safe + "-" + md5_hex(repo_root).substr(0, 16);
}

constexpr const char* kStampFile = "pkgscan-user-cache";
constexpr const char* kLockFile = "pkgscan-user-cache.lock";

// Entries written by another ebuild environment may differ: the user cache
// is stamped with its format and a hash of the environment's files.
std::string user_cache_stamp(const std::string& data_dir) {
  std::string all;
  std::vector<DirEntry> files;
  RealFileSystem real;
  std::string env_dir = join_path(data_dir, "ebuild-env");
  if (real.list_dir(env_dir, files, nullptr)) {
    std::sort(files.begin(), files.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    std::string buf;
    for (const DirEntry& f : files)
      if (f.type == FileType::Regular && real.read_file(join_path(env_dir, f.name), buf, nullptr))
        all += f.name + '\0' + buf + '\0';
  }
  return "pkgscan user cache 1\nenvironment " + md5_hex(all) + "\n";
}


}  // namespace

std::string_view entry_source_name(EntrySource s) {
  switch (s) {
    case EntrySource::RepoCache: return "repository cache";
    case EntrySource::UserCache: return "user cache";
    case EntrySource::Regenerated: return "regenerated";
    case EntrySource::None: return "none";
  }
  return "none";
}

// --- UserCache ---------------------------------------------------------------

std::string UserCache::default_base() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return std::string(x) + "/pkgscan";
  if (const char* h = std::getenv("HOME"); h && *h == '/') return std::string(h) + "/.cache/pkgscan";
  return {};
}

UserCache::UserCache(std::string base, const std::string& repo_root, std::string stamp)
    : stamp_(std::move(stamp)) {
  if (!base.empty()) dir_ = base + "/" + cache_dir_name(repo_root);
  open();
}

// The stamp file says which format and ebuild environment wrote the entries.
// Anything else (another version, a missing or garbled stamp next to
// entries) means the entries cannot be trusted: they are removed, category
// directory by category directory, and rebuilt as the scan goes.
//
// Two scans of the same repository may open it at once: the stamp is read,
// and the entries reset, under an exclusive lock, so only the first of them
// resets (the second finds the stamp it wrote), and the stamp is written
// atomically, so no reader ever sees half of one and takes it for another
// version's.
void UserCache::open() {
  if (dir_.empty() || !make_dirs(dir_)) return;
  FileLock lock(dir_ + "/" + kLockFile);
  std::string stamp_path = dir_ + "/" + kStampFile;
  std::string found;
  bool has_stamp = read_whole(stamp_path, found);
  if (has_stamp && found == stamp_) {
    usable_ = true;
    return;
  }
  // Remove what an earlier version wrote (only our own layout: <cat>/<PF>).
  if (DIR* d = ::opendir(dir_.c_str())) {
    bool had_entries = false;
    while (dirent* ent = ::readdir(d)) {
      std::string name = ent->d_name;
      if (name == "." || name == ".." || name == kStampFile || name == kLockFile) continue;
      std::string sub = dir_ + "/" + name;
      if (DIR* c = ::opendir(sub.c_str())) {
        while (dirent* f = ::readdir(c)) {
          std::string fn = f->d_name;
          if (fn != "." && fn != "..") ::unlink((sub + "/" + fn).c_str());
        }
        ::closedir(c);
        ::rmdir(sub.c_str());
        had_entries = true;
      } else {
        ::unlink(sub.c_str());
      }
    }
    ::closedir(d);
    if (had_entries || has_stamp) {
      reset_ = true;
      reset_reason_ = has_stamp ? "written by another version of pkgscan or its ebuild environment"
                                : "no valid version stamp";
    }
  }
  usable_ = write_atomically(stamp_path, stamp_);
}

bool UserCache::read(const std::string& category, const std::string& pf, std::string& out, Slot slot) const {
  if (!usable_) return false;
  return read_whole(dir_ + "/" + category + "/" + pf + (slot == Slot::Previous ? "~" : ""), out);
}

void UserCache::write(const std::string& category, const std::string& pf, const std::string& text) const {
  if (!usable_) return;
  std::string cat_dir = dir_ + "/" + category;
  if (!make_dirs(cat_dir)) {
    ++write_errors_;
    return;
  }
  const std::string last = cat_dir + "/" + pf;
  ::rename(last.c_str(), (last + "~").c_str());  // none yet is fine: there is no previous entry then
  if (!write_atomically(last, text)) ++write_errors_;
}

// --- MetadataLayer -----------------------------------------------------------

MetadataLayer::MetadataLayer(const RepoSet& repos, MetadataLayerOptions opts, std::unique_ptr<Regenerator> regen,
                             std::unique_ptr<UserCache> user_cache)
    : repos_(repos), opts_(opts), regen_(std::move(regen)), user_cache_(std::move(user_cache)) {}

MetadataLayer::~MetadataLayer() = default;

bool MetadataLayer::regenerates(const Repository& repo) const {
  return opts_.regen && !opts_.trust_cache && regen_ && repo.has_ebuilds();
}

void MetadataLayer::provide(const Repository& repo, Ebuild& e) const {
  thread_local std::string buf;
  EntryOrigin& o = e.origin;
  std::string err;

  // 1. The repository's own entry.
  const std::string cache_abs = repo.abs(e.cache_path);
  if (repo.fs().read_file(cache_abs, buf, &err)) {
    e.has_cache = true;
    e.entry = parse_cache_entry(buf);
    o.repo_entry = true;
  } else if (repo.fs().stat(cache_abs) != FileType::Missing) {
    e.cache_error = err.empty() ? "cannot read cache entry" : err;
    o.repo_entry = true;
  }
  o.source = e.has_cache ? EntrySource::RepoCache : EntrySource::None;
  if (!regenerates(repo) || e.ebuild_path.empty()) {
    if (e.has_cache) ++from_repo_;
    return;
  }

  // Freshness needs the ebuild's bytes; they are also what gets sourced.
  auto bytes = std::make_shared<std::string>();
  std::string& text = *bytes;
  FileInfo read;
  if (!repo.fs().read_file_info(repo.abs(e.ebuild_path), text, &err, read)) {
    o.failure = SourcingFailure{"io", "cannot read the ebuild: " + (err.empty() ? std::string("unreadable") : err),
                                e.ebuild_path, 0};
    e.has_cache = false;
    e.entry = CacheEntry{};
    o.source = EntrySource::None;
    ++failed_;
    return;
  }
  o.checked = true;
  o.ebuild_executable = read.executable;
  o.ebuild_md5 = md5_hex(text);
  o.ebuild_invalid_utf8 = invalid_utf8_at(text);
  if (&repo == &repos_.main()) o.ebuild_text = bytes;
  if (e.has_cache) {
    o.repo_issues = e.entry.issues;
    o.repo_freshness = check_freshness(e.entry, o.ebuild_md5, repos_);
    // Unverifiable: an eclass lives in a master we do not have, so sourcing
    // could not do better than the entry the repository ships.
    if ((o.repo_freshness.state == Freshness::Fresh || o.repo_freshness.state == Freshness::Unverifiable) &&
        o.repo_issues.empty()) {
      ++from_repo_;
      return;
    }
  }

  // 2. The user cache (its last entry, then the one before), under the same freshness rule.
  const std::string category(e.category.str());
  for (UserCache::Slot slot : {UserCache::Slot::Last, UserCache::Slot::Previous}) {
    if (!user_cache_ || !user_cache_->read(category, e.pf, buf, slot)) continue;
    CacheEntry cached = parse_cache_entry(buf);
    if (cached.issues.empty() && check_freshness(cached, o.ebuild_md5, repos_).state == Freshness::Fresh) {
      e.entry = std::move(cached);
      e.has_cache = true;
      o.source = EntrySource::UserCache;
      ++from_user_;
      return;
    }
    if (!cached.issues.empty() || cached.get(CacheKey::MD5).empty()) ++corrupt_;
  }

  // 3. Source the ebuild.
  SourcedEntry s = regen_->regenerate(repo, category, e.pf, e.ebuild_path, text);
  if (!s.notice.empty()) {
    std::lock_guard<std::mutex> lock(notices_mu_);
    notices_.insert(s.notice);
  }
  if (!s.ok) {
    o.failure = std::move(s.failure);
    e.has_cache = false;
    e.entry = CacheEntry{};
    o.source = EntrySource::None;
    ++failed_;
    return;
  }
  e.entry = parse_cache_entry(s.md5_dict);
  e.has_cache = true;
  e.cache_error.clear();
  o.source = EntrySource::Regenerated;
  if (user_cache_) user_cache_->write(category, e.pf, s.md5_dict);
  std::uint64_t n = ++regenerated_;
  if (progress_) progress_(n);
}

std::unique_ptr<MetadataLayer> make_metadata_layer(const RepoSet& repos, std::unique_ptr<Regenerator> regen,
                                                   const std::string& data_dir, const std::string& user_cache_base) {
  std::string base = user_cache_base.empty() ? UserCache::default_base() : user_cache_base;
  auto user_cache = std::make_unique<UserCache>(base, repos.main().root(), user_cache_stamp(data_dir));
  return std::make_unique<MetadataLayer>(repos, MetadataLayerOptions{}, std::move(regen), std::move(user_cache));
}

std::unique_ptr<MetadataLayer> open_scan_metadata(const RepoSet& repos, const RegeneratorFactory& make_regenerator,
                                                  const RegenSettings& settings, const std::string& user_cache_base,
                                                  std::string* err) {
  std::string why;
  std::unique_ptr<Regenerator> regen = make_regenerator(repos, settings, &why);
  if (!regen && !why.empty()) {
    if (err) *err = why;
    return nullptr;
  }
  return make_metadata_layer(repos, std::move(regen), settings.data_dir, user_cache_base);
}

MetadataLayer::Stats MetadataLayer::stats() const {
  Stats s;
  s.from_repo = from_repo_;
  s.from_user_cache = from_user_;
  s.regenerated = regenerated_;
  s.failed = failed_;
  s.corrupt_user_entries = corrupt_;
  return s;
}

std::set<std::string> MetadataLayer::notices() const {
  std::lock_guard<std::mutex> lock(notices_mu_);
  return notices_;
}

}  // namespace pkgscan
