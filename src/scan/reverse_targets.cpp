// reverse_targets: who inherits a changed eclass or depends on a removed package.
#include "reverse_targets.hpp"

#include <algorithm>
#include <mutex>

#include <tbb/parallel_for.h>

namespace pkgscan {

namespace {

// (category id, package id) of an atom or a removed package.
std::uint64_t key_of(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

bool reaches(const Ebuild& e, const std::set<std::string>& eclasses, const std::set<std::uint64_t>& removed) {
  for (Symbol s : e.inherited)
    if (eclasses.count(std::string(s.str()))) return true;
  if (removed.empty()) return false;
  for (DepVar v : kDepVars)
    if (const DepSpec* spec = e.dep(v))
      for (const Atom& a : spec->atoms)
        if (removed.count(key_of(a.category, a.package))) return true;
  return false;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> reverse_targets(
    const RepoIndex& index, const std::set<std::string>& eclasses,
    const std::set<std::pair<std::string, std::string>>& removed) {
  std::vector<std::pair<std::string, std::string>> out;
  if (eclasses.empty() && removed.empty()) return out;
  std::set<std::uint64_t> removed_symbols;
  for (const auto& [c, p] : removed) removed_symbols.insert(key_of(Symbol::intern(c), Symbol::intern(p)));
  const auto& keys = index.main_packages();
  std::mutex mu;
  tbb::parallel_for(std::size_t{0}, keys.size(), [&](std::size_t i) {
    const Package* pkg = index.find_main(keys[i].category, keys[i].package);
    if (!pkg) return;
    for (const Ebuild& e : pkg->versions)
      if (reaches(e, eclasses, removed_symbols)) {
        std::lock_guard<std::mutex> lock(mu);
        out.emplace_back(std::string(pkg->category.str()), std::string(pkg->package.str()));
        return;
      }
  });
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace pkgscan
