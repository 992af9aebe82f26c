// The real file system (plain POSIX calls) and an in-memory one for tests.
#include "pkgscan/fs.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace pkgscan {

namespace {

std::string errno_message(const char* what, int err) {
  std::string msg = what;
  msg += ": ";
  msg += std::strerror(err);
  return msg;
}

FileType type_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return FileType::Regular;
  if (S_ISDIR(mode)) return FileType::Directory;
  return FileType::Other;
}

// Classifies `name` inside the open directory `dirfd`, following symlinks.
// A symlink that cannot be followed (dangling, looping, too deep) is Other
// with a reason, so callers can report it instead of hanging or vanishing.
void classify_at(int dirfd, const char* name, DirEntry& entry) {
  struct stat st;
  if (::fstatat(dirfd, name, &st, 0) == 0) {
    entry.type = type_of_mode(st.st_mode);
    return;
  }
  int err = errno;
  entry.type = FileType::Other;
  if (err == ELOOP)
    entry.problem = "symlink loop";
  else if (err == ENOENT)
    entry.problem = "dangling symlink";
  else
    entry.problem = errno_message("cannot stat", err);
}

}  // namespace

std::string join_path(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  std::string out;
  out.reserve(a.size() + 1 + b.size());
  out.append(a);
  if (out.back() != '/') out += '/';
  if (b.front() == '/') b.remove_prefix(1);
  out.append(b);
  return out;
}

// --- RealFileSystem ----------------------------------------------------------

FileType RealFileSystem::stat(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return type_of_mode(st.st_mode);
  if (errno != ENOENT && errno != ENOTDIR) return FileType::Other;  // ELOOP, EACCES, ...
  // ENOENT through a dangling symlink: the name exists, its target does not.
  if (::lstat(path.c_str(), &st) == 0) return FileType::Other;
  return FileType::Missing;
}

bool RealFileSystem::read_file(const std::string& path, std::string& out, std::string* err) const {
  out.clear();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (err) *err = errno_message("cannot read", errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    if (err) *err = errno_message("cannot stat", errno);
    ::close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    if (err) *err = "cannot read: Is a directory";
    ::close(fd);
    return false;
  }
  // st_size is a hint only (pipes and /proc report 0, files may grow): read
  // until EOF, growing the buffer when the hint was too small.
  std::size_t want = st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 4096;
  std::size_t used = 0;
  out.resize(want);
  for (;;) {
    if (used == out.size()) out.resize(out.size() * 2 + 4096);
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (err) *err = errno_message("cannot read", errno);
      ::close(fd);
      out.clear();
      return false;
    }
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(used);
  return true;
}

bool RealFileSystem::list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const {
  out.clear();
  int dirfd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) {
    if (err) *err = errno_message("cannot list", errno);
    return false;
  }
  DIR* dir = ::fdopendir(dirfd);
  if (!dir) {
    if (err) *err = errno_message("cannot list", errno);
    ::close(dirfd);
    return false;
  }
  while (dirent* d = ::readdir(dir)) {
    const char* name = d->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    DirEntry entry;
    entry.name = name;
    // d_type saves a stat per entry on most file systems; symlinks and
    // unknown types are resolved with fstatat.
    switch (d->d_type) {
      case DT_REG: entry.type = FileType::Regular; break;
      case DT_DIR: entry.type = FileType::Directory; break;
      case DT_LNK:
      case DT_UNKNOWN: classify_at(dirfd, name, entry); break;
      default: entry.type = FileType::Other; break;
    }
    out.push_back(std::move(entry));
  }
  ::closedir(dir);  // closes dirfd too
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return true;
}

// --- VirtualFileSystem -------------------------------------------------------

namespace {

std::string normalise(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string dir_prefix(const std::string& dir) {
  return dir == "/" ? dir : dir + '/';
}

}  // namespace

VirtualFileSystem::VirtualFileSystem() = default;
VirtualFileSystem::~VirtualFileSystem() = default;

VirtualFileSystem::VirtualFileSystem(const VirtualFileSystem& other)
    : files_(other.files_), unreadable_(other.unreadable_), dirs_(other.dirs_) {}

VirtualFileSystem& VirtualFileSystem::operator=(const VirtualFileSystem& other) {
  if (this == &other) return *this;
  files_ = other.files_;
  unreadable_ = other.unreadable_;
  dirs_ = other.dirs_;
  std::lock_guard<std::mutex> lock(disk_mu_);
  disk_.reset();
  return *this;
}

std::string VirtualFileSystem::on_disk(const std::string& path, std::string* err) const {
  DiskCopy* disk;
  {
    std::lock_guard<std::mutex> lock(disk_mu_);
    if (!disk_) disk_ = std::make_unique<DiskCopy>(*this);
    disk = disk_.get();
  }
  return disk->copy(normalise(path), err);
}

void VirtualFileSystem::add_file(const std::string& path, std::string contents) {
  files_[normalise(path)] = std::move(contents);
}

void VirtualFileSystem::add_unreadable(const std::string& path) {
  std::string p = normalise(path);
  files_.try_emplace(p);
  unreadable_[p] = true;
}

void VirtualFileSystem::add_dir(const std::string& path) { dirs_[normalise(path)] = true; }

FileType VirtualFileSystem::stat(const std::string& path) const {
  std::string p = normalise(path);
  if (files_.count(p)) return FileType::Regular;
  if (dirs_.count(p)) return FileType::Directory;
  std::string prefix = dir_prefix(p);
  auto f = files_.lower_bound(prefix);
  if (f != files_.end() && f->first.starts_with(prefix)) return FileType::Directory;
  auto d = dirs_.lower_bound(prefix);
  if (d != dirs_.end() && d->first.starts_with(prefix)) return FileType::Directory;
  return FileType::Missing;
}

bool VirtualFileSystem::read_file(const std::string& path, std::string& out, std::string* err) const {
  out.clear();
  std::string p = normalise(path);
  auto it = files_.find(p);
  if (it == files_.end()) {
    if (err) *err = stat(p) == FileType::Directory ? "cannot read: Is a directory" : "cannot read: No such file or directory";
    return false;
  }
  if (unreadable_.count(p)) {
    if (err) *err = "cannot read: Permission denied";
    return false;
  }
  out.assign(it->second);
  return true;
}

bool VirtualFileSystem::list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const {
  out.clear();
  std::string p = normalise(path);
  if (stat(p) != FileType::Directory) {
    if (err) *err = files_.count(p) ? "cannot list: Not a directory" : "cannot list: No such file or directory";
    return false;
  }
  std::string prefix = dir_prefix(p);
  auto collect = [&](const auto& map, bool is_file) {
    for (auto it = map.lower_bound(prefix); it != map.end() && it->first.starts_with(prefix); ++it) {
      std::string_view rest = std::string_view(it->first).substr(prefix.size());
      if (rest.empty()) continue;
      std::size_t slash = rest.find('/');
      DirEntry e;
      e.name = std::string(rest.substr(0, slash));
      e.type = (is_file && slash == std::string_view::npos) ? FileType::Regular : FileType::Directory;
      out.push_back(std::move(e));
    }
  };
  collect(files_, true);
  collect(dirs_, false);
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name == b.name; }),
            out.end());
  return true;
}

}  // namespace pkgscan
