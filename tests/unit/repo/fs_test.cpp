#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>

#include "pkgscan/fs.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using pkgscan::testing::TempDir;

namespace {

std::vector<std::string> names(const std::vector<DirEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.name);
  return out;
}

}  // namespace

TEST_CASE("join_path joins with exactly one slash", "[fs]") {
  CHECK(join_path("a", "b") == "a/b");
  CHECK(join_path("a/", "b") == "a/b");
  CHECK(join_path("a", "/b") == "a/b");
  CHECK(join_path("", "b") == "b");
  CHECK(join_path("a", "") == "a");
  CHECK(join_path("/", "b") == "/b");
}

TEST_CASE("VirtualFileSystem implies directories and lists sorted children", "[fs]") {
  VirtualFileSystem fs;
  fs.add_file("/r/b/x", "1");
  fs.add_file("/r/a", "2");
  fs.add_file("/r/b-c/y", "3");
  fs.add_dir("/r/empty");
  CHECK(fs.stat("/r") == FileType::Directory);
  CHECK(fs.stat("/r/b") == FileType::Directory);
  CHECK(fs.stat("/r/a") == FileType::Regular);
  CHECK(fs.stat("/r/empty") == FileType::Directory);
  CHECK(fs.stat("/r/nope") == FileType::Missing);
  CHECK(fs.stat("/r/b/") == FileType::Directory);

  std::vector<DirEntry> entries;
  REQUIRE(fs.list_dir("/r", entries, nullptr));
  CHECK(names(entries) == std::vector<std::string>{"a", "b", "b-c", "empty"});
  CHECK(entries[0].type == FileType::Regular);
  CHECK(entries[1].type == FileType::Directory);

  std::string err;
  CHECK_FALSE(fs.list_dir("/r/a", entries, &err));
  CHECK(err.find("Not a directory") != std::string::npos);

  std::string out = "old contents";
  REQUIRE(fs.read_file("/r/b/x", out, nullptr));
  CHECK(out == "1");
  fs.add_unreadable("/r/secret");
  CHECK(fs.stat("/r/secret") == FileType::Regular);
  CHECK_FALSE(fs.read_file("/r/secret", out, &err));
  CHECK(err.find("Permission denied") != std::string::npos);
}

TEST_CASE("RealFileSystem reads, lists and classifies", "[fs]") {
  TempDir dir;
  REQUIRE_FALSE(dir.path().empty());
  dir.write("f", "hello\n");
  dir.mkdir("d");
  std::string big(3 * 1024 * 1024 + 17, 'x');
  dir.write("big", big);
  RealFileSystem fs;

  CHECK(fs.stat(dir / "f") == FileType::Regular);
  CHECK(fs.stat(dir / "d") == FileType::Directory);
  CHECK(fs.stat(dir / "missing") == FileType::Missing);
  CHECK(fs.stat(dir / "f/under-a-file") == FileType::Missing);

  std::string out;
  REQUIRE(fs.read_file(dir / "f", out, nullptr));
  CHECK(out == "hello\n");
  REQUIRE(fs.read_file(dir / "big", out, nullptr));
  CHECK(out == big);

  std::string err;
  CHECK_FALSE(fs.read_file(dir / "missing", out, &err));
  CHECK(err.find("cannot read") != std::string::npos);
  CHECK_FALSE(fs.read_file(dir / "d", out, &err));
  CHECK(err.find("directory") != std::string::npos);

  std::vector<DirEntry> entries;
  REQUIRE(fs.list_dir(dir.path(), entries, nullptr));
  CHECK(names(entries) == std::vector<std::string>{"big", "d", "f"});
}

TEST_CASE("RealFileSystem::list_dir: a directory larger than one read of entries, and errors", "[fs]") {
  // Entries come from getdents64 in 32 KB reads: 3,000 names of ~40 bytes
  // take several, and every entry must come back once, sorted.
  TempDir dir;
  std::vector<std::string> want;
  for (int i = 0; i < 3000; ++i) {
    std::string name = "entry-with-a-longish-name-" + std::to_string(100000 + i);
    dir.write(name, "");
    want.push_back(name);
  }
  REQUIRE(::mkdir((dir / "sub").c_str(), 0755) == 0);
  want.push_back("sub");
  std::sort(want.begin(), want.end());
  RealFileSystem fs;
  std::vector<DirEntry> entries;
  REQUIRE(fs.list_dir(dir.path(), entries, nullptr));
  CHECK(names(entries) == want);
  CHECK(std::count_if(entries.begin(), entries.end(), [](const DirEntry& e) { return e.type == FileType::Directory; }) == 1);

  std::string err;
  CHECK_FALSE(fs.list_dir(dir / "entry-with-a-longish-name-100000", entries, &err));  // a file
  CHECK(err.find("cannot list") != std::string::npos);
  CHECK(entries.empty());
  CHECK_FALSE(fs.list_dir(dir / "missing", entries, &err));
}

TEST_CASE("read_file_info: the bytes and what the read saw of the file", "[fs]") {
  TempDir dir;
  dir.write("plain", "hello\n");
  dir.write("script", "#!/bin/sh\n");
  dir.write("empty", "");
  REQUIRE(::chmod((dir / "script").c_str(), 0755) == 0);
  RealFileSystem real;
  std::string out, err;
  FileInfo info;
  REQUIRE(real.read_file_info(dir / "plain", out, &err, info));
  CHECK(out == "hello\n");
  CHECK(info.type == FileType::Regular);
  CHECK(info.size == 6);
  CHECK_FALSE(info.executable);
  REQUIRE(real.read_file_info(dir / "script", out, &err, info));
  CHECK(out == "#!/bin/sh\n");
  CHECK(info.executable);
  CHECK(info.size == 10);
  // A buffer reused from a longer file holds exactly the short one's bytes.
  REQUIRE(real.read_file_info(dir / "empty", out, &err, info));
  CHECK(out.empty());
  CHECK(info.size == 0);
  CHECK_FALSE(real.read_file_info(dir / "missing", out, &err, info));
  CHECK(err.find("cannot read") != std::string::npos);

  // The default (other file systems): read_file, then lstat.
  VirtualFileSystem vfs;
  vfs.add_executable("/r/x", "run");
  vfs.add_file("/r/y", "data");
  REQUIRE(vfs.read_file_info("/r/x", out, &err, info));
  CHECK(out == "run");
  CHECK(info.executable);
  REQUIRE(vfs.read_file_info("/r/y", out, &err, info));
  CHECK(out == "data");
  CHECK_FALSE(info.executable);
  CHECK(info.size == 4);
}

TEST_CASE("RealFileSystem: symlink loops and dangling links are Other, never a hang", "[fs]") {
  TempDir dir;
  dir.mkdir("cat");
  REQUIRE(::symlink("loop", (dir / "cat/loop").c_str()) == 0);
  REQUIRE(::symlink("nowhere", (dir / "cat/dangling").c_str()) == 0);
  REQUIRE(::symlink("../cat", (dir / "cat/up").c_str()) == 0);  // a cycle of directories, but a valid link
  RealFileSystem fs;

  CHECK(fs.stat(dir / "cat/loop") == FileType::Other);
  CHECK(fs.stat(dir / "cat/dangling") == FileType::Other);
  CHECK(fs.stat(dir / "cat/up") == FileType::Directory);

  std::vector<DirEntry> entries;
  REQUIRE(fs.list_dir(dir / "cat", entries, nullptr));
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].name == "dangling");
  CHECK(entries[0].type == FileType::Other);
  CHECK(entries[0].problem == "dangling symlink");
  CHECK(entries[1].name == "loop");
  CHECK(entries[1].type == FileType::Other);
  CHECK(entries[1].problem == "symlink loop");
  CHECK(entries[2].type == FileType::Directory);

  std::string out, err;
  CHECK_FALSE(fs.read_file(dir / "cat/loop", out, &err));
  CHECK_FALSE(err.empty());
}

TEST_CASE("RealFileSystem: an unreadable file fails with a message", "[fs]") {
  TempDir dir;
  dir.write("secret", "data");
  REQUIRE(::chmod((dir / "secret").c_str(), 0) == 0);
  RealFileSystem fs;
  CHECK(fs.stat(dir / "secret") == FileType::Regular);
  std::string out, err;
  bool ok = fs.read_file(dir / "secret", out, &err);
  if (::geteuid() == 0) {
    // root ignores permission bits, so the read succeeds; nothing to assert.
    WARN("skipped: running as root, chmod 000 does not stop reads");
    CHECK(out == "data");
    return;
  }
  CHECK_FALSE(ok);
  CHECK(err == "cannot read: Permission denied");
  CHECK(out.empty());
}

TEST_CASE("VirtualFileSystem::on_disk writes real files, removed with the file system", "[fs]") {
  std::string copy;
  {
    VirtualFileSystem fs;
    fs.add_file("/r/eclass/a.eclass", "eclass a\n");
    fs.add_file("/r/eclass/sub/b.eclass", "eclass b\n");
    fs.add_file("/r/cat/pkg/pkg-1.ebuild", "EAPI=8\n");
    std::string err;
    copy = fs.on_disk("/r/eclass", &err);
    REQUIRE(!copy.empty());
    RealFileSystem real;
    std::string text;
    REQUIRE(real.read_file(copy + "/a.eclass", text, &err));
    CHECK(text == "eclass a\n");
    REQUIRE(real.read_file(copy + "/sub/b.eclass", text, &err));
    CHECK(text == "eclass b\n");
    CHECK(copy.ends_with("/r/eclass"));
    CHECK(fs.on_disk("/r/eclass/a.eclass", &err) == copy + "/a.eclass");
    CHECK(fs.on_disk("/r/nothing", &err).empty());
    CHECK(err.find("no such file") != std::string::npos);
    VirtualFileSystem other = fs;  // copies files, not the disk copy
    CHECK(other.on_disk("/r/eclass", &err) != copy);
  }
  CHECK_FALSE(std::filesystem::exists(copy));
}

TEST_CASE("RealFileSystem: lstat gives mode, size and link text without following", "[fs]") {
  TempDir dir;
  dir.write("plain", "12345");
  dir.write("script", "#!/bin/sh\n");
  REQUIRE(::chmod((dir / "script").c_str(), 0755) == 0);
  dir.mkdir("d");
  REQUIRE(::symlink("/etc/hostname", (dir / "abs").c_str()) == 0);
  REQUIRE(::symlink("plain", (dir / "rel").c_str()) == 0);
  RealFileSystem fs;

  FileInfo info;
  REQUIRE(fs.lstat(dir / "plain", info, nullptr));
  CHECK(info.type == FileType::Regular);
  CHECK_FALSE(info.symlink);
  CHECK_FALSE(info.executable);
  CHECK(info.size == 5);
  REQUIRE(fs.lstat(dir / "script", info, nullptr));
  CHECK(info.executable);
  REQUIRE(fs.lstat(dir / "d", info, nullptr));
  CHECK(info.type == FileType::Directory);
  REQUIRE(fs.lstat(dir / "abs", info, nullptr));
  CHECK(info.symlink);
  CHECK(info.type == FileType::Other);
  CHECK(info.link_target == "/etc/hostname");
  REQUIRE(fs.lstat(dir / "rel", info, nullptr));
  CHECK(info.link_target == "plain");
  std::string err;
  CHECK_FALSE(fs.lstat(dir / "missing", info, &err));
  CHECK(err.find("No such file") != std::string::npos);

  // list_dir marks links, and still says what they point to.
  std::vector<DirEntry> entries;
  REQUIRE(fs.list_dir(dir.path(), entries, nullptr));
  REQUIRE(names(entries) == std::vector<std::string>{"abs", "d", "plain", "rel", "script"});
  CHECK(entries[0].symlink);
  CHECK_FALSE(entries[2].symlink);
  CHECK(entries[3].symlink);
  CHECK(entries[3].type == FileType::Regular);
}

TEST_CASE("VirtualFileSystem: symlinks are followed, looped and dangling ones are Other", "[fs]") {
  VirtualFileSystem fs;
  fs.add_file("/r/cat/pkg/real.txt", "data");
  fs.add_executable("/r/cat/pkg/run.sh", "#!/bin/sh\n");
  fs.add_symlink("/r/cat/pkg/rel", "real.txt");
  fs.add_symlink("/r/cat/pkg/up", "../pkg/real.txt");
  fs.add_symlink("/r/cat/pkg/dir", "/r/cat");
  fs.add_symlink("/r/cat/pkg/loop", "loop");
  fs.add_symlink("/r/cat/pkg/dangling", "nowhere");

  CHECK(fs.stat("/r/cat/pkg/rel") == FileType::Regular);
  CHECK(fs.stat("/r/cat/pkg/up") == FileType::Regular);
  CHECK(fs.stat("/r/cat/pkg/dir") == FileType::Directory);
  CHECK(fs.stat("/r/cat/pkg/dir/pkg/real.txt") == FileType::Regular);
  CHECK(fs.stat("/r/cat/pkg/loop") == FileType::Other);
  CHECK(fs.stat("/r/cat/pkg/dangling") == FileType::Other);

  std::string out, err;
  REQUIRE(fs.read_file("/r/cat/pkg/up", out, nullptr));
  CHECK(out == "data");
  CHECK_FALSE(fs.read_file("/r/cat/pkg/loop", out, &err));
  CHECK(err.find("symbolic links") != std::string::npos);

  std::vector<DirEntry> entries;
  REQUIRE(fs.list_dir("/r/cat/pkg", entries, nullptr));
  REQUIRE(names(entries) == std::vector<std::string>{"dangling", "dir", "loop", "real.txt", "rel", "run.sh", "up"});
  CHECK(entries[0].symlink);
  CHECK(entries[0].problem == "dangling symlink");
  CHECK(entries[1].type == FileType::Directory);
  CHECK(entries[2].problem == "symlink loop");
  CHECK_FALSE(entries[3].symlink);
  CHECK(entries[4].symlink);
  CHECK(entries[4].type == FileType::Regular);

  FileInfo info;
  REQUIRE(fs.lstat("/r/cat/pkg/dir", info, nullptr));
  CHECK(info.symlink);
  CHECK(info.link_target == "/r/cat");
  REQUIRE(fs.lstat("/r/cat/pkg/run.sh", info, nullptr));
  CHECK(info.executable);
  CHECK(info.size == 10);
  REQUIRE(fs.lstat("/r/cat/pkg/real.txt", info, nullptr));
  CHECK_FALSE(info.executable);
  CHECK(info.size == 4);
  REQUIRE(fs.lstat("/r/cat/pkg/dir/pkg/run.sh", info, nullptr));  // links above the last component are followed
  CHECK(info.executable);
  CHECK_FALSE(fs.lstat("/r/cat/pkg/missing", info, &err));
}
