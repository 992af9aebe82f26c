#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "pkgscan/repo.hpp"

using namespace pkgscan;

using Strings = std::vector<std::string>;

namespace {

void add_repo(VirtualFileSystem& fs, const std::string& name, const std::string& masters) {
  fs.add_file("/repos/" + name + "/profiles/repo_name", name + "\n");
  fs.add_file("/repos/" + name + "/metadata/layout.conf", "masters = " + masters + "\n");
}

std::map<std::string, std::string> known(const Strings& names) {
  std::map<std::string, std::string> out;
  for (const auto& n : names) out[n] = "/repos/" + n;
  return out;
}

RepoSet open_set(const VirtualFileSystem& fs, const std::string& main, const std::map<std::string, std::string>& k) {
  auto repo = Repository::open(fs, "/repos/" + main, nullptr);
  REQUIRE(repo);
  return RepoSet(fs, std::move(repo), k);
}

// A file system that counts reads, to prove eclasses are hashed once.
class CountingFileSystem final : public FileSystem {
 public:
  explicit CountingFileSystem(const FileSystem& inner) : inner_(inner) {}
  FileType stat(const std::string& path) const override { return inner_.stat(path); }
  bool read_file(const std::string& path, std::string& out, std::string* err) const override {
    if (path.ends_with(".eclass")) ++eclass_reads;
    return inner_.read_file(path, out, err);
  }
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override {
    return inner_.list_dir(path, out, err);
  }
  std::string on_disk(const std::string& path, std::string* err) const override { return inner_.on_disk(path, err); }
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override {
    return inner_.lstat(path, out, err);
  }
  mutable std::atomic<int> eclass_reads{0};

 private:
  const FileSystem& inner_;
};

}  // namespace

TEST_CASE("masters resolve recursively, nearest first, each once", "[repo_set]") {
  VirtualFileSystem fs;
  add_repo(fs, "overlay", "gentoo science");
  add_repo(fs, "science", "gentoo");
  add_repo(fs, "gentoo", "");
  RepoSet set = open_set(fs, "overlay", known({"gentoo", "science"}));
  CHECK(set.repo_names() == Strings{"overlay", "gentoo", "science"});
  CHECK(set.missing_masters().empty());
  CHECK(set.main().name() == "overlay");
}

TEST_CASE("a missing master is recorded once, not fatal", "[repo_set]") {
  VirtualFileSystem fs;
  add_repo(fs, "overlay", "gentoo extra");
  add_repo(fs, "extra", "gentoo");
  RepoSet set = open_set(fs, "overlay", known({"extra", "other"}));
  CHECK(set.repo_names() == Strings{"overlay", "extra"});
  CHECK(set.missing_masters() == Strings{"gentoo"});

  // Known by name but its path does not exist: also missing.
  RepoSet bad_path = open_set(fs, "overlay", {{"gentoo", "/nowhere"}, {"extra", "/repos/extra"}});
  CHECK(bad_path.missing_masters() == Strings{"gentoo"});
}

TEST_CASE("master cycles do not loop", "[repo_set]") {
  VirtualFileSystem fs;
  add_repo(fs, "a", "b");
  add_repo(fs, "b", "c");
  add_repo(fs, "c", "a b");
  fs.add_file("/repos/a/eclass/only-a.eclass", "a");
  fs.add_file("/repos/c/eclass/only-c.eclass", "c");
  RepoSet set = open_set(fs, "a", known({"a", "b", "c"}));
  CHECK(set.repo_names() == Strings{"a", "b", "c"});
  CHECK(set.missing_masters().empty());
  REQUIRE(set.eclass("only-c"));
  CHECK(set.eclass("only-c")->repo == "c");
  CHECK(set.eclass("only-a")->repo == "a");
}

TEST_CASE("eclass lookup: the repo overrides its masters, later masters override earlier", "[repo_set]") {
  VirtualFileSystem fs;
  add_repo(fs, "overlay", "gentoo science");
  add_repo(fs, "science", "gentoo");
  add_repo(fs, "gentoo", "");
  fs.add_file("/repos/gentoo/eclass/common.eclass", "gentoo copy");
  fs.add_file("/repos/gentoo/eclass/shared.eclass", "gentoo copy");
  fs.add_file("/repos/gentoo/eclass/base.eclass", "gentoo only");
  fs.add_file("/repos/science/eclass/shared.eclass", "science copy");
  fs.add_file("/repos/science/eclass/common.eclass", "science copy");
  fs.add_file("/repos/overlay/eclass/common.eclass", "overlay copy");
  RepoSet set = open_set(fs, "overlay", known({"gentoo", "science"}));

  const EclassInfo* common = set.eclass("common");
  REQUIRE(common);
  CHECK(common->repo == "overlay");
  CHECK(common->path == "/repos/overlay/eclass/common.eclass");
  CHECK(common->md5 == md5_hex("overlay copy"));
  CHECK(set.eclass("shared")->repo == "science");
  CHECK(set.eclass("base")->repo == "gentoo");
  CHECK(set.eclass("base")->md5 == md5_hex("gentoo only"));
  CHECK(set.eclass("nope") == nullptr);
  CHECK(set.eclass("../profiles/repo_name") == nullptr);
  CHECK(set.eclass("") == nullptr);
}

TEST_CASE("an unreadable eclass is found but has no md5", "[repo_set]") {
  VirtualFileSystem fs;
  add_repo(fs, "overlay", "gentoo");
  add_repo(fs, "gentoo", "");
  fs.add_file("/repos/gentoo/eclass/x.eclass", "readable lower copy");
  fs.add_unreadable("/repos/overlay/eclass/x.eclass");
  RepoSet set = open_set(fs, "overlay", known({"gentoo"}));
  const EclassInfo* x = set.eclass("x");
  REQUIRE(x);
  CHECK(x->repo == "overlay");
  CHECK(x->md5.empty());
}

TEST_CASE("each eclass is read and hashed once, from many threads", "[repo_set]") {
  VirtualFileSystem vfs;
  add_repo(vfs, "overlay", "");
  for (int i = 0; i < 20; ++i) vfs.add_file("/repos/overlay/eclass/e" + std::to_string(i) + ".eclass", "x");
  CountingFileSystem fs(vfs);
  auto repo = Repository::open(fs, "/repos/overlay", nullptr);
  REQUIRE(repo);
  RepoSet set(fs, std::move(repo), {});
  std::vector<std::string> names;
  for (int i = 0; i < 20; ++i) names.push_back(std::string(1, 'e') += std::to_string(i));
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int round = 0; round < 50; ++round)
        for (const std::string& name : names)
          if (set.eclass(name)) ++found;
    });
  for (auto& th : threads) th.join();
  CHECK(found == 4 * 50 * 20);
  CHECK(fs.eclass_reads == 20);
}

TEST_CASE("has_license looks in every repository of the set", "[repo_set]") {
  VirtualFileSystem fs;
  add_repo(fs, "overlay", "gentoo");
  add_repo(fs, "gentoo", "");
  fs.add_file("/repos/gentoo/licenses/GPL-2", "");
  fs.add_file("/repos/overlay/licenses/Custom", "");
  RepoSet set = open_set(fs, "overlay", known({"gentoo"}));
  CHECK(set.has_license("GPL-2"));
  CHECK(set.has_license("Custom"));
  CHECK_FALSE(set.has_license("MIT"));
}
