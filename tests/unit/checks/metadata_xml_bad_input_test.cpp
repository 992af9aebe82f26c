// Hostile metadata.xml files, end to end: a directory, a named pipe, a
// dangling symlink, megabytes, other encodings, entity bombs, external
// entities, an unreadable file. Each scan finishes with one result naming the
// file (and line when libxml2 gives one), and everything else the scan says
// is exactly what it says when the file is fine.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "fixture.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using namespace pkgscan::test;
using pkgscan::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kCat = "UnknownUseFlags";
const std::string kPkg = "clean";
const std::string kFile = kCat + "/" + kPkg + "/metadata.xml";

ScanOutput scan(const FileSystem& filesystem, const std::string& root) { return scan_at(filesystem, root, {"all"}); }

// What a scan says apart from the results about the replaced file: for a
// package file also its metadata.xml-based results (those necessarily change:
// its local flags are gone).
std::vector<std::string> unrelated(const ScanOutput& out, const std::string& file) {
  std::vector<std::string> s;
  for (const Result& r : out.results) {
    bool about_file = r.path == file || (file == kFile && r.category == kCat && r.package == kPkg &&
                                         (r.check == "MetadataXml" || r.check == "UseDesc"));
    if (!about_file) s.push_back(r.keyword + " " + r.path + ":" + std::to_string(r.line) + " " + r.message);
  }
  return s;
}

class DenyingFileSystem final : public FileSystem {
 public:
  explicit DenyingFileSystem(std::string denied) : denied_(std::move(denied)) {}
  FileType stat(const std::string& path) const override { return real_.stat(path); }
  bool read_file(const std::string& path, std::string& out, std::string* err) const override {
    if (path == denied_) {
      if (err) *err = "cannot read: Permission denied";
      return false;
    }
    return real_.read_file(path, out, err);
  }
  bool list_dir(const std::string& path, std::vector<DirEntry>& out, std::string* err) const override {
    return real_.list_dir(path, out, err);
  }
  bool lstat(const std::string& path, FileInfo& out, std::string* err) const override {
    return real_.lstat(path, out, err);
  }
  std::string on_disk(const std::string& path, std::string* err) const override { return real_.on_disk(path, err); }

 private:
  RealFileSystem real_;
  std::string denied_;
};

struct Bad {
  std::string name;
  std::string expected;  // part of the *BadlyFormedXml message
  int line;              // expected line, 0 = none
};

std::string billion_laughs() {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE pkgmetadata [\n<!ENTITY a \"aaaaaaaaaaaaaaaa\">\n";
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string("<!ENTITY ") + c + " \"";
    for (int i = 0; i < 16; ++i) bomb += std::string("&") + char(c - 1) + ";";
    bomb += "\">\n";
  }
  return bomb + "]>\n<pkgmetadata><longdescription>&k;</longdescription></pkgmetadata>\n";
}

const Bad kCases[] = {
    {"directory", "is a directory, not a file", 0},
    {"fifo", "is not a regular file", 0},
    {"dangling symlink", "is not a regular file", 0},
    {"megabytes", "bytes, more than the 1 MiB a metadata.xml may have: not parsed", 0},
    {"latin-1", "is not well formed xml: Input is not proper UTF-8", 3},
    {"utf-16", "is not well formed xml", 1},
    {"entity bomb", "declares entity 'a': entity declarations are refused", 3},
    {"external entity", "declares entity 'x': entity declarations are refused", 2},
    {"unreadable", "cannot be read: Permission denied", 0},
};

// Replaces `file` with the bad input `name`; returns the file system to scan
// with (one that refuses to read `file` for "unreadable").
std::unique_ptr<FileSystem> write_bad(const std::string& name, const std::string& file) {
  fs::remove_all(file);
  if (name == "directory") {
    fs::create_directories(file);
    std::ofstream(file + "/inside") << "x";
  } else if (name == "fifo") {
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
  } else if (name == "dangling symlink") {
    fs::create_symlink(file + ".nowhere", file);
  } else if (name == "megabytes") {
    std::ofstream(file) << "<pkgmetadata><longdescription>" << std::string(3 << 20, 'x')
                        << "</longdescription></pkgmetadata>\n";
  } else if (name == "latin-1") {
    std::ofstream(file) << "<pkgmetadata>\n<longdescription>\nCaf\xe9</longdescription>\n</pkgmetadata>\n";
  } else if (name == "utf-16") {
    std::ofstream(file, std::ios::binary) << std::string("\xff\xfe<\0p\0k\0g\0>\0", 12);
  } else if (name == "entity bomb") {
    std::ofstream(file) << billion_laughs();
  } else if (name == "external entity") {
    std::ofstream(file) << "<!DOCTYPE pkgmetadata [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                           "<pkgmetadata><longdescription>&x;</longdescription></pkgmetadata>\n";
  } else if (name == "unreadable") {
    std::ofstream(file) << "<pkgmetadata/>\n";
    return std::make_unique<DenyingFileSystem>(file);
  }
  return std::make_unique<RealFileSystem>();
}

}  // namespace

TEST_CASE("bad metadata.xml: one result naming the file, the rest of the scan unchanged", "[metadata-xml][bad-input]") {
  TempDir dir;
  fs::copy(fixture_path("metadata-xml"), dir.path(), fs::copy_options::recursive);
  RealFileSystem real;
  const std::string file = dir / kFile;
  ScanOutput baseline = scan(real, dir.path());
  REQUIRE(baseline.errors.empty());
  REQUIRE(in_package(only(baseline.results, "UnknownUseFlags"), kCat, kPkg).empty());

  for (const Bad& c : kCases) {
    INFO("case: " << c.name);
    std::unique_ptr<FileSystem> filesystem = write_bad(c.name, file);
    auto t0 = std::chrono::steady_clock::now();
    ScanOutput out = scan(*filesystem, dir.path());
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60));
    REQUIRE(out.errors.empty());
    auto bad = in_package(only(out.results, "PkgBadlyFormedXml"), kCat, kPkg);
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].path == kFile);
    CHECK(bad[0].message.starts_with("package metadata.xml "));
    CHECK(bad[0].message.find(c.expected) != std::string::npos);
    CHECK(bad[0].line == c.line);
    CHECK(bad[0].message.find("root:") == std::string::npos);  // /etc/passwd was never read
    // Without its metadata.xml the package's local flag is undescribed: the
    // one consequence the file has beyond its own result.
    auto unknown = in_package(only(out.results, "UnknownUseFlags"), kCat, kPkg);
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].message == "unknown USE flag: 'gui'");
    CHECK(unrelated(out, kFile) == unrelated(baseline, kFile));
  }
}

TEST_CASE("bad category metadata.xml: one CatBadlyFormedXml naming the file, the rest unchanged",
          "[metadata-xml][bad-input]") {
  TempDir dir;
  fs::copy(fixture_path("metadata-xml"), dir.path(), fs::copy_options::recursive);
  RealFileSystem real;
  const std::string cat_file = kCat + "/metadata.xml";  // the fixture has none: nothing reported
  const std::string file = dir / cat_file;
  ScanOutput baseline = scan(real, dir.path());
  REQUIRE(baseline.errors.empty());
  REQUIRE(only(baseline.results, "CatBadlyFormedXml").empty());

  for (const Bad& c : kCases) {
    INFO("case: " << c.name);
    std::unique_ptr<FileSystem> filesystem = write_bad(c.name, file);
    ScanOutput out = scan(*filesystem, dir.path());
    REQUIRE(out.errors.empty());
    auto bad = only(out.results, "CatBadlyFormedXml");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].scope == Scope::Category);
    CHECK(bad[0].category == kCat);
    CHECK(bad[0].path == cat_file);
    CHECK(bad[0].message.starts_with("category metadata.xml "));
    CHECK(bad[0].message.find(c.expected) != std::string::npos);
    CHECK(bad[0].line == c.line);
    CHECK(bad[0].message.find("root:") == std::string::npos);
    CHECK(unrelated(out, cat_file) == unrelated(baseline, cat_file));
  }
}
