// One profile directory: every file the engine knows, parsed once.
#include <algorithm>
#include <functional>

#include "pkgscan/text_lines.hpp"
#include "profiles_impl.hpp"

namespace pkgscan::profiles_detail {

namespace {

using text::split_ws;
using text::trim;

class NodeParser {
 public:
  NodeParser(const Repository& repo, ProfileNode& node) : repo_(repo), node_(node) {}

  void issue(LineOrigin at, std::string message) {
    node_.issues.push_back({&repo_, node_.files[at.file], at.line, std::move(message)});
  }
  void file_issue(const std::string& rel, std::string message) {
    node_.issues.push_back({&repo_, rel, 0, std::move(message)});
  }
  std::string rel(std::string_view name) const {
    return node_.rel_dir.empty() ? std::string(name) : node_.rel_dir + "/" + std::string(name);
  }
  // The type of a file of this directory, from its listing (no system call).
  FileType stat(std::string_view name) const {
    auto it = std::lower_bound(listing_.begin(), listing_.end(), name,
                               [](const DirEntry& e, std::string_view n) { return e.name < n; });
    return it != listing_.end() && it->name == name ? it->type : FileType::Missing;
  }

  // Calls fn(text, origin) for each line of profile file `name` that is not
  // blank once comments (from '#') are cut: the file itself, or the files of
  // a directory of that name (sorted, without dot-files and backups) where
  // directories are allowed. Returns false when there is no such file.
  bool each_line(std::string_view name, const std::function<void(std::string_view, LineOrigin)>& fn) {
    const std::string path = rel(name);
    FileType t = stat(name);
    if (t == FileType::Missing) return false;
    if (t == FileType::Regular) return read_lines(path, fn);
    if (t != FileType::Directory) {
      file_issue(path, "'" + path + "' is not a regular file or directory");
      return false;
    }
    if (!node_.directories_allowed) {
      file_issue(path, "'" + path + "' is a directory, but the repository's profile-formats (metadata/layout.conf) "
                       "lists neither portage-1 nor portage-2 and the profile EAPI is older than 7: not read");
      return false;
    }
    std::vector<DirEntry> entries;
    std::string err;
    if (!repo_.fs().list_dir(repo_.abs(path), entries, &err)) {
      file_issue(path, "cannot list '" + path + "': " + err);
      return false;
    }
    for (const DirEntry& e : entries) {
      if (e.name.empty() || e.name.front() == '.' || e.name.back() == '~') continue;
      if (e.type == FileType::Regular) read_lines(path + "/" + e.name, fn);
      else if (e.type == FileType::Other)
        file_issue(path + "/" + e.name, "'" + path + "/" + e.name + "': " + (e.problem.empty() ? "not a file" : e.problem));
      // Subdirectories are not part of a directory-form file (PMS).
    }
    return true;
  }

  bool read_file(const std::string& path, std::string& out) {
    std::string err;
    if (!repo_.fs().read_file(repo_.abs(path), out, &err)) {
      file_issue(path, "cannot read '" + path + "': " + (err.empty() ? "unreadable" : err));
      return false;
    }
    return true;
  }

  std::uint32_t add_file(const std::string& path) {
    node_.files.push_back(path);
    return static_cast<std::uint32_t>(node_.files.size() - 1);
  }

  void parse_eapi() {
    node_.eapi = default_eapi_;
    const std::string path = rel("eapi");
    FileType t = stat("eapi");
    if (t == FileType::Missing) return;
    if (t != FileType::Regular) {
      file_issue(path, "'" + path + "' is not a regular file");
      return;
    }
    node_.has_eapi_file = true;
    std::vector<std::pair<std::string, LineOrigin>> lines;
    read_lines(path, [&](std::string_view l, LineOrigin at) { lines.emplace_back(std::string(l), at); });
    if (lines.empty()) {
      file_issue(path, "'" + path + "' is empty");
      return;
    }
    if (lines.size() > 1) issue(lines[1].second, "eapi file has more than one line");
    node_.eapi_text = lines[0].first;
    node_.eapi = Eapi::parse(node_.eapi_text);
    if (!node_.eapi) issue(lines[0].second, "unsupported profile EAPI '" + node_.eapi_text + "'");
  }

  void parse_flags(std::string_view token, LineOrigin at, std::vector<FlagLine>& out) {
    bool negated = token.front() == '-';
    std::string_view name = negated ? token.substr(1) : token;
    if (name.empty()) {
      issue(at, "empty negation '-'");
    } else if (name.back() == ':') {
      issue(at, "USE_EXPAND syntax '" + std::string(name) + "' is invalid in this file");
    } else if (!valid_use_flag(name)) {
      issue(at, "invalid USE flag '" + std::string(name) + "'");
    } else {
      out.push_back({Symbol::intern(name), negated, at});
    }
  }

  void flag_file(std::string_view name, std::vector<FlagLine>& out) {
    each_line(name, [&](std::string_view l, LineOrigin at) {
      for (std::string_view tok : split_ws(l)) parse_flags(tok, at, out);
    });
  }

  std::optional<Atom> parse_atom(std::string_view text, LineOrigin at) {
    ParseError err;
    auto atom = Atom::parse(text, atom_eapi(), &err);
    if (!atom) {
      issue(at, "invalid atom '" + std::string(text) + "': " + (err.message.empty() ? "unparseable" : err.message));
      return std::nullopt;
    }
    if (atom->blocker != Blocker::None) {
      issue(at, "blocker '" + std::string(text) + "' is not allowed here");
      return std::nullopt;
    }
    return atom;
  }

  void atom_file(std::string_view name, std::vector<AtomLine>& out) {
    each_line(name, [&](std::string_view l, LineOrigin at) {
      auto toks = split_ws(l);
      if (toks.size() != 1) {
        issue(at, "expected one atom per line, got '" + std::string(l) + "'");
        return;
      }
      std::string_view tok = toks[0];
      bool negated = tok.front() == '-';
      if (negated) tok.remove_prefix(1);
      if (tok.empty()) {
        issue(at, "empty negation '-'");
        return;
      }
      if (auto atom = parse_atom(tok, at)) out.push_back({std::move(*atom), negated, at});
    });
  }

  void package_flags_file(std::string_view name, std::vector<PackageFlagsLine>& out) {
    each_line(name, [&](std::string_view l, LineOrigin at) {
      auto toks = split_ws(l);
      auto atom = parse_atom(toks[0], at);
      if (!atom) return;
      if (toks.size() < 2) {
        issue(at, "missing USE flags for '" + std::string(toks[0]) + "'");
        return;
      }
      PackageFlagsLine line{std::move(*atom), {}, at};
      for (std::size_t i = 1; i < toks.size(); ++i) parse_flags(toks[i], at, line.flags);
      if (!line.flags.empty()) out.push_back(std::move(line));
    });
  }

  // The stable variants need a node EAPI of 5 or later (PMS); older nodes
  // do not read them, which is said once per file.
  bool stable_files_allowed(std::string_view name) {
    if (!node_.eapi || node_.eapi->number() >= 5) return true;
    if (stat(name) != FileType::Missing)
      file_issue(rel(name), "'" + rel(name) + "' needs profile EAPI 5 or later, but the directory's EAPI is " +
                                std::to_string(node_.eapi->number()) +
                                (node_.has_eapi_file ? "" : " (no eapi file)") + ": not read");
    return false;
  }

  void packages_file() {
    const bool profile_set = repo_.layout().has_profile_format("profile-set");
    each_line("packages", [&](std::string_view l, LineOrigin at) {
      auto toks = split_ws(l);
      if (toks.size() != 1) {
        issue(at, "expected one entry per line, got '" + std::string(l) + "'");
        return;
      }
      std::string_view tok = toks[0];
      PackagesLine line;
      line.at = at;
      if (tok == "-*") {
        line.negated = true;
        node_.packages.push_back(std::move(line));
        return;
      }
      if (tok.front() == '-') {
        line.negated = true;
        tok.remove_prefix(1);
      }
      if (!tok.empty() && tok.front() == '*') {
        line.system = true;
        tok.remove_prefix(1);
      } else if (!profile_set) {
        issue(at, "'" + std::string(l) + "': an entry without '*' only means something with profile-formats = "
                  "profile-set");
      }
      if (tok.empty()) {
        issue(at, "empty entry '" + std::string(l) + "'");
        return;
      }
      line.atom = parse_atom(tok, at);
      if (line.atom) node_.packages.push_back(std::move(line));
    });
  }

  void provided_file() {
    if (node_.eapi && node_.eapi->number() >= 7) {
      if (stat("package.provided") != FileType::Missing)
        file_issue(rel("package.provided"),
                   "'" + rel("package.provided") + "' is not allowed in profile EAPI 7 and later: not read");
      return;
    }
    each_line("package.provided", [&](std::string_view l, LineOrigin at) {
      for (std::string_view tok : split_ws(l)) {
        std::size_t slash = tok.find('/');
        std::optional<PfSplit> pf;
        if (slash != std::string_view::npos && valid_category_name(tok.substr(0, slash)))
          pf = split_pf(tok.substr(slash + 1));
        if (!pf) {
          issue(at, "invalid package.provided entry '" + std::string(tok) + "': expected category/package-version");
          continue;
        }
        node_.package_provided.push_back(
            {Symbol::intern(tok.substr(0, slash)), Symbol::intern(pf->package), pf->version, at});
      }
    });
  }

  void make_defaults_file() {
    const std::string path = rel("make.defaults");
    FileType t = stat("make.defaults");
    if (t == FileType::Missing) return;
    if (t != FileType::Regular) {
      file_issue(path, "'" + path + "' is not a regular file");
      return;
    }
    std::string text;
    if (!read_file(path, text)) return;
    node_.make_defaults_file = add_file(path);
    std::vector<RepoIssue> issues;
    node_.make_defaults = parse_make_defaults(text, path, issues);
    for (RepoIssue& i : issues) node_.issues.push_back({&repo_, std::move(i.path), i.line, std::move(i.message)});
  }

  void parent_file() {
    bool present = each_line("parent", [&](std::string_view l, LineOrigin at) {
      node_.parent_lines.push_back({std::string(l), at});
    });
    if (present && node_.parent_lines.empty()) file_issue(rel("parent"), "'" + rel("parent") + "' is empty");
  }

  void deprecated_file() {
    const std::string path = rel("deprecated");
    if (stat("deprecated") != FileType::Regular) return;
    std::string text;
    if (!read_file(path, text)) return;
    add_file(path);
    // The first line names the replacement, as written: no comments here (PMS).
    node_.deprecated = std::string(trim(std::string_view(text).substr(0, text.find('\n'))));
  }

  void parse(Eapi default_eapi) {
    default_eapi_ = default_eapi;
    std::string err;
    FileType t = repo_.fs().stat(repo_.abs(node_.rel_dir));
    node_.exists = t == FileType::Directory;
    if (!node_.exists) return;
    if (!repo_.fs().list_dir(repo_.abs(node_.rel_dir), listing_, &err)) {
      file_issue(node_.rel_dir, "cannot list '" + node_.rel_dir + "': " + err);
      return;
    }
    std::sort(listing_.begin(), listing_.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    for (const DirEntry& e : listing_) node_.entries.push_back(e.name);

    parse_eapi();
    const LayoutConf& layout = repo_.layout();
    node_.directories_allowed = layout.has_profile_format("portage-1") || layout.has_profile_format("portage-2") ||
                                (node_.eapi && node_.eapi->number() >= 7);

    parent_file();
    deprecated_file();
    make_defaults_file();
    flag_file("use.mask", node_.use_mask);
    flag_file("use.force", node_.use_force);
    if (stable_files_allowed("use.stable.mask")) flag_file("use.stable.mask", node_.use_stable_mask);
    if (stable_files_allowed("use.stable.force")) flag_file("use.stable.force", node_.use_stable_force);
    package_flags_file("package.use", node_.package_use);
    package_flags_file("package.use.mask", node_.package_use_mask);
    package_flags_file("package.use.force", node_.package_use_force);
    if (stable_files_allowed("package.use.stable.mask"))
      package_flags_file("package.use.stable.mask", node_.package_use_stable_mask);
    if (stable_files_allowed("package.use.stable.force"))
      package_flags_file("package.use.stable.force", node_.package_use_stable_force);
    atom_file("package.mask", node_.package_mask);
    atom_file("package.unmask", node_.package_unmask);
    atom_file("package.deprecated", node_.package_deprecated);
    packages_file();
    provided_file();
    index_lines(node_.package_use_mask, node_.index_use_mask);
    index_lines(node_.package_use_force, node_.index_use_force);
    index_lines(node_.package_use_stable_mask, node_.index_use_stable_mask);
    index_lines(node_.package_use_stable_force, node_.index_use_stable_force);
    last_words(node_.use_mask, node_.words_use_mask);
    last_words(node_.use_force, node_.words_use_force);
    last_words(node_.use_stable_mask, node_.words_use_stable_mask);
    last_words(node_.use_stable_force, node_.words_use_stable_force);
  }

  static void last_words(const std::vector<FlagLine>& lines, ProfileNode::FlagWords& words) {
    for (const FlagLine& l : lines) words.emplace_back(l.flag, !l.negated);
    // Stable: equal flags stay in file order, and the last of each is kept.
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first.id() < b.first.id(); });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i + 1 < words.size() && words[i + 1].first == words[i].first) continue;
      words[kept++] = words[i];
    }
    words.resize(kept);
  }

  static void index_lines(const std::vector<PackageFlagsLine>& lines, ProfileNode::LineIndex& index) {
    for (std::uint32_t i = 0; i < lines.size(); ++i)
      index.emplace_back((static_cast<std::uint64_t>(lines[i].atom.category.id()) << 32) | lines[i].atom.package.id(), i);
    std::sort(index.begin(), index.end());
  }

 private:
  Eapi atom_eapi() const { return node_.eapi.value_or(Eapi::latest()); }

  bool read_lines(const std::string& path, const std::function<void(std::string_view, LineOrigin)>& fn) {
    std::string text;
    if (!read_file(path, text)) return false;
    const std::uint32_t file = add_file(path);
    std::string_view rest = text;
    int line = 0;
    while (!rest.empty()) {
      ++line;
      std::size_t nl = rest.find('\n');
      std::string_view l = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      // Comments run from '#' to the end of the line, as pkgcore reads them.
      if (std::size_t hash = l.find('#'); hash != std::string_view::npos) l = l.substr(0, hash);
      l = trim(l);
      if (!l.empty()) fn(l, LineOrigin{file, line});
    }
    return true;
  }

  const Repository& repo_;
  ProfileNode& node_;
  Eapi default_eapi_ = Eapi::of(0);
  std::vector<DirEntry> listing_;  // the directory's entries, sorted by name
};

}  // namespace

std::unique_ptr<ProfileNode> parse_node(const Repository& repo, const std::string& path, Eapi default_eapi) {
  auto node = std::make_unique<ProfileNode>();
  node->repo = &repo;
  node->path = path;
  node->rel_dir = path.empty() ? "profiles" : "profiles/" + path;
  NodeParser(repo, *node).parse(default_eapi);
  return node;
}

std::optional<std::string> normalize_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(i, slash - i);
    i = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

}  // namespace pkgscan::profiles_detail
