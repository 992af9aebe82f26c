#pragma once
// The real repositories of ../shared/trees (see its README), unpacked once
// per build directory and shared by every test and run after that.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace pkgscan::test {

// The unpacked tree `dir` from `tarball`, or "" when the tarball is absent
// (the caller skips with a WARN) or cannot be unpacked.
inline std::string real_tree(const std::string& tarball, const std::string& dir) {
  const std::string tar = std::string(PKGSCAN_TREES) + "/" + tarball;
  if (::access(tar.c_str(), R_OK) != 0) return {};
  const std::string cache = PKGSCAN_TREE_CACHE;
  const std::string final_dir = cache + "/" + dir;
  if (::access((final_dir + "/profiles").c_str(), F_OK) == 0) return final_dir;
  // Unpacked beside its final place and renamed: test processes may race here.
  const std::string tmp = cache + "/.unpack-" + dir + "-" + std::to_string(::getpid());
  std::string cmd = "mkdir -p '" + tmp + "' && tar -xJf '" + tar + "' -C '" + tmp + "'";
  if (std::system(cmd.c_str()) == 0) ::rename((tmp + "/" + dir).c_str(), final_dir.c_str());
  std::system(("rm -rf '" + tmp + "'").c_str());
  return ::access((final_dir + "/profiles").c_str(), F_OK) == 0 ? final_dir : std::string();
}

}  // namespace pkgscan::test
