#pragma once
// The files of a package directory, shared by the Manifest and PkgDir checks:
// entries come from the listing the index made when it loaded the package
// (Package::listing), so the directory is listed once per scan, and symbolic
// links are followed only while they stay inside the repository.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/index.hpp"

namespace pkgscan::pkgfiles {

// "cat/pkg", and "cat/pkg/name" for a file in it (repository-relative).
inline std::string dir(const Package& pkg) { return pkg.key(); }
inline std::string path(const Package& pkg, std::string_view name) { return pkg.key() + "/" + std::string(name); }

// The entry `name` of the package directory, or nullptr.
inline const DirEntry* find(const Package& pkg, std::string_view name) {
  auto it = std::lower_bound(pkg.listing.begin(), pkg.listing.end(), name,
                             [](const DirEntry& e, std::string_view n) { return e.name < n; });
  return it != pkg.listing.end() && it->name == name ? &*it : nullptr;
}

enum class LinkEnd { Inside, Outside, Broken };

// Where the path `rel` (repository-relative) leads when every symbolic link
// on the way is followed, one component at a time, as the kernel resolves
// it; but the links are read (lstat), never opened, so nothing outside the
// repository is touched. Broken: a dangling link, a loop, or an unreadable
// component. `first_target` receives the text of the first link met.
inline LinkEnd follow_links(const Repository& repo, const std::string& rel, std::string* first_target = nullptr) {
  auto push_reversed = [](std::string_view p, std::vector<std::string>& stack) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i <= p.size()) {
      std::size_t slash = std::min(p.find('/', i), p.size());
      if (slash > i) parts.emplace_back(p.substr(i, slash - i));
      i = slash + 1;
    }
    stack.insert(stack.end(), parts.rbegin(), parts.rend());
  };
  const std::string& root = repo.root();
  std::vector<std::string> todo, done;
  push_reversed(rel, todo);
  int hops = 0;
  bool first = true;
  while (!todo.empty()) {
    std::string c = std::move(todo.back());
    todo.pop_back();
    if (c == ".") continue;
    if (c == "..") {
      if (done.empty()) return LinkEnd::Outside;
      done.pop_back();
      continue;
    }
    done.push_back(std::move(c));
    std::string here;
    for (const std::string& d : done) here += (here.empty() ? "" : "/") + d;
    FileInfo info;
    if (!repo.fs().lstat(repo.abs(here), info, nullptr)) return LinkEnd::Broken;
    if (!info.symlink) continue;
    if (first && first_target) *first_target = info.link_target;
    first = false;
    if (++hops > 40) return LinkEnd::Broken;
    done.pop_back();
    std::string_view target = info.link_target;
    if (!target.empty() && target.front() == '/') {
      // Absolute: fine only while it names a path under the repository root.
      if (!target.starts_with(root) || (target.size() > root.size() && target[root.size()] != '/' && root.back() != '/'))
        return LinkEnd::Outside;
      done.clear();
      target.remove_prefix(root.size());
    }
    push_reversed(target, todo);
  }
  return LinkEnd::Inside;
}

}  // namespace pkgscan::pkgfiles
