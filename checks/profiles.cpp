// Profiles: the files under profiles/ of the scanned repository (pkgcheck's
// ProfilesCheck and RepoProfilesCheck, reference/profiles-and-checks.md §3.1).
// Every directory under profiles/ but desc/ and updates/ is read as a
// profile node, listed in profiles.desc or not: malformed lines, packages
// and USE flags that do not exist, USE_EXPAND groups and values without a
// profiles/desc file; and across profiles.desc: paths that do not exist,
// directories no profile uses, children with an older EAPI than a parent,
// arches without profiles, categories without directories.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

#include "pkgscan/check.hpp"
#include "pkgscan/profiles.hpp"
#include "pkgscan/text_lines.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kProfileError{
    "ProfileError", Level::Error, Scope::Repo,
    "A profile file cannot be read as written: a malformed line (an invalid atom or USE flag, a package.use line "
    "without flags, a make.defaults line that is not an assignment), a parent that does not exist or leaves "
    "profiles/, an eapi file naming an unsupported EAPI, a directory-form file the repository's profile-formats "
    "does not allow, a stable-only file in a directory older than EAPI 5, or a deprecated profile whose "
    "replacement does not exist. The result names the file and line; the rest of the file still counts."};
constexpr Keyword kUnknownProfilePackage{
    "UnknownProfilePackage", Level::Warning, Scope::Repo,
    "An atom in packages, package.mask (either sign), package.unmask, package.deprecated or a package.use* file "
    "of a profile matches no package in the repository or its masters. Usually the package was removed or moved "
    "and the line is stale. Not reported while a master repository is missing."};
constexpr Keyword kUnknownProfileUse{
    "UnknownProfileUse", Level::Warning, Scope::Repo,
    "A USE flag in use.mask, use.force, their stable variants, or make.defaults USE or IUSE_IMPLICIT is described "
    "nowhere: not in use.desc, profiles/desc/*.desc or use.local.desc of the repository and its masters, and not "
    "implicit in every profile. Masked and unmasked (-flag) entries are reported separately, one result per file."};
constexpr Keyword kUnknownProfilePackageUse{
    "UnknownProfilePackageUse", Level::Warning, Scope::Repo,
    "A USE flag on a package.use, package.use.mask or package.use.force line (or a stable variant) is in the IUSE "
    "of no version the line's atom matches."};
constexpr Keyword kUnknownProfileUseExpand{
    "UnknownProfileUseExpand", Level::Warning, Scope::Repo,
    "make.defaults lists a USE_EXPAND group (in USE_EXPAND, USE_EXPAND_HIDDEN, USE_EXPAND_UNPREFIXED or as the "
    "name of USE_EXPAND_VALUES_<GROUP>) that has no profiles/desc/<group>.desc in the repository and is not in the "
    "same file's USE_EXPAND_IMPLICIT."};
constexpr Keyword kUnknownProfileUseExpandValue{
    "UnknownProfileUseExpandValue", Level::Warning, Scope::Repo,
    "make.defaults sets a USE_EXPAND variable (PYTHON_TARGETS=..., or USE_EXPAND_VALUES_<GROUP> of a group that is "
    "not implicit) to values its profiles/desc/<group>.desc file does not list."};
constexpr Keyword kLaggingProfileEapi{
    "LaggingProfileEapi", Level::Warning, Scope::Repo,
    "A profile listed in profiles.desc has an older EAPI (its eapi file, or none: EAPI 0) than a directory it "
    "stacks, so features of the parent's EAPI do not hold in the child. The last such parent is named."};
constexpr Keyword kUnusedProfileDirs{
    "UnusedProfileDirs", Level::Warning, Scope::Repo,
    "Directories under profiles/ (other than desc, updates and embedded, and directory-form files) that no "
    "profile listed in profiles.desc stacks, directly or as a parent, nor contains."};
constexpr Keyword kNonexistentProfilePath{
    "NonexistentProfilePath", Level::Error, Scope::Repo,
    "A profiles.desc line names a profile directory that does not exist."};
constexpr Keyword kNonexistentCategories{
    "NonexistentCategories", Level::Warning, Scope::Repo,
    "profiles/categories lists categories that have no directory in the repository."};
constexpr Keyword kArchesWithoutProfiles{
    "ArchesWithoutProfiles", Level::Warning, Scope::Repo,
    "Arches in profiles/arch.list of the repository (and its masters) for which the repository's profiles.desc "
    "lists no profile, so no ebuild is checked against them. Only for repositories with a profiles.desc."};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split_ws(std::string_view s) {
  std::vector<std::string_view> views = text::split_ws(s);
  return {views.begin(), views.end()};
}

// 'a', 'b' (quoted) or a, b.
std::string join(const std::vector<std::string>& items, bool quote) {
  std::string out;
  for (const std::string& i : items) {
    if (!out.empty()) out += ", ";
    out += quote ? "'" + i + "'" : i;
  }
  return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::string(n == 1 ? one : many);
}

// A path relative to profiles/ for messages ("base/package.mask"), from a repository-relative one.
std::string in_profiles(const std::string& rel) {
  constexpr std::string_view kPrefix = "profiles/";
  return rel.starts_with(kPrefix) ? rel.substr(kPrefix.size()) : rel;
}

// The names profile directories use for files, which may be directories
// themselves where profile-formats allow (they are then no profile nodes).
bool profile_file_name(std::string_view name) {
  static const std::set<std::string_view> kNames = {
      "package.mask", "package.unmask", "package.use", "package.use.mask", "package.use.force",
      "package.use.stable.mask", "package.use.stable.force", "use.mask", "use.force", "use.stable.mask",
      "use.stable.force", "package.keywords", "package.accept_keywords", "package.deprecated", "package.provided",
      "package.bashrc", "package.env", "package.license", "package.properties", "packages"};
  return kNames.count(name) != 0;
}

class ProfilesCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Profiles";
  static constexpr std::string_view kDoc =
      "Checks the files under profiles/ of the repository: each profile directory's files (malformed lines, unknown "
      "packages, USE flags and USE_EXPAND groups and values) and profiles.desc as a whole (missing paths, unused "
      "directories, lagging EAPIs, arches without profiles), and profiles/categories.";
  static constexpr std::array<Keyword, 11> kKeywords = {
      kArchesWithoutProfiles,   kLaggingProfileEapi,          kNonexistentCategories, kNonexistentProfilePath,
      kProfileError,            kUnknownProfilePackage,       kUnknownProfilePackageUse, kUnknownProfileUse,
      kUnknownProfileUseExpand, kUnknownProfileUseExpandValue, kUnusedProfileDirs};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kRepoScopeAlone = true;  // its check_repo needs nothing from the package stream
  static constexpr bool kRepoWide = true;  // about the repository's profiles, not any package

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    const Repository& main = ctx.repos.main();
    if (!main.profiles().present) return;  // RepoFileError says so
    const ProfileSet& set = ctx.profiles();
    std::vector<const ProfileNode*> nodes = walk(set, main);

    for (const ProfileIssue& i : set.issues())
      if (i.repo == &main) out.repo(kProfileError, i.path, i.line, "'" + in_profiles(i.path) + "': " + i.message);
    deprecated_replacements(main, nodes, out);
    // With a master missing, a package that matches nothing may live there.
    if ((out.wants(kUnknownProfilePackage) || out.wants(kUnknownProfilePackageUse)) &&
        ctx.repos.missing_masters().empty())
      for (const ProfileNode* n : nodes) packages(*n, ctx.index, out);
    if (out.wants(kUnknownProfileUse)) {
      const std::unordered_set<std::uint32_t> known = known_flags(ctx.repos, set);
      for (const ProfileNode* n : nodes) flags(*n, known, out);
    }
    const UseExpandGroups groups = use_expand_groups(main);
    for (const ProfileNode* n : nodes) use_expand(*n, groups, out);
    descriptions(set, main, nodes, out);
    categories(main, out);
  }

 private:
  // Every directory under profiles/ except desc/, updates/ and directory-form
  // files, as nodes (parsed on demand if no profile stacks them).
  static std::vector<const ProfileNode*> walk(const ProfileSet& set, const Repository& main) {
    std::vector<const ProfileNode*> out;
    std::function<void(const std::string&)> visit = [&](const std::string& path) {
      const ProfileNode* n = set.node(main, path);
      if (!n) n = set.parse_extra(main, path);
      if (!n || !n->exists) return;
      out.push_back(n);
      std::vector<DirEntry> entries;
      std::string err;
      if (!main.fs().list_dir(main.abs(n->rel_dir), entries, &err)) return;
      for (const DirEntry& e : entries) {
        if (e.type != FileType::Directory || e.name.front() == '.') continue;
        if (path.empty() && (e.name == "desc" || e.name == "updates")) continue;
        if (n->directories_allowed && profile_file_name(e.name)) continue;
        visit(path.empty() ? e.name : path + "/" + e.name);
      }
    };
    visit("");
    return out;
  }

  static void deprecated_replacements(const Repository& main, const std::vector<const ProfileNode*>& nodes,
                                      ResultSink& out) {
    for (const ProfileNode* n : nodes) {
      if (!n->deprecated) continue;
      if (main.fs().stat(main.abs("profiles/" + *n->deprecated)) == FileType::Directory) continue;
      out.repo(kProfileError, n->rel_dir + "/deprecated", 1,
               "nonexistent replacement '" + *n->deprecated + "' for deprecated profile: '" + n->path + "'");
    }
  }

  // UnknownProfilePackage and UnknownProfilePackageUse.
  static void packages(const ProfileNode& n, const RepoIndex& index, ResultSink& out) {
    auto matches = [&](const Atom& atom, std::vector<const Ebuild*>* found) {
      bool any = false;
      index.for_each_copy(atom.category, atom.package, [&](const Package& p) {
        for (const Ebuild& e : p.versions)
          if (atom.matches(e.ref())) {
            any = true;
            if (found) found->push_back(&e);
          }
      });
      return any;
    };
    auto unknown = [&](const Atom& atom, LineOrigin at) {
      out.repo(kUnknownProfilePackage, n.file(at), at.line,
               "'" + in_profiles(n.file(at)) + "': unknown package: '" + atom.str() + "'");
    };
    for (const auto* list : {&n.package_mask, &n.package_unmask, &n.package_deprecated})
      for (const AtomLine& l : *list)
        if (!matches(l.atom, nullptr)) unknown(l.atom, l.at);
    for (const PackagesLine& l : n.packages)
      if (l.atom && !matches(*l.atom, nullptr)) unknown(*l.atom, l.at);
    for (const auto* list : {&n.package_use, &n.package_use_mask, &n.package_use_force, &n.package_use_stable_mask,
                             &n.package_use_stable_force})
      for (const PackageFlagsLine& l : *list) {
        std::vector<const Ebuild*> found;
        if (!matches(l.atom, &found)) {
          unknown(l.atom, l.at);
          continue;
        }
        std::vector<std::string> on, off;
        for (const FlagLine& f : l.flags) {
          bool known = std::any_of(found.begin(), found.end(), [&](const Ebuild* e) { return e->has_iuse(f.flag); });
          if (!known) (f.negated ? off : on).push_back((f.negated ? "-" : "") + std::string(f.flag.str()));
        }
        for (const auto* flags : {&off, &on}) {
          if (flags->empty()) continue;
          std::string list;
          for (const std::string& f : *flags) list += (list.empty() ? "" : ",") + f;
          Result* r = out.repo(kUnknownProfilePackageUse, n.file(l.at), l.at.line,
                               "'" + in_profiles(n.file(l.at)) + "': unknown package USE " +
                                   plural(flags->size(), "flag", "flags") + ": '" + l.atom.str() + "[" + list + "]'");
          with(r, "atom", l.atom.str());
          with(r, "flags", list);
        }
      }
  }

  // The flags a profile may name (pkgcheck's available_iuse): use.desc and
  // desc/*.desc of the repository and its masters, use.local.desc of the
  // repository, and the implicit IUSE every profile has.
  static std::unordered_set<std::uint32_t> known_flags(const RepoSet& repos, const ProfileSet& set) {
    std::unordered_set<std::uint32_t> known;
    for (const auto& repo : repos.repos()) {
      for (const auto& [flag, desc] : repo->profiles().use_desc) known.insert(Symbol::intern(flag).id());
      for (const auto& [group, values] : repo->profiles().use_expand_desc)
        for (const auto& [value, desc] : values) known.insert(Symbol::intern(group + "_" + value).id());
    }
    const Repository& main = repos.main();
    std::string text, err;
    if (main.fs().read_file(main.abs("profiles/use.local.desc"), text, &err))
      for (std::string_view rest = text; !rest.empty();) {
        std::size_t nl = rest.find('\n');
        std::string_view l = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        std::size_t colon = l.find(':'), space = l.find_first_of(" \t", colon);
        if (l.empty() || l[0] == '#' || colon == std::string_view::npos || space == std::string_view::npos) continue;
        known.insert(Symbol::intern(l.substr(colon + 1, space - colon - 1)).id());
      }
    // Implicit flags every profile has (the intersection over all of them).
    // Exp and deprecated profiles are evaluated for this alone.
    std::vector<const ProfileEntry*> entries;
    for (const ProfileEntry& e : set.entries()) entries.push_back(&e);
    bool first = true;
    std::unordered_set<std::uint32_t> implicit;
    for (const ProfileData* d : set.data(entries)) {
      if (!d) continue;
      std::unordered_set<std::uint32_t> mine;
      for (Symbol f : d->iuse_effective) mine.insert(f.id());
      if (first) implicit = std::move(mine);
      else std::erase_if(implicit, [&](std::uint32_t f) { return !mine.count(f); });
      first = false;
    }
    known.insert(implicit.begin(), implicit.end());
    return known;
  }

  static void flags(const ProfileNode& n, const std::unordered_set<std::uint32_t>& known, ResultSink& out) {
    auto report = [&](const std::string& file, int line, const std::vector<std::string>& unknown) {
      if (unknown.empty()) return;
      Result* r = out.repo(kUnknownProfileUse, file, line,
                           "'" + in_profiles(file) + "': unknown USE " + plural(unknown.size(), "flag", "flags") +
                               ": " + join(unknown, true));
      with(r, "flags", join(unknown, false));
    };
    for (const auto* list : {&n.use_mask, &n.use_force, &n.use_stable_mask, &n.use_stable_force}) {
      // Per file (a directory-form file is several), masked and unmasked apart.
      std::map<std::uint32_t, std::array<std::pair<int, std::vector<std::string>>, 2>> by_file;
      for (const FlagLine& f : *list) {
        if (known.count(f.flag.id())) continue;
        auto& slot = by_file[f.at.file][f.negated ? 1 : 0];
        if (slot.second.empty()) slot.first = f.at.line;
        slot.second.push_back((f.negated ? "-" : "") + std::string(f.flag.str()));
      }
      for (const auto& [file, slots] : by_file)
        for (const auto& [line, unknown] : slots) report(n.files[file], line, unknown);
    }
    // make.defaults: USE and IUSE_IMPLICIT as written ("-flag" counts as flag).
    std::vector<std::string> unknown;
    int line = 0;
    for (const ShellAssignment& a : n.make_defaults) {
      if (a.key != "USE" && a.key != "IUSE_IMPLICIT") continue;
      for (const ShellPiece& p : a.value) {
        if (p.reference) continue;
        for (std::string tok : split_ws(p.text)) {
          if (tok == "-*") continue;
          if (tok[0] == '-') tok.erase(0, 1);
          if (tok.empty() || known.count(Symbol::intern(tok).id())) continue;
          if (std::find(unknown.begin(), unknown.end(), tok) != unknown.end()) continue;
          if (unknown.empty()) line = a.line;
          unknown.push_back(tok);
        }
      }
    }
    if (!n.make_defaults.empty()) report(n.files[n.make_defaults_file], line, unknown);
  }

  // USE_EXPAND groups (upper case) with a desc file in this repository (not
  // its masters, as pkgcheck), and the values each file lists.
  using UseExpandGroups = std::map<std::string, std::set<std::string>>;
  static UseExpandGroups use_expand_groups(const Repository& main) {
    UseExpandGroups groups;
    for (const auto& [group, values] : main.profiles().use_expand_desc) {
      auto& known = groups[upper(group)];
      for (const auto& [value, desc] : values) known.insert(value);
    }
    return groups;
  }

  // UnknownProfileUseExpand and UnknownProfileUseExpandValue, per make.defaults.
  static void use_expand(const ProfileNode& n, const UseExpandGroups& groups, ResultSink& out) {
    if (n.make_defaults.empty()) return;
    const std::string& file = n.files[n.make_defaults_file];
    auto tokens = [](const ShellAssignment& a) {
      std::vector<std::string> out;
      for (const ShellPiece& p : a.value)
        if (!p.reference)
          for (std::string& t : split_ws(p.text)) out.push_back(std::move(t));
      return out;
    };
    std::set<std::string> implicit;
    for (const ShellAssignment& a : n.make_defaults)
      if (a.key == "USE_EXPAND_IMPLICIT")
        for (const std::string& t : tokens(a)) implicit.insert(t);

    for (const ShellAssignment& a : n.make_defaults) {
      if (a.key == "USE_EXPAND" || a.key == "USE_EXPAND_HIDDEN" || a.key == "USE_EXPAND_UNPREFIXED") {
        std::vector<std::string> unknown;
        for (std::string t : tokens(a)) {
          if (t[0] == '-') t.erase(0, 1);
          if (t.empty() || t == "*" || groups.count(t) || implicit.count(t)) continue;
          unknown.push_back(t);
        }
        if (!unknown.empty())
          with(out.repo(kUnknownProfileUseExpand, file, a.line,
                        "'" + in_profiles(file) + "': unknown USE_EXPAND " + plural(unknown.size(), "group", "groups") +
                            " in '" + a.key + "': " + join(unknown, false)),
               "groups", join(unknown, false));
        continue;
      }
      std::string group = a.key;
      const bool values_var = a.key.starts_with("USE_EXPAND_VALUES_");
      if (values_var) {
        group = a.key.substr(std::string_view("USE_EXPAND_VALUES_").size());
        if (implicit.count(group)) continue;
        if (!groups.count(group)) {
          with(out.repo(kUnknownProfileUseExpand, file, a.line,
                        "'" + in_profiles(file) + "': unknown USE_EXPAND group in '" + a.key + "': " + group),
               "groups", group);
          continue;
        }
      } else if (!groups.count(group)) {
        continue;  // not a USE_EXPAND variable
      }
      std::vector<std::string> unknown;
      for (std::string t : tokens(a)) {
        if (t[0] == '-') t.erase(0, 1);
        if (t.empty() || t == "*" || groups.at(group).count(t)) continue;
        if (std::find(unknown.begin(), unknown.end(), t) == unknown.end()) unknown.push_back(t);
      }
      if (!unknown.empty())
        with(out.repo(kUnknownProfileUseExpandValue, file, a.line,
                      "'" + in_profiles(file) + "': unknown " + plural(unknown.size(), "value", "values") +
                          " for '" + a.key + "': " + join(unknown, false)),
             "values", join(unknown, false));
    }
  }

  // profiles.desc as a whole: NonexistentProfilePath, LaggingProfileEapi,
  // UnusedProfileDirs, ArchesWithoutProfiles.
  static void descriptions(const ProfileSet& set, const Repository& main, const std::vector<const ProfileNode*>& nodes,
                           ResultSink& out) {
    std::set<std::string> used;    // directories some profile stacks, and their ancestors
    std::set<std::string> arches;  // profiles.desc arches
    bool has_desc = false;
    for (const ProfileEntry& e : set.entries()) {
      if (e.repo != &main) continue;
      has_desc = true;
      arches.insert(e.arch);
      if (!e.node) {
        with(out.repo(kNonexistentProfilePath, "profiles/profiles.desc", e.line,
                      "nonexistent profile path: '" + e.path + "'"),
             "profile", e.path);
        continue;
      }
      // Every directory the entry reaches through parent files, errors or not.
      std::vector<const ProfileNode*> todo = {e.node};
      std::set<const ProfileNode*> seen;
      while (!todo.empty()) {
        const ProfileNode* n = todo.back();
        todo.pop_back();
        if (!seen.insert(n).second) continue;
        if (n->repo == &main)
          for (std::string p = n->path; !p.empty(); p = p.substr(0, p.find('/') == std::string::npos ? 0 : p.rfind('/')))
            used.insert(p);
        todo.insert(todo.end(), n->parents.begin(), n->parents.end());
      }
      lagging_eapi(set, e, out);
    }
    if (!has_desc) return;

    std::vector<std::string> unused;
    for (const ProfileNode* n : nodes) {
      if (n->path.empty() || used.count(n->path)) continue;
      if (n->path == "embedded" || n->path.starts_with("embedded/")) continue;
      unused.push_back(n->path);
    }
    if (!unused.empty())
      with(out.repo(kUnusedProfileDirs, "profiles", 0,
                    "unused profile " + plural(unused.size(), "dir", "dirs") + ": " + join(unused, true)),
           "dirs", join(unused, false));

    std::vector<std::string> missing;
    for (const std::string& a : set.known_arches())
      if (!arches.count(a)) missing.push_back(a);
    if (!missing.empty())
      with(out.repo(kArchesWithoutProfiles, "profiles/profiles.desc", 0,
                    plural(missing.size(), "arch", "arches") + " without profiles: " + join(missing, false)),
           "arches", join(missing, false));
  }

  // A child whose EAPI is older than a parent's; the last such parent in the stack.
  static void lagging_eapi(const ProfileSet& set, const ProfileEntry& e, ResultSink& out) {
    const std::vector<const ProfileNode*> stack = set.stack(e);
    if (stack.empty() || !stack.back()->eapi) return;
    const int leaf = stack.back()->eapi->number();
    const ProfileNode* lagging = nullptr;
    for (const ProfileNode* n : stack)
      if (n != stack.back() && n->eapi && n->eapi->number() > leaf) lagging = n;
    if (!lagging) return;
    Result* r = out.repo(kLaggingProfileEapi, stack.back()->rel_dir + "/eapi", 0,
                         "'" + e.path + "' profile has EAPI " + std::to_string(leaf) + ", '" + lagging->path +
                             "' parent has EAPI " + std::to_string(lagging->eapi->number()));
    with(r, "profile", e.path);
    with(r, "parent", lagging->path);
  }

  static void categories(const Repository& main, ResultSink& out) {
    std::vector<std::string> missing;
    for (const std::string& c : main.profiles().categories)
      if (main.fs().stat(main.abs(c)) != FileType::Directory) missing.push_back(c);
    if (!missing.empty())
      with(out.repo(kNonexistentCategories, "profiles/categories", 0,
                    "nonexistent profiles/categories " + plural(missing.size(), "entry", "entries") + ": " +
                        join(missing, false)),
           "categories", join(missing, false));
  }
};

const RegisterCheck<ProfilesCheck> kRegister;

}  // namespace
}  // namespace pkgscan
