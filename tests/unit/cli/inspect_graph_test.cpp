// End-to-end tests of `pkgscan inspect --deps-graph`, run on the built binary.
#include <catch2/catch.hpp>

#include "run_command.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using pkgscan::test::Run;

Run run_inspect(const std::string& args) {
  return pkgscan::test::run_shell(std::string("'") + PKGSCAN_BINARY + "' inspect " + args + " 2>/dev/null");
}

std::string repo(const std::string& name) { return std::string(PKGSCAN_FIXTURES) + "/" + name; }

}  // namespace

TEST_CASE("inspect --deps-graph shows resolved edges per Python implementation and the cycle", "[cli][inspect]") {
  Run r = run_inspect("-r '" + repo("bootstrap-hard") + "' dev-python/flit-core --deps-graph");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("dev-python/flit-core-4.1.0: build graph") != std::string::npos);
  CHECK(r.out.find("  dev-python/flit-core-4.1.0 [python3_13]\n") != std::string::npos);
  CHECK(r.out.find("-> dev-python/packaging-26.3 [python3_14]") != std::string::npos);
  CHECK(r.out.find("dev-lang/python:3.13 -> (unresolved)") != std::string::npos);
  CHECK(r.out.find("BootstrapCycle: dev-python/flit-core-4.1.0 -BDEPEND-> dev-python/packaging-26.3 -BDEPEND-> "
                   "dev-python/flit-core-4.1.0\n") != std::string::npos);
}

TEST_CASE("inspect --deps-graph --json: nodes, edges with variables, cycles once", "[cli][inspect]") {
  Run r = run_inspect("-r '" + repo("bootstrap-runtime") + "' =dev-python/flit-core-4.1.0 --deps-graph --json");
  REQUIRE(r.status == 0);
  nlohmann::json j = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  CHECK(j["cpv"] == "dev-python/flit-core-4.1.0");
  bool runtime_edge = false;
  for (const auto& n : j["nodes"])
    for (const auto& d : n["deps"])
      if (n["cpv"] == "dev-python/gpep517-23" && d["var"] == "RDEPEND" && !d["target"].is_null() &&
          j["nodes"][d["target"].get<std::size_t>()]["cpv"] == "dev-python/packaging-26.3")
        runtime_edge = true;
  CHECK(runtime_edge);
  REQUIRE(j["cycles"].size() == 1);
  CHECK(j["cycles"][0]["keyword"] == "BootstrapCycleViaRuntime");
}

TEST_CASE("inspect --deps-graph says when there is no cycle", "[cli][inspect]") {
  Run r = run_inspect("-r '" + repo("bootstrap") + "' dev-python/setuptools --deps-graph");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("no bootstrap cycle through dev-python/setuptools-80.9.0") != std::string::npos);
  // PDEPEND is not part of the build graph.
  CHECK(r.out.find("setuptools-scm") == std::string::npos);
}
