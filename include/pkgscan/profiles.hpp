#pragma once
// The profile engine (DESIGN.md §13, reference/profiles-and-checks.md §1).
//
// A profile is a directory under profiles/ (a node) plus the nodes its
// `parent` files name, stacked depth-first with parents first. The engine
//  - reads profiles.desc of the repository and its masters (ProfileEntry),
//  - parses each profile directory once (ProfileNode): parent, eapi,
//    deprecated, make.defaults, package.mask/unmask, use.mask/force and their
//    stable and package variants, package.use, packages, package.provided,
//    package.deprecated; directory-form files where layout.conf
//    profile-formats (portage-1, portage-2) or the node EAPI (7+) allow them,
//  - evaluates a profile's stack on first use into a flat, immutable
//    ProfileData (make.defaults incrementals, -atom and -flag negations, -*).
// Everything is read-only once built and shared by every check. Malformed
// input never throws: each problem is a ProfileIssue naming file and line.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pkgscan/atom.hpp"
#include "pkgscan/eapi.hpp"
#include "pkgscan/intern.hpp"
#include "pkgscan/repo.hpp"

namespace pkgscan {

// A problem in a profile file. `path` is relative to the root of `repo`.
struct ProfileIssue {
  const Repository* repo = nullptr;
  std::string path;
  int line = 0;  // 0: the file as a whole
  std::string message;
};

// Where a line came from: an index into ProfileNode::files, and the line.
struct LineOrigin {
  std::uint32_t file = 0;
  int line = 0;
};

// use.mask, use.force, use.stable.*: "flag" or "-flag".
struct FlagLine {
  Symbol flag;
  bool negated = false;
  LineOrigin at;
};

// package.mask, package.unmask, package.deprecated: "atom" or "-atom".
struct AtomLine {
  Atom atom;
  bool negated = false;
  LineOrigin at;
};

// package.use, package.use.{mask,force}, package.use.stable.{mask,force}:
// an atom followed by flags.
struct PackageFlagsLine {
  Atom atom;
  std::vector<FlagLine> flags;
  LineOrigin at;
};

// packages: "*atom" (system set), "atom" (profile set, profile-set format),
// "-*atom" / "-atom" (remove an inherited entry), "-*" (drop all inherited).
struct PackagesLine {
  std::optional<Atom> atom;  // nullopt for "-*"
  bool system = false;       // "*atom" / "-*atom"
  bool negated = false;
  LineOrigin at;
};

// package.provided: a versioned package without operator.
struct ProvidedLine {
  Symbol category, package;
  Version version;
  LineOrigin at;
};

// A line of a `parent` file, as written.
struct ParentLine {
  std::string text;
  LineOrigin at;
};

// One profile directory, parsed once.
struct ProfileNode {
  const Repository* repo = nullptr;
  std::string path;      // relative to profiles/ ("default/linux/amd64/23.0"); "" is profiles/ itself
  std::string rel_dir;   // relative to the repository root ("profiles/default/linux/amd64/23.0")
  bool exists = false;   // a directory
  std::optional<Eapi> eapi;  // the node's EAPI; nullopt when its eapi file names an unsupported one
  bool has_eapi_file = false;
  std::string eapi_text;     // as written (for messages)
  bool directories_allowed = false;  // profile-formats portage-1/portage-2, or EAPI 7+
  std::vector<std::string> files;    // repo-relative paths of the files read; LineOrigin::file indexes this
  std::vector<std::string> entries;  // names of the files and directories in the node directory

  std::vector<ParentLine> parent_lines;
  // parent, resolved in file order (a parent that cannot be found is an issue, not an entry).
  std::vector<const ProfileNode*> parents;
  std::optional<std::string> deprecated;  // first line of `deprecated`: the replacement profile
  std::vector<ShellAssignment> make_defaults;
  std::uint32_t make_defaults_file = 0;   // index into files, when make_defaults is non-empty
  std::vector<FlagLine> use_mask, use_force, use_stable_mask, use_stable_force;
  std::vector<PackageFlagsLine> package_use, package_use_mask, package_use_force, package_use_stable_mask,
      package_use_stable_force;
  // The lines of package.use.mask, package.use.force and their stable
  // variants by the package they name: (category id << 32 | package id, line
  // index), sorted, so a package's lines are found without a scan.
  using LineIndex = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
  LineIndex index_use_mask, index_use_force, index_use_stable_mask, index_use_stable_force;
  // The last word of use.mask, use.force and their stable variants on each
  // flag they name: (flag, set), sorted by id, so one flag's effect is found
  // without reading the file's lines (visibility asks per flag and version)
  // and stacking a node merges sorted lists.
  using FlagWords = std::vector<std::pair<Symbol, bool>>;
  FlagWords words_use_mask, words_use_force, words_use_stable_mask, words_use_stable_force;
  std::vector<AtomLine> package_mask, package_unmask, package_deprecated;
  std::vector<PackagesLine> packages;
  std::vector<ProvidedLine> package_provided;

  std::vector<ProfileIssue> issues;  // problems found while parsing this directory

  const std::string& file(LineOrigin at) const { return files[at.file]; }
};

// The masked (or forced) USE flags of a profile: the global result plus the
// package.use.* lines, applied in the PMS order (per node: use.mask, then
// use.stable.mask if stable, then matching package.use.mask lines, then
// package.use.stable.mask if stable; "-flag" undoes). It refers to the nodes
// of its stack that have such lines, so profiles sharing them compare equal.
class FlagRules {
 public:
  enum class Kind : std::uint8_t { Mask, Force };
  FlagRules() = default;
  FlagRules(Kind kind, bool stable) : kind_(kind), stable_(stable) {}  // no node stacked yet
  FlagRules(const std::vector<const ProfileNode*>& stack, Kind kind, bool stable);
  // Stacks one more node on top (a profile stack is its nodes pushed in order).
  void push(const ProfileNode& n);

  // The flags set for every package that no package line names, sorted by id.
  const std::vector<Symbol>& global() const { return global_; }
  bool global_contains(Symbol flag) const;
  // Whether some package line of the stack names cat/pkg.
  bool has_package_rules(Symbol category, Symbol package) const;
  // Is `flag` set for this package version?
  bool contains(Symbol flag, const PackageRef& pkg) const;
  // The flags set for this package version, sorted by id.
  std::vector<Symbol> flags_for(const PackageRef& pkg) const;
  // contains() for many rules in a row on one flag and package version: the
  // rules of different profiles share most of their nodes, and each node's
  // effect is worked out once into `memo` (one memo per flag, package
  // version and Kind).
  using NodeMemo = std::unordered_map<std::uintptr_t, std::int8_t>;
  bool contains(Symbol flag, const PackageRef& pkg, NodeMemo& memo) const;
  // One node's last word on `flag` for this package version, in these
  // rules' kind and stability: -1 none, 0 unset, 1 set. contains() is the
  // last word of the stack's nodes; callers that evaluate many stacks
  // sharing nodes remember this per node.
  std::int8_t node_effect(const ProfileNode& n, Symbol flag, const PackageRef& pkg) const;
  // A node's last words on the flags of its use.* file of this kind (its
  // use.stable.* file when `stable_file`), sorted by flag id.
  const ProfileNode::FlagWords& global_words(const ProfileNode& n, bool stable_file) const;
  // The nodes of the stack that have lines of this kind, in stack order.
  const std::vector<const ProfileNode*>& nodes() const { return nodes_; }
  Kind kind() const { return kind_; }
  bool stable() const { return stable_; }

  friend bool operator==(const FlagRules& a, const FlagRules& b) {
    return a.kind_ == b.kind_ && a.stable_ == b.stable_ && a.nodes_ == b.nodes_;
  }

 private:
  const std::vector<FlagLine>& global_lines(const ProfileNode& n, bool stable_file) const;
  const std::vector<PackageFlagsLine>& package_lines(const ProfileNode& n, bool stable_file) const;
  const ProfileNode::LineIndex& package_index(const ProfileNode& n, bool stable_file) const;
  template <class Fn>
  void for_each_op(const PackageRef* pkg, Fn&& fn) const;  // fn(flag, set) in stack order
  // The flags set after every op (for `pkg`, or the global lines only), sorted by id.
  std::vector<Symbol> final_on(const PackageRef* pkg) const;

  Kind kind_ = Kind::Mask;
  bool stable_ = false;
  std::vector<const ProfileNode*> nodes_;  // the stack's nodes with lines of this kind
  std::vector<Symbol> global_;
};

// A profile stack evaluated into flat values. Atom and flag lines point into
// the nodes of the ProfileSet that made it.
struct ProfileData {
  Eapi eapi = Eapi::of(0);  // the leaf node's EAPI
  // make.defaults after stacking: incremental variables (USE, USE_EXPAND,
  // IUSE_IMPLICIT, ...) as their final token list joined by spaces, the
  // others as the last value assigned.
  std::map<std::string, std::string, std::less<>> vars;
  std::vector<Symbol> use;             // USE with USE_EXPAND values, after -flag and -*, sorted by id
  std::vector<Symbol> iuse_effective;  // implicit IUSE the profile gives every ebuild, sorted by id
  std::vector<const Atom*> masks, unmasks;  // package.mask / package.unmask of the stack, after -atom
  FlagRules use_mask, use_force, stable_use_mask, stable_use_force;
  std::vector<const PackageFlagsLine*> package_use;  // in stack order
  std::vector<const Atom*> system;           // "*atom" of packages
  std::vector<const ProvidedLine*> provided;
  std::vector<const Atom*> deprecated;

  std::string_view var(std::string_view name) const;  // "" when unset
  // Equal effective settings (the profile engine shares one object between such profiles).
  bool same_settings(const ProfileData& other) const;
};

enum class ProfileStatus : std::uint8_t { Stable, Dev, Exp, Other };
std::string_view profile_status_name(ProfileStatus s);  // "stable", "dev", "exp", "other"

// One line of a repository's profiles.desc.
struct ProfileEntry {
  const Repository* repo = nullptr;  // whose profiles.desc
  std::string arch;                  // first column
  std::string path;                  // second column, normalised ("a//b/" -> "a/b")
  std::string status_text;           // third column as written
  ProfileStatus status = ProfileStatus::Other;
  int line = 0;
  bool deprecated = false;           // <path>/deprecated exists
  const ProfileNode* node = nullptr;  // the leaf directory; nullptr when it does not exist
};

class ProfileSet {
 public:
  // Reads profiles.desc of every repository in the set (the scanned one
  // first) and parses every directory their entries stack.
  static std::unique_ptr<ProfileSet> load(const RepoSet& repos);
  ~ProfileSet();

  const RepoSet& repos() const { return *repos_; }
  const std::vector<ProfileEntry>& entries() const { return entries_; }

  // The stack of an entry (parents first, depth-first, a parent met twice is
  // stacked twice, the leaf last). Empty, with *error set, when it cannot be
  // built: missing directory, parent cycle, missing parent, unsupported EAPI.
  std::vector<const ProfileNode*> stack(const ProfileEntry& entry, std::string* error = nullptr) const;
  // The evaluated stack, computed once per entry (thread-safe). Entries with
  // equal settings share one object. nullptr when stack() fails.
  const ProfileData* data(const ProfileEntry& entry) const;
  // data() of many entries, evaluated side by side (a stack costs a fraction
  // of a millisecond and a tree has hundreds), in the order given.
  std::vector<const ProfileData*> data(const std::vector<const ProfileEntry*>& entries) const;

  // Every parsed node, in a stable order (repository, then path).
  std::vector<const ProfileNode*> nodes() const;
  const ProfileNode* node(const Repository& repo, std::string_view path) const;
  // Parses a directory that no profiles.desc entry stacks (for checks that
  // walk every directory under profiles/). The node is owned by the set.
  const ProfileNode* parse_extra(const Repository& repo, const std::string& path) const;

  // Problems in profiles.desc and in every parsed node.
  std::vector<ProfileIssue> issues() const;
  // Positive atoms of each repository's profiles/package.mask (pkgcheck
  // applies them on top of every profile: a profile cannot unmask them).
  const std::vector<const Atom*>& repo_masks() const { return repo_masks_; }
  // arch.list of the repository and its masters.
  const std::vector<std::string>& known_arches() const { return arches_; }

 private:
  struct Impl;
  explicit ProfileSet(const RepoSet& repos);
  const RepoSet* repos_;
  std::vector<ProfileEntry> entries_;
  std::vector<ProfileIssue> desc_issues_;
  std::vector<const Atom*> repo_masks_;
  std::vector<std::string> arches_;
  std::unique_ptr<Impl> impl_;
};

// Incremental stacking of one variable's tokens (PMS "Incremental
// variables"): "-x" removes an earlier x, "-*" removes everything earlier.
// The rule the profile engine applies token by token as it stacks nodes.
std::vector<std::string> incremental_tokens(const std::vector<std::string>& tokens_in_stack_order);

}  // namespace pkgscan
