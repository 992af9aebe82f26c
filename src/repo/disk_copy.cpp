// DiskCopy: a FileSystem's files written to a private directory on the real
// disk, for programs that cannot read through our interface (bash).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "pkgscan/fs.hpp"

namespace pkgscan {

namespace {

// Deep enough for any repository; a deeper tree is a loop through symlinks.
constexpr int kMaxDepth = 64;

bool make_dirs(const std::string& path, std::string* err) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    if (err) *err = "cannot create " + path + ": " + ec.message();
    return false;
  }
  // Readable by others: a sandboxed worker may run as another user.
  ::chmod(path.c_str(), 0755);
  return true;
}

bool write_file(const std::string& path, const std::string& text, std::string* err) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  std::size_t off = 0;
  while (ok && off < text.size()) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) off += static_cast<std::size_t>(n);
  }
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  if (!ok && err) *err = "cannot write " + path + ": " + std::strerror(errno);
  return ok;
}

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos || slash == 0 ? std::string("/") : path.substr(0, slash);
}

}  // namespace

DiskCopy::DiskCopy(const FileSystem& fs) : fs_(fs) {}

DiskCopy::~DiskCopy() {
  if (root_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(root_, ec);
}

std::string DiskCopy::root() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu_));
  return root_;
}

bool DiskCopy::copy_tree(const std::string& path, const std::string& dest, int depth, std::string* err) {
  if (depth > kMaxDepth) return true;  // a symlink loop: what is below is left out
  FileType t = fs_.stat(path);
  if (t == FileType::Regular) {
    std::string text;
    if (!fs_.read_file(path, text, err)) return false;
    return make_dirs(parent_of(dest), err) && write_file(dest, text, err);
  }
  if (t != FileType::Directory) {
    if (err) *err = path + (t == FileType::Missing ? ": no such file or directory" : ": not a file or directory");
    return false;
  }
  if (!make_dirs(dest, err)) return false;
  std::vector<DirEntry> entries;
  if (!fs_.list_dir(path, entries, err)) return false;
  for (const DirEntry& e : entries) {
    if (e.type != FileType::Regular && e.type != FileType::Directory) continue;
    if (!copy_tree(join_path(path, e.name), join_path(dest, e.name), depth + 1, err)) return false;
  }
  return true;
}

std::string DiskCopy::copy(const std::string& path, std::string* err) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = done_.find(path); it != done_.end()) return it->second;
  // Inside a directory copied earlier: already there.
  for (std::string up = parent_of(path); up != "/"; up = parent_of(up))
    if (auto it = done_.find(up); it != done_.end()) return it->second + path.substr(up.size());
  if (root_.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = join_path(tmp && *tmp == '/' ? tmp : "/tmp", "pkgscan-view.XXXXXX");
    if (!::mkdtemp(templ.data())) {
      if (err) *err = "cannot create a private directory under " + templ + ": " + std::strerror(errno);
      return {};
    }
    ::chmod(templ.c_str(), 0755);
    root_ = templ;
  }
  std::string dest = root_ + (path.empty() || path[0] != '/' ? "/" : "") + path;
  if (!copy_tree(path, dest, 0, err)) return {};
  done_[path] = dest;
  return dest;
}

}  // namespace pkgscan
