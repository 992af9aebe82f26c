#pragma once
// All repository file access goes through FileSystem, as ninja's DiskInterface:
// the real file system in production, an in-memory one in tests, and later a
// git tree or the staged index (for --staged / --commits scans).
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
  // Entries of a directory sorted by name, without "." and "..".
  virtual bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const = 0;
  // The path itself, without following a final symlink. False (with a
  // message in *err) when it does not exist or cannot be examined.
  virtual bool lstat(const std::string& path, FileInfo& out, std::string* err) const = 0;
};

// POSIX open/read/fstat/opendir; no iostreams.
class RealFileSystem final : public FileSystem {
 public:
  FileType stat(const std::string& path) const override;
  bool read_file(const std::string& path, std::string& out, std::string* err) const override;
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override;
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override;
};

// In-memory tree for tests: add files by path; directories are implied.
class VirtualFileSystem final : public FileSystem {
 public:
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
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override;

 private:
  // `path` with every symlink in it followed; nullopt for a loop or a chain too long.
  std::optional<std::string> resolve(const std::string& path) const;
  FileType stat_resolved(const std::string& path) const;  // `path` has no symlinks in it
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> unreadable_;
  std::map<std::string, bool> executable_;
  std::map<std::string, bool> dirs_;  // explicit directories from add_dir
  std::map<std::string, std::string> symlinks_;  // path -> target
};

// "a" + "/" + "b" without doubling a slash; an empty side yields the other.
std::string join_path(std::string_view a, std::string_view b);

}  // namespace pkgscan
