// change_targets: changed paths to packages, eclasses and repository files.
#include "change_targets.hpp"

#include "pkgscan/atom.hpp"

namespace pkgscan {

namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Directories at the top of a repository that hold no packages.
bool special_top(const std::string& name) {
  return name == "eclass" || name == "profiles" || name == "metadata" || name == "licenses" ||
         name == "scripts" || name[0] == '.';
}

void classify(const std::string& rel, ChangeTargets& out) {
  std::vector<std::string> parts = split(rel);
  if (parts.size() < 2) return;  // README, a top-level file
  const std::string& top = parts[0];
  if (top == "eclass") {
    if (parts.size() == 2 && ends_with(parts[1], ".eclass"))
      out.eclasses.insert(parts[1].substr(0, parts[1].size() - 7));
    return;
  }
  if (top == "metadata" && parts[1] == "md5-cache") {
    if (parts.size() == 4)
      if (auto split = split_pf(parts[3])) out.packages.emplace(parts[2], std::string(split->package));
    return;
  }
  if (top == "profiles" || top == "metadata" || top == "licenses") {
    out.repo_files = true;
    return;
  }
  if (special_top(top) || parts.size() < 3) return;  // cat/metadata.xml: no package
  if (!valid_package_name(parts[1])) return;
  out.packages.emplace(parts[0], parts[1]);
}

}  // namespace

std::vector<FileChange> changes_below(const std::vector<FileChange>& changes, const std::string& prefix) {
  std::vector<FileChange> out;
  auto strip = [&](const std::string& p, std::string& into) {
    if (p.compare(0, prefix.size(), prefix) != 0) return false;
    into = p.substr(prefix.size());
    return !into.empty();
  };
  for (const FileChange& c : changes) {
    FileChange r;
    r.status = c.status;
    bool in_new = strip(c.path, r.path);
    bool in_old = !c.old_path.empty() && strip(c.old_path, r.old_path);
    if (in_new && (c.old_path.empty() || in_old)) {
      out.push_back(std::move(r));
    } else if (in_new) {  // renamed in from outside: an addition here
      r.status = 'A';
      r.old_path.clear();
      out.push_back(std::move(r));
    } else if (in_old) {  // renamed out: a removal here
      out.push_back(FileChange{'D', r.old_path, {}});
    }
  }
  return out;
}

ChangeTargets change_targets(const std::vector<FileChange>& changes, const std::string& prefix) {
  ChangeTargets out;
  for (const FileChange& c : changes_below(changes, prefix)) {
    classify(c.path, out);
    if (!c.old_path.empty()) classify(c.old_path, out);
  }
  return out;
}

}  // namespace pkgscan
