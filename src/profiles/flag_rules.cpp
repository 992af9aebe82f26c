// FlagRules: masked or forced USE flags, global and per package.
#include <algorithm>

#include "pkgscan/profiles.hpp"

namespace pkgscan {

namespace {

std::uint64_t pack(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

bool by_id(Symbol a, Symbol b) { return a.id() < b.id(); }

}  // namespace

const std::vector<FlagLine>& FlagRules::global_lines(const ProfileNode& n, bool stable_file) const {
  if (kind_ == Kind::Mask) return stable_file ? n.use_stable_mask : n.use_mask;
  return stable_file ? n.use_stable_force : n.use_force;
}

const std::vector<PackageFlagsLine>& FlagRules::package_lines(const ProfileNode& n, bool stable_file) const {
  if (kind_ == Kind::Mask) return stable_file ? n.package_use_stable_mask : n.package_use_mask;
  return stable_file ? n.package_use_stable_force : n.package_use_force;
}

const ProfileNode::LineIndex& FlagRules::package_index(const ProfileNode& n, bool stable_file) const {
  if (kind_ == Kind::Mask) return stable_file ? n.index_use_stable_mask : n.index_use_mask;
  return stable_file ? n.index_use_stable_force : n.index_use_force;
}

const ProfileNode::FlagWords& FlagRules::global_words(const ProfileNode& n, bool stable_file) const {
  if (kind_ == Kind::Mask) return stable_file ? n.words_use_stable_mask : n.words_use_mask;
  return stable_file ? n.words_use_stable_force : n.words_use_force;
}

// The PMS order within one node: use.*, use.stable.*, package.use.*,
// package.use.stable.* (the stable files only for the stable rules).
// Without a package, package lines are skipped.
template <class Fn>
void FlagRules::for_each_op(const PackageRef* pkg, Fn&& fn) const {
  for (const ProfileNode* n : nodes_) {
    for (int s = 0; s <= (stable_ ? 1 : 0); ++s)
      for (const FlagLine& f : global_lines(*n, s == 1)) fn(f.flag, !f.negated);
    if (!pkg) continue;
    const std::uint64_t key = pack(pkg->category, pkg->package);
    for (int s = 0; s <= (stable_ ? 1 : 0); ++s) {
      const auto& index = package_index(*n, s == 1);
      const auto& lines = package_lines(*n, s == 1);
      for (auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(key, std::uint32_t{0}));
           it != index.end() && it->first == key; ++it) {
        const PackageFlagsLine& l = lines[it->second];
        if (l.atom.matches(*pkg))
          for (const FlagLine& f : l.flags) fn(f.flag, !f.negated);
      }
    }
  }
}

FlagRules::FlagRules(const std::vector<const ProfileNode*>& stack, Kind kind, bool stable)
    : kind_(kind), stable_(stable) {
  for (const ProfileNode* n : stack) push(*n);
}

void FlagRules::push(const ProfileNode& n) {
  bool any = false;
  for (int s = 0; s <= (stable_ ? 1 : 0); ++s)
    any = any || !global_lines(n, s == 1).empty() || !package_lines(n, s == 1).empty();
  if (!any) return;
  nodes_.push_back(&n);
  // The global flags: the node's last word on each flag it names (use.*,
  // then use.stable.*) merged into the sorted set so far. Equal to
  // replaying every line of the stack, which evaluating ~300 profiles did
  // four times each.
  for (int s = 0; s <= (stable_ ? 1 : 0); ++s) {
    const ProfileNode::FlagWords& words = global_words(n, s == 1);
    if (words.empty()) continue;
    std::vector<Symbol> merged;
    merged.reserve(global_.size() + words.size());
    auto g = global_.begin();
    for (const auto& [flag, set] : words) {
      while (g != global_.end() && g->id() < flag.id()) merged.push_back(*g++);
      if (g != global_.end() && *g == flag) ++g;  // this node has the last word on it
      if (set) merged.push_back(flag);
    }
    merged.insert(merged.end(), g, global_.end());
    global_ = std::move(merged);
  }
}

std::vector<Symbol> FlagRules::final_on(const PackageRef* pkg) const {
  // The last word on each flag, in a table indexed by symbol id (ids are
  // dense): a hash set per call cost more than the replay itself.
  enum : std::uint8_t { kUnseen, kOn, kOff };
  thread_local std::vector<std::uint8_t> state;
  thread_local std::vector<Symbol> seen;
  seen.clear();
  for_each_op(pkg, [&](Symbol flag, bool set) {
    if (flag.id() >= state.size()) state.resize(flag.id() + 4096, kUnseen);
    std::uint8_t& st = state[flag.id()];
    if (st == kUnseen) seen.push_back(flag);
    st = set ? kOn : kOff;
  });
  std::vector<Symbol> out;
  for (Symbol flag : seen) {
    if (state[flag.id()] == kOn) out.push_back(flag);
    state[flag.id()] = kUnseen;
  }
  std::sort(out.begin(), out.end(), by_id);
  return out;
}

bool FlagRules::global_contains(Symbol flag) const {
  return std::binary_search(global_.begin(), global_.end(), flag, by_id);
}

bool FlagRules::has_package_rules(Symbol category, Symbol package) const {
  const std::uint64_t key = pack(category, package);
  for (const ProfileNode* n : nodes_)
    for (int s = 0; s <= (stable_ ? 1 : 0); ++s) {
      const auto& index = package_index(*n, s == 1);
      auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(key, std::uint32_t{0}));
      if (it != index.end() && it->first == key) return true;
    }
  return false;
}

bool FlagRules::contains(Symbol flag, const PackageRef& pkg) const {
  if (!has_package_rules(pkg.category, pkg.package)) return global_contains(flag);
  // Only a package line on this very flag can differ from the global answer.
  bool named = false;
  const std::uint64_t key = pack(pkg.category, pkg.package);
  for (const ProfileNode* n : nodes_)
    for (int s = 0; s <= (stable_ ? 1 : 0) && !named; ++s) {
      const auto& index = package_index(*n, s == 1);
      const auto& lines = package_lines(*n, s == 1);
      for (auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(key, std::uint32_t{0}));
           it != index.end() && it->first == key && !named; ++it)
        for (const FlagLine& f : lines[it->second].flags) named = named || f.flag == flag;
    }
  if (!named) return global_contains(flag);
  // Replay the lines on this flag in stack order: a later global "-flag"
  // undoes an earlier package line and the other way round.
  bool state = false;
  for_each_op(&pkg, [&](Symbol f, bool set) {
    if (f == flag) state = set;
  });
  return state;
}

std::int8_t FlagRules::node_effect(const ProfileNode& n, Symbol flag, const PackageRef& pkg) const {
  const std::uint64_t key = pack(pkg.category, pkg.package);
  std::int8_t effect = -1;
  for (int s = 0; s <= (stable_ ? 1 : 0); ++s) {
    const auto& words = global_words(n, s == 1);
    auto w = std::lower_bound(words.begin(), words.end(), flag.id(),
                              [](const auto& word, std::uint32_t id) { return word.first.id() < id; });
    if (w != words.end() && w->first == flag) effect = w->second ? 1 : 0;
  }
  for (int s = 0; s <= (stable_ ? 1 : 0); ++s) {
    const auto& index = package_index(n, s == 1);
    const auto& lines = package_lines(n, s == 1);
    for (auto i = std::lower_bound(index.begin(), index.end(), std::make_pair(key, std::uint32_t{0}));
         i != index.end() && i->first == key; ++i)
      if (lines[i->second].atom.matches(pkg))
        for (const FlagLine& f : lines[i->second].flags)
          if (f.flag == flag) effect = f.negated ? 0 : 1;
  }
  return effect;
}

bool FlagRules::contains(Symbol flag, const PackageRef& pkg, NodeMemo& memo) const {
  bool state = false;
  for (const ProfileNode* n : nodes_) {
    const std::uintptr_t slot = reinterpret_cast<std::uintptr_t>(n) | (stable_ ? 1 : 0);
    auto [it, added] = memo.emplace(slot, std::int8_t{-1});
    if (added) it->second = node_effect(*n, flag, pkg);
    if (it->second >= 0) state = it->second == 1;
  }
  return state;
}

std::vector<Symbol> FlagRules::flags_for(const PackageRef& pkg) const {
  if (!has_package_rules(pkg.category, pkg.package)) return global_;
  return final_on(&pkg);
}

}  // namespace pkgscan
