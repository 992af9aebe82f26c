// From a worker's reply to the entry Portage writes: Python's decoding and
// splitlines() replayed, the EAPI check, _eclasses_ resolved and sorted.
#include <catch2/catch.hpp>

#include "../../../src/regen/regen_internal.hpp"
#include "regen_fixture.hpp"

using namespace pkgscan;
using namespace pkgscan::regen;

namespace {

const std::string kMd5 = "0123456789abcdef0123456789abcdef";

Fields ok_reply(std::map<std::string, std::string> values) {
  Fields f = {{"STATUS", "ok"}};
  for (const char* k : {"DEPEND", "RDEPEND", "SLOT", "SRC_URI", "RESTRICT", "HOMEPAGE", "LICENSE", "DESCRIPTION",
                        "KEYWORDS", "INHERITED", "IUSE", "REQUIRED_USE", "PDEPEND", "BDEPEND", "EAPI", "PROPERTIES",
                        "DEFINED_PHASES", "IDEPEND", "INHERIT"})
    f.emplace_back(k, values.count(k) ? values[k] : std::string());
  return f;
}

struct Repo {
  regen_test::TempDir dir;
  std::unique_ptr<regen_test::OpenRepos> repos;
  Repo() {
    regen_test::make_repo(dir.path(), "test");
    regen_test::write_file(dir / "eclass/zeta.eclass", "# zeta\n");
    regen_test::write_file(dir / "eclass/alpha.eclass", "# alpha\n");
    repos = regen_test::open_repos(dir.path());
  }
};

EapiHead head(const char* eapi) {
  EapiHead h;
  h.eapi = eapi;
  h.line = 1;
  h.assigned = true;
  return h;
}

}  // namespace

TEST_CASE("python_splitlines follows str.splitlines", "[regen][reply]") {
  using V = std::vector<std::string_view>;
  CHECK(python_splitlines("a\nb") == V{"a", "b"});
  CHECK(python_splitlines("a\n") == V{"a"});
  CHECK(python_splitlines("a\r\nb\rc") == V{"a", "b", "c"});
  CHECK(python_splitlines("a\n\nb") == V{"a", "", "b"});
  CHECK(python_splitlines("a\x0b" "b\x0c" "c\x1c" "d\x1d" "e\x1e" "f") == V{"a", "b", "c", "d", "e", "f"});
  CHECK(python_splitlines("a\xC2\x85" "b\xE2\x80\xA8" "c\xE2\x80\xA9" "d") == V{"a", "b", "c", "d"});
  CHECK(python_splitlines("a\x1f" "b\tc") == V{"a\x1f" "b\tc"});  // \x1f and tab are not breaks
  CHECK(python_splitlines("").empty());
}

TEST_CASE("decode_utf8_replace replaces like CPython", "[regen][reply]") {
  const std::string R = "\xEF\xBF\xBD";
  CHECK(decode_utf8_replace("plain \xC3\xA9") == "plain \xC3\xA9");
  CHECK(decode_utf8_replace("a\xFF" "b") == "a" + R + "b");
  CHECK(decode_utf8_replace("\xE2\x80" "A") == R + "A");          // truncated sequence: one U+FFFD
  CHECK(decode_utf8_replace("\xF0\x80") == R + R);               // F0 80: 80 cannot follow F0
  CHECK(decode_utf8_replace("\xC0\xAF") == R + R);               // overlong start byte
  CHECK(decode_utf8_replace("\xED\xA0\x80") == R + R + R);       // surrogate
  CHECK(decode_utf8_replace("\xF4\x90\x80\x80") == R + R + R + R);  // past U+10FFFF
  CHECK(decode_utf8_replace("x\xE2\x82") == "x" + R);            // cut at the end
}

TEST_CASE("a reply becomes Portage's entry", "[regen][reply]") {
  Repo r;
  Fields reply = ok_reply({{"EAPI", "8"},
                           {"SLOT", "0"},
                           {"DESCRIPTION", "a b"},
                           {"IUSE", "x"},
                           {"INHERITED", "zeta alpha"},
                           {"INHERIT", "zeta"},
                           {"DEFINED_PHASES", "-"},
                           {"RESTRICT", ""}});
  Outcome o = outcome_from_reply(reply, head("8"), kMd5, *r.repos->set, "/x.ebuild");
  REQUIRE(o.ok());
  const std::string alpha = md5_hex("# alpha\n"), zeta = md5_hex("# zeta\n");
  CHECK(o.md5_dict == "DEFINED_PHASES=-\nDESCRIPTION=a b\nEAPI=8\nINHERIT=zeta\nIUSE=x\nSLOT=0\n"
                      "_eclasses_=alpha\t" + alpha + "\tzeta\t" + zeta + "\n_md5_=" + kMd5 + "\n");
  CHECK(o.entry->get(CacheKey::SLOT) == "0");
  CHECK(o.entry->issues.empty());
  CHECK(o.ebuild_md5 == kMd5);
}

TEST_CASE("line breaks that only Python sees follow Portage", "[regen][reply]") {
  Repo r;
  SECTION("a fragment without '=' invalidates the reply") {
    Outcome o = outcome_from_reply(ok_reply({{"EAPI", "8"}, {"DESCRIPTION", "foo\rbar"}}), head("8"), kMd5,
                                   *r.repos->set, "/x.ebuild");
    REQUIRE(o.failure);
    CHECK(o.failure->reason == Reason::InvalidValue);
    CHECK_THAT(o.failure->message, Catch::Contains("DESCRIPTION"));
  }
  SECTION("a fragment with '=' is a stray key, dropped") {
    Outcome o = outcome_from_reply(ok_reply({{"EAPI", "8"}, {"DESCRIPTION", "foo\fX=bar"}}), head("8"), kMd5,
                                   *r.repos->set, "/x.ebuild");
    REQUIRE(o.ok());
    CHECK(o.entry->get(CacheKey::DESCRIPTION) == "foo");
    CHECK(o.md5_dict.find("X=") == std::string::npos);
  }
  SECTION("a stray known key printed later wins, as in Python's dict") {
    Outcome o = outcome_from_reply(ok_reply({{"EAPI", "8"}, {"SLOT", "0"}, {"DESCRIPTION", "d\x0bSLOT=evil"}}),
                                   head("8"), kMd5, *r.repos->set, "/x.ebuild");
    REQUIRE(o.ok());
    CHECK(o.entry->get(CacheKey::SLOT) == "evil");
  }
  SECTION("invalid UTF-8 becomes U+FFFD") {
    Outcome o = outcome_from_reply(ok_reply({{"EAPI", "8"}, {"DESCRIPTION", "caf\xE9"}}), head("8"), kMd5,
                                   *r.repos->set, "/x.ebuild");
    REQUIRE(o.ok());
    CHECK(o.entry->get(CacheKey::DESCRIPTION) == "caf\xEF\xBF\xBD");
    CHECK(o.entry->issues.empty());
  }
}

TEST_CASE("the sourced EAPI must match the head", "[regen][reply]") {
  Repo r;
  EapiHead none;  // no assignment: parsed "0"
  none.eapi = "0";
  none.line = 3;
  Outcome a = outcome_from_reply(ok_reply({{"EAPI", "8"}}), none, kMd5, *r.repos->set, "/x.ebuild");
  REQUIRE(a.failure);
  CHECK(a.failure->reason == Reason::EapiMismatch);
  CHECK(a.failure->message == "valid EAPI assignment must occur on or before line: 3");
  Outcome b = outcome_from_reply(ok_reply({{"EAPI", "7"}}), head("8"), kMd5, *r.repos->set, "/x.ebuild");
  REQUIRE(b.failure);
  CHECK(b.failure->message == "bash returned EAPI '7' which does not match assignment on line: 1");
  Outcome c = outcome_from_reply(ok_reply({{"EAPI", "0"}}), none, kMd5, *r.repos->set, "/x.ebuild");
  CHECK(c.ok());
}

TEST_CASE("failure replies and broken replies", "[regen][reply]") {
  Repo r;
  Fields fail = {{"STATUS", "fail"}, {"REASON", "die"}, {"MESSAGE", "no luck"}, {"LINE", "12"},
                 {"FILE", "/r/eclass/e.eclass"}, {"OUTPUT", "out"}};
  Outcome o = outcome_from_reply(fail, head("8"), kMd5, *r.repos->set, "/x.ebuild");
  REQUIRE(o.failure);
  CHECK(o.failure->reason == Reason::Die);
  CHECK(o.failure->message == "no luck");
  CHECK(o.failure->line == 12);
  CHECK(o.failure->file == "/r/eclass/e.eclass");
  CHECK(o.failure->output == "out");

  Outcome unknown = outcome_from_reply({{"STATUS", "fail"}, {"REASON", "martian"}, {"MESSAGE", "m"}}, head("8"), kMd5,
                                       *r.repos->set, "/x.ebuild");
  REQUIRE(unknown.failure);
  CHECK(unknown.failure->reason == Reason::Other);
  CHECK(unknown.failure->message == "martian: m");
  CHECK(unknown.failure->file == "/x.ebuild");

  Outcome garbage = outcome_from_reply({{"HELLO", "x"}}, head("8"), kMd5, *r.repos->set, "/x.ebuild");
  REQUIRE(garbage.failure);
  CHECK(garbage.failure->reason == Reason::WorkerCrash);

  Outcome missing = outcome_from_reply(ok_reply({{"EAPI", "8"}, {"INHERITED", "nope"}}), head("8"), kMd5,
                                       *r.repos->set, "/x.ebuild");
  REQUIRE(missing.failure);
  CHECK(missing.failure->reason == Reason::MissingEclass);
}

TEST_CASE("an eclass that cannot be read gives no entry", "[regen][reply]") {
  Repo r;
  regen_test::write_file(r.dir / "eclass/locked.eclass", "# x\n");
  // A directory in the eclass's place stands for an unreadable file (root reads mode 000 files).
  std::system(("rm " + (r.dir / "eclass/locked.eclass") + " && mkdir " + (r.dir / "eclass/locked.eclass")).c_str());
  auto repos = regen_test::open_repos(r.dir.path());
  Outcome o = outcome_from_reply(ok_reply({{"EAPI", "8"}, {"INHERITED", "locked"}}), head("8"), kMd5, *repos->set,
                                 "/x.ebuild");
  REQUIRE(o.failure);
  CHECK(o.failure->reason == Reason::Unreadable);
}
