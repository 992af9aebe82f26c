// Runs bench/gen-tree and checks that the synthetic repository it writes is
// one the scanner can trust: one cache entry per ebuild, fresh checksums,
// sorted keys, and byte-identical output for the same seed.

#include <catch2/catch.hpp>

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pkgscan/scan.hpp"

namespace fs = std::filesystem;

namespace {

// gen-tree is built next to pkgscan, in <builddir>/bench/.
fs::path gen_tree_binary() { return fs::path(PKGSCAN_BINARY).parent_path() / "bench" / "gen-tree"; }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string md5_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_md5(), nullptr);
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "pkgscan-gentree-XXXXXX").string();
    if (char* p = ::mkdtemp(tmpl.data())) path = p;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

int run_gen_tree(const fs::path& bin, int n, const fs::path& out, int seed) {
  // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string temporaries.
  std::string cmd = "'";
  cmd += bin.string();
  cmd += "' ";
  cmd += std::to_string(n);
  cmd += " '";
  cmd += out.string();
  cmd += "' --seed ";
  cmd += std::to_string(seed);
  cmd += " >/dev/null";
  return std::system(cmd.c_str());
}

// Every regular file under root, relative path → contents.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = slurp(e.path());
  return files;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

}  // namespace

TEST_CASE("gen-tree writes a repository with fresh md5-cache entries", "[gen-tree]") {
  fs::path bin = gen_tree_binary();
  if (!fs::exists(bin)) {
    WARN("skipped: " << bin << " is not built (ninja gen-tree)");
    return;
  }
  TempDir tmp;
  REQUIRE(!tmp.path.empty());
  fs::path repo = tmp.path / "a";
  REQUIRE(run_gen_tree(bin, 300, repo, 42) == 0);

  CHECK(slurp(repo / "profiles/repo_name") == "gentoo\n");
  CHECK(slurp(repo / "metadata/layout.conf").find("masters =\n") != std::string::npos);
  CHECK(fs::exists(repo / "eclass/python-utils-r1.eclass"));

  // Ebuilds live in <cat>/<pkg>/<PF>.ebuild; entries in metadata/md5-cache/<cat>/<PF>.
  std::map<std::string, fs::path> ebuilds;  // "cat/PF" → ebuild path
  for (auto& e : fs::recursive_directory_iterator(repo)) {
    if (e.is_regular_file() && e.path().extension() == ".ebuild") {
      std::string cat = e.path().parent_path().parent_path().filename().string();
      ebuilds[cat + "/" + e.path().stem().string()] = e.path();
    }
  }
  std::set<std::string> entries;
  for (auto& e : fs::recursive_directory_iterator(repo / "metadata/md5-cache"))
    if (e.is_regular_file()) entries.insert(e.path().parent_path().filename().string() + "/" + e.path().filename().string());
  CHECK(ebuilds.size() == 300);
  CHECK(entries.size() == 300);

  std::map<std::string, std::string> eclass_md5;
  size_t with_eclasses = 0, python_entries = 0;
  for (const auto& key : entries) {
    INFO("entry " << key);
    REQUIRE(ebuilds.count(key) == 1);
    std::string text = slurp(repo / "metadata/md5-cache" / key);
    REQUIRE(!text.empty());
    REQUIRE(text.back() == '\n');
    std::vector<std::string> lines = split(text.substr(0, text.size() - 1), '\n');
    std::map<std::string, std::string> values;
    std::string previous;
    for (const auto& line : lines) {
      auto eq = line.find('=');
      REQUIRE(eq != std::string::npos);
      std::string k = line.substr(0, eq);
      CHECK(previous < k);  // sorted, no duplicates, as egencache writes them
      previous = k;
      values[k] = line.substr(eq + 1);
      CHECK(!values[k].empty());
    }
    CHECK(values["_md5_"] == md5_hex(slurp(ebuilds[key])));
    if (values.count("_eclasses_")) {
      ++with_eclasses;
      std::vector<std::string> parts = split(values["_eclasses_"], '\t');
      REQUIRE(parts.size() % 2 == 0);
      std::set<std::string> names;
      for (size_t i = 0; i < parts.size(); i += 2) {
        fs::path file = repo / "eclass" / (parts[i] + ".eclass");
        REQUIRE(fs::exists(file));
        if (!eclass_md5.count(parts[i])) eclass_md5[parts[i]] = md5_hex(slurp(file));
        CHECK(parts[i + 1] == eclass_md5[parts[i]]);
        names.insert(parts[i]);
      }
      // Every direct inherit is among all inherited eclasses.
      for (const auto& direct : split(values["INHERIT"], ' ')) CHECK(names.count(direct) == 1);
      if (names.count("python-r1") || names.count("python-single-r1") || names.count("python-any-r1")) ++python_entries;
    }
  }
  // The tree is shaped like the corpus: most entries inherit something, a fair share is Python.
  CHECK(with_eclasses > 150);
  CHECK(python_entries > 30);
}

TEST_CASE("gen-tree output depends only on N and the seed", "[gen-tree]") {
  fs::path bin = gen_tree_binary();
  if (!fs::exists(bin)) {
    WARN("skipped: " << bin << " is not built (ninja gen-tree)");
    return;
  }
  TempDir tmp;
  REQUIRE(!tmp.path.empty());
  REQUIRE(run_gen_tree(bin, 300, tmp.path / "a", 42) == 0);
  REQUIRE(run_gen_tree(bin, 300, tmp.path / "b", 42) == 0);
  REQUIRE(run_gen_tree(bin, 300, tmp.path / "c", 43) == 0);
  auto a = snapshot(tmp.path / "a");
  auto b = snapshot(tmp.path / "b");
  auto c = snapshot(tmp.path / "c");
  CHECK(a.size() > 600);
  CHECK(a == b);
  CHECK(a != c);
}

TEST_CASE("gen-tree writes thin Manifests that match every SRC_URI", "[gen-tree]") {
  fs::path bin = gen_tree_binary();
  if (!fs::exists(bin)) {
    WARN("skipped: " << bin << " is not built (ninja gen-tree)");
    return;
  }
  TempDir tmp;
  REQUIRE(!tmp.path.empty());
  fs::path repo = tmp.path / "a";
  REQUIRE(run_gen_tree(bin, 300, repo, 42) == 0);
  size_t manifests = 0, dist_lines = 0;
  for (auto& e : fs::recursive_directory_iterator(repo)) {
    if (e.path().filename() != "Manifest") continue;
    ++manifests;
    for (const std::string& line : split(slurp(e.path()), '\n')) {
      if (line.empty()) continue;
      ++dist_lines;
      std::vector<std::string> f = split(line, ' ');
      REQUIRE(f.size() == 7);
      CHECK(f[0] == "DIST");
      CHECK(f[3] == "BLAKE2B");
      CHECK(f[4].size() == 128);
      CHECK(f[5] == "SHA512");
      CHECK(f[6].size() == 128);
    }
  }
  CHECK(manifests > 150);
  CHECK(dist_lines > manifests);  // crates and verify-sig signatures add lines

  // The Manifest check agrees: nothing missing, unknown or short of a hash.
  pkgscan::RealFileSystem real;
  pkgscan::ScanOptions opts;
  opts.repo = repo.string();
  opts.user_config = false;
  opts.cwd = "/";
  opts.cli.checks = {"Manifest"};
  opts.cli.exit = "none";
  opts.data_dir = PKGSCAN_DATA_DIR;
  pkgscan::ScanOutput out = pkgscan::run_scan(real, opts);
  REQUIRE(out.errors.empty());
  for (const pkgscan::Result& r : out.results) FAIL_CHECK(r.keyword << " " << r.package << ": " << r.message);
}
