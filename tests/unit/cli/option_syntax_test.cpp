// Every value option of every subcommand, written the ways users write it:
// in front of the targets, after them or between them, short or long, with a
// space, with '=' or attached, repeated, and from inside a package directory.
// Each spelling must do exactly what a reference spelling does, and each
// reference is first checked to do what the option asks.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "run_command.hpp"

namespace {

using pkgscan::test::Run;

std::string quoted(const std::string& s) { return "'" + s + "'"; }
std::string fixture_dir(const std::string& rel) { return std::string(PKGSCAN_FIXTURES) + "/" + rel; }
std::string fixture(const std::string& rel) { return quoted(fixture_dir(rel)); }

// `pkgscan ARGS` run in `dir`, standard output and error together.
Run run_pkgscan(const std::string& args, const std::string& dir = ".") {
  return pkgscan::test::run_shell("cd " + quoted(dir) + " && " + pkgscan::test::pkgscan_cmd() + " " + args + " 2>&1");
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::size_t results(const std::string& json_lines, const std::string& keyword) {
  return count(json_lines, "\"keyword\":\"" + keyword + "\"");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `pkgscan COMMAND FORM` gives the reference's output and exit status, for each form.
void same_as(const Run& reference, const std::string& command, const std::vector<std::string>& forms,
             const std::string& dir = ".") {
  for (const std::string& form : forms) {
    INFO("pkgscan " << command << " " << form << "   (in " << dir << ")");
    Run r = run_pkgscan(command + " " + form, dir);
    CHECK(r.status == reference.status);
    CHECK(r.out == reference.out);
  }
}

// Two packages of the metadata fixture with one result each.
const std::string kHomepagePkg = fixture("metadata/BadHomepage/trigger-bare");     // BadHomepage
const std::string kDescriptionPkg = fixture("metadata/BadDescription/trigger-dot");  // BadDescription
const std::string kScanJson = "scan --no-user-config -R json --exit none";

// The overlay whose master is found only through --repo-path.
const std::string kOverlay = fixture("dependency-overlay");
const std::string kMaster = quoted("dependency-master=" + fixture_dir("dependency-master"));

std::string temp_path(const std::string& name) {
  return "/tmp/pkgscan-option-syntax-" + std::to_string(::getpid()) + "-" + name;
}

}  // namespace

TEST_CASE("scan -k: one value per use, in front of, after or between the targets", "[cli][options]") {
  const std::string a = kHomepagePkg, b = kDescriptionPkg;
  Run ref = run_pkgscan(kScanJson + " " + a + " " + b + " --keywords=BadHomepage,BadDescription");
  REQUIRE(ref.status == 0);
  CHECK(results(ref.out, "BadHomepage") == 1);
  CHECK(results(ref.out, "BadDescription") == 1);
  CHECK(count(ref.out, "\n") == 2);
  same_as(ref, kScanJson,
          {"-k BadHomepage,BadDescription " + a + " " + b,  // read PATH as a keyword before
           a + " " + b + " -k BadHomepage,BadDescription",
           a + " -k BadHomepage,BadDescription " + b,
           "-k=BadHomepage,BadDescription " + a + " " + b,
           "-kBadHomepage,BadDescription " + a + " " + b,
           "--keywords BadHomepage,BadDescription " + a + " " + b,
           "--keywords=BadHomepage,BadDescription " + a + " " + b,
           "-k BadHomepage -k BadDescription " + a + " " + b,
           "-k BadHomepage " + a + " --keywords=BadDescription " + b});

  // A value that starts with '-' is still the option's value.
  Run hide = run_pkgscan(kScanJson + " " + a + " " + b + " --keywords=-BadDescription");
  REQUIRE(hide.status == 0);
  CHECK(results(hide.out, "BadHomepage") == 1);
  CHECK(results(hide.out, "BadDescription") == 0);
  same_as(hide, kScanJson,
          {"-k -BadDescription " + a + " " + b, "-k=-BadDescription " + a + " " + b,
           "--keywords -BadDescription " + a + " " + b, a + " " + b + " -k -BadDescription"});
}

TEST_CASE("scan -c: values starting with '-' or '+', repeated, before or after the target", "[cli][options]") {
  const std::string repo = fixture("bootstrap");
  Run ref = run_pkgscan(kScanJson + " " + repo + " --checks=-Bootstrap");
  REQUIRE(ref.status == 0);
  CHECK(count(ref.out, "\"check\":\"Bootstrap\"") == 0);
  CHECK(results(ref.out, "NonexistentDeps") > 0);
  same_as(ref, kScanJson,
          {"-c -Bootstrap " + repo, "-c=-Bootstrap " + repo, "-c-Bootstrap " + repo, "--checks -Bootstrap " + repo,
           "--checks=-Bootstrap " + repo, repo + " -c -Bootstrap"});
  // As first tried: the report to a file, the default --exit.
  Run tried = run_pkgscan("scan --no-user-config -R json -o /dev/null -j2 -c -Bootstrap " + repo);
  CHECK(tried.out.empty());
  CHECK(tried.status == run_pkgscan("scan --no-user-config -R json -o /dev/null " + repo + " --checks=-Bootstrap").status);

  const std::string pkg = fixture("bootstrap/BootstrapCycle/trigger-hard");
  Run plus = run_pkgscan(kScanJson + " " + pkg + " --checks=+Bootstrap");
  REQUIRE(plus.status == 0);
  CHECK(results(plus.out, "BootstrapCycle") > 0);
  same_as(plus, kScanJson,
          {"-c +Bootstrap " + pkg, "-c=+Bootstrap " + pkg, "--checks +Bootstrap " + pkg, pkg + " -c +Bootstrap"});

  Run both = run_pkgscan(kScanJson + " " + pkg + " --checks=+Bootstrap,-Dependency");
  REQUIRE(both.status == 0);
  CHECK(results(both.out, "BootstrapCycle") > 0);
  CHECK(count(both.out, "\"check\":\"Dependency\"") == 0);
  same_as(both, kScanJson, {"-c +Bootstrap -c -Dependency " + pkg, "-c +Bootstrap " + pkg + " -c -Dependency"});
}

TEST_CASE("scan --exit: before or after the target, with '=', repeated", "[cli][options]") {
  const std::string scan = "scan --no-user-config -R json -k BadHomepage,BadDescription";
  const std::string a = kHomepagePkg;  // one BadHomepage, nothing else
  Run fails = run_pkgscan(scan + " " + a + " --exit=BadHomepage");
  REQUIRE(fails.status == 1);
  same_as(fails, scan,
          {"--exit BadHomepage " + a, "--exit=BadHomepage " + a, a + " --exit BadHomepage",
           "--exit BadDescription --exit BadHomepage " + a, "--exit BadDescription,BadHomepage " + a});
  Run passes = run_pkgscan(scan + " " + a + " --exit=BadDescription");
  REQUIRE(passes.status == 0);
  same_as(passes, scan, {"--exit BadDescription " + a, "--exit error --exit BadDescription " + a});

  Run none = run_pkgscan(scan + " --exit none --exit error " + a);
  CHECK(none.status == 2);
  CHECK(none.out.find("'none' cannot be combined") != std::string::npos);
}

TEST_CASE("scan --repo-path and -r: before or after the targets, repeated", "[cli][options]") {
  const std::string scan = "scan --no-user-config -R json --exit none -k DependencyMoved";
  const std::string pkg = fixture("dependency-overlay/app-misc/mover");
  // Without its master the overlay cannot tell that the dependency moved.
  REQUIRE(results(run_pkgscan(scan + " " + pkg).out, "DependencyMoved") == 0);
  Run ref = run_pkgscan(scan + " " + pkg + " --repo-path=" + kMaster);
  REQUIRE(ref.status == 0);
  CHECK(results(ref.out, "DependencyMoved") == 1);
  same_as(ref, scan,
          {"--repo-path " + kMaster + " " + pkg,  // read PATH as a second NAME=PATH before
           "--repo-path=" + kMaster + " " + pkg, pkg + " --repo-path " + kMaster,
           "--repo-path other=/nonexistent --repo-path " + kMaster + " " + pkg,
           "-r " + kOverlay + " --repo-path " + kMaster + " app-misc/mover",
           "app-misc/mover -r " + kOverlay + " --repo-path " + kMaster,
           "-r=" + kOverlay + " app-misc/mover --repo-path " + kMaster,
           "--repo " + kOverlay + " app-misc/mover --repo-path=" + kMaster,
           "--repo=" + kOverlay + " --repo-path " + kMaster + " app-misc/mover"});
}

TEST_CASE("scan -R, -o, -j, --color and --config: every spelling", "[cli][options]") {
  const std::string scan = "scan --no-user-config --exit none -k BadHomepage";
  const std::string a = kHomepagePkg;
  Run json = run_pkgscan(scan + " " + a + " --reporter=json");
  REQUIRE(json.status == 0);
  REQUIRE(results(json.out, "BadHomepage") == 1);
  const std::string config = temp_path("config.yaml");
  std::ofstream(config) << "jobs: 1\n";
  same_as(json, scan,
          {"-R json " + a, "-R=json " + a, "-Rjson " + a, a + " -R json", "--reporter json " + a,
           "-j 2 -R json " + a, "-j=2 -R json " + a, "-j2 -R json " + a, "--jobs 2 -R json " + a,
           "--jobs=2 -R json " + a, a + " -j 1 -R json", "--color never -R json " + a, "--color=never -R json " + a,
           "--config " + config + " -R json " + a, "--config=" + config + " -R json " + a, a + " --config " + config + " -R json"});
  std::remove(config.c_str());

  const std::string out = temp_path("report.jsonl");
  for (const std::string& form : {"-o " + out + " " + a, "-o=" + out + " " + a, "-o" + out + " " + a,
                                  a + " -o " + out, "--output " + out + " " + a, "--output=" + out + " " + a}) {
    INFO("pkgscan " << scan << " -R json " << form);
    std::remove(out.c_str());
    Run r = run_pkgscan(scan + " -R json " + form);
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(read_file(out) == json.out);
  }
  std::remove(out.c_str());

  Run missing = run_pkgscan(scan + " " + a + " -k");
  CHECK(missing.status == 2);
  CHECK(missing.out.find("-k") != std::string::npos);
}

TEST_CASE("scan and inspect from inside a package directory", "[cli][options]") {
  const std::string dir = fixture_dir("metadata/BadHomepage/trigger-bare");
  Run ref = run_pkgscan(kScanJson + " " + kHomepagePkg + " --keywords=BadHomepage,BadDescription");
  REQUIRE(ref.status == 0);
  REQUIRE(results(ref.out, "BadHomepage") == 1);
  same_as(ref, kScanJson,
          {"-k BadHomepage,BadDescription", "-k BadHomepage,BadDescription .", ". -k BadHomepage,BadDescription",
           "-k=BadHomepage -k BadDescription", "-c -Description -k BadHomepage,BadDescription",
           "--repo-path other=/nonexistent -k BadHomepage,BadDescription"},
          dir);

  const std::string mover = fixture_dir("dependency-overlay/app-misc/mover");
  Run inspect = run_pkgscan("inspect --json " + quoted(mover) + " --repo-path=" + kMaster);
  REQUIRE(inspect.status == 0);
  REQUIRE(count(inspect.out, "\"cpv\":\"app-misc/mover-1\"") == 1);
  same_as(inspect, "inspect --json",
          {"--repo-path " + kMaster, "--repo-path " + kMaster + " .", ". --repo-path " + kMaster,
           "--repo-path other=/nonexistent --repo-path=" + kMaster},
          mover);
}

TEST_CASE("inspect -r and --repo-path: before or after the targets", "[cli][options]") {
  const std::string targets = "app-misc/mover app-misc/user";
  Run ref = run_pkgscan("inspect --json " + targets + " -r " + kOverlay + " --repo-path=" + kMaster);
  REQUIRE(ref.status == 0);
  REQUIRE(count(ref.out, "\n") == 2);
  same_as(ref, "inspect --json",
          {"-r " + kOverlay + " --repo-path " + kMaster + " " + targets,  // read a target as NAME=PATH before
           "--repo-path " + kMaster + " -r " + kOverlay + " " + targets,
           "-r=" + kOverlay + " app-misc/mover --repo-path " + kMaster + " app-misc/user",
           "--repo=" + kOverlay + " " + targets + " --repo-path " + kMaster,
           targets + " --repo " + kOverlay + " --repo-path " + kMaster});
}

TEST_CASE("replay -R, -o and --color: before or after the file", "[cli][options]") {
  const std::string report = temp_path("saved.jsonl");
  REQUIRE(run_pkgscan(kScanJson + " -k BadHomepage,BadDescription -o " + report + " " + kHomepagePkg + " " +
                  kDescriptionPkg).status == 0);
  Run ref = run_pkgscan("replay " + report + " --reporter=text --color=never");
  REQUIRE(ref.status == 0);
  REQUIRE(count(ref.out, "BadHomepage: version 1: ") == 1);
  same_as(ref, "replay",
          {"-R text --color never " + report, "-R=text --color=never " + report, "-Rtext " + report + " --color never",
           report + " -R text --color never", "--reporter text --color never " + report});

  const std::string out = temp_path("replayed.txt");
  for (const std::string& form : {"-o " + out + " " + report, "-o=" + out + " " + report, report + " --output " + out,
                                  "--output=" + out + " " + report}) {
    INFO("pkgscan replay -R text --color never " << form);
    std::remove(out.c_str());
    Run r = run_pkgscan("replay -R text --color never " + form);
    CHECK(r.status == 0);
    CHECK(read_file(out) == ref.out);
  }
  std::remove(out.c_str());
  std::remove(report.c_str());
}

TEST_CASE("dep parse --eapi: before or after the atoms", "[cli][options]") {
  const std::string atoms = "'>=dev-libs/foo-1.2:0/1=[bar(-)?]' 'dev-libs/bar:='";
  Run ref = run_pkgscan("dep parse " + atoms + " --eapi=5");
  REQUIRE(ref.status == 0);
  REQUIRE(count(ref.out, "\n") == 2);
  same_as(ref, "dep parse", {"--eapi 5 " + atoms, "--eapi=5 " + atoms, atoms + " --eapi 5"});
  // The EAPI is really applied: slot operators are EAPI 5, not EAPI 4.
  CHECK(run_pkgscan("dep parse --eapi 4 " + atoms).status == 1);
}
