// A FileSystem that counts reads and lstat calls of each path, to prove
// single-read promises (each metadata.xml, each ebuild once per scan) and that
// files read are not stat'ed again. Thread-safe, like the scan.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "pkgscan/fs.hpp"

namespace pkgscan::testing {

class CountingFileSystem final : public FileSystem {
 public:
  FileType stat(const std::string& path) const override { return real_.stat(path); }
  bool read_file(const std::string& path, std::string& out, std::string* err) const override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++reads_[path];
    }
    return real_.read_file(path, out, err);
  }
  bool read_file_info(const std::string& path, std::string& out, std::string* err, FileInfo& info) const override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++reads_[path];
    }
    return real_.read_file_info(path, out, err, info);
  }
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override {
    return real_.list_dir(path, out, err);
  }
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++lstats_[path];
    }
    return real_.lstat(path, out, err);
  }
  std::string on_disk(const std::string& path, std::string* err) const override { return real_.on_disk(path, err); }
  std::map<std::string, int> reads() const {
    std::lock_guard<std::mutex> lock(mu_);
    return reads_;
  }
  int lstats(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = lstats_.find(path);
    return it == lstats_.end() ? 0 : it->second;
  }

 private:
  RealFileSystem real_;
  mutable std::mutex mu_;
  mutable std::map<std::string, int> reads_;
  mutable std::map<std::string, int> lstats_;
};

}  // namespace pkgscan::testing
