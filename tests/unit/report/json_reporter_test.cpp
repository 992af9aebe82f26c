#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report_helpers.hpp"

using namespace pkgscan;
using pkgscan::test::make_result;
using pkgscan::test::render;

namespace {

Result full_result() {
  Result r = make_result("MissingSlotDep", Level::Style, Scope::Version, "dev-libs", "foo",
                         "1.2_rc3-r1", "RDEPEND: \"quoted\" \\ back\tslash — ünïcødé ✓ 日本");
  r.check = "Dependency";
  r.line = 42;
  r.fields = {{"zeta", "last-first"}, {"attr", "RDEPEND"}, {"atom", "dev-libs/bar:=\n"},
              {"emoji", "😀"}};
  return r;
}

}  // namespace

TEST_CASE("every reporter writes the same when handed all results at once", "[json]") {
  // JSON Lines makes its lines side by side in blocks of 256, 16 blocks at a
  // time: 9,000 results are several windows and a part-filled block.
  std::vector<Result> results;
  for (int i = 0; i < 9000; ++i) {
    Result r = make_result(i % 3 ? "K" : "Other", Level::Warning, Scope::Version, "cat",
                           "pkg" + std::to_string(i / 10), std::to_string(i % 10 + 1), "message " + std::to_string(i));
    r.fields = {{"n", std::to_string(i)}};
    results.push_back(std::move(r));
  }
  for (std::string_view name : {"json", "text", "sarif"}) {
    INFO(name);
    const std::string one_by_one = render(name, results);
    CHECK(render(name, results, {}, {}, true) == one_by_one);
    if (name == "json") CHECK(std::count(one_by_one.begin(), one_by_one.end(), '\n') == 9000);
  }
  CHECK(render("json", {}, {}, {}, true).empty());
}

TEST_CASE("json: every field is written", "[json]") {
  Result r = full_result();
  auto j = nlohmann::json::parse(result_to_json(r));
  CHECK(j["keyword"] == "MissingSlotDep");
  CHECK(j["level"] == "style");
  CHECK(j["scope"] == "version");
  CHECK(j["check"] == "Dependency");
  CHECK(j["category"] == "dev-libs");
  CHECK(j["package"] == "foo");
  CHECK(j["version"] == "1.2_rc3-r1");
  CHECK(j["path"] == "dev-libs/foo/foo-1.2_rc3-r1.ebuild");
  CHECK(j["line"] == 42);
  CHECK(j["message"] == r.message);
  CHECK(j["fields"]["attr"] == "RDEPEND");
  CHECK(j["fields"]["atom"] == "dev-libs/bar:=\n");
  CHECK(j.size() == 11);
}

TEST_CASE("json: round trip is exact, field order included", "[json]") {
  Result r = full_result();
  std::string line = result_to_json(r);
  CHECK(line.find('\n') == std::string::npos);  // one line per result
  std::string err;
  auto back = result_from_json(line, &err);
  REQUIRE(back);
  CHECK(*back == r);
  CHECK(back->fields == r.fields);

  for (Level l : {Level::Error, Level::Warning, Level::Style, Level::Info}) {
    for (Scope s : {Scope::Repo, Scope::Category, Scope::Package, Scope::Version, Scope::Commit}) {
      Result x = r;
      x.level = l;
      x.scope = s;
      x.line = 0;
      x.fields.clear();
      auto y = result_from_json(result_to_json(x), &err);
      REQUIRE(y);
      CHECK(*y == x);
    }
  }
}

TEST_CASE("json: reporter writes one line per result", "[json]") {
  Result a = full_result();
  Result b = make_result("Other", Level::Error, Scope::Package, "a", "b", "", "x");
  std::string out = render("json", {a, b});
  CHECK(out == result_to_json(a) + "\n" + result_to_json(b) + "\n");
}

TEST_CASE("json: malformed lines give nullopt and a reason", "[json]") {
  std::string valid = result_to_json(full_result());
  struct Case {
    std::string line;
    std::string reason_part;
  };
  std::vector<Case> cases = {
      {"", "parse error"},
      {"{", "parse error"},
      {valid.substr(0, valid.size() / 2), "parse error"},
      {"[1,2]", "not a JSON object"},
      {"42", "not a JSON object"},
      {R"({"level":"error","scope":"version"})", "keyword"},
      {R"({"keyword":"K","scope":"version"})", "level"},
      {R"({"keyword":"K","level":"fatal","scope":"version"})", "fatal"},
      {R"({"keyword":"K","level":"error","scope":"world"})", "world"},
      {R"({"keyword":"K","level":"error"})", "scope"},
      {R"({"keyword":7,"level":"error","scope":"repo"})", "keyword"},
      {R"({"keyword":"K","level":"error","scope":"repo","line":"3"})", "line"},
      {R"({"keyword":"K","level":"error","scope":"repo","line":-1})", "line"},
      {R"({"keyword":"K","level":"error","scope":"repo","line":1.5})", "line"},
      {R"({"keyword":"K","level":"error","scope":"repo","line":99999999999999})", "line"},
      {R"({"keyword":"K","level":"error","scope":"repo","fields":[]})", "fields"},
      {R"({"keyword":"K","level":"error","scope":"repo","fields":{"a":1}})", "\"a\""},
      {std::string("{\"keyword\":\"K\xff\"}"), "parse error"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    std::string err;
    auto r = result_from_json(c.line, &err);
    CHECK_FALSE(r);
    CHECK_THAT(err, Catch::Contains(c.reason_part));
    CHECK_FALSE(result_from_json(c.line, nullptr));  // no error sink: still no crash
  }
}

TEST_CASE("json: optional members may be absent or null", "[json]") {
  std::string err;
  auto r = result_from_json(
      R"({"keyword":"K","level":"info","scope":"repo","path":null,"unknown":[1]})", &err);
  REQUIRE(r);
  CHECK(r->keyword == "K");
  CHECK(r->level == Level::Info);
  CHECK(r->scope == Scope::Repo);
  CHECK(r->path.empty());
  CHECK(r->line == 0);
  CHECK(r->fields.empty());
}

TEST_CASE("json: invalid UTF-8 in a message is replaced, not thrown", "[json]") {
  Result r = make_result("K", Level::Warning, Scope::Version, "c", "p", "1", "bad \xff byte");
  std::string line = result_to_json(r);
  std::string err;
  auto back = result_from_json(line, &err);
  REQUIRE(back);
  CHECK(back->message == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("json: control characters and invalid UTF-8 are escaped", "[json]") {
  Result r = make_result("K", Level::Warning, Scope::Version, "c", "p", "1", "");
  r.message = std::string("nul\0 bell\a esc\x1b tab\t", 20);
  r.fields = {{"overlong", "\xC0\xAF"}, {"surrogate", "\xED\xA0\x80"}, {"cut", "ab\xE2\x82"},
              {"ok4", "\xF0\x9F\x98\x80"}, {"big", "\xF4\x90\x80\x80"}};
  std::string line = result_to_json(r);
  CHECK_THAT(line, Catch::Contains(R"(nul\u0000 bell\u0007 esc\u001b tab\t)"));
  // Every byte of the output is valid: nlohmann's strict parser accepts it.
  auto j = nlohmann::json::parse(line);
  CHECK(j["message"].get<std::string>() == r.message);
  const std::string bad = "\xEF\xBF\xBD";
  CHECK(j["fields"]["overlong"] == bad + bad);
  CHECK(j["fields"]["surrogate"] == bad + bad + bad);
  CHECK(j["fields"]["cut"] == "ab" + bad + bad);
  CHECK(j["fields"]["ok4"] == "\xF0\x9F\x98\x80");
  CHECK(j["fields"]["big"] == bad + bad + bad + bad);
}

TEST_CASE("json: quotes and backslashes between runs of plain text are escaped", "[json]") {
  Result r = make_result("K", Level::Warning, Scope::Version, "c", "p", "1", R"(a "quoted" C:\path\ end\)");
  r.fields = {{"edge", "\"x\""}, {"plain", "nothing to escape here"}, {"empty", ""}};
  std::string line = result_to_json(r);
  CHECK_THAT(line, Catch::Contains(R"("a \"quoted\" C:\\path\\ end\\")"));
  CHECK_THAT(line, Catch::Contains(R"("edge":"\"x\"")"));
  auto j = nlohmann::json::parse(line);
  CHECK(j["message"].get<std::string>() == r.message);
  CHECK(j["fields"]["plain"] == "nothing to escape here");
  CHECK(j["fields"]["empty"] == "");
}

TEST_CASE("json: a character that needs care is found at every offset of a long run", "[json]") {
  // Plain runs are scanned eight bytes at a time: put each kind of special
  // character at each offset of the words around it.
  const std::vector<std::string> specials = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\xC3\xA9", "\x7f"};
  for (const std::string& special : specials)
    for (std::size_t at = 0; at <= 20; ++at) {
      const std::string text = std::string(at, 'a') + special + std::string(20 - at, 'b');
      Result r = make_result("K", Level::Warning, Scope::Version, "c", "p", "1", text);
      INFO("offset " << at << ", byte " << static_cast<int>(static_cast<unsigned char>(special[0])));
      auto j = nlohmann::json::parse(result_to_json(r));
      CHECK(j["message"].get<std::string>() == text);
    }
  // An invalid byte deep in a run is still replaced.
  Result r = make_result("K", Level::Warning, Scope::Version, "c", "p", "1", std::string(13, 'x') + "\xff" + "yz");
  CHECK(nlohmann::json::parse(result_to_json(r))["message"] == std::string(13, 'x') + "\xEF\xBF\xBD" + "yz");
}

TEST_CASE("json: a commit result carries its commit and reads back", "[json][commit]") {
  Result r = make_result("InvalidCommitTag", Level::Style, Scope::Commit, "", "", "", "tag \"Bug: 1\"");
  r.commit = "0123456789ab";
  auto j = nlohmann::json::parse(result_to_json(r));
  CHECK(j["scope"] == "commit");
  CHECK(j["commit"] == "0123456789ab");
  std::string err;
  auto back = result_from_json(result_to_json(r), &err);
  REQUIRE(back);
  CHECK(*back == r);
  // Other results have no "commit" member at all.
  CHECK_FALSE(nlohmann::json::parse(result_to_json(full_result())).contains("commit"));
}
