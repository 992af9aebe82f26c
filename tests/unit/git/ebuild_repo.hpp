#pragma once
// A small ebuild repository inside a temporary git repository: ebuilds with
// fresh md5-cache entries (the checksums computed here), eclasses and
// metadata.xml, so scans of the index or of a commit see consistent metadata
// without sourcing anything.
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "git/git_fixture.hpp"
#include "pkgscan/cache.hpp"

namespace pkgscan::test {

inline int current_year() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

struct EbuildSpec {
  std::string eapi = "8";
  std::string slot = "0";
  std::string keywords = "~amd64";
  std::string rdepend;
  std::string depend;
  std::string src_uri;
  std::vector<std::string> inherit;        // direct inherits (all must exist via eclass())
  std::string extra;                        // more ebuild lines (not in the cache)
  int copyright_year = current_year();
  std::string description;                  // default: "Test package <pn>"
};

class EbuildRepo : public GitRepo {
 public:
  explicit EbuildRepo(const std::string& name = "test-repo") {
    write("profiles/repo_name", name + "\n");
    write("metadata/layout.conf", "repo-name = " + name + "\nmasters =\ncache-formats = md5-dict\nthin-manifests = true\n");
    write("profiles/categories", "app-misc\ndev-libs\ndev-python\nacct-user\n");
    write("profiles/arch.list", "amd64\nx86\narm64\n");
    write("profiles/use.desc", "test - run tests\n");
    write("licenses/MIT", "MIT licence text\n");
  }

  void eclass(const std::string& name, const std::string& text) {
    write("eclass/" + name + ".eclass", text);
    eclasses_[name] = text;
  }

  // cat/pkg-ver with a fresh cache entry.
  void ebuild(const std::string& cpv, const EbuildSpec& s = {}) {
    std::size_t slash = cpv.find('/');
    std::string cat = cpv.substr(0, slash), pf = cpv.substr(slash + 1);
    std::string pn = pf.substr(0, pf.find('-', 0));
    // The package name: everything before the version ("-<digit>...").
    for (std::size_t i = 0; i + 1 < pf.size(); ++i)
      if (pf[i] == '-' && std::isdigit(static_cast<unsigned char>(pf[i + 1]))) {
        pn = pf.substr(0, i);
        break;
      }
    std::string desc = s.description.empty() ? "Test package " + pn : s.description;
    std::string text = "# Copyright " + std::to_string(s.copyright_year) +
                       " Gentoo Authors\n# Distributed under the terms of the GNU General Public License v2\n\n"
                       "EAPI=" + s.eapi + "\n\n";
    if (!s.inherit.empty()) {
      text += "inherit";
      for (const std::string& e : s.inherit) text += " " + e;
      text += "\n\n";
    }
    text += "DESCRIPTION=\"" + desc + "\"\nHOMEPAGE=\"https://example.org/" + pn + "\"\n";
    if (!s.src_uri.empty()) text += "SRC_URI=\"" + s.src_uri + "\"\n";
    text += "LICENSE=\"MIT\"\nSLOT=\"" + s.slot + "\"\nKEYWORDS=\"" + s.keywords + "\"\n";
    if (!s.depend.empty()) text += "DEPEND=\"" + s.depend + "\"\n";
    if (!s.rdepend.empty()) text += "RDEPEND=\"" + s.rdepend + "\"\n";
    text += s.extra;
    write(cat + "/" + pn + "/" + pf + ".ebuild", text);

    std::string entry = "DEFINED_PHASES=-\n";
    if (!s.depend.empty()) entry += "DEPEND=" + s.depend + "\n";
    entry += "DESCRIPTION=" + desc + "\nEAPI=" + s.eapi + "\nHOMEPAGE=https://example.org/" + pn + "\n";
    if (!s.inherit.empty()) {
      entry += "INHERIT=";
      for (std::size_t i = 0; i < s.inherit.size(); ++i) entry += (i ? " " : "") + s.inherit[i];
      entry += "\n";
    }
    entry += "KEYWORDS=" + s.keywords + "\nLICENSE=MIT\n";
    if (!s.rdepend.empty()) entry += "RDEPEND=" + s.rdepend + "\n";
    entry += "SLOT=" + s.slot + "\n";
    if (!s.src_uri.empty()) entry += "SRC_URI=" + s.src_uri + "\n";
    if (!s.inherit.empty()) {
      entry += "_eclasses_=";
      for (std::size_t i = 0; i < s.inherit.size(); ++i)
        entry += (i ? "\t" : "") + s.inherit[i] + "\t" + md5_hex(eclasses_.at(s.inherit[i]));
      entry += "\n";
    }
    entry += "_md5_=" + md5_hex(text) + "\n";
    write("metadata/md5-cache/" + cat + "/" + pf, entry);
  }

  // Removes an ebuild and its cache entry.
  void drop(const std::string& cpv) {
    std::size_t slash = cpv.find('/');
    std::string cat = cpv.substr(0, slash), pf = cpv.substr(slash + 1);
    for (std::size_t i = 0; i + 1 < pf.size(); ++i)
      if (pf[i] == '-' && std::isdigit(static_cast<unsigned char>(pf[i + 1]))) {
        remove(cat + "/" + pf.substr(0, i) + "/" + pf + ".ebuild");
        break;
      }
    remove("metadata/md5-cache/" + cat + "/" + pf);
  }

  void metadata_xml(const std::string& cat_pkg, const std::string& maintainer_email) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pkgmetadata SYSTEM "
                      "\"https://www.gentoo.org/dtd/metadata.dtd\">\n<pkgmetadata>\n";
    if (!maintainer_email.empty())
      xml += "\t<maintainer type=\"person\">\n\t\t<email>" + maintainer_email + "</email>\n\t</maintainer>\n";
    xml += "</pkgmetadata>\n";
    write(cat_pkg + "/metadata.xml", xml);
  }

 private:
  std::map<std::string, std::string> eclasses_;
};

}  // namespace pkgscan::test
