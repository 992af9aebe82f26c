#pragma once
// Internal to the profile engine: parsing one directory and evaluating a stack.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pkgscan/profiles.hpp"

namespace pkgscan::profiles_detail {

// Parses profiles/<path> of `repo`: every known file, with the node's EAPI
// deciding how atoms parse and whether directory-form files are read.
// `default_eapi` applies when the directory has no eapi file. Parents are
// left unresolved: ProfileNode::parent_lines has them as written.
std::unique_ptr<ProfileNode> parse_node(const Repository& repo, const std::string& path, Eapi default_eapi);

// What the nodes of a stack applied so far have stacked: make.defaults
// variables and the package list files. Profiles share their first nodes
// (base, the arch, the release), so evaluating many stacks applies each
// shared prefix once and copies the state where the stacks part
// (ProfileSet::data of many entries).
struct StackState {
  std::map<std::string, std::string, std::less<>> plain_vars;
  // Incremental variables, stacked as they are applied: no "-x" or repeats left.
  std::map<std::string, std::vector<std::string>, std::less<>> incremental_vars;
  std::vector<const Atom*> masks, unmasks, deprecated, system;
  std::vector<const PackageFlagsLine*> package_use;
  std::vector<const ProvidedLine*> provided;
  FlagRules use_mask{FlagRules::Kind::Mask, false}, use_force{FlagRules::Kind::Force, false},
      stable_use_mask{FlagRules::Kind::Mask, true}, stable_use_force{FlagRules::Kind::Force, true};
  const ProfileNode* top = nullptr;  // the node applied last: the leaf, once the stack is done

  // Stacks node `n` on top of what is here.
  void apply(const ProfileNode& n);
  // The flat values of the stack applied (at least one node). `arches` is
  // arch.list (used by the implicit IUSE of profiles older than EAPI 5).
  std::unique_ptr<ProfileData> finish(const std::vector<std::string>& arches) const;

  // One token stacked onto an incremental list: "x", "-x" or "-*".
  static void add_incremental(std::vector<std::string>& list, std::string token);
};

// The stack evaluated into flat values: every node applied, then finish().
std::unique_ptr<ProfileData> evaluate_stack(const std::vector<const ProfileNode*>& stack,
                                            const std::vector<std::string>& arches);

// Applies the nodes of many stacks, each prefix they share once, and calls
// done(i, state) with the state of stacks[i] once all its nodes are applied.
// Stacks that part are walked side by side: `done` runs on several threads.
// (Over flatcar's 487 profiles: 7,637 nodes stacked, 1,346 distinct prefixes.)
void walk_stacks(const std::vector<std::vector<const ProfileNode*>>& stacks,
                 const std::function<void(std::size_t, const StackState&)>& done);

// "a/./b/../c" -> "a/c"; nullopt when ".." climbs above the start.
std::optional<std::string> normalize_path(std::string_view path);

}  // namespace pkgscan::profiles_detail
