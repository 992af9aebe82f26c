// Hostile and broken repositories, end to end: every scan finishes, each
// problem becomes a result (or a message) naming the file, every unrelated
// result is still there, and the scanned tree is never written to.
//
// tests/repos/badinput holds what git can hold (cache entries without '=',
// binary bytes, invalid UTF-8, NUL bytes, truncated, empty, duplicate keys);
// the rest (a megabyte line, unreadable files, symlink loops, no profiles/)
// is made at test time in a copy.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "fixture.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;
using pkgscan::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Makes a file unreadable or a directory unlistable, whatever the user (root
// ignores permissions): what chmod 000 does for everyone else.
class DenyingFileSystem final : public FileSystem {
 public:
  explicit DenyingFileSystem(std::vector<std::string> denied) : denied_(std::move(denied)) {}
  FileType stat(const std::string& path) const override { return real_.stat(path); }
  bool read_file(const std::string& path, std::string& out, std::string* err) const override {
    if (denied(path)) return fail(err);
    return real_.read_file(path, out, err);
  }
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override {
    if (denied(path)) return fail(err);
    return real_.list_dir(path, out, err);
  }
  std::string on_disk(const std::string& path, std::string* err) const override { return real_.on_disk(path, err); }
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override {
    return real_.lstat(path, out, err);
  }

 private:
  bool denied(const std::string& path) const {
    return std::find(denied_.begin(), denied_.end(), path) != denied_.end();
  }
  static bool fail(std::string* err) {
    if (err) *err = "cannot read: Permission denied";
    return false;
  }
  RealFileSystem real_;
  std::vector<std::string> denied_;
};

// A writable copy of tests/repos/badinput.
void copy_fixture(const TempDir& dir) {
  fs::copy(fixture_path("badinput"), dir.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

// Every entry below `root` (symlinks not followed) with its type, size and
// modification time: equal snapshots mean nothing was created, removed or written.
std::map<std::string, std::string> snapshot(const std::string& root) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    struct stat st;
    std::string p = it->path().string();
    if (::lstat(p.c_str(), &st) != 0) continue;
    out[p.substr(root.size())] = std::to_string(st.st_mode) + " " + std::to_string(st.st_size) + " " +
                                 std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  }
  return out;
}

ScanOutput scan(const FileSystem& filesystem, const std::string& root) { return scan_at(filesystem, root, {"all"}); }

// Scans `dir` and checks what every bad-input scan must satisfy.
ScanOutput scan_checked(const TempDir& dir, const FileSystem* filesystem = nullptr) {
  RealFileSystem real;
  auto before = snapshot(dir.path());
  ScanOutput out = scan(filesystem ? *filesystem : real, dir.path());
  INFO("errors: " << (out.errors.empty() ? "" : out.errors[0]));
  CHECK(out.errors.empty());
  // The known, unrelated result survives whatever else is broken.
  auto survivor = in_package(only(out.results, "UnknownLicense"), "app-misc", "survivor");
  CHECK(survivor.size() == 1);
  // Messages stay printable: untrusted bytes are escaped.
  for (const Result& r : out.results) {
    INFO(r.keyword << ": " << r.message);
    CHECK(std::none_of(r.message.begin(), r.message.end(), [](char c) { return c >= 0 && c < 0x20; }));
  }
  CHECK(snapshot(dir.path()) == before);  // the scan wrote nothing
  return out;
}

const Result* find_path(const std::vector<Result>& rs, const std::string& kw, const std::string& path) {
  for (const Result& r : rs)
    if (r.keyword == kw && r.path == path) return &r;
  return nullptr;
}

std::string malformed(const std::vector<Result>& rs, const std::string& pkg) {
  std::string all;
  for (const Result& r : in_package(only(rs, "MalformedCacheEntry"), "app-misc", pkg)) {
    CHECK(r.path == "metadata/md5-cache/app-misc/" + pkg + "-1");
    all += r.message + "\n";
  }
  return all;
}

bool running_as_root() { return ::geteuid() == 0; }

}  // namespace

TEST_CASE("bad input: broken cache entries are results, the rest is still checked") {
  TempDir dir;
  copy_fixture(dir);
  ScanOutput out = scan_checked(dir);
  using Catch::Matchers::Contains;
  CHECK_THAT(malformed(out.results, "noeq"), Contains("line has no '='"));
  CHECK_THAT(malformed(out.results, "binary"), Contains("invalid UTF-8"));
  CHECK_THAT(malformed(out.results, "badutf8"), Contains("invalid UTF-8"));
  CHECK_THAT(malformed(out.results, "nul"), Contains("NUL byte"));
  CHECK_THAT(malformed(out.results, "truncated"), Contains("truncated"));
  CHECK_THAT(malformed(out.results, "empty"), Contains("empty file"));
  CHECK_THAT(malformed(out.results, "dupkeys"), Contains("duplicate key SLOT"));
  // The NUL bytes reach the SLOT check escaped, not raw.
  auto slot = in_package(only(out.results, "InvalidSlot"), "app-misc", "nul");
  REQUIRE(slot.size() == 1);
  CHECK(slot[0].message == "SLOT: invalid slot name '0\\x00\\x00garbage'");
  // Keys lost to corruption are not reported as missing: MalformedCacheEntry says why.
  for (const char* pkg : {"empty", "truncated"}) {
    INFO(pkg);
    auto res = in_package(out.results, "app-misc", pkg);
    for (const char* kw : {"InvalidSlot", "MissingLicense", "BadDescription", "BadHomepage", "BannedEapi"})
      CHECK(only(res, kw).empty());
  }
  // Well-formed keys of a damaged entry are still checked: its values are fine here.
  CHECK(in_package(only(out.results, "InvalidSlot"), "app-misc", "dupkeys").empty());
}

TEST_CASE("bad input: a megabyte line") {
  TempDir dir;
  copy_fixture(dir);
  std::string keywords;
  for (int i = 0; i < 150000; ++i) keywords += i ? " ~amd64" : "~amd64";
  dir.write("app-misc/huge/huge-1.ebuild", "EAPI=8\n");
  dir.write("metadata/md5-cache/app-misc/huge-1",
            "DESCRIPTION=" + std::string(1 << 20, 'd') + "\nEAPI=8\nHOMEPAGE=https://example.org\nKEYWORDS=" +
                keywords + "\nLICENSE=MIT\nSLOT=0\nSRC_URI=https://example.org/" + std::string(1 << 20, 'x') +
                "\n_md5_=0123456789abcdef0123456789abcdef\n");
  auto t0 = std::chrono::steady_clock::now();
  ScanOutput out = scan_checked(dir);
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 20);  // linear work per token, not quadratic
  auto dups = in_package(only(out.results, "DuplicateKeywords"), "app-misc", "huge");
  REQUIRE(dups.size() == 1);
  CHECK(dups[0].field("keywords") == "~amd64");
  auto desc = in_package(only(out.results, "BadDescription"), "app-misc", "huge");
  REQUIRE(desc.size() == 1);
  CHECK(desc[0].message == "DESCRIPTION is too long (1048576 characters, at most 80)");
}

TEST_CASE("bad input: an unreadable cache file") {
  TempDir dir;
  copy_fixture(dir);
  dir.write("app-misc/unreadable/unreadable-1.ebuild", "EAPI=8\n");
  dir.write("metadata/md5-cache/app-misc/unreadable-1", "EAPI=8\nSLOT=0\n");
  const std::string rel = "metadata/md5-cache/app-misc/unreadable-1";
  auto names_file = [&](const ScanOutput& out) {
    for (const Result& r : in_package(out.results, "app-misc", "unreadable"))
      if (r.keyword == "MalformedCacheEntry" &&
          (r.path == rel || r.message.find(rel) != std::string::npos))
        return true;
    return false;
  };

  SECTION("denied by the file system layer (any user)") {
    DenyingFileSystem denying({dir / rel});
    ScanOutput out = scan_checked(dir, &denying);
    CHECK(names_file(out));
  }
  SECTION("chmod 000") {
    REQUIRE(::chmod((dir / rel).c_str(), 0) == 0);
    if (running_as_root()) {
      WARN("skipped the chmod 000 assertion: running as root, which reads the file anyway");
      scan_checked(dir);
    } else {
      CHECK(names_file(scan_checked(dir)));
    }
    ::chmod((dir / rel).c_str(), 0644);
  }
}

TEST_CASE("bad input: symlink loops and unlistable directories in the tree") {
  TempDir dir;
  copy_fixture(dir);
  fs::create_directory_symlink("selfloop", dir / "app-misc/selfloop");   // loops on itself
  fs::create_directory_symlink("../app-misc", dir / "app-misc/cycle");  // a cycle through the category
  fs::create_directory_symlink("loopcat", dir / "loopcat");             // a looping category
  dir.mkdir("sec-locked/pkg");

  SECTION("loops are reported once each, by path") {
    ScanOutput out = scan_checked(dir);
    auto errs = only(out.results, "RepoFileError");
    const Result* self = find_path(errs, "RepoFileError", "app-misc/selfloop");
    REQUIRE(self);
    CHECK(self->message == "app-misc/selfloop: symlink loop");
    CHECK(find_path(errs, "RepoFileError", "loopcat"));
    // The cycle resolves to a real directory: walked once, never recursed into.
    CHECK(!find_path(errs, "RepoFileError", "app-misc/cycle"));
  }
  SECTION("a category directory that cannot be listed") {
    DenyingFileSystem denying({dir / "sec-locked"});
    ScanOutput out = scan_checked(dir, &denying);
    const Result* locked = find_path(out.results, "RepoFileError", "sec-locked");
    REQUIRE(locked);
    CHECK_THAT(locked->message, Catch::Matchers::Contains("Permission denied"));
  }
}

TEST_CASE("bad input: no profiles/ directory") {
  TempDir dir;
  copy_fixture(dir);
  fs::remove_all(dir / "profiles");
  ScanOutput out = scan_checked(dir);
  bool named = false;
  for (const Result& r : only(out.results, "RepoFileError"))
    named |= r.path.rfind("profiles", 0) == 0 && r.message.find("profiles/") != std::string::npos;
  CHECK(named);
}

namespace {

// A package with one version whose SRC_URI fetches <name>-1.tar.gz.
void add_fetching_package(const TempDir& dir, const std::string& name) {
  dir.write("app-misc/" + name + "/" + name + "-1.ebuild", "EAPI=8\n");
  dir.write("metadata/md5-cache/app-misc/" + name + "-1",
            "EAPI=8\nLICENSE=MIT\nSLOT=0\nSRC_URI=https://example.org/" + name + "-1.tar.gz\n");
}

std::vector<Result> results_of(const ScanOutput& out, const std::string& keyword, const std::string& pkg) {
  return in_package(only(out.results, keyword), "app-misc", pkg);
}

// The results outside the app-misc packages a test broke, less the
// repository-wide ones (what is unused depends on every package), one line
// each: a scan with the broken packages must give the same lines as a scan of
// the fixture without them.
std::vector<std::string> elsewhere(const ScanOutput& out, const std::set<std::string>& broken) {
  std::vector<std::string> lines;
  for (const Result& r : out.results)
    if (r.scope != Scope::Repo && !(r.category == "app-misc" && broken.count(r.package)))
      lines.push_back(r.keyword + " " + r.category + "/" + r.package + "-" + r.version + " " + r.path + ":" +
                      std::to_string(r.line) + " " + r.message);
  return lines;
}

// elsewhere() for the untouched fixture.
std::vector<std::string> fixture_results() {
  TempDir dir;
  copy_fixture(dir);
  RealFileSystem real;
  return elsewhere(scan(real, dir.path()), {});
}

}  // namespace

TEST_CASE("bad input: broken Manifests are results naming the file, never read through a link out") {
  TempDir dir;
  copy_fixture(dir);
  using Catch::Matchers::Contains;
  // Binary junk, a NUL byte, a megabyte line, then one good entry.
  add_fetching_package(dir, "mfjunk");
  std::string junk = std::string("\x7f" "ELF\x02\x01\x01", 7) + "\n" + "DIST nul" + std::string(1, '\0') +
                     ".tar.gz 1 SHA512 00\n" + "DIST huge.tar.gz 1 " + std::string(1 << 20, 'Z') + "\n";
  dir.write("app-misc/mfjunk/Manifest", junk);
  add_fetching_package(dir, "mfdir");
  dir.mkdir("app-misc/mfdir/Manifest");
  add_fetching_package(dir, "mfloop");
  fs::create_symlink("Manifest", dir / "app-misc/mfloop/Manifest");
  add_fetching_package(dir, "mfout");
  fs::create_symlink("/dev/zero", dir / "app-misc/mfout/Manifest");  // endless if it were ever read
  add_fetching_package(dir, "mffifo");
  REQUIRE(::mkfifo((dir / "app-misc/mffifo/Manifest").c_str(), 0644) == 0);  // would block a read
  add_fetching_package(dir, "mfdenied");
  dir.write("app-misc/mfdenied/Manifest", "DIST mfdenied-1.tar.gz 1 SHA512 00\n");

  DenyingFileSystem denying({dir / "app-misc/mfdenied/Manifest"});
  auto t0 = std::chrono::steady_clock::now();
  ScanOutput out = scan_checked(dir, &denying);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 20);

  auto junk_results = results_of(out, "InvalidManifest", "mfjunk");
  REQUIRE(junk_results.size() == 3);
  for (std::size_t i = 0; i < junk_results.size(); ++i) {
    CHECK(junk_results[i].path == "app-misc/mfjunk/Manifest");
    CHECK(junk_results[i].line == static_cast<int>(i) + 1);
    CHECK(junk_results[i].message.size() < 300);  // the megabyte token is cut
  }
  CHECK_THAT(junk_results[0].message, Contains("unknown Manifest tag '\\x7fELF"));
  // A Manifest with malformed lines gives no comparisons: no MissingManifest guesswork.
  CHECK(results_of(out, "MissingManifest", "mfjunk").empty());

  auto one = [&](const std::string& pkg) {
    auto rs = results_of(out, "InvalidManifest", pkg);
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].path == "app-misc/" + pkg + "/Manifest");
    CHECK(results_of(out, "MissingManifest", pkg).empty());
    return rs[0].message;
  };
  CHECK(one("mfdir") == "Manifest is a directory, not a file");
  CHECK(one("mfloop") == "Manifest cannot be followed: symlink loop");
  CHECK(one("mfout") == "Manifest is a symbolic link to '/dev/zero', outside the repository; it was not read");
  CHECK(one("mffifo") == "Manifest is not a regular file (a device, FIFO or socket)");
  CHECK_THAT(one("mfdenied"), Contains("Permission denied"));
  // The rest of the scan is what it is without these packages.
  const std::vector<std::string> base = fixture_results();
  CHECK(base.size() > 10);  // the fixture's own findings: a comparison that can fail
  CHECK(elsewhere(out, {"mfjunk", "mfdir", "mfloop", "mfout", "mffifo", "mfdenied"}) == base);
}

TEST_CASE("bad input: package directories with links out, loops, special files and unlistable files/") {
  TempDir dir;
  copy_fixture(dir);
  add_fetching_package(dir, "links");
  dir.write("app-misc/links/files/real.patch", "--- a\n+++ b\n");
  fs::create_symlink("/etc/passwd", dir / "app-misc/links/files/passwd.patch");
  fs::create_symlink("loop.patch", dir / "app-misc/links/files/loop.patch");
  fs::create_directory_symlink("..", dir / "app-misc/links/files/parent");  // a cycle: never walked into
  fs::create_directory_symlink("/", dir / "app-misc/links/root");
  REQUIRE(::mkfifo((dir / "app-misc/links/pipe").c_str(), 0644) == 0);
  add_fetching_package(dir, "locked");
  dir.write("app-misc/locked/files/a.patch", "x\n");

  DenyingFileSystem denying({dir / "app-misc/locked/files"});
  ScanOutput out = scan_checked(dir, &denying);
  auto broken = results_of(out, "BrokenPkgDirEntry", "links");
  std::map<std::string, std::string> by_path;
  for (const Result& r : broken) by_path[r.path] = r.message;
  CHECK(by_path["app-misc/links/files/passwd.patch"] ==
        "'files/passwd.patch' is a symbolic link to '/etc/passwd', outside the repository; not followed");
  CHECK(by_path["app-misc/links/root"] == "'root' is a symbolic link to '/', outside the repository; not followed");
  CHECK(by_path["app-misc/links/files/loop.patch"] ==
        "'files/loop.patch' is a symbolic link that cannot be followed ('loop.patch')");
  CHECK(by_path["app-misc/links/pipe"] == "'pipe' is neither a file nor a directory");
  CHECK(by_path.count("app-misc/links/files/parent") == 0);  // inside the repository: fine, and not walked
  CHECK(broken.size() == 4);

  auto locked = results_of(out, "BrokenPkgDirEntry", "locked");
  REQUIRE(locked.size() == 1);
  CHECK(locked[0].path == "app-misc/locked/files");
  CHECK_THAT(locked[0].message, Catch::Matchers::Contains("Permission denied"));
  CHECK(elsewhere(out, {"links", "locked"}) == fixture_results());
}
