#include <catch2/catch.hpp>

#include "pkgscan/config.hpp"

using namespace pkgscan;

TEST_CASE("configuration keys mirror the long options") {
  Config c;
  std::string err;
  REQUIRE(load_config_text("checks: -Cache\nkeywords: [+DistutilsExtUnneeded, -RedundantDep]\njobs: 3\n"
                            "exit: warning\nreporter: json\nrepo-paths: {gentoo: /var/db/repos/gentoo}\n",
                            "c.yaml", c, &err));
  CHECK(c.checks == std::vector<std::string>{"-Cache"});
  CHECK(c.keywords == std::vector<std::string>{"+DistutilsExtUnneeded", "-RedundantDep"});
  CHECK(c.jobs == 3);
  CHECK(c.exit == "warning");
  CHECK(c.reporter == "json");
  CHECK(c.repo_paths.at("gentoo") == "/var/db/repos/gentoo");
}

TEST_CASE("config errors name the file and line") {
  Config c;
  std::string err;
  CHECK_FALSE(load_config_text("jobs: 2\nbogus: 1\n", "repo.yaml", c, &err));
  CHECK(err == "repo.yaml:2: unknown option 'bogus'");
  CHECK_FALSE(load_config_text("jobs: many\n", "x.yaml", c, &err));
  CHECK(err.find("x.yaml:1: jobs") == 0);
  CHECK_FALSE(load_config_text("checks: [a, {b: c}]\n", "y.yaml", c, &err));
  CHECK(err.find("y.yaml:1") == 0);
  CHECK_FALSE(load_config_text("key: [unclosed\n", "z.yaml", c, &err));
  CHECK(err.find("z.yaml:") == 0);
}

TEST_CASE("suppressions need a reason and match targets") {
  Config c;
  std::string err;
  CHECK_FALSE(load_config_text("suppress:\n  - keyword: NonexistentDeps\n    target: dev-python/foo\n", "s.yaml", c, &err));
  CHECK(err.find("without a reason") != std::string::npos);
  CHECK(err.find("s.yaml:2") == 0);

  REQUIRE(load_config_text("suppress:\n"
                           "  - {keyword: NonexistentDeps, target: dev-python/*, reason: overlay}\n"
                           "  - {keyword: BadDescription, target: '=app-misc/foo-1*', reason: upstream name}\n",
                           "s.yaml", c, &err));
  REQUIRE(c.suppress.size() == 2);
  Result r;
  r.keyword = "NonexistentDeps";
  r.category = "dev-python";
  r.package = "bar";
  CHECK(c.suppress[0].matches(r));
  r.category = "app-misc";
  CHECK_FALSE(c.suppress[0].matches(r));
  Result d;
  d.keyword = "BadDescription";
  d.category = "app-misc";
  d.package = "foo";
  d.version = "1.2";
  CHECK(c.suppress[1].matches(d));
  d.version = "2";
  CHECK_FALSE(c.suppress[1].matches(d));
}

TEST_CASE("split_list trims and drops empty items") {
  CHECK(split_list(" a, b ,,c ") == std::vector<std::string>{"a", "b", "c"});
}
