#pragma once
// Helpers for the regen tests: temporary repositories on disk (the workers
// source real files), the stub worker, and the real ebuild environment.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "pkgscan/regen.hpp"
#include "pkgscan/repo.hpp"

namespace regen_test {

// A directory under /tmp, readable by others (root's workers run as nobody),
// removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    char templ[] = "/tmp/pkgscan-regen-test.XXXXXX";
    if (!mkdtemp(templ)) std::abort();
    path_ = templ;
    chmod(path_.c_str(), 0755);
  }
  ~TempDir() {
    std::string cmd = "chmod -R u+rwx '" + path_ + "' 2>/dev/null; rm -rf '" + path_ + "'";
    if (std::system(cmd.c_str()) != 0) {
    }
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

inline void mkdirs(const std::string& path) {
  std::string cmd = "mkdir -p '" + path + "'";
  if (std::system(cmd.c_str()) != 0) std::abort();
}

inline void write_file(const std::string& path, const std::string& text) {
  mkdirs(path.substr(0, path.rfind('/')));
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A minimal repository: profiles/repo_name and layout.conf with the given masters.
inline void make_repo(const std::string& root, const std::string& name, const std::string& masters = "") {
  write_file(root + "/profiles/repo_name", name + "\n");
  write_file(root + "/metadata/layout.conf", "masters = " + masters + "\ncache-formats = md5-dict\n");
}

// The repository at `root` with its masters (name -> path).
struct OpenRepos {
  pkgscan::RealFileSystem fs;
  std::unique_ptr<pkgscan::RepoSet> set;
};
inline std::unique_ptr<OpenRepos> open_repos(const std::string& root, const std::map<std::string, std::string>& known = {}) {
  auto r = std::make_unique<OpenRepos>();
  r->set = std::make_unique<pkgscan::RepoSet>(r->fs, pkgscan::Repository::open(r->fs, root, nullptr), known);
  return r;
}

// The stub worker (tests/unit/regen/stub-env/worker.bash): speaks the
// protocol with a tiny depend phase; for pool behaviour only.
inline std::string stub_env_dir() { return std::string(PKGSCAN_SOURCE_DIR) + "/tests/unit/regen/stub-env"; }
// The real ebuild environment shipped in data/.
inline std::string real_env_dir() { return std::string(PKGSCAN_SOURCE_DIR) + "/data/ebuild-env"; }
inline bool real_env_present() { return access((real_env_dir() + "/worker.bash").c_str(), R_OK) == 0; }

// Options for the named environment: "stub" or "real".
inline pkgscan::regen::Options env_options(const std::string& which, int jobs = 1) {
  pkgscan::regen::Options o;
  o.env_dir = which == "real" ? real_env_dir() : stub_env_dir();
  o.jobs = jobs;
  return o;
}

inline pkgscan::regen::Options stub_options(int jobs = 1) {
  pkgscan::regen::Options o;
  o.env_dir = stub_env_dir();
  o.jobs = jobs;
  return o;
}

// A real tree from ../shared/trees, unpacked once into the build directory
// (shared by all tests and runs). Empty when the tarball is absent.
inline std::string unpacked_tree(const std::string& tarball, const std::string& dir) {
  const std::string tar = std::string(PKGSCAN_TREES) + "/" + tarball;
  if (access(tar.c_str(), R_OK) != 0) return {};
  const std::string cache = PKGSCAN_TREE_CACHE;
  mkdirs(cache);
  const std::string final_dir = cache + "/" + dir;
  if (access((final_dir + "/profiles").c_str(), F_OK) == 0) return final_dir;
  // Unpack beside it and rename: two test processes may race here.
  const std::string tmp = cache + "/.unpack-" + dir + "-" + std::to_string(getpid());
  mkdirs(tmp);
  std::string cmd = "tar -xJf '" + tar + "' -C '" + tmp + "' && chmod -R o+rX '" + tmp + "'";
  bool ok = std::system(cmd.c_str()) == 0;
  if (ok) rename((tmp + "/" + dir).c_str(), final_dir.c_str());
  std::system(("rm -rf '" + tmp + "'").c_str());
  return access((final_dir + "/profiles").c_str(), F_OK) == 0 ? final_dir : std::string();
}

}  // namespace regen_test
