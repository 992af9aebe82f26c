// Per-version visibility on the selected profiles (profile_visibility.hpp).
#include "profile_visibility.hpp"

#include <algorithm>

namespace pkgscan {

namespace {

std::uint64_t pack(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

bool any_matches(const std::unordered_map<std::uint64_t, std::vector<const Atom*>>& index, const Ebuild& e) {
  auto it = index.find(pack(e.category, e.package));
  if (it == index.end()) return false;
  const PackageRef ref = e.ref();
  return std::any_of(it->second.begin(), it->second.end(), [&](const Atom* a) { return a->matches(ref); });
}

}  // namespace

const std::vector<visibility::Column>& ProfileVisibility::columns(const ScanContext& ctx) const {
  std::call_once(once_, [&] { build(ctx); });
  return cols_.columns;
}

void ProfileVisibility::build(const ScanContext& ctx) const {
  const ProfileSet& set = ctx.profiles();
  cols_ = visibility::build_columns(set, false);
  for (const Atom* a : set.repo_masks()) repo_masks_[pack(a->category, a->package)].push_back(a);
  std::unordered_map<const ProfileData*, std::size_t> slot;
  for (const visibility::Column& col : cols_.columns) {
    auto [it, added] = slot.emplace(col.data, masks_.size());
    data_of_column_.push_back(it->second);
    if (!added) continue;
    AtomIndex& masks = masks_.emplace_back();
    AtomIndex& unmasks = unmasks_.emplace_back();
    for (const Atom* a : col.data->masks) masks[pack(a->category, a->package)].push_back(a);
    for (const Atom* a : col.data->unmasks) unmasks[pack(a->category, a->package)].push_back(a);
  }
}

bool ProfileVisibility::keyword_accepted(const visibility::Column& col, const Ebuild& e) {
  for (Symbol k : e.keywords) {
    std::string_view kw = k.str();
    if (kw == col.arch) return true;
    if (!col.stable && kw.size() == col.arch.size() + 1 && kw[0] == '~' && kw.substr(1) == col.arch) return true;
  }
  return false;
}

bool ProfileVisibility::masked(std::size_t column, const Ebuild& e) const {
  const std::size_t d = data_of_column_[column];
  if (!any_matches(repo_masks_, e) && !any_matches(masks_[d], e)) return false;
  return !any_matches(unmasks_[d], e);
}

}  // namespace pkgscan
