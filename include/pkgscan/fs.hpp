#pragma once
// All repository file access goes through FileSystem, as ninja's DiskInterface:
// the real file system in production, an in-memory one in tests, a git tree
// or the staged index for --commits / --staged scans (src/git/).
//
// Paths are plain strings joined with '/'. Implementations must be safe to
// call from many threads at once.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pkgscan {

enum class FileType { Missing, Regular, Directory, Other };

struct DirEntry {
  std::string name;
  FileType type = FileType::Other;  // symlinks are followed; a dangling or looping one is Other
  bool symlink = false;             // the entry itself is a symbolic link (type is what it points to)
  std::string problem;              // why an entry is Other, e.g. "dangling symlink"; else empty
};

// What lstat(2) says about a path: a final symlink is not followed. Package
// directory checks need the executable bit, the size, and where a link points
// (so a link out of the repository is reported, never followed).
struct FileInfo {
  FileType type = FileType::Missing;  // of the path itself: Other for a symlink
  bool symlink = false;
  std::string link_target;            // the link's text as written, when symlink
  bool executable = false;            // some x bit is set (regular files)
  std::uint64_t size = 0;             // regular files
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual FileType stat(const std::string& path) const = 0;
  // Reads the whole file into `out`, reusing its capacity. On failure returns
  // false and puts a message like "cannot read: Permission denied" in *err.
  virtual bool read_file(const std::string& path, std::string& out, std::string* err) const = 0;
  // read_file, and `info` for the file that was read, as lstat would give it
  // when `path` is not itself a symbolic link (the type, the size read and
  // the executable bit; symlinks are followed). The real file system takes
  // it from the open file, sparing the package-directory checks a stat per
  // file they read anyway; the default asks lstat.
  virtual bool read_file_info(const std::string& path, std::string& out, std::string* err, FileInfo& info) const;
  // Entries of a directory sorted by name, without "." and "..".
  virtual bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const = 0;
  // A path on the real disk holding this file system's content of `path` (a
  // file, or a directory with everything below it), for programs that read
  // files themselves: bash sourcing an ebuild and inheriting eclasses. The
  // real file system answers `path` itself; views of other content write a
  // private copy once per path and remove it when they are destroyed. Empty,
  // with *err set, when the copy cannot be made.
  virtual std::string on_disk(const std::string& path, std::string* err) const = 0;
  // The path itself, without following a final symlink. False (with a
  // message in *err) when it does not exist or cannot be examined.
  virtual bool lstat(const std::string& path, FileInfo& out, std::string* err) const = 0;
};

// POSIX open/read/fstat/opendir; no iostreams.
class RealFileSystem final : public FileSystem {
 public:
  FileType stat(const std::string& path) const override;
  bool read_file(const std::string& path, std::string& out, std::string* err) const override;
  bool read_file_info(const std::string& path, std::string& out, std::string* err, FileInfo& info) const override;
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override;
  std::string on_disk(const std::string& path, std::string*) const override { return path; }
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override;
};

class DiskCopy;

// In-memory tree for tests: add files by path; directories are implied.
class VirtualFileSystem final : public FileSystem {
 public:
  VirtualFileSystem();
  ~VirtualFileSystem() override;
  // A copy has the same files and no disk copy of its own yet.
  VirtualFileSystem(const VirtualFileSystem& other);
  VirtualFileSystem& operator=(const VirtualFileSystem& other);
  void add_file(const std::string& path, std::string contents);
  void add_unreadable(const std::string& path);  // exists, but read_file fails
  void add_dir(const std::string& path);         // an empty directory (others are implied by files)
  void add_executable(const std::string& path, std::string contents);  // a file with its x bits set
  // A symbolic link at `path` whose text is `target` (absolute, or relative
  // to the link's directory). Followed by stat, read_file and list_dir, at
  // most 40 links deep, like the kernel.
  void add_symlink(const std::string& path, std::string target);
  FileType stat(const std::string& path) const override;
  bool read_file(const std::string& path, std::string& out, std::string* err) const override;
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override;
  std::string on_disk(const std::string& path, std::string* err) const override;  // a DiskCopy
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override;

 private:
  // `path` with every symlink in it followed; nullopt for a loop or a chain too long.
  std::optional<std::string> resolve(const std::string& path) const;
  FileType stat_resolved(const std::string& path) const;  // `path` has no symlinks in it
  mutable std::mutex disk_mu_;
  mutable std::unique_ptr<DiskCopy> disk_;  // made on the first on_disk()
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> unreadable_;
  std::map<std::string, bool> executable_;
  std::map<std::string, bool> dirs_;  // explicit directories from add_dir
  std::map<std::string, std::string> symlinks_;  // path -> target
};

// Copies of a FileSystem's files on the real disk (FileSystem::on_disk for
// views that are not the disk). One private directory under $TMPDIR per
// DiskCopy, made on first use and removed with everything in it by the
// destructor. A path keeps its absolute name below that directory
// (/repo/eclass -> /tmp/pkgscan-view.XXXXXX/repo/eclass), so a message that
// names a copied file maps back by dropping root(). Thread-safe.
class DiskCopy {
 public:
  explicit DiskCopy(const FileSystem& fs);
  ~DiskCopy();
  DiskCopy(const DiskCopy&) = delete;
  DiskCopy& operator=(const DiskCopy&) = delete;

  // The copy of `path`, made on the first call for it (or for a directory
  // above it). Symlinks are followed; entries that cannot be followed are
  // left out. Empty with *err on failure.
  std::string copy(const std::string& path, std::string* err);
  std::string root() const;  // empty until the first copy

 private:
  bool copy_tree(const std::string& path, const std::string& dest, int depth, std::string* err);
  const FileSystem& fs_;
  std::mutex mu_;
  std::string root_;
  std::map<std::string, std::string> done_;  // source path -> copy
};

// "a" + "/" + "b" without doubling a slash; an empty side yields the other.
std::string join_path(std::string_view a, std::string_view b);

}  // namespace pkgscan
