// AddedHistory (--commits): ebuilds and packages added by the range: a new
// package needs a maintainer, and a new ebuild should use the newest EAPI
// its eclasses support (pkgcheck's DirectNoMaintainer and NewerEAPIAvailable).
#include <algorithm>
#include <charconv>
#include <mutex>
#include <set>
#include <unordered_map>

#include "history_changes.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kDirectNoMaintainer{
    "DirectNoMaintainer", Level::Error, Scope::Package,
    "A package added in the commits being checked has no <maintainer> in its metadata.xml (or no metadata.xml). "
    "Every new package needs a maintainer (a person or a project)."};
constexpr Keyword kNewerEAPIAvailable{
    "NewerEAPIAvailable", Level::Warning, Scope::Version,
    "An ebuild added in the commits being checked uses an older EAPI than every eclass it inherits supports "
    "(their @SUPPORTED_EAPIS). Write new ebuilds in the newest EAPI available to them."};

// EAPIs an eclass documents with "# @SUPPORTED_EAPIS: 7 8"; empty when it
// does not say (then nothing is known and nothing is suggested).
std::set<int> supported_eapis(const std::string& text) {
  std::set<int> out;
  constexpr std::string_view tag = "# @SUPPORTED_EAPIS:";
  std::size_t pos = text.find(tag);
  if (pos == std::string::npos) return out;
  std::size_t end = text.find('\n', pos);
  std::string_view rest(text.data() + pos + tag.size(), (end == std::string::npos ? text.size() : end) - pos - tag.size());
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && rest[i] == ' ') ++i;
    std::size_t j = i;
    while (j < rest.size() && rest[j] != ' ') ++j;
    int n = 0;
    if (j > i && std::from_chars(rest.data() + i, rest.data() + j, n).ec == std::errc()) out.insert(n);
    i = j;
  }
  return out;
}

bool has_maintainer(const Package& pkg) {
  std::string xml;
  if (!pkg.repo->fs().read_file(pkg.repo->abs(pkg.key() + "/metadata.xml"), xml, nullptr)) return false;
  // A comment may mention a maintainer; only elements count.
  std::size_t pos = 0;
  while ((pos = xml.find("<maintainer", pos)) != std::string::npos) {
    std::size_t comment = xml.rfind("<!--", pos);
    std::size_t closed = comment == std::string::npos ? std::string::npos : xml.find("-->", comment);
    bool in_comment = comment != std::string::npos && (closed == std::string::npos || closed > pos);
    char next = pos + 11 < xml.size() ? xml[pos + 11] : '\0';
    if (!in_comment && (next == '>' || next == ' ' || next == '\t' || next == '\n')) return true;
    pos += 11;
  }
  return false;
}

class AddedHistoryCheck final : public Check {
 public:
  static constexpr std::string_view kName = "AddedHistory";
  static constexpr std::string_view kDoc =
      "With --commits: new packages without a maintainer, and new ebuilds on an older EAPI than their eclasses "
      "support.";
  static constexpr std::array<Keyword, 2> kKeywords = {kDirectNoMaintainer, kNewerEAPIAvailable};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kHistory = true;

  void begin(const ScanContext& ctx) override {
    if (ctx.history) changes_.build(*ctx.history);
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.history) return;
    const PackageChanges& pc = changes_.of(pkg.category.str(), pkg.package.str());
    if (!pc.any('A')) return;
    // New to the repository: no version of it at the merge base.
    if (!old_package(ctx, pkg) && out.wants(kDirectNoMaintainer) && !has_maintainer(pkg))
      out.package(kDirectNoMaintainer, pkg, "directly committed with no package maintainer");
    if (!out.wants(kNewerEAPIAvailable)) return;
    for (const Ebuild& e : pkg.versions) {
      auto it = pc.ebuilds.find(e.pf);
      if (it == pc.ebuilds.end() || it->second != 'A' || !e.has_cache) continue;
      int current = 0;
      std::string_view eapi = e.entry.get(CacheKey::EAPI);
      if (std::from_chars(eapi.data(), eapi.data() + eapi.size(), current).ec != std::errc()) continue;
      std::vector<std::string> inherit;
      std::string_view direct = e.entry.get(CacheKey::INHERIT);
      for (std::size_t i = 0; i < direct.size();) {
        std::size_t j = direct.find(' ', i);
        if (j == std::string_view::npos) j = direct.size();
        if (j > i) inherit.emplace_back(direct.substr(i, j - i));
        i = j + 1;
      }
      if (inherit.empty()) continue;
      std::set<int> common = eapis(ctx, inherit[0]);
      for (std::size_t k = 1; k < inherit.size() && !common.empty(); ++k) {
        std::set<int> next = eapis(ctx, inherit[k]), both;
        std::set_intersection(common.begin(), common.end(), next.begin(), next.end(), std::inserter(both, both.end()));
        common = std::move(both);
      }
      if (!common.empty() && *common.rbegin() > current)
        with(out.version(kNewerEAPIAvailable, e, "ebuild eligible for newer EAPI=" + std::to_string(*common.rbegin())),
             "eapi", std::to_string(*common.rbegin()));
    }
  }

 private:
  // @SUPPORTED_EAPIS of an eclass on HEAD's eclass path, read once per scan.
  std::set<int> eapis(const ScanContext& ctx, const std::string& eclass) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = eapis_.find(eclass);
    if (it != eapis_.end()) return it->second;
    std::set<int> found;
    std::string text;
    if (const EclassInfo* info = ctx.repos.eclass(eclass))
      if (ctx.repos.main().fs().read_file(info->path, text, nullptr)) found = supported_eapis(text);
    return eapis_[eclass] = found;
  }

  ChangeIndex changes_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::set<int>> eapis_;
};

const RegisterCheck<AddedHistoryCheck> kRegister;

}  // namespace
}  // namespace pkgscan
