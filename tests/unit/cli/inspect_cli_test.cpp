// End-to-end tests of `pkgscan inspect` on the python fixture repository.
#include <catch2/catch.hpp>

#include "run_command.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using pkgscan::test::Run;

Run run(const std::string& args, const std::string& repo = "python") {
  return pkgscan::test::run_shell(std::string("'") + PKGSCAN_BINARY + "' inspect -r '" + PKGSCAN_FIXTURES + "/" + repo +
                                  "' " + args + " 2>&1");
}

}  // namespace

TEST_CASE("inspect --json gives metadata and python facts per ebuild", "[cli][inspect]") {
  Run r = run("--json DistutilsExtMissing/clean-ext DistutilsExtMissing/trigger-maturin");
  REQUIRE(r.status == 0);
  std::istringstream in(r.out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(in, line);) rows.push_back(nlohmann::json::parse(line));
  REQUIRE(rows.size() == 2);
  const auto& ext = rows[0];
  CHECK(ext["cpv"] == "DistutilsExtMissing/clean-ext-1");
  CHECK(ext["eapi"] == "8");
  CHECK(ext["python"]["eclass"] == "python-r1");
  CHECK(ext["python"]["distutils_ext"] == true);
  CHECK(ext["python"]["backend"] == "setuptools");
  CHECK(ext["python"]["implementations"] ==
        nlohmann::json::array({"python3_12", "python3_13", "python3_14", "python3_15"}));
  CHECK(ext["python"]["extension_builders"][0]["signal"] == "dev-python/cython in BDEPEND");
  const auto& mat = rows[1];
  CHECK(mat["python"]["distutils_ext"] == false);
  CHECK(mat["python"]["backend"] == "maturin");
  CHECK(mat["python"]["extension_builders"].size() == 3);
  CHECK(mat["inherited"] == "cargo python-utils-r1 python-r1 distutils-r1");
  CHECK(mat["BDEPEND"].get<std::string>().find(">=dev-util/maturin-1.8.2") != std::string::npos);
}

TEST_CASE("inspect text output names the derived facts", "[cli][inspect]") {
  Run r = run("PythonCompatUpdate/trigger-any PythonCompatUpdate/trigger-single");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("# implementations from eclass/python-utils-r1.eclass of python-fixtures") != std::string::npos);
  CHECK(r.out.find("PythonCompatUpdate/trigger-any-1::python-fixtures") != std::string::npos);
  CHECK(r.out.find("python eclass         python-any-r1\n  implementations       python3_12 python3_13\n") !=
        std::string::npos);
  CHECK(r.out.find("python eclass         python-single-r1\n  implementations       python3_13\n") != std::string::npos);
}

TEST_CASE("inspect shows the era of the tree's python eclasses and where it came from", "[cli][inspect]") {
  Run old = run("PythonMissingDeps/clean-virtuals", "python-2018");
  REQUIRE(old.status == 0);
  CHECK(old.out.find("# implementations from eclass/python-utils-r1.eclass of python-2018: jython2_7 pypy pypy3 "
                     "python2_7 python3_4 python3_5 python3_6 python3_7\n") != std::string::npos);
  CHECK(old.out.find("# interpreters (built-in list and the PYTHON_PKG_DEP case of eclass/python-utils-r1.eclass of "
                     "python-2018): ") != std::string::npos);
  CHECK(old.out.find("virtual/pypy3") != std::string::npos);
  CHECK(old.out.find("# distutils-r1 knows: none of DISTUTILS_USE_PEP517, DISTUTILS_DEPS, DISTUTILS_EXT "
                     "(eclass/distutils-r1.eclass of python-2018)\n") != std::string::npos);
  CHECK(old.out.find("implementations       python2_7 pypy pypy3 jython2_7\n") != std::string::npos);

  Run data = run("dev-python/foo", "PythonImplsFromDataFile/trigger");
  REQUIRE(data.status == 0);
  CHECK(data.out.find("# implementations from data/python-implementations.yaml: ") != std::string::npos);
  CHECK(data.out.find("(last resort: no python-utils-r1.eclass and no python_targets.desc") != std::string::npos);
  CHECK(data.out.find("(no distutils-r1.eclass in the repositories: the current eclass assumed)") != std::string::npos);

  Run now = run("PythonCompatUpdate/trigger-any");
  CHECK(now.out.find("# distutils-r1 knows: DISTUTILS_USE_PEP517 DISTUTILS_DEPS DISTUTILS_EXT") != std::string::npos);
}

TEST_CASE("inspect fails clearly on targets that match nothing", "[cli][inspect]") {
  Run r = run("PythonCompatUpdate/does-not-exist");
  CHECK(r.status == 1);
  CHECK(r.out.find("no ebuild matches") != std::string::npos);
  CHECK(run("--repo-path broken").status == 2);
}

namespace {

// inspect on a fixture repository with a private user cache directory.
Run inspect_with_cache(const std::string& cache_dir, const std::string& repo, const std::string& args) {
  return pkgscan::test::run_shell("XDG_CACHE_HOME='" + cache_dir + "' " + pkgscan::test::pkgscan_cmd() + " inspect -r '" +
                                  PKGSCAN_FIXTURES + "/" + repo + "' " + args + " 2>&1");
}

std::string fresh_dir() {
  char tmpl[] = "/tmp/pkgscan-inspect-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  return tmpl;
}

}  // namespace

TEST_CASE("inspect says where each entry came from: regenerated, then the user cache", "[cli][inspect][regen]") {
  std::string cache = fresh_dir();
  Run first = inspect_with_cache(cache, "RegeneratedMetadata/trigger", "--json app-misc/foo");
  REQUIRE(first.status == 0);
  auto j = nlohmann::json::parse(first.out);
  CHECK(j["metadata_source"] == "regenerated");
  CHECK(j["eapi"] == "8");

  Run second = inspect_with_cache(cache, "RegeneratedMetadata/trigger", "app-misc/foo");
  REQUIRE(second.status == 0);
  CHECK(second.out.find("  metadata from         user cache\n") != std::string::npos);

  Run off = inspect_with_cache(cache, "RegeneratedMetadata/trigger", "app-misc/foo --no-regen --json");
  REQUIRE(off.status == 0);
  CHECK(nlohmann::json::parse(off.out)["metadata_source"] == "none");
  // The text says the entry is missing, not the errno of reading it.
  Run off_text = inspect_with_cache(cache, "RegeneratedMetadata/trigger", "app-misc/foo --no-regen");
  REQUIRE(off_text.status == 0);
  CHECK(off_text.out.find("metadata from         none (no md5-cache entry at metadata/md5-cache/app-misc/foo-") !=
        std::string::npos);
  CHECK(off_text.out.find("No such file") == std::string::npos);
  std::system(("rm -rf '" + cache + "'").c_str());
}

TEST_CASE("inspect shows the repository cache as the source of a fresh committed entry", "[cli][inspect][regen]") {
  std::string cache = fresh_dir();
  Run r = inspect_with_cache(cache, "python", "--json DistutilsExtMissing/clean-ext");
  REQUIRE(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["metadata_source"] == "repository cache");
  std::system(("rm -rf '" + cache + "'").c_str());
}

TEST_CASE("inspect names why an ebuild has no metadata when sourcing fails", "[cli][inspect][regen]") {
  std::string cache = fresh_dir();
  Run r = inspect_with_cache(cache, "sourcing", "SourcingError/trigger-die");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("metadata from         none (sourcing failed: die: ") != std::string::npos);
  CHECK(r.out.find("at SourcingError/trigger-die/trigger-die-1.ebuild:") != std::string::npos);
  Run j = inspect_with_cache(cache, "sourcing", "--json SourcingError/trigger-die");
  auto row = nlohmann::json::parse(j.out);
  CHECK(row["sourcing_failure"]["reason"] == "die");
  std::system(("rm -rf '" + cache + "'").c_str());
}
