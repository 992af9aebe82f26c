// End-to-end tests of `pkgscan dep parse` and `pkgscan version`, run on the built binary.
#include <catch2/catch.hpp>

#include "run_command.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using pkgscan::test::Run;

// Runs the binary with `args` through the shell; stderr is merged into stdout when asked.
Run run(const std::string& args, bool merge_stderr = false, const std::string& stdin_text = "") {
  std::string cmd;
  if (!stdin_text.empty()) cmd = "printf '" + stdin_text + "' | ";
  cmd += std::string("'") + PKGSCAN_BINARY + "' " + args + (merge_stderr ? " 2>&1" : " 2>/dev/null");
  return pkgscan::test::run_shell(cmd);
}

}  // namespace

TEST_CASE("dep parse prints canonical atoms", "[cli][dep]") {
  Run r = run("dep parse '>=a/b-1.2-r3:0/1=[b,a(-)?]' 'x11-libs/gtk+:3'");
  CHECK(r.status == 0);
  CHECK(r.out == ">=a/b-1.2-r3:0/1=[b,a(-)?]\nx11-libs/gtk+:3\n");
  // Grammar is not QA: a slot operator on a blocker parses (BadDependency
  // reports it in a scan), and USE dependencies keep the order written.
  r = run("dep parse '!!=cat/pkg-1-r2:3/4=[a,b,c]' 'a/b[u-,u+]'");
  CHECK(r.status == 0);
  CHECK(r.out == "!!=cat/pkg-1-r2:3/4=[a,b,c]\na/b[u-,u+]\n");
}

TEST_CASE("dep parse reports invalid atoms and exits 1", "[cli][dep]") {
  Run r = run("dep parse 'a/b' 'a/b[-a?]'", true);
  CHECK(r.status == 1);
  CHECK(r.out.find("a/b\n") == 0);
  CHECK(r.out.find("pkgscan dep parse: a/b[-a?]: invalid USE dependency '-a?' at 4") != std::string::npos);
  r = run("dep parse --eapi 4 'a/b:0/1'", true);
  CHECK(r.status == 1);
  CHECK(r.out.find("sub-slots need EAPI 5 or later") != std::string::npos);
  CHECK(run("dep parse --eapi 5 'a/b:0/1'").status == 0);
  CHECK(run("dep parse --eapi nope a/b").status == 2);
}

TEST_CASE("dep parse --json gives every field", "[cli][dep]") {
  Run r = run("dep parse --json '!!>=dev-libs/foo-1.2_rc1-r3:2/5[-ssl,gtk(+)=]' 'cat/pkg::gentoo'");
  CHECK(r.status == 1);
  auto nl = r.out.find('\n');
  REQUIRE(nl != std::string::npos);
  auto j = nlohmann::json::parse(r.out.substr(0, nl));
  CHECK(j["atom"] == "!!>=dev-libs/foo-1.2_rc1-r3:2/5[-ssl,gtk(+)=]");
  CHECK(j["blocker"] == "!!");
  CHECK(j["op"] == ">=");
  CHECK(j["category"] == "dev-libs");
  CHECK(j["package"] == "foo");
  CHECK(j["version"] == "1.2_rc1");
  CHECK(j["revision"] == "3");
  CHECK(j["slot"] == "2");
  CHECK(j["subslot"] == "5");
  CHECK(j["slot_op"].is_null());
  REQUIRE(j["use"].size() == 2);
  CHECK(j["use"][0]["kind"] == "disabled");
  CHECK(j["use"][1]["flag"] == "gtk");
  CHECK(j["use"][1]["kind"] == "equal");
  CHECK(j["use"][1]["default"] == "+");
  auto e = nlohmann::json::parse(r.out.substr(nl + 1));
  CHECK(e["input"] == "cat/pkg::gentoo");
  CHECK(e["error"].get<std::string>().find("::repo") != std::string::npos);
}

TEST_CASE("dep parse reads stdin", "[cli][dep]") {
  Run r = run("dep parse -", false, "a/b\\n\\n  =c/d-1*  \\n");
  CHECK(r.status == 0);
  CHECK(r.out == "a/b\n=c/d-1*\n");
  r = run("dep parse", false, "a/b-1\\n");
  CHECK(r.status == 1);
}

TEST_CASE("version compare and sort", "[cli][version]") {
  CHECK(run("version compare 1.0 1").out == ">\n");
  CHECK(run("version compare 1.010 1.01").out == "=\n");
  CHECK(run("version compare 1_rc 1").out == "<\n");
  Run bad = run("version compare 1.x 1", true);
  CHECK(bad.status == 2);
  CHECK(bad.out.find("invalid version '1.x'") != std::string::npos);
  Run s = run("version sort 1.0 1_p1 0.9 1.0-r1 1_rc 10 2");
  CHECK(s.status == 0);
  CHECK(s.out == "0.9\n1_rc\n1_p1\n1.0\n1.0-r1\n2\n10\n");
  Run in = run("version sort -", false, "2\\n10\\n1.01\\n1.1\\n");
  CHECK(in.out == "1.01\n1.1\n2\n10\n");
  CHECK(run("version sort 1 x").status == 2);
}
