#pragma once
// All repository file access goes through FileSystem, as ninja's DiskInterface:
// the real file system in production, an in-memory one in tests, and later a
// git tree or the staged index (for --staged / --commits scans).
//
// Paths are plain strings joined with '/'. Implementations must be safe to
// call from many threads at once.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pkgscan {

enum class FileType { Missing, Regular, Directory, Other };

struct DirEntry {
  std::string name;
  FileType type = FileType::Other;  // symlinks are followed; a dangling or looping one is Other
  std::string problem;              // why an entry is Other, e.g. "dangling symlink"; else empty
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
};

// POSIX open/read/fstat/opendir; no iostreams.
class RealFileSystem final : public FileSystem {
 public:
  FileType stat(const std::string& path) const override;
  bool read_file(const std::string& path, std::string& out, std::string* err) const override;
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override;
};

// In-memory tree for tests: add files by path; directories are implied.
class VirtualFileSystem final : public FileSystem {
 public:
  void add_file(const std::string& path, std::string contents);
  void add_unreadable(const std::string& path);  // exists, but read_file fails
  void add_dir(const std::string& path);         // an empty directory (others are implied by files)
  FileType stat(const std::string& path) const override;
  bool read_file(const std::string& path, std::string& out, std::string* err) const override;
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> unreadable_;
  std::map<std::string, bool> dirs_;  // explicit directories from add_dir
};

// "a" + "/" + "b" without doubling a slash; an empty side yields the other.
std::string join_path(std::string_view a, std::string_view b);

}  // namespace pkgscan
