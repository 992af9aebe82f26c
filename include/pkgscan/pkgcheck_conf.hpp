#pragma once
// pkgcheck's repository configuration, metadata/pkgcheck.conf, read as a
// configuration layer below metadata/pkgscan.yaml (a drop-in for
// repositories that already have one). INI: in the [DEFAULT] section and a
// section named after the repository, `checks` and `keywords` take pkgcheck's
// comma lists (X exactly, +X add, -X remove). A pkgcheck check stands for
// the keywords it reports (data/pkgcheck-checks.txt) that pkgscan has;
// keyword names are mostly shared. What has no equivalent is listed, to be
// mentioned once (PkgcheckConfIgnored) and otherwise ignored.
#include <string>
#include <string_view>
#include <vector>

namespace pkgscan {

struct PkgcheckConf {
  std::vector<std::string> keywords;  // -k items in pkgscan's names, in file order
  std::vector<std::string> checks;    // -c items ("all")
  struct Ignored {
    std::string name;  // as written, without its sign
    std::string what;  // "check", "keyword", "setting", "section"
    int line = 0;
  };
  std::vector<Ignored> ignored;
};

// `text`: the file; `repo_names`: sections that apply besides [DEFAULT] (the
// repository's name); `checks_table`: the text of data/pkgcheck-checks.txt.
PkgcheckConf read_pkgcheck_conf(std::string_view text, const std::vector<std::string>& repo_names,
                                std::string_view checks_table);

}  // namespace pkgscan
