#pragma once
// Names a repository defines (licences, eclasses, mirrors, USE flags) and the
// marking of their use, shared by the Unused and UnusedInMasters checks.
#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pkgscan/repo.hpp"

namespace pkgscan::unused {

// A set of names, each with a "used" flag that any thread may set without a
// lock while packages stream past; read once the marking is over.
class Candidates {
 public:
  void assign(const std::set<std::string>& names) {
    names_.assign(names.begin(), names.end());
    used_ = std::make_unique<std::atomic<bool>[]>(names_.size());
    index_.clear();
    for (std::size_t i = 0; i < names_.size(); ++i) index_.emplace(names_[i], i);
  }
  bool empty() const { return names_.empty(); }
  void mark(std::string_view name) const {
    if (auto it = index_.find(name); it != index_.end()) used_[it->second].store(true, std::memory_order_relaxed);
  }
  // A candidate not marked so far.
  bool unused(std::string_view name) const {
    auto it = index_.find(name);
    return it != index_.end() && !used_[it->second].load(std::memory_order_relaxed);
  }
  std::vector<std::string> unused() const {  // sorted
    std::vector<std::string> out;
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (!used_[i].load(std::memory_order_relaxed)) out.push_back(names_[i]);
    return out;
  }

 private:
  std::vector<std::string> names_;  // sorted
  std::unique_ptr<std::atomic<bool>[]> used_;
  std::unordered_map<std::string_view, std::size_t> index_;  // views into names_
};

// Entries of `dir` (repository-relative) that are regular files, with
// `suffix` stripped (only those that have it, when given).
inline std::set<std::string> file_names(const Repository& repo, const std::string& dir, std::string_view suffix = "") {
  std::set<std::string> out;
  std::vector<DirEntry> entries;
  if (!repo.fs().list_dir(repo.abs(dir), entries, nullptr)) return out;
  for (const DirEntry& e : entries) {
    if (e.type != FileType::Regular || e.name.front() == '.' || !e.name.ends_with(suffix)) continue;
    out.insert(e.name.substr(0, e.name.size() - suffix.size()));
  }
  return out;
}

inline std::set<std::string> license_names(const Repository& repo) { return file_names(repo, "licenses"); }
inline std::set<std::string> eclass_names(const Repository& repo) { return file_names(repo, "eclass", ".eclass"); }
inline std::set<std::string> mirror_names(const Repository& repo) {
  std::set<std::string> out;
  for (const auto& [name, urls] : repo.profiles().thirdpartymirrors) out.insert(name);
  return out;
}

// The mirror name of a "mirror://NAME/path" URI (also behind EAPI 8's
// fetch+ / mirror+ prefixes), or "" for other URIs.
inline std::string_view mirror_of(std::string_view uri) {
  for (std::string_view prefix : {"fetch+", "mirror+"})
    if (uri.starts_with(prefix)) uri.remove_prefix(prefix.size());
  constexpr std::string_view kScheme = "mirror://";
  if (!uri.starts_with(kScheme)) return {};
  uri.remove_prefix(kScheme.size());
  return uri.substr(0, uri.find('/'));
}

// Operators and USE conditionals of a LICENSE or SRC_URI value (not names).
inline bool spec_token(std::string_view t) {
  return t == "(" || t == ")" || t == "||" || t == "->" || t.ends_with('?');
}

}  // namespace pkgscan::unused
