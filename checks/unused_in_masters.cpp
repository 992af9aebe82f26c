// UnusedInMasters (pkgcheck's UnusedInMastersCheck, optional, overlays
// only): licences, third-party mirrors, eclasses and use.desc flags that a
// master repository defines but none of its own packages uses, while an
// ebuild of the scanned overlay does. The master will likely drop them, so
// the overlay should carry its own copy.
//
// begin() surveys every package of every master once (loaded in parallel
// through the index; metadata.xml read only for packages whose IUSE still has
// a flag not yet seen in use). Each scanned ebuild is then compared with what
// is left. Not in the default set: the survey reads a whole master tree.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "meta_common.hpp"
#include "pkgscan/check.hpp"
#include "unused_names.hpp"

namespace pkgscan {
namespace {

using unused::Candidates;

constexpr Keyword kUnusedInMastersLicenses{
    "UnusedInMastersLicenses", Level::Warning, Scope::Version,
    "The ebuild's LICENSE names a licence (any USE branch) that a master repository has in licenses/ but that no "
    "ebuild of the master uses. The master will likely remove it, so copy it to the overlay. Only when every "
    "master was found and every master ebuild has metadata (-c +UnusedInMasters; not in the default set)."};
constexpr Keyword kUnusedInMastersMirrors{
    "UnusedInMastersMirrors", Level::Warning, Scope::Version,
    "The ebuild's SRC_URI uses mirror://NAME/ (any USE branch) with a mirror that a master's "
    "profiles/thirdpartymirrors defines but no ebuild of the master uses. The master will likely remove it, so "
    "copy it to the overlay. Only when every master was found and every master ebuild has metadata "
    "(-c +UnusedInMasters; not in the default set)."};
constexpr Keyword kUnusedInMastersEclasses{
    "UnusedInMastersEclasses", Level::Warning, Scope::Version,
    "The ebuild inherits (directly or through another eclass) an eclass of a master repository that no ebuild "
    "of the master inherits. The master will likely remove it, so copy it to the overlay. Only when every "
    "master was found and every master ebuild has metadata (-c +UnusedInMasters; not in the default set)."};
constexpr Keyword kUnusedInMastersGlobalUse{
    "UnusedInMastersGlobalUse", Level::Warning, Scope::Version,
    "The ebuild uses, without describing it in its metadata.xml, a global USE flag of a master's "
    "profiles/use.desc that no ebuild of the master uses as a global flag (master packages that describe it "
    "locally do not count). The master will likely remove it, so describe it in the overlay. Only when every "
    "master was found and every master ebuild has metadata (-c +UnusedInMasters; not in the default set)."};

bool described(const MetadataXml& xml, std::string_view flag) {
  return xml.parsed() && xml.use_flag(flag) != nullptr;
}

class UnusedInMastersCheck final : public Check {
 public:
  static constexpr std::string_view kName = "UnusedInMasters";
  static constexpr std::string_view kDoc =
      "For overlays: reports licences, mirrors, eclasses and global USE flags an ebuild takes from a master "
      "repository that no package of the master uses (they may disappear from the master). Optional: it reads "
      "every package of the masters.";
  static constexpr std::array<Keyword, 4> kKeywords = {kUnusedInMastersEclasses, kUnusedInMastersGlobalUse,
                                                       kUnusedInMastersLicenses, kUnusedInMastersMirrors};
  static constexpr bool kDefaultEnabled = false;

  void begin(const ScanContext& ctx) override {
    const RepoSet& repos = ctx.repos;
    if (repos.repos().size() < 2 || !repos.missing_masters().empty()) return;
    std::set<std::string> licenses, mirrors, eclasses, flags;
    for (std::size_t i = 1; i < repos.repos().size(); ++i) {
      const Repository& master = *repos.repos()[i];
      licenses.merge(unused::license_names(master));
      mirrors.merge(unused::mirror_names(master));
      eclasses.merge(unused::eclass_names(master));
      for (const auto& [flag, text] : master.profiles().use_desc) flags.insert(flag);
    }
    licenses_.assign(licenses);
    mirrors_.assign(mirrors);
    eclasses_.assign(eclasses);
    flags_.assign(flags);

    std::atomic<bool> incomplete{false};
    for (std::size_t i = 1; i < repos.repos().size(); ++i) {
      std::vector<const Package*> packages = ctx.index.packages_of(*repos.repos()[i]);
      tbb::parallel_for(std::size_t{0}, packages.size(), [&](std::size_t p) {
        if (!survey(*packages[p])) incomplete.store(true, std::memory_order_relaxed);
      });
    }
    active_ = !incomplete.load();
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!active_) return;
    const MetadataXml* xml = nullptr;  // read only when a flag needs it
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      if (out.wants(kUnusedInMastersLicenses)) {
        std::set<std::string> hit;
        for (std::string_view t : meta::tokens(e.entry.get(CacheKey::LICENSE)))
          if (!unused::spec_token(t) && licenses_.unused(t)) hit.emplace(t);
        report(out, kUnusedInMastersLicenses, e, hit, "unused license", "s", "licenses");
      }
      if (out.wants(kUnusedInMastersMirrors)) {
        std::set<std::string> hit;
        for (std::string_view t : meta::tokens(e.entry.get(CacheKey::SRC_URI)))
          if (std::string_view name = unused::mirror_of(t); !name.empty() && mirrors_.unused(name)) hit.emplace(name);
        report(out, kUnusedInMastersMirrors, e, hit, "unused mirror", "s", "mirrors");
      }
      if (out.wants(kUnusedInMastersEclasses)) {
        std::set<std::string> hit;
        for (Symbol eclass : e.inherited)
          if (eclasses_.unused(eclass.str())) hit.emplace(eclass.str());
        report(out, kUnusedInMastersEclasses, e, hit, "unused eclass", "es", "eclasses");
      }
      if (out.wants(kUnusedInMastersGlobalUse)) {
        std::set<std::string> hit;
        for (Symbol flag : e.iuse_names) {
          if (!flags_.unused(flag.str())) continue;
          if (!xml) xml = &ctx.metadata_xml(pkg);
          if (!described(*xml, flag.str())) hit.emplace(flag.str());
        }
        report(out, kUnusedInMastersGlobalUse, e, hit, "use.desc unused flag", "s", "flags");
      }
    }
  }

 private:
  // Marks what one master package uses; false when some version has no
  // metadata (its use is unknown).
  bool survey(const Package& pkg) const {
    bool complete = true;
    bool xml_read = false;
    MetadataXml xml;
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) {
        complete = false;
        continue;
      }
      for (std::string_view t : meta::tokens(e.entry.get(CacheKey::LICENSE)))
        if (!unused::spec_token(t)) licenses_.mark(t);
      const std::string& src_uri = e.entry.get(CacheKey::SRC_URI);
      if (src_uri.find("mirror://") != std::string::npos)
        for (std::string_view t : meta::tokens(src_uri))
          if (std::string_view name = unused::mirror_of(t); !name.empty()) mirrors_.mark(name);
      for (Symbol eclass : e.inherited) eclasses_.mark(eclass.str());
      // A flag the package describes in its metadata.xml is its own local
      // flag, not a use of the global one. The file is read only for a flag
      // that has not been seen in use yet (most have, early on).
      for (Symbol flag : e.iuse_names) {
        if (!flags_.unused(flag.str())) continue;
        if (!xml_read) {
          xml = read_metadata_xml(pkg.repo->fs(), pkg.repo->abs(pkg.key() + "/metadata.xml"), MetadataXmlKind::Package);
          xml_read = true;
        }
        if (!described(xml, flag.str())) flags_.mark(flag.str());
      }
    }
    return complete;
  }

  // pkgcheck's wording: "unused license in master repo(s): A", "unused
  // licenses in master repo(s): A, B".
  static void report(ResultSink& out, const Keyword& kw, const Ebuild& e, const std::set<std::string>& names,
                     std::string_view what, std::string_view plural, const char* field) {
    if (names.empty()) return;
    std::vector<std::string> list(names.begin(), names.end());
    std::string text = std::string(what) + std::string(list.size() == 1 ? "" : plural) +
                       " in master repo(s): " + meta::joined(list, ", ");
    meta::field(meta::report(out, kw, e, text), field, meta::joined(list, " "));
  }

  bool active_ = false;  // an overlay whose masters were all surveyed
  Candidates licenses_, mirrors_, eclasses_, flags_;
};

const RegisterCheck<UnusedInMastersCheck> kRegister;

}  // namespace
}  // namespace pkgscan
