// The Python model on the real GURU corpus (dev-python, 475 entries): every
// ebuild that uses PYTHON_DEPS gets a non-empty implementation set, and the
// DISTUTILS_EXT marks agree with a plain-text reading of IUSE and DEPEND.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "pkgscan/python.hpp"
#include "pkgscan/repo.hpp"
#include "repo/temp_dir.hpp"

using namespace pkgscan;

namespace {

const char kTarball[] = PKGSCAN_CORPUS "/guru-2026-08-21-metadata.tar.xz";

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// DISTUTILS_EXT read from the raw text: `debug` after the last target flag
// in IUSE, and `<flag>? ( dev-lang/python:` in DEPEND for every target flag.
bool raw_ext_marks(const CacheEntry& c) {
  auto iuse = words(c.get(CacheKey::IUSE));
  std::ptrdiff_t last = -1;
  std::vector<std::string> targets;
  for (std::size_t i = 0; i < iuse.size(); ++i)
    if (iuse[i].rfind("python_targets_", 0) == 0 || iuse[i].rfind("python_single_target_", 0) == 0) {
      last = static_cast<std::ptrdiff_t>(i);
      targets.push_back(iuse[i]);
    }
  if (last < 0) return false;
  bool debug = false;
  for (std::size_t i = static_cast<std::size_t>(last) + 1; i < iuse.size(); ++i) debug |= iuse[i] == "debug";
  if (!debug) return false;
  const std::string& dep = c.get(CacheKey::DEPEND);
  for (const std::string& t : targets)
    if (dep.find(t + "? ( dev-lang/python:") == std::string::npos && dep.find(t + "? ( dev-lang/pypy:") == std::string::npos)
      return false;
  return true;
}

}  // namespace

TEST_CASE("python model recovers every dev-python entry of the GURU corpus", "[python][corpus]") {
  if (!std::filesystem::exists(kTarball)) {
    WARN("skipped: corpus not found at " << kTarball);
    return;
  }
  pkgscan::testing::TempDir dir;
  std::string cmd = "tar -xJf '" + std::string(kTarball) + "' -C '" + dir.path() + "' metadata/md5-cache/dev-python";
  if (std::system(cmd.c_str()) != 0) {
    WARN("skipped: could not unpack " << kTarball);
    return;
  }
  RealFileSystem fs;
  std::vector<DirEntry> files;
  REQUIRE(fs.list_dir(dir / "metadata/md5-cache/dev-python", files, nullptr));

  std::size_t entries = 0, python = 0, with_deps = 0, empty = 0, ext = 0, raw_ext = 0, distutils = 0;
  std::map<std::string, std::size_t> by_eclass;
  std::string text;
  for (const DirEntry& f : files) {
    REQUIRE(fs.read_file(dir / ("metadata/md5-cache/dev-python/" + f.name), text, nullptr));
    Ebuild e;
    e.category = Symbol::intern("dev-python");
    e.entry = parse_cache_entry(text);
    e.has_cache = true;
    derive_ebuild_fields(e);
    python::EbuildModel m = python::analyze(e);
    ++entries;
    distutils += m.distutils;
    if (m.eclass != python::Eclass::None) {
      ++python;
      ++by_eclass[std::string(python::eclass_name(m.eclass))];
    }
    if (m.eclass != python::Eclass::None && m.uses_python_deps) {
      ++with_deps;
      if (m.impls.empty()) {
        ++empty;
        FAIL_CHECK(f.name << ": empty implementation set");
      }
    }
    // Independent reading of the targets for the USE-flag eclasses.
    if (m.eclass == python::Eclass::R1 || m.eclass == python::Eclass::SingleR1) {
      std::set<std::string> raw;
      for (const std::string& w : words(e.entry.get(CacheKey::IUSE)))
        if (auto impl = python::impl_of_flag(w)) raw.insert(std::string(*impl));
      INFO(f.name);
      CHECK(raw.size() == m.impls.size());
    }
    bool r = raw_ext_marks(e.entry);
    raw_ext += r;
    ext += m.distutils_ext();
    INFO(f.name);
    CHECK(r == m.distutils_ext());
  }
  CHECK(entries == 475);
  CHECK(empty == 0);
  CHECK(with_deps > 0);
  CHECK(ext == raw_ext);
  CHECK(ext > 0);
  WARN("GURU dev-python: " << entries << " entries, " << python << " with a python eclass (python-r1 "
                           << by_eclass["python-r1"] << ", python-single-r1 " << by_eclass["python-single-r1"]
                           << ", python-any-r1 " << by_eclass["python-any-r1"] << "), " << with_deps
                           << " use PYTHON_DEPS, " << empty << " empty sets; distutils-r1 " << distutils
                           << ", DISTUTILS_EXT marks " << ext << " (plain-text reading " << raw_ext << ")");
}
