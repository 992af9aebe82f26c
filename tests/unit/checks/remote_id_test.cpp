// remote-id value rules and the URL inference of MissingRemoteId.
#include <catch2/catch.hpp>

#include "remote_id.hpp"

using namespace pkgscan;

TEST_CASE("remote-id values are checked against their type's shape", "[remote-id]") {
  struct Case {
    const char* type;
    const char* value;
    bool ok;
  };
  const Case cases[] = {
      {"github", "owner/repo", true},       {"github", "repo", false},          {"github", "a/b/c", false},
      {"codeberg", "a/b", true},            {"bitbucket", "a//b", false},       {"gitlab", "group/sub/project", true},
      {"gitlab", "project", false},         {"kde-invent", "plasma/kwin", true}, {"pypi", "requests", true},
      {"pypi", "a/b", false},               {"launchpad", "bzr", true},         {"launchpad", "lp:bzr", false},
      {"cpe", "cpe:/a:gnu:bash", true},     {"cpe", "cpe:2.3:a:gnu:bash", false}, {"cpe", "cpe:/x:gnu:bash", false},
      {"vim", "1234", true},                {"vim", "0123", false},             {"vim", "12a", false},
      {"sourcehut", "~sircmpwn/scdoc", true}, {"sourcehut", "sircmpwn/scdoc", false},
      {"gentoo", "proj/portage", true},     {"gentoo", "proj/portage.git", false},
      {"hackage", "any/thing/at/all", true},  // no rule for hackage, as in pkgcheck
  };
  for (const Case& c : cases) {
    INFO(c.type << " " << c.value);
    CHECK(remote_id::invalid(c.type, c.value).has_value() == !c.ok);
  }
  CHECK(*remote_id::invalid("github", "repo") == "{username}/{project}");
}

namespace {
// The first rule (in order) that recognises `url`: "type value", or "".
std::string infer(std::string_view url) {
  for (const auto& rule : remote_id::inference_rules())
    if (auto v = rule.match(url)) return std::string(rule.type) + " " + *v;
  return "";
}
}  // namespace

TEST_CASE("remote-ids are recognised in URLs as pkgcheck's patterns do", "[remote-id]") {
  CHECK(infer("https://github.com/logrotate/logrotate/archive/3.9.2.tar.gz") == "github logrotate/logrotate");
  CHECK(infer("https://github.com/onlyowner") == "");
  CHECK(infer("https://gitlab.com/group/sub/proj/-/archive/v1/proj-v1.tar.gz") == "gitlab group/sub/proj");
  CHECK(infer("https://gitlab.com/api/v4/projects/1") == "");
  CHECK(infer("https://gitlab.freedesktop.org/uchardet/uchardet/-/archive/x.tar.gz") == "freedesktop-gitlab uchardet/uchardet");
  CHECK(infer("https://invent.kde.org/plasma/kwin/-/archive/v1.tar.gz") == "kde-invent plasma/kwin");
  // Greedy like the regular expression: groups run as far as they can.
  CHECK(infer("https://gitlab.com/a/raw/b") == "gitlab a/raw/b");
  CHECK(infer("https://gitlab.com/foo/api/x") == "gitlab foo/api");
  CHECK(infer("https://files.pythonhosted.org/packages/source/r/requests/requests-2.0.tar.gz") == "pypi requests");
  CHECK(infer("https://pypi.org/project/requests/") == "pypi requests");
  CHECK(infer("https://downloads.sourceforge.net/project/foo/foo-1.tar.gz") == "sourceforge foo");
  CHECK(infer("https://downloads.sourceforge.net/foo/foo-1.tar.gz") == "sourceforge foo");
  // pkgcheck's quirk, kept: download.sourceforge.net reads as project "download".
  CHECK(infer("https://download.sourceforge.net/trousers/tpm-tools-1.3.5.tar.gz") == "sourceforge download");
  CHECK(infer("https://sr.ht/~sircmpwn/scdoc") == "sourcehut ~sircmpwn/scdoc");
  CHECK(infer("http://github.com/a/b") == "");  // https only
  CHECK(infer("https://crates.io/api/v1/crates/libc/0.2.0/download") == "");
}

TEST_CASE("SRC_URI URLs: top level, unconditional, mirrors expanded, patches and vendored tarballs left out",
          "[remote-id]") {
  std::map<std::string, std::vector<std::string>> mirrors = {{"sourceforge", {"https://downloads.sourceforge.net/"}}};
  auto urls = remote_id::src_uri_urls(
      "https://github.com/a/b/archive/1.tar.gz -> b-1.tar.gz "
      "gui? ( https://github.com/c/d/archive/1.tar.gz ) "
      "!doc? ( ( https://gitlab.com/e/f/-/archive/1.tar.gz ) ) "
      "https://github.com/g/h/raw/x/fix.patch https://github.com/i/j/releases/j-1-crates.tar.xz "
      "https://github.com/i/j/releases/j-1-vendor.tar.xz mirror://sourceforge/frob/frob-1.tar.gz "
      "mirror://unknown/x.tar.gz https://example.org/plain.tar.gz ( https://codeberg.org/k/l/archive/1.tar.gz )",
      mirrors);
  CHECK(urls == std::vector<std::string>{"https://github.com/a/b/archive/1.tar.gz",
                                         "https://downloads.sourceforge.net/frob/frob-1.tar.gz",
                                         "https://codeberg.org/k/l/archive/1.tar.gz"});
}

TEST_CASE("recognised() agrees with the rules for every host they know", "[remote-id]") {
  // recognised() turns URLs away by host before trying the rules: its host
  // list must not drop a URL some rule matches.
  for (const char* url : {"https://bitbucket.org/a/b", "https://codeberg.org/a/b", "https://gitlab.freedesktop.org/a/b",
                          "https://github.com/a/b", "https://gitlab.com/a/b", "https://gitlab.gnome.org/a/b",
                          "https://foss.heptapod.net/a/b", "https://invent.kde.org/a/b", "https://launchpad.net/a",
                          "https://pypi.org/project/a", "https://files.pythonhosted.org/packages/source/a/abc/x",
                          "https://savannah.gnu.org/projects/a", "https://savannah.nongnu.org/projects/a",
                          "https://downloads.sourceforge.net/a/x", "https://downloads.sourceforge.io/project/a/x",
                          "https://sourceforge.net/projects/a", "https://sourceforge.io/projects/a",
                          "https://frob.sourceforge.io/", "https://sr.ht/~a/b", "https://example.org/a/b",
                          "https://github.com.example.org/a/b", "https://crates.io/api/v1/crates/a/1/download"}) {
    INFO(url);
    CHECK(remote_id::recognised(url) == !infer(url).empty());
  }
}

TEST_CASE("SRC_URI URLs: tabs and newlines separate tokens as spaces do", "[remote-id]") {
  auto urls = remote_id::src_uri_urls("https://github.com/a/b/1.tar.gz\n\tgui?\t(\r\nhttps://github.com/c/d/1.tar.gz )"
                                      "\nhttps://codeberg.org/k/l/1.tar.gz",
                                      {});
  CHECK(urls == std::vector<std::string>{"https://github.com/a/b/1.tar.gz", "https://codeberg.org/k/l/1.tar.gz"});
}
