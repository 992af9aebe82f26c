// SrcUriHistory (--commits): a distfile must not change under the same name.
// Mirrors and users' distfiles directories keep files by name, so a new
// tarball under an old name fails its checksum for everyone who fetched the
// old one (pkgcheck's SrcUriChecksumChange and SuspiciousSrcUriChange).
#include <map>

#include "history_changes.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kSrcUriChecksumChange{
    "SrcUriChecksumChange", Level::Error, Scope::Package,
    "A distfile kept its name in the Manifest but its checksums changed in the commits being checked (an "
    "upstream re-tag, or a regenerated archive). Mirrors and users who fetched the old file will fail the "
    "checksum; rename the distfile (SRC_URI's '-> name-r1.tar.gz') instead."};
constexpr Keyword kSuspiciousSrcUriChange{
    "SuspiciousSrcUriChange", Level::Warning, Scope::Package,
    "A distfile kept its name and checksums but is fetched from another URI than before. That is fine for a moved "
    "upstream, but check that the new location serves the same file."};

struct Distfile {
  std::string checksums;  // the Manifest line after the size: "BLAKE2B ... SHA512 ..."
  std::string uri;        // first URI as written (mirror://name/path kept)
  std::string expanded;   // mirror:// replaced by the first mirror of profiles/thirdpartymirrors
};

// DIST lines of a package's Manifest: name -> "size checksums".
std::map<std::string, std::string> manifest_dists(const Package& pkg) {
  std::map<std::string, std::string> out;
  std::string text;
  if (!pkg.repo->fs().read_file(pkg.repo->abs(pkg.key() + "/Manifest"), text, nullptr)) return out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    if (line.substr(0, 5) != "DIST ") continue;
    line.remove_prefix(5);
    std::size_t sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    out[std::string(line.substr(0, sp))] = std::string(line.substr(sp + 1));
  }
  return out;
}

std::string expand_mirror(const std::string& uri, const Profiles& profiles) {
  if (uri.rfind("mirror://", 0) != 0) return uri;
  std::size_t slash = uri.find('/', 9);
  std::string name = uri.substr(9, slash == std::string::npos ? std::string::npos : slash - 9);
  std::string rest = slash == std::string::npos ? std::string() : uri.substr(slash + 1);
  auto it = profiles.thirdpartymirrors.find(name);
  std::string base = it == profiles.thirdpartymirrors.end() || it->second.empty() ? "mirror://" + name : it->second[0];
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + rest;
}

// Every distfile of every version with a Manifest entry: name -> where and what.
std::map<std::string, Distfile> distfiles(const Package& pkg, const Profiles& profiles) {
  std::map<std::string, Distfile> out;
  std::map<std::string, std::string> dists = manifest_dists(pkg);
  if (dists.empty()) return out;
  for (const Ebuild& e : pkg.versions) {
    if (!e.has_cache) continue;
    auto spec = DepSpec::parse(e.entry.get(CacheKey::SRC_URI), SpecKind::SrcUri, e.eapi.value_or(Eapi::latest()));
    if (!spec) continue;
    for (std::size_t i = 0; i < spec->strings.size(); ++i) {
      const std::string& uri = spec->strings[i];
      if (uri.find("://") == std::string::npos) continue;  // a bare file name: no URI to compare
      std::string name = i < spec->renames.size() && !spec->renames[i].empty() ? spec->renames[i]
                                                                              : uri.substr(uri.rfind('/') + 1);
      auto d = dists.find(name);
      if (d == dists.end() || out.count(name)) continue;
      out[name] = Distfile{d->second, uri, expand_mirror(uri, profiles)};
    }
  }
  return out;
}

class SrcUriHistoryCheck final : public Check {
 public:
  static constexpr std::string_view kName = "SrcUriHistory";
  static constexpr std::string_view kDoc =
      "With --commits: distfiles that keep their name across the range while their checksums or URI change.";
  static constexpr std::array<Keyword, 2> kKeywords = {kSrcUriChecksumChange, kSuspiciousSrcUriChange};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kHistory = true;

  void begin(const ScanContext& ctx) override {
    if (ctx.history) changes_.build(*ctx.history);
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.history || changes_.of(pkg.category.str(), pkg.package.str()).ebuilds.empty()) return;
    const Package* old = old_package(ctx, pkg);
    if (!old) return;
    auto before = distfiles(*old, ctx.history->base_repos->main().profiles());
    if (before.empty()) return;
    auto now = distfiles(pkg, ctx.repos.main().profiles());
    for (const auto& [name, was] : before) {
      auto it = now.find(name);
      if (it == now.end()) continue;
      const Distfile& is = it->second;
      if (was.checksums != is.checksums) {
        with(out.package(kSrcUriChecksumChange, pkg, "'" + name + "' has different checksums across commits"),
             "filename", name);
      } else if (was.expanded != is.expanded) {
        Result* r = out.package(kSuspiciousSrcUriChange, pkg,
                                "'" + name + "' has changed SRC_URI from '" + was.uri + "' to '" + is.uri + "'");
        with(with(with(r, "filename", name), "old_uri", was.uri), "new_uri", is.uri);
      }
    }
  }

 private:
  ChangeIndex changes_;
};

const RegisterCheck<SrcUriHistoryCheck> kRegister;

}  // namespace
}  // namespace pkgscan
