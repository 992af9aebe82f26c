#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report_helpers.hpp"

using namespace pkgscan;
using pkgscan::test::make_result;
using pkgscan::test::render;
using json = nlohmann::json;

namespace {

const Keyword kKeywords[] = {
    {"MissingSlotDep", Level::Warning, Scope::Version,
     "A dependency on a package with several slots lacks a slot operator. Add := or :*.", true},
    {"DeprecatedEapi", Level::Style, Scope::Version, "The ebuild uses a deprecated EAPI.", true},
    {"InvalidPN", Level::Error, Scope::Package, "The package name is invalid", true},
    {"PythonCompatUpdate", Level::Info, Scope::Version, "", false},
};

std::vector<Result> sample_results() {
  Result a = make_result("MissingSlotDep", Level::Warning, Scope::Version, "dev-libs", "foo",
                         "1.2-r1", "RDEPEND: dev-libs/bar");
  a.line = 7;
  a.fields = {{"attr", "RDEPEND"}, {"tags", "not-an-array"}};
  Result b = make_result("DeprecatedEapi", Level::Style, Scope::Version, "dev-libs", "foo", "1.3",
                         "EAPI 6");
  Result c = make_result("InvalidPN", Level::Error, Scope::Package, "dev-libs", "foo+bar baz", "",
                         "invalid package name");
  c.path = "dev-libs/foo+bar baz/metadata.xml";
  Result d = make_result("RepoThing", Level::Info, Scope::Repo, "", "", "", "");
  Result e = make_result("ProfileBad", Level::Warning, Scope::Repo, "", "", "", "bad profile");
  e.path = "profiles/package.mask";
  e.line = 3;
  Result f = make_result("DeprecatedEapi", Level::Style, Scope::Version, "dev-libs", "foo", "1.4",
                         "EAPI 6");
  f.path.clear();  // no path: the ebuild is derived
  return {a, b, c, d, e, f};
}

json sarif_of(const std::vector<Result>& rs, const ReporterOptions& opts) {
  return json::parse(render("sarif", rs, kKeywords, opts));
}

std::filesystem::path data_dir() {
  return std::filesystem::path(PKGSCAN_FIXTURES).parent_path() / "data";
}

}  // namespace

TEST_CASE("sarif: one rule and one result per line", "[sarif]") {
  std::string text = render("sarif", sample_results(), kKeywords, {});
  std::size_t result_lines = 0, rule_lines = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"ruleId\": ") != std::string::npos) ++result_lines;
    if (line.find("\"shortDescription\": ") != std::string::npos) ++rule_lines;
  }
  CHECK(result_lines == 6);
  CHECK(rule_lines == 4);
}

TEST_CASE("sarif: log, run and driver", "[sarif]") {
  ReporterOptions opts;
  opts.tool_version = "1.2.3";
  json log = sarif_of(sample_results(), opts);
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().find("sarif-schema-2.1.0") != std::string::npos);
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "pkgscan");
  CHECK(run["tool"]["driver"]["version"] == "1.2.3");
  CHECK(run["tool"]["driver"]["informationUri"].is_string());
  CHECK_FALSE(run.contains("originalUriBaseIds"));
}

TEST_CASE("sarif: rules come from the registry", "[sarif]") {
  json log = sarif_of({}, {});
  const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 4);
  CHECK(rules[0]["id"] == "MissingSlotDep");
  CHECK(rules[0]["shortDescription"]["text"] ==
        "A dependency on a package with several slots lacks a slot operator.");
  CHECK(rules[0]["fullDescription"]["text"] == kKeywords[0].doc);
  CHECK(rules[0]["help"]["text"] == kKeywords[0].doc);
  CHECK(rules[0]["defaultConfiguration"]["level"] == "warning");
  CHECK(rules[0]["properties"]["level"] == "warning");
  CHECK(rules[0]["properties"]["scope"] == "version");
  CHECK(rules[1]["defaultConfiguration"]["level"] == "note");
  CHECK(rules[2]["defaultConfiguration"]["level"] == "error");
  CHECK(rules[2]["shortDescription"]["text"] == "The package name is invalid");
  CHECK(rules[3]["defaultConfiguration"]["level"] == "note");
  CHECK(rules[3]["defaultConfiguration"]["enabled"] == false);
  CHECK(rules[3]["shortDescription"]["text"] == "PythonCompatUpdate");  // no doc: the name
  CHECK(log["runs"][0]["results"].empty());
}

TEST_CASE("sarif: results", "[sarif]") {
  ReporterOptions opts;
  opts.repo_root_uri = "file:///var/db/repos/gentoo";
  json log = sarif_of(sample_results(), opts);
  const json& run = log["runs"][0];
  CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file:///var/db/repos/gentoo/");
  const json& res = run["results"];
  REQUIRE(res.size() == 6);

  CHECK(res[0]["ruleId"] == "MissingSlotDep");
  CHECK(res[0]["ruleIndex"] == 0);
  CHECK(res[0]["level"] == "warning");
  CHECK(res[0]["message"]["text"] == "RDEPEND: dev-libs/bar");
  const json& loc = res[0]["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "dev-libs/foo/foo-1.2-r1.ebuild");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "SRCROOT");
  CHECK(loc["region"]["startLine"] == 7);
  CHECK(res[0]["properties"]["fields"]["attr"] == "RDEPEND");
  CHECK(res[0]["properties"]["check"] == "TestCheck");
  CHECK(res[0]["partialFingerprints"]["pkgscan/v1"].get<std::string>().size() == 16);

  CHECK(res[1]["level"] == "note");
  CHECK(res[1]["ruleIndex"] == 1);
  CHECK_FALSE(res[1]["locations"][0]["physicalLocation"].contains("region"));  // no line

  CHECK(res[2]["level"] == "error");
  CHECK(res[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "dev-libs/foo+bar%20baz/metadata.xml");

  // A keyword outside the registry: ruleId only, no index into the rules.
  CHECK(res[3]["ruleId"] == "RepoThing");
  CHECK_FALSE(res[3].contains("ruleIndex"));
  CHECK(run["tool"]["driver"]["rules"].size() == 4);
  CHECK(res[3]["message"]["text"] == "RepoThing");  // empty message: the keyword
  CHECK_FALSE(res[3].contains("locations"));         // repo result without a path

  CHECK(res[4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "profiles/package.mask");
  CHECK(res[4]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3);
  CHECK(res[5]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "dev-libs/foo/foo-1.4.ebuild");
}

TEST_CASE("sarif: fingerprints are stable and ignore line numbers", "[sarif]") {
  auto fp = [](const Result& r) {
    json log = sarif_of({r}, {});
    return log["runs"][0]["results"][0]["partialFingerprints"]["pkgscan/v1"].get<std::string>();
  };
  Result a = sample_results()[0];
  Result moved = a;
  moved.line = 99;
  CHECK(fp(a) == fp(moved));
  CHECK(fp(a) == fp(a));
  Result other_msg = a;
  other_msg.message = "RDEPEND: dev-libs/baz";
  CHECK(fp(a) != fp(other_msg));
  Result other_ver = a;
  other_ver.version = "1.3";
  CHECK(fp(a) != fp(other_ver));
  Result other_kw = a;
  other_kw.keyword = "DeprecatedEapi";
  CHECK(fp(a) != fp(other_kw));
  // Fixed across builds and machines: 64-bit FNV-1a of
  // "keyword\0cat/pkg/version\0message", computed independently in Python.
  CHECK(fp(a) == "cbd62558ea7d5f67");
}

TEST_CASE("sarif: NonexistentDeps stay one result per atom, each with its own fingerprint", "[sarif]") {
  // The text reporter lists these on one line; SARIF must not.
  std::vector<Result> rs;
  for (const char* atom : {"a/x", "b/y"}) {
    Result r = make_result("NonexistentDeps", Level::Warning, Scope::Version, "app-misc", "foo", "1",
                           std::string("DEPEND+RDEPEND: ") + atom + ": no such package in r");
    r.fields = {{"attr", "DEPEND+RDEPEND"}, {"atom", atom}};
    rs.push_back(r);
  }
  json results = sarif_of(rs, {})["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0]["properties"]["fields"]["atom"] == "a/x");
  CHECK(results[1]["properties"]["fields"]["atom"] == "b/y");
  CHECK(results[0]["partialFingerprints"]["pkgscan/v1"] != results[1]["partialFingerprints"]["pkgscan/v1"]);
}

TEST_CASE("sarif: output validates against the SARIF 2.1.0 schema", "[sarif]") {
  auto dir = data_dir();
  auto schema = dir / "sarif-schema-2.1.0.json";
  auto script = dir / "validate_sarif.py";
  REQUIRE(std::filesystem::exists(schema));
  REQUIRE(std::filesystem::exists(script));

  auto tmp = std::filesystem::temp_directory_path() /
             ("pkgscan-sarif-" + std::to_string(::getpid()) + ".json");
  auto check_valid = [&](const std::string& text) {
    {
      std::ofstream(tmp) << text;
    }
    std::string cmd = "python3 '" + script.string() + "' '" + schema.string() + "' '" +
                      tmp.string() + "' 2>&1";
    std::FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    int status = pclose(p);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return std::pair{code, out};
  };

  ReporterOptions opts;
  opts.tool_version = "0.1.0";
  opts.repo_root_uri = "file:///var/db/repos/gentoo/";
  auto [code, out] = check_valid(render("sarif", sample_results(), kKeywords, opts));
  if (code == 77 || code == 127) {
    std::filesystem::remove(tmp);
    WARN("skipped: python3 with jsonschema is not available (" << out << ")");
    return;
  }
  INFO(out);
  CHECK(code == 0);

  auto [code_empty, out_empty] = check_valid(render("sarif", {}, {}, {}));
  INFO(out_empty);
  CHECK(code_empty == 0);

  // The validator must be able to fail: a wrong version, a pkgscan level
  // leaking into SARIF, a line number of 0 are all rejected.
  auto [code_bad, out_bad] = check_valid(R"({"version":"2.0.0","runs":[]})");
  CHECK(code_bad == 1);
  json log = json::parse(render("sarif", sample_results(), kKeywords, opts));
  json bad_level = log;
  bad_level["runs"][0]["results"][1]["level"] = "style";
  CHECK(check_valid(bad_level.dump()).first == 1);
  json bad_line = log;
  bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  CHECK(check_valid(bad_line.dump()).first == 1);
  std::filesystem::remove(tmp);
}
