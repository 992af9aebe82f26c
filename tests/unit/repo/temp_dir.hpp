#pragma once
// A scratch directory on the real file system, removed with its contents.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace pkgscan::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "pkgscan-repo-XXXXXX").string();
    if (::mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

  // Writes `contents` to `rel`, creating parent directories.
  void write(const std::string& rel, const std::string& contents) const {
    std::filesystem::path p = std::filesystem::path(path_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << contents;
  }
  void mkdir(const std::string& rel) const { std::filesystem::create_directories(std::filesystem::path(path_) / rel); }

 private:
  std::string path_;
};

}  // namespace pkgscan::testing
