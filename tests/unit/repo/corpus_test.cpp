// The real GURU metadata snapshot: every cache entry must parse cleanly and
// the repository must open as an overlay whose master is missing.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "pkgscan/repo.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;
using pkgscan::testing::TempDir;

namespace {

const char kTarball[] = PKGSCAN_CORPUS "/guru-2026-08-21-metadata.tar.xz";

// Unpacks the corpus into `dir`; false (after a WARN) when it is absent.
bool unpack_corpus(const TempDir& dir) {
  if (!std::filesystem::exists(kTarball)) {
    WARN("skipped: corpus not found at " << kTarball);
    return false;
  }
  std::string cmd = "tar -xJf '" + std::string(kTarball) + "' -C '" + dir.path() + "'";
  if (std::system(cmd.c_str()) != 0) {
    WARN("skipped: could not unpack " << kTarball);
    return false;
  }
  return true;
}

}  // namespace

TEST_CASE("every md5-cache entry of the real corpus parses without issues", "[corpus]") {
  TempDir dir;
  if (!unpack_corpus(dir)) return;
  RealFileSystem fs;
  std::string err;
  auto repo = Repository::open(fs, dir.path(), &err);
  REQUIRE(repo);
  CHECK(repo->name() == "guru");
  CHECK(repo->layout().masters == std::vector<std::string>{"gentoo"});
  CHECK(repo->profiles().present);
  CHECK_FALSE(repo->profiles().categories.empty());
  CHECK_FALSE(repo->profiles().moves.empty());
  for (const auto& issue : repo->issues()) WARN(issue.path << ":" << issue.line << ": " << issue.message);

  std::vector<DirEntry> cats;
  REQUIRE(fs.list_dir(dir / "metadata/md5-cache", cats, nullptr));
  std::size_t entries = 0, eclass_refs = 0;
  std::string text;
  for (const DirEntry& cat : cats) {
    for (const std::string& pf : repo->cache_pfs(cat.name)) {
      std::string path = repo->abs(repo->cache_path(cat.name, pf));
      REQUIRE(fs.read_file(path, text, &err));
      CacheEntry e = parse_cache_entry(text);
      ++entries;
      std::vector<std::string> problems;
      eclass_refs += e.eclasses(&problems).size();
      if (!e.issues.empty() || !problems.empty()) {
        FAIL_CHECK(path << ": " << (e.issues.empty() ? problems.front() : e.issues.front().message));
      }
      CHECK(e.has(CacheKey::EAPI));
      CHECK(e.get(CacheKey::MD5).size() == 32);
    }
  }
  CHECK(entries == 3751);
  CHECK(eclass_refs > 3483);  // at least one per entry that inherits

  RepoSet set(fs, std::move(repo), {});
  CHECK(set.missing_masters() == std::vector<std::string>{"gentoo"});
  CHECK_FALSE(set.main().has_ebuilds());
}
