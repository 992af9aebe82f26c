// One repository: its name, configuration and package tree.
#include <algorithm>
#include <array>
#include <atomic>

#include <tbb/parallel_for.h>

#include "pkgscan/atom.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/text_lines.hpp"

namespace pkgscan {

namespace {

std::string strip_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string base_name(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Top-level directories of a repository that are not categories.
bool reserved_dir(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kReserved = {"eclass", "licenses", "metadata", "profiles",
                                                                "scripts"};
  return std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end();
}

// PMS category name characters; used only to skip directories such as
// "files" or "__pycache__"-like oddities that cannot be categories.
bool looks_like_category(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.front() == '.' || name.front() == '+') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '_' ||
              c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<Repository> Repository::open(const FileSystem& fs, std::string root, std::string* err) {
  root = strip_trailing_slashes(std::move(root));
  if (fs.stat(root) != FileType::Directory) {
    if (err) *err = "'" + root + "' is not a directory";
    return nullptr;
  }
  auto repo = std::make_unique<Repository>();
  repo->fs_ = &fs;
  repo->root_ = root;

  const std::string layout_rel = "metadata/layout.conf";
  std::string buf, read_err;
  FileType layout_type = fs.stat(join_path(root, layout_rel));
  if (layout_type == FileType::Regular && fs.read_file(join_path(root, layout_rel), buf, &read_err)) {
    repo->layout_ = parse_layout_conf(buf, layout_rel, repo->issues_);
  } else {
    repo->layout_.cache_formats = {"md5-dict"};
    if (layout_type != FileType::Missing)
      repo->issues_.push_back({layout_rel, 0, read_err.empty() ? "not a regular file" : read_err});
  }

  repo->profiles_ = read_profiles(fs, root);
  repo->issues_.insert(repo->issues_.end(), repo->profiles_.issues.begin(), repo->profiles_.issues.end());

  const std::string& from_profiles = repo->profiles_.repo_name;
  const std::string& from_layout = repo->layout_.repo_name;
  if (!from_profiles.empty()) {
    repo->name_ = from_profiles;
    if (!from_layout.empty() && from_layout != from_profiles)
      repo->issues_.push_back({layout_rel, 0,
                               "repo-name '" + from_layout + "' differs from profiles/repo_name '" + from_profiles +
                                   "'; using '" + from_profiles + "'"});
  } else if (!from_layout.empty()) {
    repo->name_ = from_layout;
  } else {
    repo->name_ = base_name(root);
    repo->issues_.push_back({"profiles/repo_name", 0,
                             "repository has no name (profiles/repo_name or repo-name in metadata/layout.conf); "
                             "using the directory name '" + repo->name_ + "'"});
  }
  return repo;
}

std::vector<std::string> Repository::category_dirs(std::vector<RepoIssue>* issues) const {
  std::vector<std::string> out;
  std::vector<DirEntry> entries;
  std::string err;
  if (!fs_->list_dir(root_, entries, &err)) {
    if (issues) issues->push_back({"", 0, err});
    return out;
  }
  for (DirEntry& e : entries) {
    if (e.name.front() == '.' || reserved_dir(e.name)) continue;
    if (e.type == FileType::Other) {
      if (issues) issues->push_back({e.name, 0, e.problem.empty() ? "not a file or directory" : e.problem});
      continue;
    }
    if (e.type != FileType::Directory || !looks_like_category(e.name)) continue;
    out.push_back(std::move(e.name));
  }
  return out;
}

std::vector<std::string> Repository::package_dirs(const std::string& category) const {
  std::vector<std::string> out;
  std::vector<DirEntry> entries;
  if (!fs_->list_dir(join_path(root_, category), entries, nullptr)) return out;
  for (DirEntry& e : entries)
    if (e.type == FileType::Directory && e.name.front() != '.') out.push_back(std::move(e.name));
  return out;
}

std::vector<Repository::EbuildFile> Repository::ebuilds(const std::string& category, const std::string& package,
                                                        std::vector<std::string>* bad, std::vector<DirEntry>* listing,
                                                        std::string* listing_error) const {
  constexpr std::string_view kSuffix = ".ebuild";
  std::vector<EbuildFile> out;
  std::vector<DirEntry> own;
  std::vector<DirEntry>& entries = listing ? *listing : own;
  const std::string dir = join_path(category, package);
  if (!fs_->list_dir(join_path(root_, dir), entries, listing_error)) return out;
  for (const DirEntry& e : entries) {
    if (!e.name.ends_with(kSuffix) || e.name.front() == '.') continue;
    std::string path = join_path(dir, e.name);
    if (e.type != FileType::Regular) {
      if (bad) bad->push_back(std::move(path));
      continue;
    }
    std::string_view pf = std::string_view(e.name).substr(0, e.name.size() - kSuffix.size());
    std::optional<PfSplit> split = split_pf(pf);
    if (!split || split->package != package) {
      if (bad) bad->push_back(std::move(path));
      continue;
    }
    out.push_back({std::string(pf), split->version, std::move(path)});
  }
  std::sort(out.begin(), out.end(), [](const EbuildFile& a, const EbuildFile& b) { return a.version < b.version; });
  return out;
}

std::vector<std::string> Repository::cache_pfs(const std::string& category) const {
  std::vector<std::string> out;
  std::vector<DirEntry> entries;
  if (!fs_->list_dir(join_path(root_, join_path("metadata/md5-cache", category)), entries, nullptr)) return out;
  for (DirEntry& e : entries)
    if (e.type == FileType::Regular && e.name.front() != '.') out.push_back(std::move(e.name));
  return out;
}

std::string Repository::cache_path(const std::string& category, const std::string& pf) const {
  std::string out = "metadata/md5-cache/";
  out += category;
  out += '/';
  out += pf;
  return out;
}

bool Repository::has_ebuilds() const {
  std::call_once(ebuilds_once_, [this] {
    // A tree with ebuilds answers at its first package; proving that a
    // metadata-only tree has none lists every package directory, so the
    // categories are listed side by side.
    const std::vector<std::string> categories = category_dirs();
    std::atomic<bool> found{false};
    tbb::parallel_for(std::size_t{0}, categories.size(), [&](std::size_t i) {
      std::vector<DirEntry> entries;
      for (const std::string& pkg : package_dirs(categories[i])) {
        if (found.load(std::memory_order_relaxed)) return;
        if (!fs_->list_dir(join_path(root_, join_path(categories[i], pkg)), entries, nullptr)) continue;
        if (std::any_of(entries.begin(), entries.end(), [](const DirEntry& e) { return e.name.ends_with(".ebuild"); }))
          found = true;
      }
    });
    has_ebuilds_ = found;
  });
  return has_ebuilds_;
}

std::optional<std::string> find_repo_root(const FileSystem& fs, const std::string& path) {
  std::string dir = strip_trailing_slashes(path);
  if (dir.empty()) return std::nullopt;
  // Cuts the last component off `dir` in place ("/a" -> "/"); false at the top.
  auto to_parent = [&dir] {
    std::size_t slash = dir.rfind('/');
    if (dir == "/" || slash == std::string::npos) return false;
    dir.resize(slash == 0 ? 1 : slash);
    return true;
  };
  if (fs.stat(dir) == FileType::Regular && !to_parent()) dir.assign(1, '.');
  for (;;) {
    if (fs.stat(join_path(dir, "profiles/repo_name")) == FileType::Regular ||
        fs.stat(join_path(dir, "metadata/layout.conf")) == FileType::Regular)
      return dir;
    if (!to_parent()) return std::nullopt;
  }
}

namespace {

// INI sections "[name]" with "location = path"; later definitions win.
void parse_repos_conf(std::string_view content, std::map<std::string, std::string>& out) {
  std::string section;
  text::for_each_content_line(content, [&](int, std::string_view l) {
    if (l.front() == ';') return;
    if (l.front() == '[') {
      std::size_t close = l.find(']');
      section = close == std::string_view::npos ? std::string() : std::string(text::trim(l.substr(1, close - 1)));
      return;
    }
    if (section.empty() || section == "DEFAULT") return;
    std::size_t eq = l.find('=');
    if (eq == std::string_view::npos) return;
    if (text::trim(l.substr(0, eq)) != "location") return;
    std::string location = strip_trailing_slashes(std::string(text::trim(l.substr(eq + 1))));
    if (!location.empty()) out[section] = std::move(location);
  });
}

}  // namespace

std::map<std::string, std::string> read_repos_conf(const FileSystem& fs, const std::string& path) {
  std::map<std::string, std::string> out;
  std::string buf;
  FileType t = fs.stat(path);
  if (t == FileType::Regular) {
    if (fs.read_file(path, buf, nullptr)) parse_repos_conf(buf, out);
  } else if (t == FileType::Directory) {
    // Portage reads every *.conf file of the directory in name order.
    std::vector<DirEntry> entries;
    if (!fs.list_dir(path, entries, nullptr)) return out;
    for (const DirEntry& e : entries) {
      if (e.type != FileType::Regular || e.name.front() == '.' || !e.name.ends_with(".conf")) continue;
      if (fs.read_file(join_path(path, e.name), buf, nullptr)) parse_repos_conf(buf, out);
    }
  }
  return out;
}

}  // namespace pkgscan
