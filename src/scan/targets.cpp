// Targets: nothing (the repo, category or package around the current
// directory), a path inside the repository, pkg, cat/pkg, cat/*, or an atom.
#include "targets.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "pkgscan/repo.hpp"

namespace pkgscan {

namespace {

std::string absolute(const std::string& path, const std::string& cwd) {
  std::string p = path.empty() || path[0] == '/' ? path : join_path(cwd, path);
  // Normalise "." and ".." components and trailing slashes.
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string part = p.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& part : parts) out += "/" + part;
  return out.empty() ? "/" : out;
}

// A path inside the repository, relative to its root, as a filter.
std::optional<TargetFilter> filter_for_path(const std::string& rel, bool& whole) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < rel.size()) {
    std::size_t j = rel.find('/', i);
    if (j == std::string::npos) j = rel.size();
    if (j > i) parts.push_back(rel.substr(i, j - i));
    i = j + 1;
  }
  TargetFilter f;
  if (parts.empty() || parts[0] == "profiles" || parts[0] == "eclass" || parts[0] == "licenses" ||
      (parts[0] == "metadata" && (parts.size() < 3 || parts[1] != "md5-cache"))) {
    whole = true;  // repository-wide files affect every package
    return f;
  }
  if (parts[0] == "metadata") {  // metadata/md5-cache/cat[/pf]
    f.category = parts[2];
    if (parts.size() >= 4) {
      auto split = split_pf(parts[3]);
      if (!split) return std::nullopt;
      f.package = std::string(split->package);
      f.pf = parts[3];
    }
    return f;
  }
  f.category = parts[0];
  if (parts.size() >= 2) f.package = parts[1];
  if (parts.size() >= 3) {
    const std::string& file = parts[2];
    const std::string suffix = ".ebuild";
    if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
      f.pf = file.substr(0, file.size() - suffix.size());
  }
  return f;
}

}  // namespace

bool TargetFilter::selects_package(std::string_view category, std::string_view package) const {
  std::string c(category), p(package);
  return fnmatch(this->category.c_str(), c.c_str(), 0) == 0 && fnmatch(this->package.c_str(), p.c_str(), 0) == 0;
}

bool ResolvedTargets::selects_package(std::string_view category, std::string_view package) const {
  return std::any_of(filters.begin(), filters.end(),
                     [&](const TargetFilter& f) { return f.selects_package(category, package); });
}

bool ResolvedTargets::selects_version(std::string_view category, std::string_view package, const std::string& pf,
                                      const Version& v) const {
  std::string c(category), p(package);
  for (const TargetFilter& f : filters) {
    if (fnmatch(f.category.c_str(), c.c_str(), 0) != 0 || fnmatch(f.package.c_str(), p.c_str(), 0) != 0) continue;
    if (!f.pf.empty() && f.pf != pf) continue;
    if (f.atom && !f.atom->matches_version(v)) continue;
    return true;
  }
  return false;
}

ResolvedTargets resolve_targets(const FileSystem& fs, const std::vector<std::string>& targets,
                                const std::string& repo_opt, const std::string& cwd) {
  ResolvedTargets out;
  // The repository: -r, else the first target that is an existing path, else the cwd.
  std::string anchor;
  if (!repo_opt.empty()) {
    anchor = absolute(repo_opt, cwd);
  } else {
    for (const std::string& t : targets)
      if (fs.stat(absolute(t, cwd)) != FileType::Missing) {
        anchor = absolute(t, cwd);
        break;
      }
    if (anchor.empty()) anchor = absolute(cwd, "/");
  }
  auto root = find_repo_root(fs, anchor);
  if (!root) {
    out.errors.push_back("not inside an ebuild repository: " + anchor +
                         " (no profiles/repo_name or metadata/layout.conf above it; use -r REPO)");
    return out;
  }
  out.repo_root = *root;

  auto relative_to_root = [&](const std::string& abs) -> std::optional<std::string> {
    if (abs == out.repo_root) return std::string();
    if (abs.compare(0, out.repo_root.size() + 1, out.repo_root + "/") == 0) return abs.substr(out.repo_root.size() + 1);
    return std::nullopt;
  };

  std::vector<std::string> effective = targets;
  if (effective.empty()) {
    // No target: the repo, category or package containing the current directory
    // (the whole repository when -r points elsewhere).
    std::string here = absolute(cwd, "/");
    auto rel = relative_to_root(here);
    effective.push_back(rel ? here : out.repo_root);
  }
  for (const std::string& t : effective) {
    std::string abs = absolute(t, cwd);
    FileType type = fs.stat(abs);
    // Not a path here, but one inside the repository (`-r REPO app-misc`,
    // `-r REPO app-misc/jq/jq-1.8.2.ebuild`): what the user meant.
    if (type == FileType::Missing && !t.empty() && t[0] != '/') {
      std::string inside = absolute(t, out.repo_root);
      if ((type = fs.stat(inside)) != FileType::Missing) abs = std::move(inside);
    }
    if (type != FileType::Missing) {
      auto rel = relative_to_root(abs);
      if (!rel) {
        out.errors.push_back("target " + t + " is outside the repository " + out.repo_root);
        continue;
      }
      bool whole = false;
      auto f = filter_for_path(*rel, whole);
      if (!f) {
        out.errors.push_back("target " + t + ": not a package, category or ebuild path");
        continue;
      }
      out.whole_repo |= whole;
      out.filters.push_back(*f);
      continue;
    }
    // Not a path: cat/pkg, cat/*, */pkg, or an atom with an operator.
    TargetFilter f;
    char c0 = t.empty() ? 0 : t[0];
    if (c0 == '=' || c0 == '<' || c0 == '>' || c0 == '~') {
      ParseError err;
      auto atom = Atom::parse(t, Eapi::latest(), &err);
      if (!atom) {
        out.errors.push_back("target " + t + ": " + err.message);
        continue;
      }
      f.category = std::string(atom->category.str());
      f.package = std::string(atom->package.str());
      f.atom = std::move(*atom);
    } else {
      auto slash = t.find('/');
      if (slash == std::string::npos && valid_package_name(t)) {
        f.package = t;  // a bare package name: that package in any category
        f.typed = t;
        out.filters.push_back(std::move(f));
        continue;
      }
      if (slash == std::string::npos || t.find('/', slash + 1) != std::string::npos) {
        out.errors.push_back("target " + t + ": no such path, and not pkg, cat/pkg, cat/* or an atom");
        continue;
      }
      f.category = t.substr(0, slash);
      f.package = t.substr(slash + 1);
      if (f.category.empty() || f.package.empty()) {
        out.errors.push_back("target " + t + ": empty category or package");
        continue;
      }
    }
    f.typed = t;
    out.filters.push_back(std::move(f));
  }
  if (out.whole_repo) {
    out.filters.assign(1, TargetFilter{});
  } else if (out.filters.size() == 1 && out.filters[0].category == "*" && out.filters[0].package == "*" &&
             out.filters[0].pf.empty() && !out.filters[0].atom) {
    out.whole_repo = true;
  }
  return out;
}

}  // namespace pkgscan
