// The history and commit checks (--commits): for every keyword, one history
// that must report it and one that must not, each built with git in a
// temporary repository. Every keyword of a history check needs a case here.
#include <catch2/catch.hpp>

#include <functional>

#include "git/ebuild_repo.hpp"
#include "pkgscan/check.hpp"

using namespace pkgscan;
using namespace pkgscan::test;

namespace {

const std::string kSignOff = "\n\nSigned-off-by: Test Author <author@example.org>\n";

// Commits everything with a GLEP 66 message (summary, sign-off).
void commit(EbuildRepo& r, const std::string& summary) {
  r.git("add -A");
  r.git("commit -q -m " + shell_quote(summary + kSignOff));
}
// Commits with exactly this message.
void commit_raw(EbuildRepo& r, const std::string& message) {
  r.git("add -A");
  r.git("commit -q --allow-empty -m " + shell_quote(message));
}

using Step = std::function<void(EbuildRepo&)>;

struct Case {
  std::string keyword;
  Step base;     // more of the base (before the range); may be empty
  Step trigger;  // commits of a range that must report the keyword
  Step clean;    // commits of a range that must not
};

void nothing(EbuildRepo&) {}

void revbump(EbuildRepo& r, const std::string& from, const std::string& to, const EbuildSpec& spec) {
  r.drop(from);
  r.ebuild(to, spec);
}

const std::string kManifestA = "DIST foo-1.tar.gz 100 BLAKE2B aaaa SHA512 bbbb\n";
const std::string kManifestB = "DIST foo-1.tar.gz 100 BLAKE2B cccc SHA512 dddd\n";

std::vector<Case> cases() {
  return {
      {"DroppedStableKeywords",
       [](EbuildRepo& r) {
         r.ebuild("app-misc/kw-1", EbuildSpec{.keywords = "amd64 ~x86"});
         r.ebuild("app-misc/kw-2", EbuildSpec{.keywords = "~amd64 ~x86"});
       },
       [](EbuildRepo& r) {
         r.drop("app-misc/kw-1");
         commit(r, "app-misc/kw: drop 1");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/kw-2", EbuildSpec{.keywords = "amd64 ~x86"});
         commit(r, "app-misc/kw: stabilise 2");
         r.drop("app-misc/kw-1");
         commit(r, "app-misc/kw: drop 1");
       }},
      {"DroppedUnstableKeywords",
       [](EbuildRepo& r) {
         r.ebuild("app-misc/kw-1", EbuildSpec{.keywords = "~amd64 ~arm64"});
         r.ebuild("app-misc/kw-2", EbuildSpec{.keywords = "~amd64"});
       },
       [](EbuildRepo& r) {
         r.drop("app-misc/kw-1");
         commit(r, "app-misc/kw: drop 1");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/kw-2", EbuildSpec{.keywords = "~amd64 ~arm64"});
         r.drop("app-misc/kw-1");
         commit(r, "app-misc/kw: drop 1");
       }},
      {"DirectStableKeywords", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2", EbuildSpec{.keywords = "amd64 ~x86", .rdepend = "dev-libs/lib"});
         commit(r, "app-misc/alpha: add 2");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2", EbuildSpec{.keywords = "~amd64 ~x86", .rdepend = "dev-libs/lib"});
         r.ebuild("acct-user/foo-0", EbuildSpec{.keywords = "amd64 x86"});  // stable at once is fine there
         commit(r, "app-misc/alpha: add 2");
       }},
      {"RdependChange", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/lib2"});
         commit(r, "app-misc/alpha: need lib2");
       },
       [](EbuildRepo& r) {
         revbump(r, "app-misc/alpha-1", "app-misc/alpha-1-r1", EbuildSpec{.rdepend = "dev-libs/lib dev-libs/lib2"});
         commit(r, "app-misc/alpha: need lib2");
       }},
      {"EAPIChangeWithoutRevbump", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-1", EbuildSpec{.eapi = "7", .rdepend = "dev-libs/lib"});
         commit(r, "app-misc/alpha: EAPI 7");
       },
       [](EbuildRepo& r) {
         revbump(r, "app-misc/alpha-1", "app-misc/alpha-1-r1", EbuildSpec{.eapi = "7", .rdepend = "dev-libs/lib"});
         commit(r, "app-misc/alpha: EAPI 7");
       }},
      {"PythonPEP517WithoutRevbump",
       [](EbuildRepo& r) {
         r.eclass("distutils-r1", "# @SUPPORTED_EAPIS: 7 8\n");
         r.ebuild("dev-python/py-1", EbuildSpec{.inherit = {"distutils-r1"}});
       },
       [](EbuildRepo& r) {
         r.ebuild("dev-python/py-1", EbuildSpec{.inherit = {"distutils-r1"}, .extra = "DISTUTILS_USE_PEP517=flit\n"});
         commit(r, "dev-python/py: PEP 517");
       },
       [](EbuildRepo& r) {
         revbump(r, "dev-python/py-1", "dev-python/py-1-r1",
                 EbuildSpec{.inherit = {"distutils-r1"}, .extra = "DISTUTILS_USE_PEP517=flit\n"});
         commit(r, "dev-python/py: PEP 517");
       }},
      {"MissingSlotmove", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-1", EbuildSpec{.slot = "1", .rdepend = "dev-libs/lib"});
         commit(r, "app-misc/alpha: slot 1");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-1", EbuildSpec{.slot = "1", .rdepend = "dev-libs/lib"});
         r.write("profiles/updates/1Q-2026", "slotmove app-misc/alpha 0 1\n");
         commit(r, "app-misc/alpha: slot 1");
       }},
      {"MissingMove", nothing,
       [](EbuildRepo& r) {
         r.drop("app-misc/alpha-1");
         r.ebuild("app-misc/gamma-1", EbuildSpec{.rdepend = "dev-libs/lib"});
         commit(r, "app-misc/gamma: rename from app-misc/alpha");
       },
       [](EbuildRepo& r) {
         r.drop("app-misc/alpha-1");
         r.ebuild("app-misc/gamma-1", EbuildSpec{.rdepend = "dev-libs/lib"});
         r.write("profiles/updates/1Q-2026", "move app-misc/alpha app-misc/gamma\n");
         commit(r, "app-misc/gamma: rename from app-misc/alpha");
       }},
      {"SrcUriChecksumChange",
       [](EbuildRepo& r) {
         r.ebuild("app-misc/foo-1", EbuildSpec{.src_uri = "https://a.example/foo-1.tar.gz"});
         r.write("app-misc/foo/Manifest", kManifestA);
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/foo-1", EbuildSpec{.src_uri = "https://a.example/foo-1.tar.gz", .extra = "# re-tag\n"});
         r.write("app-misc/foo/Manifest", kManifestB);
         commit(r, "app-misc/foo: new tarball");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/foo-1", EbuildSpec{.src_uri = "https://a.example/foo-1.tar.gz", .extra = "# comment\n"});
         commit(r, "app-misc/foo: comment");
       }},
      {"SuspiciousSrcUriChange",
       [](EbuildRepo& r) {
         r.ebuild("app-misc/foo-1", EbuildSpec{.src_uri = "https://a.example/foo-1.tar.gz"});
         r.write("app-misc/foo/Manifest", kManifestA);
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/foo-1", EbuildSpec{.src_uri = "https://b.example/foo-1.tar.gz"});
         commit(r, "app-misc/foo: new home");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/foo-1", EbuildSpec{.src_uri = "https://a.example/foo-1.tar.gz", .extra = "# comment\n"});
         commit(r, "app-misc/foo: comment");
       }},
      {"DirectNoMaintainer", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/newpkg-1");
         r.metadata_xml("app-misc/newpkg", "");
         commit(r, "app-misc/newpkg: new package, add 1");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/newpkg-1");
         r.metadata_xml("app-misc/newpkg", "someone@example.org");
         commit(r, "app-misc/newpkg: new package, add 1");
       }},
      {"NewerEAPIAvailable",
       [](EbuildRepo& r) { r.eclass("modern", "# @ECLASS: modern.eclass\n# @SUPPORTED_EAPIS: 7 8\n"); },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2", EbuildSpec{.eapi = "7", .inherit = {"modern"}});
         commit(r, "app-misc/alpha: add 2");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2", EbuildSpec{.eapi = "8", .inherit = {"modern"}});
         commit(r, "app-misc/alpha: add 2");
       }},
      {"IncorrectCopyright", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2", EbuildSpec{.copyright_year = current_year() - 1});
         commit(r, "app-misc/alpha: add 2");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2", EbuildSpec{.copyright_year = current_year()});
         commit(r, "app-misc/alpha: add 2");
       }},
      {"BadCommitSummary", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit(r, "app-misc/alpha: bump");  // the new version is not named
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit(r, "app-misc/alpha: add 2");
       }},
      {"InvalidCommitMessage", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit_raw(r, "app-misc/alpha: add 2\nno empty line before this body" + kSignOff);
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit_raw(r, "app-misc/alpha: add 2\n\nA body after an empty line." + kSignOff);
       }},
      {"InvalidCommitTag", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit_raw(r, "app-misc/alpha: add 2\n\nBug: 12345\nSigned-off-by: Test Author <author@example.org>\n");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit_raw(r,
                    "app-misc/alpha: add 2\n\nBug: https://bugs.gentoo.org/12345\n"
                    "Signed-off-by: Test Author <author@example.org>\n");
       }},
      {"MissingSignOff", nothing,
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit_raw(r, "app-misc/alpha: add 2\n");
       },
       [](EbuildRepo& r) {
         r.ebuild("app-misc/alpha-2");
         commit(r, "app-misc/alpha: add 2");
       }},
  };
}

// A repository whose branch `work` (the range) tracks `main` (the base).
std::string run_history(const Case& c, const Step& range, const std::string& keyword, std::string* state_changed) {
  EbuildRepo r;
  r.ebuild("dev-libs/lib-1");
  r.ebuild("dev-libs/lib2-1");
  r.ebuild("app-misc/alpha-1", EbuildSpec{.rdepend = "dev-libs/lib"});
  if (c.base) c.base(r);
  commit(r, "base");
  r.git("checkout -q -b work --track main");
  range(r);
  const std::string before = r.state();
  ShellRun run = sh("cd " + shell_quote(r.root()) + " && " + git_env() + shell_quote(PKGSCAN_BINARY) +
                    " scan --no-user-config --commits -R json --exit none -k " + keyword);
  INFO(run.out);
  REQUIRE(run.status == 0);
  if (state_changed && r.state() != before) *state_changed = keyword;
  return run.out;
}

}  // namespace

TEST_CASE("every history keyword has a triggering and a clean history", "[git][history]") {
  std::set<std::string> covered;
  for (const Case& c : cases()) covered.insert(c.keyword);
  for (const CheckInfo& info : CheckRegistry::instance().checks()) {
    if (!info.history) continue;
    for (const Keyword& k : info.keywords) {
      INFO("keyword " << k.name << " of check " << info.name);
      CHECK(covered.count(std::string(k.name)));
    }
  }
}

TEST_CASE("history checks: trigger and clean", "[git][history]") {
  std::string state_changed;
  for (const Case& c : cases()) {
    INFO("keyword " << c.keyword);
    const std::string needle = "\"keyword\":\"" + c.keyword + "\"";
    std::string hit = run_history(c, c.trigger, c.keyword, &state_changed);
    CHECK(hit.find(needle) != std::string::npos);
    std::string miss = run_history(c, c.clean, c.keyword, &state_changed);
    CHECK(miss.find(needle) == std::string::npos);
  }
  CHECK(state_changed.empty());
}

TEST_CASE("history checks run only with --commits", "[git][history]") {
  EbuildRepo r;
  r.ebuild("app-misc/alpha-1", EbuildSpec{.copyright_year = 2001});
  commit(r, "app-misc/alpha: add 1");
  auto scan = [&](const std::string& args) {
    return sh("cd " + shell_quote(r.root()) + " && " + shell_quote(PKGSCAN_BINARY) + " scan --no-user-config " + args);
  };
  // A plain scan: no history, nothing from history checks, no error.
  ShellRun plain = scan("--exit none -R json");
  CHECK(plain.status == 0);
  CHECK(plain.out.find("IncorrectCopyright") == std::string::npos);
  // Asked for by name without --commits: a clear error.
  ShellRun named = scan("-c CopyrightHistory");
  CHECK(named.status == 2);
  CHECK(named.out.find("--commits") != std::string::npos);
}
