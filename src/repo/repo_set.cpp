// A repository with its masters, and the stacked eclass path.
#include <algorithm>
#include <deque>
#include <functional>
#include <set>

#include "pkgscan/repo.hpp"

namespace pkgscan {

RepoSet::RepoSet(const FileSystem& fs, std::unique_ptr<Repository> main,
                 const std::map<std::string, std::string>& known_repos)
    : fs_(&fs) {
  std::map<std::string, const Repository*> by_name;
  by_name[main->name()] = main.get();
  repos_.push_back(std::move(main));

  // Breadth first, so repos() lists nearer masters before farther ones; each
  // name is opened once, which also ends cycles (a -> b -> a).
  std::set<std::string> missing_seen;
  std::deque<const Repository*> todo = {repos_.front().get()};
  while (!todo.empty()) {
    const Repository* repo = todo.front();
    todo.pop_front();
    for (const std::string& master : repo->layout().masters) {
      if (by_name.count(master) || missing_seen.count(master)) continue;
      auto known = known_repos.find(master);
      std::unique_ptr<Repository> opened;
      if (known != known_repos.end()) opened = Repository::open(fs, known->second, nullptr);
      if (!opened) {
        missing_seen.insert(master);
        missing_.push_back(master);
        continue;
      }
      by_name[master] = opened.get();
      // The known_repos key is the name the master was asked for by; that is
      // the name that resolves it even if its own files disagree.
      todo.push_back(opened.get());
      repos_.push_back(std::move(opened));
    }
  }

  // Portage's eclass path of a repository: its masters' paths in the order
  // listed, then the repository itself; the last entry wins. Visiting each
  // repository once keeps the first (lowest) position of a shared master
  // and stops at cycles.
  std::vector<const Repository*> path;
  std::set<const Repository*> visited;
  std::function<void(const Repository*)> visit = [&](const Repository* repo) {
    if (!visited.insert(repo).second) return;
    for (const std::string& master : repo->layout().masters) {
      auto it = by_name.find(master);
      if (it != by_name.end()) visit(it->second);
    }
    path.push_back(repo);
  };
  visit(repos_.front().get());
  eclass_order_.assign(path.rbegin(), path.rend());
}

std::vector<std::string> RepoSet::repo_names() const {
  std::vector<std::string> out;
  out.reserve(repos_.size());
  for (const auto& r : repos_) out.push_back(r->name());
  return out;
}

const EclassInfo* RepoSet::eclass(const std::string& name) const {
  // Names come from cache files, which may be hostile: never let one
  // escape the eclass directory.
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") return nullptr;
  EclassSlot* slot;
  {
    std::lock_guard<std::mutex> lock(eclass_mu_);
    auto& entry = eclasses_[name];
    if (!entry) entry = std::make_unique<EclassSlot>();
    slot = entry.get();  // stable: the map owns slots through unique_ptr
  }
  return lookup_eclass(*slot, name);
}

const EclassInfo* RepoSet::lookup_eclass(EclassSlot& slot, const std::string& name) const {
  std::call_once(slot.once, [&] {
    thread_local std::string buf;
    const std::string file = "eclass/" + name + ".eclass";
    for (const Repository* repo : eclass_order_) {
      std::string path = repo->abs(file);
      FileType t = fs_->stat(path);
      if (t == FileType::Missing) continue;
      slot.found = true;
      slot.info.name = name;
      slot.info.path = path;
      slot.info.repo = repo->name();
      // An unreadable eclass is found but has no md5: it cannot confirm
      // any entry, and a lower repository's copy must not stand in for it.
      if (t == FileType::Regular && fs_->read_file(path, buf, nullptr)) {
        slot.info.md5 = md5_hex(buf);
        slot.info.iuse = eclass_iuse(buf);
      }
      return;
    }
  });
  return slot.found ? &slot.info : nullptr;
}

bool RepoSet::has_license(const std::string& name) const {
  std::call_once(licenses_once_, [this] {
    std::vector<DirEntry> entries;
    for (const auto& repo : repos_) {
      if (!fs_->list_dir(repo->abs("licenses"), entries, nullptr)) continue;
      for (const DirEntry& e : entries)
        if (e.type == FileType::Regular) licenses_.push_back(e.name);
    }
    std::sort(licenses_.begin(), licenses_.end());
    licenses_.erase(std::unique(licenses_.begin(), licenses_.end()), licenses_.end());
  });
  return std::binary_search(licenses_.begin(), licenses_.end(), name);
}

}  // namespace pkgscan
