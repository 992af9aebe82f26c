#pragma once
// Internal to the profile engine: parsing one directory and evaluating a stack.
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

// The stack evaluated into flat values. `arches` is arch.list (used by the
// implicit IUSE of profiles older than EAPI 5).
std::unique_ptr<ProfileData> evaluate_stack(const std::vector<const ProfileNode*>& stack,
                                            const std::vector<std::string>& arches);

// "a/./b/../c" -> "a/c"; nullopt when ".." climbs above the start.
std::optional<std::string> normalize_path(std::string_view path);

}  // namespace pkgscan::profiles_detail
