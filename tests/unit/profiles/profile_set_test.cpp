// The profile engine on small in-memory repositories.
#include <algorithm>
#include <catch2/catch.hpp>

#include "pkgscan/profiles.hpp"

using namespace pkgscan;

using Strings = std::vector<std::string>;

namespace {

// A repository under /repos/<name> with the given files (paths relative to its root).
void add_repo(VirtualFileSystem& fs, const std::string& name, const std::map<std::string, std::string>& files,
              const std::string& layout = "masters =\n") {
  fs.add_file("/repos/" + name + "/profiles/repo_name", name + "\n");
  fs.add_file("/repos/" + name + "/metadata/layout.conf", layout);
  for (const auto& [path, text] : files) fs.add_file("/repos/" + name + "/" + path, text);
}

struct Loaded {
  std::unique_ptr<RepoSet> repos;
  std::unique_ptr<ProfileSet> profiles;
  const ProfileEntry& entry(const std::string& path) const {
    for (const ProfileEntry& e : profiles->entries())
      if (e.path == path) return e;
    FAIL("no profiles.desc entry " << path);
    return profiles->entries().front();
  }
  const ProfileData& data(const std::string& path) const {
    const ProfileData* d = profiles->data(entry(path));
    REQUIRE(d);
    return *d;
  }
};

Loaded load(const VirtualFileSystem& fs, const std::string& main = "main",
            const std::map<std::string, std::string>& known = {}) {
  Loaded l;
  auto repo = Repository::open(fs, "/repos/" + main, nullptr);
  REQUIRE(repo);
  l.repos = std::make_unique<RepoSet>(fs, std::move(repo), known);
  l.profiles = ProfileSet::load(*l.repos);
  return l;
}

Strings names(const std::vector<Symbol>& syms) {
  Strings out;
  for (Symbol s : syms) out.emplace_back(s.str());
  std::sort(out.begin(), out.end());
  return out;
}

Strings atoms(const std::vector<const Atom*>& list) {
  Strings out;
  for (const Atom* a : list) out.push_back(a->str());
  return out;
}

Strings stack_paths(const Loaded& l, const std::string& path) {
  Strings out;
  for (const ProfileNode* n : l.profiles->stack(l.entry(path))) out.push_back(n->path);
  return out;
}

// Issues as "path:line: message".
Strings issue_lines(const ProfileSet& set) {
  Strings out;
  for (const ProfileIssue& i : set.issues()) out.push_back(i.path + ":" + std::to_string(i.line) + ": " + i.message);
  return out;
}

bool has_issue(const ProfileSet& set, const std::string& path, int line, const std::string& fragment) {
  for (const ProfileIssue& i : set.issues())
    if (i.path == path && i.line == line && i.message.find(fragment) != std::string::npos) return true;
  return false;
}

PackageRef ref(const char* cat, const char* pkg, const Version& v) {
  PackageRef r;
  r.category = Symbol::intern(cat);
  r.package = Symbol::intern(pkg);
  r.version = &v;
  r.slot = Symbol::intern("0");
  return r;
}

}  // namespace

TEST_CASE("profiles.desc: entries, statuses, normalised paths and bad lines", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc",
             "# arch path status\n"
             "amd64  default//amd64/  stable\n"
             "\n"
             "amd64 default/amd64/dev dev # trailing comment\n"
             "x86 default/x86 exp\n"
             "arm default/arm\n"
             "arm default/arm custom\n"},
            {"profiles/default/amd64/eapi", "5\n"},
            {"profiles/default/amd64/dev/parent", "..\n"},
            {"profiles/default/x86/eapi", "5\n"}});
  Loaded l = load(fs);
  const auto& entries = l.profiles->entries();
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].path == "default/amd64");
  CHECK(entries[0].status == ProfileStatus::Stable);
  CHECK(entries[0].line == 2);
  CHECK(entries[1].status == ProfileStatus::Dev);
  CHECK(entries[2].status == ProfileStatus::Exp);
  CHECK(entries[3].status == ProfileStatus::Other);
  CHECK(entries[3].status_text == "custom");
  CHECK(entries[3].node == nullptr);  // default/arm does not exist
  std::string error;
  CHECK(l.profiles->stack(entries[3], &error).empty());
  CHECK(error.find("does not exist") != std::string::npos);
  CHECK(has_issue(*l.profiles, "profiles/profiles.desc", 6, "expected 'arch profile-path status'"));
}

TEST_CASE("parent stacking: depth first, left to right, repeated parents, missing ones", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 leaf stable\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/a/parent", "../base\n"},
            {"profiles/b/parent", "../base\n../nosuch\n"},
            {"profiles/leaf/parent", "# comment\n../a\n../b\n"}});
  Loaded l = load(fs);
  CHECK(stack_paths(l, "leaf") == Strings{"base", "a", "base", "b", "leaf"});
  CHECK(has_issue(*l.profiles, "profiles/b/parent", 2, "parent '../nosuch' does not exist"));
}

TEST_CASE("a directory no entry stacks is parsed on request with its parents linked", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 leaf stable\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/leaf/parent", "../base\n"},
            {"profiles/extra/parent", "../base\n../unlisted\n../gone\n"},
            {"profiles/unlisted/parent", "../base\n"}});
  Loaded l = load(fs);
  const Repository& repo = l.repos->main();
  CHECK(l.profiles->node(repo, "extra") == nullptr);
  const ProfileNode* extra = l.profiles->parse_extra(repo, "extra");
  REQUIRE(extra);
  Strings parents;
  for (const ProfileNode* p : extra->parents) parents.push_back(p->path);
  CHECK(parents == Strings{"base", "unlisted"});
  // The parent parsed for it is linked too, and asking again parses nothing new.
  const ProfileNode* unlisted = l.profiles->node(repo, "unlisted");
  REQUIRE(unlisted);
  REQUIRE(unlisted->parents.size() == 1);
  CHECK(unlisted->parents[0]->path == "base");
  CHECK(l.profiles->parse_extra(repo, "extra") == extra);
  CHECK(extra->parents.size() == 2);
  CHECK(has_issue(*l.profiles, "profiles/extra/parent", 3, "parent '../gone' does not exist"));
}

TEST_CASE("parent cycles and unsupported EAPIs make a profile unloadable, not a crash", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 x stable\namd64 newer stable\namd64 climbs stable\n"},
            {"profiles/x/parent", "../y\n"},
            {"profiles/y/parent", "../x\n"},
            {"profiles/newer/eapi", "5\n6\n"},
            {"profiles/newer/parent", "../future\n"},
            {"profiles/future/eapi", "42\n"},
            {"profiles/climbs/parent", "../../..\n"}});
  Loaded l = load(fs);
  std::string error;
  CHECK(l.profiles->stack(l.entry("x"), &error).empty());
  CHECK(error.find("cycle") != std::string::npos);
  CHECK(l.profiles->data(l.entry("x")) == nullptr);
  CHECK(l.profiles->stack(l.entry("newer"), &error).empty());
  CHECK(error.find("unsupported EAPI '42'") != std::string::npos);
  CHECK(has_issue(*l.profiles, "profiles/future/eapi", 1, "unsupported profile EAPI '42'"));
  CHECK(has_issue(*l.profiles, "profiles/newer/eapi", 2, "more than one line"));
  CHECK(has_issue(*l.profiles, "profiles/climbs/parent", 1, "climbs out of profiles/"));
  CHECK(l.profiles->data(l.entry("climbs")) != nullptr);  // a bad parent is skipped, the profile still loads
}

TEST_CASE("make.defaults: incremental variables, -x, -*, references to the parents' values", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 child stable\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/base/make.defaults",
             "USE=\"a b c\"\n"
             "USE_EXPAND=\"PYTHON_TARGETS VIDEO_CARDS\"\n"
             "PYTHON_TARGETS=\"python3_12 python3_13\"\n"
             "VIDEO_CARDS=\"fbdev\"\n"
             "CFLAGS=\"-O2\"\n"
             "IUSE_IMPLICIT=\"prefix\"\n"},
            {"profiles/child/eapi", "5\n"},
            {"profiles/child/parent", "../base\n"},
            {"profiles/child/make.defaults",
             "USE=\"-b d\"\n"
             "PYTHON_TARGETS=\"python3_14\"\n"  // not incremental: replaces
             "CFLAGS=\"${CFLAGS} -pipe\"\n"
             "IUSE_IMPLICIT=\"-* test\"\n"}});
  Loaded l = load(fs);
  const ProfileData& d = l.data("child");
  CHECK(d.var("USE") == "a c d");
  CHECK(d.var("PYTHON_TARGETS") == "python3_14");
  CHECK(d.var("CFLAGS") == "-O2 -pipe");
  CHECK(d.var("IUSE_IMPLICIT") == "test");
  CHECK(names(d.use) == Strings{"a", "c", "d", "python_targets_python3_14", "video_cards_fbdev"});
  CHECK(names(d.iuse_effective) == Strings{"test"});
}

TEST_CASE("USE_EXPAND values stack onto USE: -value drops the flag, unprefixed ones as they are", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 base stable\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/base/make.defaults",
             "USE=\"video_cards_radeon input_devices_evdev keep\"\n"
             "USE_EXPAND=\"VIDEO_CARDS INPUT_DEVICES\"\n"
             "USE_EXPAND_UNPREFIXED=\"ARCH\"\n"
             "ARCH=\"amd64\"\n"
             "VIDEO_CARDS=\"intel -radeon\"\n"
             "INPUT_DEVICES=\"  libinput\t-evdev \"\n"}});
  Loaded l = load(fs);
  CHECK(names(l.data("base").use) == Strings{"amd64", "input_devices_libinput", "keep", "video_cards_intel"});
}

TEST_CASE("implicit IUSE from USE_EXPAND_IMPLICIT (EAPI 5+) and from arch.list (older)", "[profiles]") {
  VirtualFileSystem fs;
  const std::string defaults =
      "IUSE_IMPLICIT=\"prefix\"\n"
      "USE_EXPAND=\"ELIBC\"\n"
      "USE_EXPAND_UNPREFIXED=\"ARCH\"\n"
      "USE_EXPAND_IMPLICIT=\"ARCH ELIBC\"\n"
      "USE_EXPAND_VALUES_ARCH=\"amd64 x86\"\n"
      "USE_EXPAND_VALUES_ELIBC=\"glibc musl\"\n";
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 five stable\namd64 zero stable\n"},
            {"profiles/arch.list", "amd64\nx86\narm\n"},
            {"profiles/five/eapi", "5\n"},
            {"profiles/five/make.defaults", defaults},
            {"profiles/zero/make.defaults", defaults}});
  Loaded l = load(fs);
  CHECK(names(l.data("five").iuse_effective) == Strings{"amd64", "elibc_glibc", "elibc_musl", "prefix", "x86"});
  CHECK(names(l.data("zero").iuse_effective) == Strings{"amd64", "arm", "elibc_glibc", "elibc_musl", "x86"});
}

TEST_CASE("package.mask and package.unmask stack with -atom, profiles/package.mask is a repository mask", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 child stable\n"},
            {"profiles/package.mask", "dev-libs/repo-masked\n-dev-libs/ignored\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/base/package.mask", "dev-libs/a\n>=dev-libs/b-2\ndev-libs/c:1\n"},
            {"profiles/child/eapi", "5\n"},
            {"profiles/child/parent", "../base\n"},
            {"profiles/child/package.mask", "-dev-libs/a\n-dev-libs/b\ndev-libs/d # why\n"},
            {"profiles/child/package.unmask", "=dev-libs/c-1.2\n"}});
  Loaded l = load(fs);
  const ProfileData& d = l.data("child");
  // "-dev-libs/b" does not lift ">=dev-libs/b-2": only an equal atom is undone.
  CHECK(atoms(d.masks) == Strings{">=dev-libs/b-2", "dev-libs/c:1", "dev-libs/d"});
  CHECK(atoms(d.unmasks) == Strings{"=dev-libs/c-1.2"});
  CHECK(atoms(l.profiles->repo_masks()) == Strings{"dev-libs/repo-masked"});
}

TEST_CASE("use.mask, use.force, stable variants and package.use.mask in PMS order", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 child stable\namd64 old stable\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/base/use.mask", "doc\nfoo\n"},
            {"profiles/base/use.stable.mask", "unstable-only\n"},
            {"profiles/base/use.force", "forced\n"},
            {"profiles/base/package.use.mask", "dev-libs/a bar\n>=dev-libs/b-2 -foo\n"},
            {"profiles/base/package.use.stable.mask", "dev-libs/a baz\n"},
            {"profiles/child/eapi", "5\n"},
            {"profiles/child/parent", "../base\n"},
            // A later global "-bar" undoes the parent's package line; "-doc" unmasks globally.
            {"profiles/child/use.mask", "-bar\n-doc\n"},
            {"profiles/child/package.use.mask", "dev-libs/c doc\n"},
            {"profiles/old/parent", "../base\n"},
            {"profiles/old/use.stable.mask", "ignored\n"}});
  Loaded l = load(fs);
  const ProfileData& d = l.data("child");
  const Version v1 = *Version::parse("1"), v2 = *Version::parse("2");
  auto a = ref("dev-libs", "a", v1), b1 = ref("dev-libs", "b", v1), b2 = ref("dev-libs", "b", v2),
       c = ref("dev-libs", "c", v1), other = ref("dev-libs", "other", v1);
  CHECK(names(d.use_mask.global()) == Strings{"foo"});
  CHECK(names(d.stable_use_mask.global()) == Strings{"foo", "unstable-only"});
  CHECK(names(d.use_force.global()) == Strings{"forced"});
  CHECK_FALSE(d.use_mask.contains(Symbol::intern("bar"), a));
  CHECK_FALSE(d.use_mask.contains(Symbol::intern("baz"), a));
  CHECK(d.stable_use_mask.contains(Symbol::intern("baz"), a));
  CHECK(d.use_mask.contains(Symbol::intern("foo"), b1));
  CHECK_FALSE(d.use_mask.contains(Symbol::intern("foo"), b2));
  CHECK(d.use_mask.contains(Symbol::intern("doc"), c));
  CHECK_FALSE(d.use_mask.contains(Symbol::intern("doc"), other));
  CHECK(names(d.stable_use_mask.flags_for(a)) == Strings{"baz", "foo", "unstable-only"});
  CHECK(names(d.use_mask.flags_for(b2)) == Strings{});
  // The node-remembering form agrees with contains() for every profile and flag.
  for (const ProfileEntry& e : l.profiles->entries())
    for (const FlagRules* rules : {&l.profiles->data(e)->use_mask, &l.profiles->data(e)->stable_use_mask})
      for (const char* flag : {"doc", "foo", "bar", "baz", "unstable-only"})
        for (const PackageRef* pkg : {&a, &b1, &b2, &c, &other}) {
          FlagRules::NodeMemo memo;
          INFO(e.path << " " << flag << " " << pkg->package.str());
          CHECK(rules->contains(Symbol::intern(flag), *pkg, memo) == rules->contains(Symbol::intern(flag), *pkg));
        }
  // A directory without an eapi file is EAPI 0: its stable files are not read, and that is said.
  CHECK(names(l.data("old").stable_use_mask.global()) == Strings{"doc", "foo", "unstable-only"});
  CHECK(has_issue(*l.profiles, "profiles/old/use.stable.mask", 0, "needs profile EAPI 5"));
}

TEST_CASE("directory-form files are read where profile-formats allows them", "[profiles]") {
  const std::map<std::string, std::string> files = {
      {"profiles/profiles.desc", "amd64 p stable\n"},
      {"profiles/p/eapi", "5\n"},
      {"profiles/p/package.mask/10-first", "dev-libs/a\n"},
      {"profiles/p/package.mask/20-second", "dev-libs/b\n-dev-libs/a\n"},
      {"profiles/p/package.mask/.hidden", "dev-libs/hidden\n"},
      {"profiles/p/package.mask/backup~", "dev-libs/backup\n"},
      {"profiles/p/use.mask/all", "x\n"}};
  SECTION("portage-2") {
    VirtualFileSystem fs;
    add_repo(fs, "main", files, "masters =\nprofile-formats = portage-2\n");
    Loaded l = load(fs);
    CHECK(atoms(l.data("p").masks) == Strings{"dev-libs/b"});
    CHECK(names(l.data("p").use_mask.global()) == Strings{"x"});
    CHECK(issue_lines(*l.profiles).empty());
  }
  SECTION("pms: a directory is not read, and that is said") {
    VirtualFileSystem fs;
    add_repo(fs, "main", files);
    Loaded l = load(fs);
    CHECK(l.data("p").masks.empty());
    CHECK(has_issue(*l.profiles, "profiles/p/package.mask", 0, "is a directory"));
  }
}

TEST_CASE("portage-2 parents in a master repository", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "gentoo",
           {{"profiles/base/eapi", "5\n"}, {"profiles/base/package.mask", "dev-libs/from-gentoo\n"}});
  add_repo(fs, "overlay",
           {{"profiles/profiles.desc", "amd64 mine stable\namd64 bad stable\n"},
            {"profiles/mine/parent", "gentoo:base\n:local\n"},
            {"profiles/local/package.mask", "dev-libs/from-overlay\n"},
            {"profiles/bad/parent", "nosuchrepo:base\n"}},
           "masters = gentoo\nprofile-formats = portage-2\n");
  Loaded l = load(fs, "overlay", {{"gentoo", "/repos/gentoo"}});
  CHECK(atoms(l.data("mine").masks) == Strings{"dev-libs/from-gentoo", "dev-libs/from-overlay"});
  CHECK(has_issue(*l.profiles, "profiles/bad/parent", 1, "names repository 'nosuchrepo'"));
}

TEST_CASE("packages: system set with -*atom and -*", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 child stable\namd64 reset stable\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/base/packages", "*sys-apps/a\n*sys-apps/b\nsys-apps/bare\n"},
            {"profiles/child/parent", "../base\n"},
            {"profiles/child/packages", "-*sys-apps/a\n*sys-apps/c\n"},
            {"profiles/reset/parent", "../base\n"},
            {"profiles/reset/packages", "-*\n*sys-apps/only\n"}});
  Loaded l = load(fs);
  CHECK(atoms(l.data("child").system) == Strings{"sys-apps/b", "sys-apps/c"});
  CHECK(atoms(l.data("reset").system) == Strings{"sys-apps/only"});
  CHECK(has_issue(*l.profiles, "profiles/base/packages", 3, "without '*'"));
}

TEST_CASE("malformed lines are issues naming file and line, the rest still counts", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 p stable\n"},
            {"profiles/p/eapi", "5\n"},
            {"profiles/p/package.mask", "dev-libs/good\nnot an atom\n!dev-libs/blocker\n=dev-libs/noversion\n"},
            {"profiles/p/use.mask", "ok\nbad!flag\npython_targets:\n-\n"},
            {"profiles/p/package.use.mask", "dev-libs/x\ndev-libs/y flag\n"},
            {"profiles/p/make.defaults", "USE=\"a\"\nthis is not bash\n"}});
  fs.add_unreadable("/repos/main/profiles/p/package.unmask");
  Loaded l = load(fs);
  const ProfileData& d = l.data("p");
  CHECK(atoms(d.masks) == Strings{"dev-libs/good"});
  CHECK(names(d.use_mask.global()) == Strings{"ok"});
  CHECK(d.var("USE") == "a");
  const ProfileSet& s = *l.profiles;
  CHECK(has_issue(s, "profiles/p/package.mask", 2, "expected one atom per line"));
  CHECK(has_issue(s, "profiles/p/package.mask", 3, "blocker"));
  CHECK(has_issue(s, "profiles/p/package.mask", 4, "invalid atom '=dev-libs/noversion'"));
  CHECK(has_issue(s, "profiles/p/use.mask", 2, "invalid USE flag 'bad!flag'"));
  CHECK(has_issue(s, "profiles/p/use.mask", 3, "USE_EXPAND syntax"));
  CHECK(has_issue(s, "profiles/p/use.mask", 4, "empty negation"));
  CHECK(has_issue(s, "profiles/p/package.use.mask", 1, "missing USE flags"));
  CHECK(has_issue(s, "profiles/p/make.defaults", 2, "expected KEY=value"));
  CHECK(has_issue(s, "profiles/p/package.unmask", 0, "cannot read"));
}

TEST_CASE("profiles with equal settings share one evaluation", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 a stable\namd64 a/alias stable\namd64 a/different stable\n"},
            {"profiles/a/eapi", "5\n"},
            {"profiles/a/package.mask", "dev-libs/x\n"},
            {"profiles/a/alias/eapi", "5\n"},
            {"profiles/a/alias/parent", "..\n"},
            {"profiles/a/different/eapi", "5\n"},
            {"profiles/a/different/parent", "..\n"},
            {"profiles/a/different/make.defaults", "USE=\"extra\"\n"}});
  Loaded l = load(fs);
  const ProfileData* a = l.profiles->data(l.entry("a"));
  CHECK(a == l.profiles->data(l.entry("a/alias")));
  CHECK(a != l.profiles->data(l.entry("a/different")));
}

TEST_CASE("incremental_tokens follows PMS", "[profiles]") {
  CHECK(incremental_tokens({"a", "b", "-a", "c", "b"}) == Strings{"b", "c"});
  CHECK(incremental_tokens({"a", "-*", "c"}) == Strings{"c"});
}

namespace {

// What a profile's evaluation says, as text, to compare two evaluations.
Strings summary(const ProfileData& d) {
  Strings out = {"USE=" + std::string(d.var("USE")), "CFLAGS=" + std::string(d.var("CFLAGS")),
                 "ARCH=" + std::string(d.var("ARCH"))};
  for (const std::string& s : names(d.use)) out.push_back("use " + s);
  for (const std::string& s : names(d.iuse_effective)) out.push_back("iuse " + s);
  for (const std::string& s : atoms(d.masks)) out.push_back("mask " + s);
  for (const std::string& s : atoms(d.system)) out.push_back("system " + s);
  for (const std::string& s : names(d.use_mask.global())) out.push_back("use.mask " + s);
  for (const std::string& s : names(d.stable_use_force.global())) out.push_back("use.stable.force " + s);
  return out;
}

// Profiles that share their first nodes and part at several depths, with
// every kind of stacking: -x and -* in incremental variables, ${VAR}
// references to the parents' values, -atom, -*atom, -flag, a parent
// stacked twice, and one entry whose directory is missing.
void add_shared_prefix_tree(VirtualFileSystem& fs) {
  add_repo(fs, "main",
           {{"profiles/profiles.desc",
             "amd64 rel/amd64 stable\n"
             "amd64 rel/amd64/desktop stable\n"
             "amd64 rel/amd64/server dev\n"
             "amd64 rel/amd64/server/hardened exp\n"
             "arm64 rel/arm64 stable\n"
             "arm64 rel/arm64/twice exp\n"
             "arm64 rel/missing exp\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/base/make.defaults",
             "USE=\"a b c\"\nUSE_EXPAND=\"VIDEO_CARDS\"\nVIDEO_CARDS=\"fbdev vesa\"\nCFLAGS=\"-O2\"\n"
             "IUSE_IMPLICIT=\"prefix\"\n"},
            {"profiles/base/package.mask", "dev-libs/old\ndev-libs/gone\n"},
            {"profiles/base/packages", "*sys-apps/base\n*sys-apps/extra\n"},
            {"profiles/base/use.mask", "m1\nm2\n"},
            {"profiles/base/use.stable.force", "f1\n"},
            {"profiles/arch/amd64/eapi", "5\n"},
            {"profiles/arch/amd64/parent", "../../base\n"},
            {"profiles/arch/amd64/make.defaults", "ARCH=\"amd64\"\nUSE=\"${USE} -b amd64\"\nCFLAGS=\"${CFLAGS} -pipe\"\n"},
            {"profiles/arch/amd64/use.mask", "-m1\n"},
            {"profiles/arch/arm64/eapi", "5\n"},
            {"profiles/arch/arm64/parent", "../../base\n"},
            {"profiles/arch/arm64/make.defaults", "ARCH=\"arm64\"\nUSE=\"-* arm\"\n"},
            {"profiles/arch/arm64/package.mask", "-dev-libs/gone\n"},
            {"profiles/rel/amd64/eapi", "5\n"},
            {"profiles/rel/amd64/parent", "../../arch/amd64\n"},
            {"profiles/rel/amd64/desktop/eapi", "5\n"},
            {"profiles/rel/amd64/desktop/parent", "..\n"},
            {"profiles/rel/amd64/desktop/make.defaults", "USE=\"gui\"\nVIDEO_CARDS=\"intel\"\n"},
            {"profiles/rel/amd64/server/eapi", "5\n"},
            {"profiles/rel/amd64/server/parent", "..\n"},
            {"profiles/rel/amd64/server/packages", "-*sys-apps/extra\n"},
            {"profiles/rel/amd64/server/make.defaults", "USE=\"-a srv\"\n"},
            {"profiles/rel/amd64/server/hardened/eapi", "5\n"},
            {"profiles/rel/amd64/server/hardened/parent", "..\n"},
            {"profiles/rel/amd64/server/hardened/make.defaults", "USE=\"${USE} hard\"\nCFLAGS=\"-O1\"\n"},
            {"profiles/rel/amd64/server/hardened/use.mask", "m3\n"},
            {"profiles/rel/arm64/eapi", "5\n"},
            {"profiles/rel/arm64/parent", "../../arch/arm64\n"},
            {"profiles/rel/arm64/twice/eapi", "5\n"},
            {"profiles/rel/arm64/twice/parent", "..\n../../../base\n"}});
}

}  // namespace

TEST_CASE("profiles evaluated together share prefixes and equal each profile evaluated alone", "[profiles]") {
  VirtualFileSystem fs;
  add_shared_prefix_tree(fs);
  Loaded alone = load(fs);
  Loaded together = load(fs);
  std::vector<const ProfileEntry*> entries;
  for (const ProfileEntry& e : together.profiles->entries()) entries.push_back(&e);
  REQUIRE(entries.size() == 7);
  // One entry evaluated before the batch: the batch keeps its evaluation.
  const ProfileData* before = together.profiles->data(together.entry("rel/amd64/server"));
  const std::vector<const ProfileData*> batch = together.profiles->data(entries);
  CHECK(batch[2] == before);

  for (std::size_t i = 0; i < entries.size(); ++i) {
    INFO(entries[i]->path);
    const ProfileData* one = alone.profiles->data(alone.entry(entries[i]->path));
    REQUIRE((one == nullptr) == (batch[i] == nullptr));
    if (one) CHECK(summary(*one) == summary(*batch[i]));
  }
  CHECK(batch[6] == nullptr);  // rel/missing

  // And the values themselves, for the deepest stack.
  const ProfileData& hardened = *batch[3];
  CHECK(hardened.var("USE") == "c amd64 srv hard");
  CHECK(hardened.var("CFLAGS") == "-O1");
  CHECK(names(hardened.use) == Strings{"amd64", "c", "hard", "srv", "video_cards_fbdev", "video_cards_vesa"});
  CHECK(atoms(hardened.system) == Strings{"sys-apps/base"});
  CHECK(names(hardened.use_mask.global()) == Strings{"m2", "m3"});
  const ProfileData& twice = *batch[5];  // base stacked again after arm64, whose -* and -atom it outlives
  CHECK(twice.var("USE") == "arm a b c");
  CHECK(atoms(twice.masks) == Strings{"dev-libs/old", "dev-libs/old", "dev-libs/gone"});
}

TEST_CASE("a node's last word on each flag of its use.mask and use.stable.force", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 p stable\n"},
            {"profiles/p/eapi", "5\n"},
            {"profiles/p/use.mask", "w1\n-w1\nw2\n-w3\nw3\nw1\n-w1\n"},
            {"profiles/p/use.stable.force", "-w4\nw4\n"}});
  Loaded l = load(fs);
  const ProfileNode* n = l.profiles->node(*l.repos->repos().front(), "p");
  REQUIRE(n);
  std::vector<std::uint32_t> ids;
  for (const auto& [flag, set] : n->words_use_mask) ids.push_back(flag.id());
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(ids.size() == 3);
  auto word = [&](const ProfileNode::FlagWords& list, const char* flag) -> int {
    for (const auto& [symbol, set] : list)
      if (symbol == Symbol::intern(flag)) return set ? 1 : 0;
    return -1;
  };
  CHECK(word(n->words_use_mask, "w1") == 0);
  CHECK(word(n->words_use_mask, "w2") == 1);
  CHECK(word(n->words_use_mask, "w3") == 1);
  CHECK(word(n->words_use_mask, "w4") == -1);
  CHECK(word(n->words_use_stable_force, "w4") == 1);
  // node_effect reads them: the stable mask rules see use.mask, not the force file.
  const ProfileData& d = l.data("p");
  Version v = Version::parse("1").value();
  const PackageRef pkg = ref("cat", "pkg", v);
  CHECK(d.use_mask.node_effect(*n, Symbol::intern("w1"), pkg) == 0);
  CHECK(d.use_mask.node_effect(*n, Symbol::intern("w3"), pkg) == 1);
  CHECK(d.stable_use_force.node_effect(*n, Symbol::intern("w4"), pkg) == 1);
  CHECK(d.use_force.node_effect(*n, Symbol::intern("w4"), pkg) == -1);
  CHECK(names(d.use_mask.global()) == Strings{"w2", "w3"});
}

TEST_CASE("global masked flags stacked node by node equal replaying every line", "[profiles]") {
  VirtualFileSystem fs;
  add_repo(fs, "main",
           {{"profiles/profiles.desc", "amd64 base/child stable\n"},
            {"profiles/base/eapi", "5\n"},
            {"profiles/base/use.mask", "a\nb\nc\n-d\nc\n"},
            {"profiles/base/use.stable.mask", "e\n-a\n"},
            {"profiles/base/child/eapi", "5\n"},
            {"profiles/base/child/parent", "..\n"},
            {"profiles/base/child/use.mask", "-a\nd\nf\n-c\n"},
            {"profiles/base/child/use.stable.mask", "-b\na\n"},
            // A package line on another flag: flags_for() then replays every line.
            {"profiles/base/child/package.use.mask", "cat/pkg zzz\n"}});
  Loaded l = load(fs);
  const ProfileData& d = l.data("base/child");
  CHECK(names(d.use_mask.global()) == Strings{"b", "d", "f"});
  CHECK(names(d.stable_use_mask.global()) == Strings{"a", "d", "e", "f"});
  const Version v = *Version::parse("1");
  for (const FlagRules* rules : {&d.use_mask, &d.stable_use_mask}) {
    Strings replayed = names(rules->flags_for(ref("cat", "pkg", v)));
    std::erase(replayed, "zzz");
    CHECK(replayed == names(rules->global()));
  }
}
