// profiles/ of one repository: the list files a scanner needs.
#include <algorithm>
#include <charconv>
#include <optional>

#include "pkgscan/atom.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/text_lines.hpp"

namespace pkgscan {

namespace {

// Reads one profiles file. A missing file is normal (returns false quietly);
// an unreadable one is an issue.
struct Reader {
  const FileSystem& fs;
  const std::string& root;
  Profiles& out;
  std::string buf;

  bool read(const std::string& rel) {
    std::string abs = join_path(root, rel);
    FileType t = fs.stat(abs);
    if (t == FileType::Missing) return false;
    std::string err;
    if (t != FileType::Regular) {
      out.issues.push_back({rel, 0, "not a regular file"});
      return false;
    }
    if (!fs.read_file(abs, buf, &err)) {
      out.issues.push_back({rel, 0, err});
      return false;
    }
    return true;
  }

  void issue(const std::string& rel, int line, std::string message) {
    out.issues.push_back({rel, line, std::move(message)});
  }
};

// "name - text" (use.desc, desc/*.desc).
bool split_desc(std::string_view l, std::string& name, std::string& desc) {
  std::size_t sep = l.find(" - ");
  if (sep == std::string_view::npos) return false;
  name = std::string(text::trim(l.substr(0, sep)));
  desc = std::string(text::trim(l.substr(sep + 3)));
  return !name.empty() && name.find_first_of(" \t") == std::string::npos;
}

std::vector<std::string> read_list(Reader& r, const std::string& rel) {
  std::vector<std::string> out;
  if (!r.read(rel)) return out;
  text::for_each_content_line(r.buf, [&](int, std::string_view l) { out.emplace_back(l); });
  return out;
}

std::vector<ProfileLine> read_profile_lines(Reader& r, const std::string& rel) {
  std::vector<ProfileLine> out;
  if (!r.read(rel)) return out;
  text::for_each_content_line(r.buf, [&](int line, std::string_view l) { out.push_back({std::string(l), rel, line}); });
  return out;
}

void read_use_desc(Reader& r) {
  const std::string rel = "profiles/use.desc";
  if (!r.read(rel)) return;
  text::for_each_content_line(r.buf, [&](int line, std::string_view l) {
    std::string flag, desc;
    if (!split_desc(l, flag, desc)) {
      r.issue(rel, line, "expected 'flag - description'");
      return;
    }
    if (!r.out.use_desc.emplace(flag, desc).second) r.issue(rel, line, "flag '" + flag + "' described again");
  });
}

// "cat/pkg:flag - text"; the package part may be an atom ("<cat/pkg-2:flag").
void read_use_local_desc(Reader& r) {
  const std::string rel = "profiles/use.local.desc";
  if (!r.read(rel)) return;
  text::for_each_content_line(r.buf, [&](int line, std::string_view l) {
    std::string key, desc;
    std::size_t colon = std::string::npos;
    if (split_desc(l, key, desc)) colon = key.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == key.size()) {
      r.issue(rel, line, "expected 'category/package:flag - description'");
      return;
    }
    std::string package = key.substr(0, colon);
    auto atom = Atom::parse(package, Eapi::latest());
    if (!atom) {
      r.issue(rel, line, "'" + package + "' is not a package");
      return;
    }
    r.out.use_local_desc.push_back({atom->key(), key.substr(colon + 1), desc, line});
  });
}

void read_desc_dir(Reader& r) {
  std::vector<DirEntry> entries;
  std::string err;
  const std::string dir = "profiles/desc";
  if (r.fs.stat(join_path(r.root, dir)) != FileType::Directory) return;
  if (!r.fs.list_dir(join_path(r.root, dir), entries, &err)) {
    r.issue(dir, 0, err);
    return;
  }
  for (const DirEntry& e : entries) {
    constexpr std::string_view kSuffix = ".desc";
    if (e.type != FileType::Regular || !e.name.ends_with(kSuffix) || e.name.front() == '.') continue;
    std::string rel = dir + "/" + e.name;
    if (!r.read(rel)) continue;
    auto& values = r.out.use_expand_desc[e.name.substr(0, e.name.size() - kSuffix.size())];
    // File order matters: python_targets.desc lists implementations oldest first.
    text::for_each_content_line(r.buf, [&](int line, std::string_view l) {
      std::string value, desc;
      if (!split_desc(l, value, desc)) {
        r.issue(rel, line, "expected 'value - description'");
        return;
      }
      values.emplace_back(std::move(value), std::move(desc));
    });
  }
}

void read_license_groups(Reader& r) {
  const std::string rel = "profiles/license_groups";
  if (!r.read(rel)) return;
  text::for_each_content_line(r.buf, [&](int line, std::string_view l) {
    auto toks = text::split_ws(l);
    std::string group(toks.front());
    if (r.out.license_groups.count(group)) r.issue(rel, line, "license group '" + group + "' defined again");
    auto& members = r.out.license_groups[group];
    members.clear();
    for (std::size_t i = 1; i < toks.size(); ++i) members.emplace_back(toks[i]);
    if (members.empty()) r.issue(rel, line, "license group '" + group + "' has no members");
  });
}

void read_thirdpartymirrors(Reader& r) {
  const std::string rel = "profiles/thirdpartymirrors";
  if (!r.read(rel)) return;
  text::for_each_content_line(r.buf, [&](int line, std::string_view l) {
    auto toks = text::split_ws(l);
    if (toks.size() < 2) {
      r.issue(rel, line, "mirror '" + std::string(toks.front()) + "' has no URLs");
      return;
    }
    auto& urls = r.out.thirdpartymirrors[std::string(toks.front())];
    for (std::size_t i = 1; i < toks.size(); ++i) urls.emplace_back(toks[i]);
  });
}

// "1Q-2024" -> 2024 * 10 + 1; nullopt for any other shape.
std::optional<long> updates_key(std::string_view name) {
  if (name.size() < 4 || name[0] < '1' || name[0] > '4' || name[1] != 'Q' || name[2] != '-') return std::nullopt;
  std::string_view year = name.substr(3);
  long y = 0;
  auto [ptr, ec] = std::from_chars(year.data(), year.data() + year.size(), y);
  if (ec != std::errc() || ptr != year.data() + year.size() || year.size() != 4) return std::nullopt;
  return y * 10 + (name[0] - '0');
}

void read_updates(Reader& r) {
  const std::string dir = "profiles/updates";
  if (r.fs.stat(join_path(r.root, dir)) != FileType::Directory) return;
  std::vector<DirEntry> entries;
  std::string err;
  if (!r.fs.list_dir(join_path(r.root, dir), entries, &err)) {
    r.issue(dir, 0, err);
    return;
  }
  std::vector<std::string> names;
  for (const DirEntry& e : entries) {
    if (e.type != FileType::Regular || e.name.front() == '.') continue;
    if (!updates_key(e.name)) r.issue(dir + "/" + e.name, 0, "file name is not of the form <N>Q-<YYYY>");
    names.push_back(e.name);
  }
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return updates_name_less(a, b); });
  for (const std::string& name : names) {
    std::string rel = dir + "/" + name;
    if (!r.read(rel)) continue;
    text::for_each_content_line(r.buf, [&](int line, std::string_view l) {
      auto toks = text::split_ws(l);
      if (toks[0] == "move") {
        if (toks.size() != 3) {
          r.issue(rel, line, "'move' takes 2 arguments, got " + std::to_string(toks.size() - 1));
          return;
        }
        r.out.moves.push_back({std::string(toks[1]), std::string(toks[2]), rel, line});
      } else if (toks[0] == "slotmove") {
        if (toks.size() != 4) {
          r.issue(rel, line, "'slotmove' takes 3 arguments, got " + std::to_string(toks.size() - 1));
          return;
        }
        r.out.slotmoves.push_back({std::string(toks[1]), std::string(toks[2]), std::string(toks[3]), rel, line});
      } else {
        r.issue(rel, line, "unknown update command '" + std::string(toks[0]) + "'");
      }
    });
  }
}

}  // namespace

bool updates_name_less(std::string_view a, std::string_view b) {
  auto ka = updates_key(a), kb = updates_key(b);
  if (ka && kb) return *ka != *kb ? *ka < *kb : a < b;
  if (ka || kb) return ka.has_value();  // well-formed names first
  return a < b;
}

Profiles read_profiles(const FileSystem& fs, const std::string& root) {
  Profiles out;
  FileType t = fs.stat(join_path(root, "profiles"));
  if (t != FileType::Directory) {
    out.issues.push_back({"profiles", 0,
                          t == FileType::Missing ? "profiles/ directory is missing: no categories, USE descriptions or "
                                                   "package moves can be checked"
                                                 : "profiles is not a directory"});
    return out;
  }
  out.present = true;
  Reader r{fs, root, out, {}};

  if (r.read("profiles/repo_name")) {
    std::string_view first = r.buf;
    first = text::trim(first.substr(0, first.find('\n')));
    out.repo_name = std::string(first);
    if (out.repo_name.empty()) r.issue("profiles/repo_name", 1, "empty repository name");
  }
  out.categories = read_list(r, "profiles/categories");
  out.arches = read_list(r, "profiles/arch.list");
  read_use_desc(r);
  read_use_local_desc(r);
  read_desc_dir(r);
  read_license_groups(r);
  out.package_deprecated = read_profile_lines(r, "profiles/package.deprecated");
  out.package_mask = read_profile_lines(r, "profiles/package.mask");
  read_updates(r);
  read_thirdpartymirrors(r);
  // References such as ${USE_EXPAND} are kept as written: the few keys the
  // scanner reads from here (USE_EXPAND*, IUSE_IMPLICIT) do not need them.
  if (r.read("profiles/base/make.defaults"))
    for (const ShellAssignment& a : parse_make_defaults(r.buf, "profiles/base/make.defaults", out.issues))
      out.base_make_defaults[a.key] = a.written();
  return out;
}

}  // namespace pkgscan
