// UseDesc: is every USE flag described, and is every description used?
// IUSE flags are looked up in profiles/use.desc, profiles/desc/*.desc
// (USE_EXPAND values, as group_value) of the repository and its masters, and
// the package's metadata.xml <use>; local flags are compared with the global
// ones; and on whole-repository scans the global descriptions are compared
// with what the packages use. pkgcheck's keywords and meanings (IuseCheck's
// UnknownUseFlags, LocalUseCheck, GlobalUseCheck).
//
// Flags an eclass adds: the md5-cache has only the merged IUSE, so the flags
// an eclass itself declares (its literal IUSE= / IUSE+= words, read from the
// eclass file when it is hashed: EclassInfo::iuse) are told apart. Flags of
// a master's eclass are the master's to describe: an overlay is not told
// about them (pkgcheck is, for each ebuild). Flags of the scanned
// repository's own eclasses are checked like the ebuild's own. With a master
// missing, its descriptions are missing too, so UnknownUseFlags is not
// reported at all (MissingMaster says why).
#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <tbb/parallel_for.h>

#include "meta_common.hpp"
#include "pkgscan/atom.hpp"
#include "pkgscan/check.hpp"
#include "similarity.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kUnknownUseFlags{
    "UnknownUseFlags", Level::Error, Scope::Version,
    "IUSE has flags described nowhere: not in profiles/use.desc, not a USE_EXPAND value in profiles/desc/*.desc "
    "(of this repository or its masters) and not in the package's metadata.xml <use>. Describe them, locally in "
    "metadata.xml or globally. Flags that a master repository's eclass adds are left to that repository; nothing "
    "is reported while a master repository is missing."};
constexpr Keyword kMissingLocalUseDesc{
    "MissingLocalUseDesc", Level::Warning, Scope::Package,
    "A <flag> in metadata.xml <use> has no description text."};
constexpr Keyword kUnusedLocalUse{
    "UnusedLocalUse", Level::Warning, Scope::Package,
    "metadata.xml describes USE flags that no version of the package has in IUSE. Remove the descriptions (or "
    "the flags were renamed). Needs every version's metadata."};
constexpr Keyword kMatchingGlobalUse{
    "MatchingGlobalUse", Level::Warning, Scope::Package,
    "A local USE flag has exactly the description profiles/use.desc gives the global flag of that name: the "
    "local description is redundant."};
constexpr Keyword kProbableGlobalUse{
    "ProbableGlobalUse", Level::Style, Scope::Package,
    "A local USE flag's description closely matches (similarity 0.75 or more) the global flag's of that name in "
    "profiles/use.desc: the local one may be unnecessary."};
constexpr Keyword kProbableUseExpand{
    "ProbableUseExpand", Level::Warning, Scope::Package,
    "A local USE flag starts with a USE_EXPAND group's prefix (python_targets_, video_cards_, ...) but is not a "
    "value of that group in profiles/desc/. USE_EXPAND values are described globally: add it there."};
constexpr Keyword kUnderscoreInUseFlag{
    "UnderscoreInUseFlag", Level::Style, Scope::Package,
    "A local USE flag contains '_', which PMS reserves for USE_EXPAND flags. Use '-' instead."};
constexpr Keyword kUnusedGlobalUse{
    "UnusedGlobalUse", Level::Warning, Scope::Repo,
    "profiles/use.desc describes flags that no package uses in IUSE (flags a package describes locally do not "
    "count). Whole-repository scans with complete metadata only."};
constexpr Keyword kUnusedGlobalUseExpand{
    "UnusedGlobalUseExpand", Level::Warning, Scope::Repo,
    "profiles/desc/*.desc describe USE_EXPAND values that no package has in IUSE (implicit flags such as arches "
    "count as unused, as in pkgcheck). Whole-repository scans with complete metadata only."};
constexpr Keyword kPotentialLocalUse{
    "PotentialLocalUse", Level::Info, Scope::Repo,
    "A global USE flag of profiles/use.desc is used by fewer than 5 packages: it may be better described locally "
    "in their metadata.xml. Whole-repository scans with complete metadata only."};
constexpr Keyword kPotentialGlobalUse{
    "PotentialGlobalUse", Level::Info, Scope::Repo,
    "A local USE flag (profiles/use.local.desc) is described alike (similarity 0.75 or more) by 5 or more "
    "packages: it may deserve a global description. Whole-repository scans only."};

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::string(n == 1 ? one : many);
}

std::string joined(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

class UseDescCheck final : public Check {
 public:
  static constexpr std::string_view kName = "UseDesc";
  static constexpr std::string_view kDoc =
      "Checks that USE flags are described (use.desc, desc/*.desc, metadata.xml) and that descriptions are used "
      "and not duplicated.";
  static constexpr std::array<Keyword, 11> kKeywords = {
      kUnknownUseFlags,  kMissingLocalUseDesc, kUnusedLocalUse,     kMatchingGlobalUse,
      kProbableGlobalUse, kProbableUseExpand,  kUnderscoreInUseFlag, kUnusedGlobalUse,
      kUnusedGlobalUseExpand, kPotentialLocalUse, kPotentialGlobalUse};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    const Repository& main = ctx.repos.main();
    main_name_ = main.name();
    masters_missing_ = !ctx.repos.missing_masters().empty();
    for (const auto& repo : ctx.repos.repos()) {
      for (const auto& [flag, desc] : repo->profiles().use_desc) known_.insert(Symbol::intern(flag));
      for (const auto& [group, values] : repo->profiles().use_expand_desc)
        for (const auto& [value, desc] : values) known_.insert(Symbol::intern(group + "_" + value));
    }
    // pkgcheck's LocalUseCheck and GlobalUseCheck compare with the scanned
    // repository's own descriptions only.
    global_ = &main.profiles().use_desc;
    for (const auto& [group, values] : main.profiles().use_expand_desc) {
      auto& flags = expand_groups_[group];
      for (const auto& [value, desc] : values) flags.insert(group + "_" + value);
    }
    whole_repo_ = ctx.whole_repo;
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (pkg.versions.empty()) return;
    const MetadataXml& xml = ctx.metadata_xml(pkg);
    // A file that cannot be parsed describes nothing (pkgcore's view too).
    static const std::vector<MetadataXml::UseFlag> kNone;
    const std::vector<MetadataXml::UseFlag>& local = xml.parsed() ? xml.use_flags : kNone;
    const std::string path = pkg.key() + "/metadata.xml";

    local_flags(pkg, local, path, out);
    for (const Ebuild& e : pkg.versions) unknown_flags(e, local, ctx, out);
    if (whole_repo_ && (out.wants(kUnusedGlobalUse) || out.wants(kUnusedGlobalUseExpand) || out.wants(kPotentialLocalUse)))
      record_usage(pkg, local);
  }

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.whole_repo) return;
    if (!incomplete_) {
      unused_global(out);
      potential_locals(out);
    }
    potential_globals(ctx.repos.main().profiles(), out);
  }

 private:
  // ---------------------------------------------------------------- package scope

  void local_flags(const Package& pkg, const std::vector<MetadataXml::UseFlag>& local, const std::string& path,
                   ResultSink& out) const {
    auto report = [&](const Keyword& kw, int line, std::string message) {
      Result* r = out.package(kw, pkg, meta::printable(message));
      if (r) {
        r->path = path;
        r->line = line;
      }
      return r;
    };
    std::vector<std::string> missing;
    for (const MetadataXml::UseFlag& f : local) {
      if (f.description.empty()) missing.push_back(f.name);
      if (auto g = global_->find(f.name); g != global_->end()) {
        if (!out.wants(kMatchingGlobalUse) && !out.wants(kProbableGlobalUse)) continue;
        double ratio = sequence_ratio(f.description, g->second);
        if (ratio == 1.0)
          with(report(kMatchingGlobalUse, f.line, "local USE flag matches a global: '" + f.name + "'"), "flag", f.name);
        else if (ratio >= 0.75)
          with(report(kProbableGlobalUse, f.line, "local USE flag closely matches a global: '" + f.name + "'"), "flag",
               f.name);
      } else if (f.name.find('_') != std::string::npos) {
        bool grouped = false;
        for (const auto& [group, flags] : expand_groups_) {
          if (!f.name.starts_with(group + "_")) continue;
          grouped = true;
          if (!flags.count(f.name)) {
            std::string upper = group;
            for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            with(report(kProbableUseExpand, f.line,
                        "USE_EXPAND group '" + upper + "' matches local USE flag: '" + f.name + "'"),
                 "flag", f.name);
          }
          break;
        }
        if (!grouped)
          with(report(kUnderscoreInUseFlag, f.line, "USE flag '" + f.name + "' uses reserved underscore character"),
               "flag", f.name);
      }
    }
    if (!missing.empty()) {
      std::sort(missing.begin(), missing.end());
      with(report(kMissingLocalUseDesc, 0,
                  "local USE flag" + plural(missing.size(), "", "s") + " missing description" +
                      plural(missing.size(), "", "s") + ": [ " + joined(missing) + " ]"),
           "flags", joined(missing, " "));
    }
    // Unused needs every version's IUSE: a version without metadata may use any flag.
    bool all_known = std::all_of(pkg.versions.begin(), pkg.versions.end(), [](const Ebuild& e) { return e.has_cache; });
    if (!local.empty() && all_known && out.wants(kUnusedLocalUse)) {
      std::vector<std::string> unused;
      for (const MetadataXml::UseFlag& f : local) {
        Symbol s = Symbol::intern(f.name);
        if (std::none_of(pkg.versions.begin(), pkg.versions.end(), [&](const Ebuild& e) { return e.has_iuse(s); }))
          unused.push_back(f.name);
      }
      if (!unused.empty()) {
        std::sort(unused.begin(), unused.end());
        with(report(kUnusedLocalUse, 0,
                    "unused local USE flag" + plural(unused.size(), "", "s") + ": [ " + joined(unused) + " ]"),
             "flags", joined(unused, " "));
      }
    }
  }

  // ---------------------------------------------------------------- version scope

  void unknown_flags(const Ebuild& e, const std::vector<MetadataXml::UseFlag>& local, const ScanContext& ctx,
                     ResultSink& out) const {
    if (!e.has_cache || masters_missing_ || known_.empty() || !out.wants(kUnknownUseFlags)) return;
    std::vector<std::string> unknown;
    for (Symbol flag : e.iuse_names) {
      if (known_.count(flag)) continue;
      std::string_view name = flag.str();
      if (!valid_use_flag(name)) continue;  // InvalidUseFlags says so
      if (std::any_of(local.begin(), local.end(), [&](const MetadataXml::UseFlag& f) { return f.name == name; })) continue;
      unknown.emplace_back(name);
    }
    if (unknown.empty()) return;
    // Rare: only now look at the eclasses. Flags a master's eclass adds are
    // the master's business; an eclass that cannot be found might add any.
    for (Symbol eclass : e.inherited) {
      const EclassInfo* info = ctx.repos.eclass(std::string(eclass.str()));
      if (!info) return;  // MissingEclass reports it
      if (info->repo == main_name_) continue;
      std::erase_if(unknown, [&](const std::string& f) { return std::binary_search(info->iuse.begin(), info->iuse.end(), f); });
    }
    if (unknown.empty()) return;
    std::sort(unknown.begin(), unknown.end());
    std::vector<std::string> quoted;
    for (const std::string& f : unknown) quoted.push_back("'" + f + "'");
    meta::field(meta::report(out, kUnknownUseFlags, e,
                             "unknown USE flag" + plural(unknown.size(), "", "s") + ": " + joined(quoted)),
                "flags", joined(unknown, " "));
  }

  // ---------------------------------------------------------------- repo scope

  // Which packages use each flag, for the repo pass: IUSE minus the flags
  // the package describes locally (pkgcheck's GlobalUseCheck).
  void record_usage(const Package& pkg, const std::vector<MetadataXml::UseFlag>& local) const {
    std::set<Symbol, decltype(&Symbol::lexical_less)> flags(&Symbol::lexical_less);
    bool complete = true;
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) {
        complete = false;
        continue;
      }
      for (Symbol f : e.iuse_names)
        if (std::none_of(local.begin(), local.end(), [&](const MetadataXml::UseFlag& l) { return l.name == f.str(); }))
          flags.insert(f);
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (!complete) incomplete_ = true;
    for (Symbol f : flags) usage_[f].push_back(&pkg);
  }

  const std::vector<const Package*>* users(std::string_view flag) const {
    auto it = usage_.find(Symbol::intern(flag));
    return it == usage_.end() ? nullptr : &it->second;
  }

  void unused_global(ResultSink& out) const {
    std::vector<std::string> unused, unused_expand;
    for (const auto& [flag, desc] : *global_)
      if (!users(flag)) unused.push_back(flag);
    for (const auto& [group, flags] : expand_groups_)
      for (const std::string& f : flags)
        if (!users(f)) unused_expand.push_back(f);
    std::sort(unused_expand.begin(), unused_expand.end());
    if (!unused.empty())
      with(out.repo(kUnusedGlobalUse, "profiles/use.desc", 0,
                    "use.desc unused flag" + plural(unused.size(), "", "s") + ": " + joined(unused)),
           "count", std::to_string(unused.size()));
    if (!unused_expand.empty())
      with(out.repo(kUnusedGlobalUseExpand, "profiles/desc", 0,
                    "unused flag" + plural(unused_expand.size(), "", "s") + ": " + joined(unused_expand)),
           "count", std::to_string(unused_expand.size()));
  }

  void potential_locals(ResultSink& out) const {
    for (const auto& [flag, desc] : *global_) {
      const auto* pkgs = users(flag);
      if (!pkgs || pkgs->size() >= 5) continue;
      std::vector<std::string> keys;
      for (const Package* p : *pkgs) keys.push_back(p->key());
      std::sort(keys.begin(), keys.end());
      with(out.repo(kPotentialLocalUse, "profiles/use.desc", 0,
                    "global USE flag '" + flag + "' is a potential local, used by " + std::to_string(keys.size()) +
                        " package" + plural(keys.size(), "", "s") + ": " + joined(keys)),
           "flag", flag);
    }
  }

  // Local flags of profiles/use.local.desc, not global, described alike by
  // at least 5 packages: pairs with similarity >= 0.75 are linked, and each
  // connected group of 5 or more is one result.
  void potential_globals(const Profiles& profiles, ResultSink& out) const {
    if (!out.wants(kPotentialGlobalUse)) return;
    std::map<std::string, std::vector<const LocalUseDesc*>> by_flag;
    for (const LocalUseDesc& d : profiles.use_local_desc)
      if (!global_->count(d.flag)) by_flag[d.flag].push_back(&d);
    // Flags are compared side by side (this pass runs after the stream, when
    // the other repo-scope passes are done: on whaleos it was 24 ms on one
    // core), each into its own list, reported in flag order.
    struct Group {
      const std::string* flag;
      const std::vector<const LocalUseDesc*>* entries;
      std::vector<std::vector<std::size_t>> components;  // of 5 or more similar descriptions
    };
    std::vector<Group> groups;
    for (const auto& [flag, entries] : by_flag)
      if (entries.size() >= 5) groups.push_back({&flag, &entries, {}});
    tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t g) {
      groups[g].components = similar_components(*groups[g].entries);
    });
    for (const Group& g : groups)
      for (const std::vector<std::size_t>& component : g.components) {
        std::vector<std::string> pkgs;
        for (std::size_t k : component) pkgs.push_back((*g.entries)[k]->package);
        std::sort(pkgs.begin(), pkgs.end());
        with(out.repo(kPotentialGlobalUse, "profiles/use.local.desc", (*g.entries)[component.front()]->line,
                      "local USE flag '" + *g.flag + "' is a potential global used by " + std::to_string(pkgs.size()) +
                          " packages: " + joined(pkgs)),
             "flag", *g.flag);
      }
  }

  // The groups of five or more of one flag's descriptions linked by
  // similarity (difflib's ratio >= 0.75, pkgcheck's test), in order of their
  // first member.
  static std::vector<std::vector<std::size_t>> similar_components(const std::vector<const LocalUseDesc*>& entries) {
    const std::size_t n = entries.size();
    // Every pair is compared: the characters-in-common bound, from each
    // description's characters sorted once, skips most pairs (on whaleos
    // this pass was a third of the scan's instructions).
    std::vector<std::u32string> sorted(n);
    for (std::size_t i = 0; i < n; ++i) sorted[i] = sorted_code_points(entries[i]->description);
    std::vector<std::vector<std::size_t>> similar(n);
    std::size_t linked = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const std::string& a = entries[i]->description;
        const std::string& b = entries[j]->description;
        if (sequence_ratio_quick_bound(sorted[i], sorted[j]) >= 0.75 && sequence_ratio(a, b) >= 0.75) {
          linked += similar[i].empty() + similar[j].empty();
          similar[i].push_back(j);
          similar[j].push_back(i);
        }
      }
    std::vector<std::vector<std::size_t>> components;
    if (linked < 5) return components;
    std::vector<bool> seen(n, false);
    for (std::size_t start = 0; start < n; ++start) {
      if (seen[start] || similar[start].empty()) continue;
      std::vector<std::size_t> component, todo = {start};
      seen[start] = true;
      while (!todo.empty()) {
        std::size_t k = todo.back();
        todo.pop_back();
        component.push_back(k);
        for (std::size_t m : similar[k])
          if (!seen[m]) {
            seen[m] = true;
            todo.push_back(m);
          }
      }
      if (component.size() >= 5) components.push_back(std::move(component));
    }
    return components;
  }

  std::string main_name_;
  bool masters_missing_ = false;
  bool whole_repo_ = false;
  std::unordered_set<Symbol> known_;  // use.desc flags and group_value flags of every repository
  const std::map<std::string, std::string>* global_ = nullptr;  // the scanned repository's use.desc
  std::map<std::string, std::set<std::string>> expand_groups_;   // its desc/ groups: group -> group_value flags

  mutable std::mutex mu_;  // guards the usage record, filled concurrently by check_package
  mutable std::unordered_map<Symbol, std::vector<const Package*>> usage_;
  mutable bool incomplete_ = false;  // some scanned version had no metadata
};

const RegisterCheck<UseDescCheck> kRegister;

}  // namespace
}  // namespace pkgscan
