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
  if (!entry.symlink && ::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
    entry.symlink = true;  // d_type was DT_UNKNOWN
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

// --- FileSystem ---------------------------------------------------------------

bool FileSystem::read_file_info(const std::string& path, std::string& out, std::string* err, FileInfo& info) const {
  info = FileInfo{};
  if (!read_file(path, out, err)) return false;
  if (!lstat(path, info, nullptr) || info.symlink) {
    // A link (or a file gone since the read): describe the bytes that were read.
    info = FileInfo{};
    info.type = FileType::Regular;
  }
  info.size = out.size();
  return true;
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
  FileInfo info;
  return read_file_info(path, out, err, info);
}

bool RealFileSystem::read_file_info(const std::string& path, std::string& out, std::string* err, FileInfo& info) const {
  info = FileInfo{};
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out.clear();
    if (err) *err = errno_message("cannot read", errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    out.clear();
    if (err) *err = errno_message("cannot stat", errno);
    ::close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    out.clear();
    if (err) *err = "cannot read: Is a directory";
    ::close(fd);
    return false;
  }
  // st_size is a hint only (pipes and /proc report 0, files may grow): read
  // until EOF, growing the buffer when the hint was too small. A buffer
  // reused from a larger file is read over, not cleared first: growing a
  // std::string zero-fills, which costs as much as the read itself.
  const bool regular = S_ISREG(st.st_mode);
  const std::size_t expected = st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
  std::size_t want = expected > 0 ? expected + 1 : 4096;
  std::size_t used = 0;
  if (out.size() < want) out.resize(want);
  for (;;) {
    if (used == out.size()) out.resize(out.size() * 2 + 4096);
    const std::size_t asked = out.size() - used;
    ssize_t n = ::read(fd, out.data() + used, asked);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (err) *err = errno_message("cannot read", errno);
      ::close(fd);
      out.clear();
      return false;
    }
    used += static_cast<std::size_t>(n);
    // A regular file that gave exactly the size fstat reported, and less
    // than was asked for, is at its end: the read that would return 0 is
    // one system call per file saved (a scan reads every ebuild, cache
    // entry, Manifest and metadata.xml). A file that grew fills the buffer
    // and is read on; one that shrank is read until read() says 0.
    if (regular && used == expected && static_cast<std::size_t>(n) < asked) break;
  }
  ::close(fd);
  out.resize(used);
  info.type = type_of_mode(st.st_mode);
  info.executable = (st.st_mode & 0111) != 0;
  if (regular) info.size = used;
  return true;
}

bool RealFileSystem::list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const {
  out.clear();
  int dirfd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) {
    if (err) *err = errno_message("cannot list", errno);
    return false;
  }
  // getdents64 on the open directory rather than fdopendir/readdir, which
  // add an fstat and an fcntl per directory: a scan lists every package
  // directory, and a system call costs microseconds on virtual machines.
  alignas(8) char buf[32 * 1024];
  for (;;) {
    const ssize_t got = ::getdents64(dirfd, buf, sizeof buf);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      if (err) *err = errno_message("cannot list", errno);
      ::close(dirfd);
      out.clear();
      return false;
    }
    for (ssize_t at = 0; at < got;) {
      const auto* d = reinterpret_cast<const struct dirent64*>(buf + at);
      at += d->d_reclen;
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
          entry.symlink = true;
          classify_at(dirfd, name, entry);
          break;
        case DT_UNKNOWN: classify_at(dirfd, name, entry); break;
        default: entry.type = FileType::Other; break;
      }
      out.push_back(std::move(entry));
    }
  }
  ::close(dirfd);
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return true;
}

bool RealFileSystem::lstat(const std::string& path, FileInfo& out, std::string* err) const {
  out = FileInfo{};
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (err) *err = errno_message("cannot stat", errno);
    return false;
  }
  if (!S_ISLNK(st.st_mode)) {
    out.type = type_of_mode(st.st_mode);
    out.executable = (st.st_mode & 0111) != 0;
    if (S_ISREG(st.st_mode)) out.size = static_cast<std::uint64_t>(st.st_size);
    return true;
  }
  out.type = FileType::Other;
  out.symlink = true;
  // st_size is the link length on most file systems, 0 on some (/proc):
  // grow until the text fits.
  std::string buf(st.st_size > 0 ? static_cast<std::size_t>(st.st_size) + 1 : 256, '\0');
  for (;;) {
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) {
      if (err) *err = errno_message("cannot read link", errno);
      return false;
    }
    if (static_cast<std::size_t>(n) < buf.size()) {
      buf.resize(static_cast<std::size_t>(n));
      break;
    }
    buf.resize(buf.size() * 2);
  }
  out.link_target = std::move(buf);
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

// Components of a path, in reverse order (the next one to visit last).
void push_components_reversed(std::string_view path, std::vector<std::string>& stack) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) parts.emplace_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  stack.insert(stack.end(), parts.rbegin(), parts.rend());
}

std::string join_components(bool absolute, const std::vector<std::string>& parts) {
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
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

void VirtualFileSystem::add_executable(const std::string& path, std::string contents) {
  std::string p = normalise(path);
  files_[p] = std::move(contents);
  executable_[p] = true;
}

void VirtualFileSystem::add_symlink(const std::string& path, std::string target) {
  symlinks_[normalise(path)] = std::move(target);
}

std::optional<std::string> VirtualFileSystem::resolve(const std::string& path) const {
  std::string p = normalise(path);
  if (symlinks_.empty()) return p;
  const bool absolute = !p.empty() && p.front() == '/';
  std::vector<std::string> todo, done;
  push_components_reversed(p, todo);
  int hops = 0;
  while (!todo.empty()) {
    std::string c = std::move(todo.back());
    todo.pop_back();
    if (c == ".") continue;
    if (c == "..") {
      if (!done.empty()) done.pop_back();
      continue;
    }
    done.push_back(std::move(c));
    auto link = symlinks_.find(join_components(absolute, done));
    if (link == symlinks_.end()) continue;
    if (++hops > 40) return std::nullopt;  // ELOOP
    done.pop_back();
    if (!link->second.empty() && link->second.front() == '/') done.clear();
    push_components_reversed(link->second, todo);
  }
  return join_components(absolute, done);
}

FileType VirtualFileSystem::stat_resolved(const std::string& p) const {
  if (files_.count(p)) return FileType::Regular;
  if (dirs_.count(p)) return FileType::Directory;
  std::string prefix = dir_prefix(p);
  auto under = [&](const auto& map) {
    auto it = map.lower_bound(prefix);
    return it != map.end() && it->first.starts_with(prefix);
  };
  if (under(files_) || under(dirs_) || under(symlinks_)) return FileType::Directory;
  return FileType::Missing;
}

FileType VirtualFileSystem::stat(const std::string& path) const {
  std::optional<std::string> p = resolve(path);
  if (!p) return FileType::Other;  // symlink loop
  FileType t = stat_resolved(*p);
  // A dangling symlink: the name exists, its target does not (as RealFileSystem).
  if (t == FileType::Missing && symlinks_.count(normalise(path))) return FileType::Other;
  return t;
}

bool VirtualFileSystem::read_file(const std::string& path, std::string& out, std::string* err) const {
  out.clear();
  std::optional<std::string> resolved = resolve(path);
  if (!resolved) {
    if (err) *err = "cannot read: Too many levels of symbolic links";
    return false;
  }
  const std::string& p = *resolved;
  auto it = files_.find(p);
  if (it == files_.end()) {
    if (err) *err = stat_resolved(p) == FileType::Directory ? "cannot read: Is a directory" : "cannot read: No such file or directory";
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
  std::optional<std::string> resolved = resolve(path);
  if (!resolved || stat_resolved(*resolved) != FileType::Directory) {
    if (err)
      *err = !resolved                ? "cannot list: Too many levels of symbolic links"
             : files_.count(*resolved) ? "cannot list: Not a directory"
                                       : "cannot list: No such file or directory";
    return false;
  }
  const std::string& p = *resolved;
  std::string prefix = dir_prefix(p);
  auto collect = [&](const auto& map) {
    for (auto it = map.lower_bound(prefix); it != map.end() && it->first.starts_with(prefix); ++it) {
      std::string_view rest = std::string_view(it->first).substr(prefix.size());
      if (rest.empty()) continue;
      DirEntry e;
      e.name = std::string(rest.substr(0, rest.find('/')));
      out.push_back(std::move(e));
    }
  };
  collect(files_);
  collect(dirs_);
  collect(symlinks_);
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name == b.name; }),
            out.end());
  for (DirEntry& e : out) {
    std::string child = prefix + e.name;
    e.symlink = symlinks_.count(child) > 0;
    e.type = stat(child);
    if (e.type == FileType::Other && e.symlink)
      e.problem = resolve(child) ? "dangling symlink" : "symlink loop";
  }
  return true;
}

bool VirtualFileSystem::lstat(const std::string& path, FileInfo& out, std::string* err) const {
  out = FileInfo{};
  std::string p = normalise(path);
  // Symlinks in the directories above are followed; the last component is not.
  std::size_t slash = p.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    std::optional<std::string> dir = resolve(p.substr(0, slash));
    if (!dir) {
      if (err) *err = "cannot stat: Too many levels of symbolic links";
      return false;
    }
    p = dir_prefix(*dir) + p.substr(slash + 1);
  }
  if (auto link = symlinks_.find(p); link != symlinks_.end()) {
    out.type = FileType::Other;
    out.symlink = true;
    out.link_target = link->second;
    return true;
  }
  out.type = stat_resolved(p);
  if (out.type == FileType::Missing) {
    if (err) *err = "cannot stat: No such file or directory";
    return false;
  }
  if (auto f = files_.find(p); f != files_.end()) {
    out.size = f->second.size();
    out.executable = executable_.count(p) > 0;
  }
  return true;
}

}  // namespace pkgscan
