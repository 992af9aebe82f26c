// pkgscan replay, run as a user would: the built binary on files and stdin.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "run_command.hpp"

#include "pkgscan/reporter.hpp"

namespace fs = std::filesystem;

namespace {

using pkgscan::test::Run;

Run run_shell(const std::string& cmd) { return pkgscan::test::run_shell(cmd + " 2>&1"); }

std::string quote(const std::string& s) { return "'" + s + "'"; }

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("pkgscan-replay-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

pkgscan::Result version_result(std::string ver, int line) {
  pkgscan::Result r;
  r.keyword = "MissingSlotDep";
  r.level = pkgscan::Level::Warning;
  r.scope = pkgscan::Scope::Version;
  r.check = "Dependency";
  r.category = "dev-libs";
  r.package = "foo";
  r.version = ver;
  r.path = "dev-libs/foo/foo-" + ver + ".ebuild";
  r.line = line;
  r.message = "RDEPEND: \"dev-libs/bar\" ✓";
  r.fields = {{"attr", "RDEPEND"}};
  return r;
}

const std::string kBin = PKGSCAN_BINARY;

}  // namespace

TEST_CASE("replay: JSON Lines back to text, sorted in PMS order", "[replay]") {
  TempDir dir;
  // Out of order on purpose, with a blank line: replay sorts and skips it.
  auto in = dir.write("in.jsonl", pkgscan::result_to_json(version_result("1.10", 3)) + "\n\n" +
                                      pkgscan::result_to_json(version_result("1.9", 0)) + "\n");
  Run r = run_shell("NO_COLOR=1 " + quote(kBin) + " replay " + quote(in.string()));
  CHECK(r.status == 0);
  CHECK(r.out ==
        "dev-libs/foo\n"
        "  MissingSlotDep: version 1.9: RDEPEND: \"dev-libs/bar\" ✓\n"
        "  MissingSlotDep: version 1.10, line 3: RDEPEND: \"dev-libs/bar\" ✓\n");
}

TEST_CASE("replay: json to json from stdin is the sorted input", "[replay]") {
  TempDir dir;
  std::string a = pkgscan::result_to_json(version_result("1.0-r1", 0));
  std::string b = pkgscan::result_to_json(version_result("1.0", 7));
  auto in = dir.write("in.jsonl", a + "\n" + b);  // no final newline
  Run r = run_shell(quote(kBin) + " replay - -R json < " + quote(in.string()));
  CHECK(r.status == 0);
  CHECK(r.out == b + "\n" + a + "\n");
}

TEST_CASE("replay: sarif to a file with -o", "[replay]") {
  TempDir dir;
  auto in = dir.write("in.jsonl", pkgscan::result_to_json(version_result("2", 5)) + "\n");
  auto out = dir.path / "out.sarif";
  Run r = run_shell(quote(kBin) + " replay " + quote(in.string()) + " -R sarif -o " +
                    quote(out.string()));
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  std::ifstream f(out);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  CHECK_THAT(text, Catch::Contains("\"version\": \"2.1.0\""));
  CHECK_THAT(text, Catch::Contains("\"ruleId\": \"MissingSlotDep\""));
  CHECK_THAT(text, Catch::Contains("\"startLine\": 5"));

  // With the real keyword registry as rules, the log is still valid SARIF.
  fs::path data = fs::path(PKGSCAN_FIXTURES).parent_path() / "data";
  Run v = run_shell("python3 " + quote((data / "validate_sarif.py").string()) + " " +
                    quote((data / "sarif-schema-2.1.0.json").string()) + " " + quote(out.string()));
  if (v.status == 77 || v.status == 127) {
    WARN("skipped schema validation: python3 with jsonschema is not available");
  } else {
    INFO(v.out);
    CHECK(v.status == 0);
  }
}

TEST_CASE("replay: a malformed line names the file and line, exit 2", "[replay]") {
  TempDir dir;
  std::string good = pkgscan::result_to_json(version_result("1", 0));
  auto in = dir.write("bad.jsonl", good + "\n" + good + "\n{\"keyword\": \"K\", oops\n" + good);
  Run r = run_shell(quote(kBin) + " replay " + quote(in.string()));
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains(in.string() + ":3:"));
  // Nothing of the report is written before the input is known to be good.
  CHECK_THAT(r.out, !Catch::Contains("dev-libs/foo"));

  auto wrong = dir.write("wrong.jsonl", "{\"keyword\":\"K\",\"level\":\"fatal\",\"scope\":\"repo\"}\n");
  Run w = run_shell("cat " + quote(wrong.string()) + " | " + quote(kBin) + " replay -");
  CHECK(w.status == 2);
  CHECK_THAT(w.out, Catch::Contains("<stdin>:1:"));
  CHECK_THAT(w.out, Catch::Contains("fatal"));

  auto binary = dir.write("binary.jsonl", std::string("\x00\xff\xfe garbage", 11));
  Run b = run_shell(quote(kBin) + " replay " + quote(binary.string()));
  CHECK(b.status == 2);
  CHECK_THAT(b.out, Catch::Contains(":1:"));
}

TEST_CASE("replay: usage errors exit 2", "[replay]") {
  TempDir dir;
  auto in = dir.write("in.jsonl", "");
  CHECK(run_shell(quote(kBin) + " replay " + quote(in.string())).status == 0);  // empty: no output
  CHECK(run_shell(quote(kBin) + " replay " + quote(in.string()) + " -R xml").status == 2);
  CHECK(run_shell(quote(kBin) + " replay " + quote((dir.path / "missing").string())).status == 2);
  CHECK(run_shell(quote(kBin) + " replay").status == 2);
}

TEST_CASE("replay: --exit fails on results at the threshold, without it replay exits 0", "[replay][exit]") {
  TempDir dir;
  auto in = dir.write("in.jsonl", pkgscan::result_to_json(version_result("1", 0)) + "\n");  // a warning
  std::string replay = quote(kBin) + " replay " + quote(in.string()) + " -R json";
  CHECK(run_shell(replay + " >/dev/null").status == 0);
  CHECK(run_shell(replay + " --exit warning >/dev/null").status == 1);
  CHECK(run_shell(replay + " --exit=error >/dev/null").status == 0);
  CHECK(run_shell(replay + " --exit MissingSlotDep >/dev/null").status == 1);
  Run bad = run_shell(replay + " --exit NoSuchKeyword");
  CHECK(bad.status == 2);
}

TEST_CASE("replay: --baseline drops known results and says how many", "[replay][baseline]") {
  TempDir dir;
  std::string a = pkgscan::result_to_json(version_result("1", 3));
  std::string b = pkgscan::result_to_json(version_result("2", 4));
  auto in = dir.write("in.jsonl", a + "\n" + b + "\n");
  auto base = dir.write("base.jsonl", pkgscan::result_to_json(version_result("1", 99)) + "\n");  // line moved
  Run r = run_shell(quote(kBin) + " replay " + quote(in.string()) + " -R json --baseline " + quote(base.string()) +
                    " --exit warning");
  CHECK(r.status == 1);  // version 2 is new
  CHECK_THAT(r.out, Catch::Contains(b));
  CHECK_THAT(r.out, !Catch::Contains(a));
  CHECK_THAT(r.out, Catch::Contains("1 result already in the baseline"));
  auto all = dir.write("all.jsonl", a + "\n" + b + "\n");
  Run none = run_shell(quote(kBin) + " replay " + quote(in.string()) + " --baseline=" + quote(all.string()) +
                       " --exit warning");
  CHECK(none.status == 0);
  CHECK_THAT(none.out, Catch::Contains("2 results already in the baseline"));
  CHECK(run_shell(quote(kBin) + " replay " + quote(in.string()) + " --baseline " +
                  quote((dir.path / "missing").string()))
            .status == 2);
}
