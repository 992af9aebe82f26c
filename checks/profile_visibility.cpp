// Per-version visibility on the selected profiles (profile_visibility.hpp).
#include "profile_visibility.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace pkgscan {

namespace {

std::uint64_t pack(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

std::vector<const Atom*> sorted(std::vector<const Atom*> atoms) {
  std::sort(atoms.begin(), atoms.end());
  atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
  return atoms;
}

bool has(const std::vector<const Atom*>& sorted_atoms, const Atom* a) {
  return std::binary_search(sorted_atoms.begin(), sorted_atoms.end(), a);
}

}  // namespace

const std::vector<visibility::Column>& ProfileVisibility::columns(const ScanContext& ctx) const {
  std::call_once(once_, [&] { build(ctx); });
  return cols_.columns;
}

void ProfileVisibility::build(const ScanContext& ctx) const {
  const ProfileSet& set = ctx.profiles();
  cols_ = visibility::build_columns(set, false);
  std::set<std::pair<std::string_view, bool>> views;
  for (std::size_t c = 0; c < cols_.columns.size(); ++c)
    if (views.emplace(cols_.columns[c].arch, cols_.columns[c].stable).second) representatives_.push_back(c);

  auto index = [&](const std::vector<const Atom*>& atoms) {
    for (const Atom* a : atoms) by_package_[pack(a->category, a->package)].push_back(a);
  };
  repo_masks_ = sorted(set.repo_masks());
  index(repo_masks_);
  std::unordered_map<const ProfileData*, std::size_t> slot;
  for (const visibility::Column& col : cols_.columns) {
    auto [it, added] = slot.emplace(col.data, masks_.size());
    data_of_column_.push_back(it->second);
    if (!added) continue;
    masks_.push_back(sorted(col.data->masks));
    unmasks_.push_back(sorted(col.data->unmasks));
    index(masks_.back());
    index(unmasks_.back());
  }
  for (auto& [key, atoms] : by_package_) atoms = sorted(std::move(atoms));
}

bool ProfileVisibility::keyword_accepted(const visibility::Column& col, const Ebuild& e) {
  for (Symbol k : e.keywords)
    if (k == col.stable_keyword || (!col.stable && k == col.testing_keyword)) return true;
  return false;
}

bool ProfileVisibility::mentioned(Symbol category, Symbol package) const {
  return by_package_.count(pack(category, package)) > 0;
}

ProfileVisibility::Atoms ProfileVisibility::matching(const Ebuild& e) const {
  Atoms out;
  auto it = by_package_.find(pack(e.category, e.package));
  if (it == by_package_.end()) return out;
  const PackageRef ref = e.ref();
  for (const Atom* a : it->second)
    if (a->matches(ref)) out.push_back(a);
  return out;
}

bool ProfileVisibility::masked(std::size_t column, const Atoms& matching) const {
  const std::size_t d = data_of_column_[column];
  bool mask = false;
  for (const Atom* a : matching) {
    if (has(unmasks_[d], a)) return false;
    mask = mask || has(repo_masks_, a) || has(masks_[d], a);
  }
  return mask;
}

}  // namespace pkgscan
