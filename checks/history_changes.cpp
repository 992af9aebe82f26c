// ChangeIndex and friends: the history checks' view of a --commits range.
#include "history_changes.hpp"

#include "pkgscan/atom.hpp"

namespace pkgscan {

namespace {

// "cat/pkg/pf.ebuild" -> (cat, pkg, pf); false for other paths.
bool ebuild_path(const std::string& path, std::string& cat, std::string& pkg, std::string& pf) {
  std::size_t a = path.find('/');
  if (a == std::string::npos) return false;
  std::size_t b = path.find('/', a + 1);
  if (b == std::string::npos || path.find('/', b + 1) != std::string::npos) return false;
  const std::string file = path.substr(b + 1);
  if (file.size() <= 7 || file.compare(file.size() - 7, 7, ".ebuild") != 0) return false;
  cat = path.substr(0, a);
  pkg = path.substr(a + 1, b - a - 1);
  pf = file.substr(0, file.size() - 7);
  auto split = split_pf(pf);
  return split && split->package == pkg;
}

}  // namespace

bool PackageChanges::any(char status) const {
  for (const auto& [pf, s] : ebuilds)
    if (s == status) return true;
  return false;
}

void ChangeIndex::build(const History& h) {
  packages_.clear();
  std::string cat, pkg, pf, ocat, opkg, opf;
  for (const FileChange& c : h.changes) {
    bool is_new = ebuild_path(c.path, cat, pkg, pf);
    if (c.status == 'R') {
      bool was = ebuild_path(c.old_path, ocat, opkg, opf);
      if (was) packages_[ocat + "/" + opkg].ebuilds[opf] = 'D';
      if (is_new) {
        PackageChanges& p = packages_[cat + "/" + pkg];
        p.ebuilds[pf] = 'A';
        if (was && (ocat != cat || opkg != pkg)) p.moved_from = ocat + "/" + opkg;
      }
      continue;
    }
    if (!is_new) continue;
    packages_[cat + "/" + pkg].ebuilds[pf] = c.status == 'A' || c.status == 'D' ? c.status : 'M';
  }
}

const PackageChanges& ChangeIndex::of(std::string_view category, std::string_view package) const {
  static const PackageChanges kNone;
  std::string key;
  key.reserve(category.size() + package.size() + 1);
  key.append(category).append("/").append(package);
  auto it = packages_.find(key);
  return it == packages_.end() ? kNone : it->second;
}

std::string ChangeIndex::first_commit(const History& h, const std::string& path, char status) const {
  // Commit paths are relative to the git working tree; the repository may
  // sit below it, so compare the end of the path.
  for (const CommitInfo& c : h.commits)
    for (const FileChange& f : c.changes) {
      const std::string& p = status == 'D' && f.status == 'R' ? f.old_path : f.path;
      char s = f.status == 'R' ? (status == 'D' ? 'D' : 'A') : f.status;
      if (s != status || p.size() < path.size()) continue;
      if (p.compare(p.size() - path.size(), path.size(), path) == 0 &&
          (p.size() == path.size() || p[p.size() - path.size() - 1] == '/'))
        return c.short_hash;
    }
  return {};
}

const Package* old_package(const ScanContext& ctx, const Package& pkg) {
  if (!ctx.history || !ctx.history->base_index) return nullptr;
  const Package* p = ctx.history->base_index->find_main(pkg.category, pkg.package);
  return p && !p->versions.empty() ? p : nullptr;
}

const Ebuild* find_version(const Package* pkg, const std::string& pf) {
  if (!pkg) return nullptr;
  for (const Ebuild& e : pkg->versions)
    if (e.pf == pf) return &e;
  return nullptr;
}

std::string read_ebuild(const Package& pkg, const Ebuild& e) {
  std::string text;
  if (e.ebuild_path.empty() || !pkg.repo->fs().read_file(pkg.repo->abs(e.ebuild_path), text, nullptr)) return {};
  return text;
}

}  // namespace pkgscan
