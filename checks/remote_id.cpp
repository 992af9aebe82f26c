// remote-id value rules and URL inference (see remote_id.hpp). The rules are
// anchored prefix matches on the URL; they are written as small functions
// rather than regular expressions because cargo ebuilds carry thousands of
// crate URLs per version and each URL meets every rule.
#include "remote_id.hpp"

#include <array>

namespace pkgscan::remote_id {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;  // Python's \w takes Unicode letters
}

// "a/b/c" -> {"a", "b", "c"}; empty components kept.
std::vector<std::string_view> components(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = s.find('/', start);
    out.push_back(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

std::size_t count(std::string_view s, char c) {
  std::size_t n = 0;
  for (char x : s) n += x == c;
  return n;
}

// ^[^/]+$, ^[^/]+/[^/]+$ and ^([^/]+/)*[^/]+/[^/]+$
bool n_components(std::string_view v, std::size_t min, std::size_t max) {
  auto parts = components(v);
  if (parts.size() < min || parts.size() > max) return false;
  for (std::string_view p : parts)
    if (p.empty()) return false;
  return true;
}

// --- URL rules -----------------------------------------------------------------

// The path after "https://<host>/", or nullopt when the URL has another start.
std::optional<std::string_view> after(std::string_view url, std::string_view prefix) {
  if (!url.starts_with(prefix)) return std::nullopt;
  return url.substr(prefix.size());
}

// [^/]+ at the start of `rest`.
std::optional<std::string> first_component(std::string_view rest) {
  std::string_view c = rest.substr(0, rest.find('/'));
  if (c.empty()) return std::nullopt;
  return std::string(c);
}

// [^/]+/[^/]+ at the start of `rest`.
std::optional<std::string> two_components(std::string_view rest) {
  std::size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
  std::string_view second = rest.substr(slash + 1);
  second = second.substr(0, second.find('/'));
  if (second.empty()) return std::nullopt;
  return std::string(rest.substr(0, slash + 1 + second.size()));
}

// GitLab-style project paths, ((?!api/)\w[^/]*/)+(?!raw/)\w[^/]*: one or more
// groups (none of them "api") and a project name (not "raw" followed by more
// path), as many groups as possible.
std::optional<std::string> gitlab_path(std::string_view rest) {
  auto parts = components(rest);
  // Leading components that may be groups: start with a word character, are
  // not "api", and have a slash after them.
  std::size_t groups = 0;
  while (groups + 1 < parts.size() && !parts[groups].empty() && word_char(parts[groups][0]) && parts[groups] != "api")
    ++groups;
  for (std::size_t k = groups; k >= 1; --k) {
    std::string_view last = parts[k];
    bool more = k + 1 < parts.size();
    if (last.empty() || !word_char(last[0]) || (last == "raw" && more)) continue;
    std::size_t len = 0;
    for (std::size_t i = 0; i <= k; ++i) len += parts[i].size() + (i < k ? 1 : 0);
    return std::string(rest.substr(0, len));
  }
  return std::nullopt;
}

std::optional<std::string> bitbucket(std::string_view u) {
  auto r = after(u, "https://bitbucket.org/");
  return r ? two_components(*r) : std::nullopt;
}
std::optional<std::string> codeberg(std::string_view u) {
  auto r = after(u, "https://codeberg.org/");
  return r ? two_components(*r) : std::nullopt;
}
std::optional<std::string> freedesktop(std::string_view u) {
  auto r = after(u, "https://gitlab.freedesktop.org/");
  return r ? gitlab_path(*r) : std::nullopt;
}
std::optional<std::string> github(std::string_view u) {
  auto r = after(u, "https://github.com/");
  return r ? two_components(*r) : std::nullopt;
}
std::optional<std::string> gitlab(std::string_view u) {
  auto r = after(u, "https://gitlab.com/");
  return r ? gitlab_path(*r) : std::nullopt;
}
std::optional<std::string> gnome(std::string_view u) {
  auto r = after(u, "https://gitlab.gnome.org/");
  return r ? gitlab_path(*r) : std::nullopt;
}
std::optional<std::string> heptapod(std::string_view u) {
  auto r = after(u, "https://foss.heptapod.net/");
  return r ? gitlab_path(*r) : std::nullopt;
}
std::optional<std::string> kde(std::string_view u) {
  auto r = after(u, "https://invent.kde.org/");
  return r ? gitlab_path(*r) : std::nullopt;
}
std::optional<std::string> launchpad(std::string_view u) {
  auto r = after(u, "https://launchpad.net/");
  return r ? first_component(*r) : std::nullopt;
}
std::optional<std::string> pypi_project(std::string_view u) {
  auto r = after(u, "https://pypi.org/project/");
  return r ? first_component(*r) : std::nullopt;
}
// https://files.pythonhosted.org/packages/source/<one character>/<name>
std::optional<std::string> pypi_files(std::string_view u) {
  auto r = after(u, "https://files.pythonhosted.org/packages/source/");
  if (!r || r->size() < 2 || (*r)[0] == ' ' || (*r)[0] == '\t' || (*r)[0] == '\n' || (*r)[1] != '/') return std::nullopt;
  return first_component(r->substr(2));
}
std::optional<std::string> savannah(std::string_view u) {
  auto r = after(u, "https://savannah.gnu.org/projects/");
  return r ? first_component(*r) : std::nullopt;
}
std::optional<std::string> savannah_nongnu(std::string_view u) {
  auto r = after(u, "https://savannah.nongnu.org/projects/");
  return r ? first_component(*r) : std::nullopt;
}
// https://downloads.sourceforge.(net|io)/[project/]<name>
std::optional<std::string> sourceforge_downloads(std::string_view u) {
  auto r = after(u, "https://downloads.sourceforge.net/");
  if (!r) r = after(u, "https://downloads.sourceforge.io/");
  if (!r) return std::nullopt;
  if (r->starts_with("project/"))
    if (auto v = first_component(r->substr(8))) return v;
  return first_component(*r);
}
// https://sourceforge.(net|io)/projects/<name>
std::optional<std::string> sourceforge_projects(std::string_view u) {
  auto r = after(u, "https://sourceforge.net/projects/");
  if (!r) r = after(u, "https://sourceforge.io/projects/");
  return r ? first_component(*r) : std::nullopt;
}
// https://<name>.sourceforge.(net|io)/ -- which also reads the "download"
// of download.sourceforge.net as a project, as pkgcheck does.
std::optional<std::string> sourceforge_host(std::string_view u) {
  auto r = after(u, "https://");
  if (!r) return std::nullopt;
  std::size_t slash = r->find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view host = r->substr(0, slash);
  for (std::string_view suffix : {".sourceforge.net", ".sourceforge.io"})
    if (host.size() > suffix.size() && host.ends_with(suffix)) return std::string(host.substr(0, host.size() - suffix.size()));
  return std::nullopt;
}
std::optional<std::string> sourcehut(std::string_view u) {
  auto r = after(u, "https://sr.ht/");
  return r ? two_components(*r) : std::nullopt;
}

}  // namespace

std::optional<std::string_view> invalid(std::string_view type, std::string_view v) {
  static constexpr std::array<std::string_view, 13> kOne = {"cpan",      "cpan-module", "cran", "ctan", "google-code",
                                                            "osdn",      "pear",        "pecl", "pypi", "rubygems",
                                                            "sourceforge", "savannah",  "savannah-nongnu"};
  for (std::string_view t : kOne)
    if (type == t) return n_components(v, 1, 1) ? std::nullopt : std::optional<std::string_view>("{project}");
  if (type == "launchpad")
    return n_components(v, 1, 1) && !v.starts_with("lp:") ? std::nullopt : std::optional<std::string_view>("{project}");
  if (type == "github" || type == "codeberg" || type == "bitbucket")
    return n_components(v, 2, 2) ? std::nullopt : std::optional<std::string_view>("{username}/{project}");
  if (type == "gitlab" || type == "heptapod" || type == "freedesktop-gitlab" || type == "gnome-gitlab" ||
      type == "kde-invent")
    return n_components(v, 2, count(v, '/') + 1) ? std::nullopt
                                                 : std::optional<std::string_view>("{username}/[{group}/...]{repo}");
  if (type == "sourcehut")
    return n_components(v, 2, 2) && v.starts_with('~') && v.size() > 1 && v[1] != '/'
               ? std::nullopt
               : std::optional<std::string_view>("~{username}/{project}");
  if (type == "gentoo")
    return n_components(v, 1, count(v, '/') + 1) && !v.ends_with(".git")
               ? std::nullopt
               : std::optional<std::string_view>("[{group}/...]{repo}");
  if (type == "vim") {
    bool ok = !v.empty() && v[0] >= '1' && v[0] <= '9';
    for (char c : v) ok = ok && c >= '0' && c <= '9';
    return ok ? std::nullopt : std::optional<std::string_view>("{script_id}");
  }
  if (type == "cpe") {
    // cpe:/[aho]:vendor:product
    bool ok = v.size() > 7 && v.starts_with("cpe:/") && (v[5] == 'a' || v[5] == 'h' || v[5] == 'o') && v[6] == ':';
    if (ok) {
      std::string_view rest = v.substr(7);
      std::size_t colon = rest.find(':');
      ok = colon != std::string_view::npos && colon > 0 && colon + 1 < rest.size() &&
           rest.find(':', colon + 1) == std::string_view::npos;
    }
    return ok ? std::nullopt : std::optional<std::string_view>("cpe:/[aho]:{vendor}:{product}");
  }
  return std::nullopt;  // hackage and unknown types: no rule
}

const std::vector<Rule>& inference_rules() {
  static const std::vector<Rule> rules = {
      {"bitbucket", bitbucket},       {"codeberg", codeberg},
      {"freedesktop-gitlab", freedesktop}, {"github", github},
      {"gitlab", gitlab},             {"gnome-gitlab", gnome},
      {"heptapod", heptapod},         {"kde-invent", kde},
      {"launchpad", launchpad},       {"pypi", pypi_project},
      {"pypi", pypi_files},           {"savannah", savannah},
      {"savannah-nongnu", savannah_nongnu}, {"sourceforge", sourceforge_downloads},
      {"sourceforge", sourceforge_projects}, {"sourceforge", sourceforge_host},
      {"sourcehut", sourcehut},
  };
  return rules;
}

bool recognised(std::string_view url) {
  // Every rule wants https:// and one of a few hosts: most URLs (crates,
  // plain project sites) are turned away by the host alone.
  constexpr std::string_view kScheme = "https://";
  if (!url.starts_with(kScheme)) return false;
  std::string_view host = url.substr(kScheme.size());
  host = host.substr(0, host.find('/'));
  static constexpr std::string_view kHosts[] = {
      "bitbucket.org",        "codeberg.org",        "gitlab.freedesktop.org", "github.com",     "gitlab.com",
      "gitlab.gnome.org",     "foss.heptapod.net",   "invent.kde.org",         "launchpad.net",  "pypi.org",
      "files.pythonhosted.org", "savannah.gnu.org",  "savannah.nongnu.org",    "sourceforge.net", "sourceforge.io",
      "sr.ht"};
  bool known = host.ends_with(".sourceforge.net") || host.ends_with(".sourceforge.io");
  for (std::string_view h : kHosts) known = known || host == h;
  if (!known) return false;
  for (const Rule& rule : inference_rules())
    if (rule.match(url)) return true;
  return false;
}

std::vector<std::string> src_uri_urls(std::string_view s, const std::map<std::string, std::vector<std::string>>& mirrors) {
  std::vector<std::string> out;
  // Open groups, innermost last: true when the group is USE-conditional.
  std::vector<bool> groups;
  int conditional = 0;  // conditional groups open
  bool after_condition = false, skip_next = false;
  auto keep = [](std::string_view url) {
    return !url.ends_with(".patch") && !url.ends_with(".diff") && url.find("-crates.tar") == std::string_view::npos &&
           url.find("-deps.tar") == std::string_view::npos && url.find("-vendor.tar") == std::string_view::npos;
  };
  // Large SRC_URIs (cargo: thousands of crate URLs, megabytes in a big
  // tree) make this loop hot. Cache values separate tokens with single
  // spaces, so tokens are found with memchr; other whitespace, if any, is
  // turned into spaces first.
  std::string normalised;
  // (find_first_of would call memchr once per byte: three SIMD scans instead.)
  if (s.find('\t') != std::string_view::npos || s.find('\n') != std::string_view::npos ||
      s.find('\r') != std::string_view::npos) {
    normalised.assign(s);
    for (char& c : normalised)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    s = normalised;
  }
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t stop = s.find(' ', pos);
    if (stop == std::string_view::npos) stop = s.size();
    std::string_view tok = s.substr(pos, stop - pos);
    pos = stop + 1;
    if (tok.empty()) continue;
    if (skip_next) {  // the file name after "->"
      skip_next = false;
      continue;
    }
    if (tok.size() == 1 && tok[0] == '(') {
      groups.push_back(after_condition);
      conditional += after_condition;
      after_condition = false;
      continue;
    }
    after_condition = false;
    if (tok.size() == 1 && tok[0] == ')') {
      if (!groups.empty()) {
        conditional -= groups.back();
        groups.pop_back();
      }
      continue;
    }
    if (tok.back() == '?') {
      after_condition = true;
      continue;
    }
    if (tok == "->") {
      skip_next = true;
      continue;
    }
    if (conditional > 0) continue;
    // EAPI 8 fetch+/mirror+ prefixes do not change where a file comes from.
    if (tok.starts_with("fetch+")) tok.remove_prefix(6);
    else if (tok.starts_with("mirror+")) tok.remove_prefix(7);
    if (tok.starts_with("mirror://")) {
      std::string_view rest = tok.substr(9);
      std::size_t slash = rest.find('/');
      if (slash == std::string_view::npos) continue;
      auto it = mirrors.find(std::string(rest.substr(0, slash)));
      if (it == mirrors.end()) continue;
      std::string_view path = rest.substr(slash + 1);
      for (const std::string& base : it->second) {
        std::string url = base;
        if (!url.empty() && url.back() == '/') url.pop_back();
        url += "/";
        url += path;
        if (recognised(url) && keep(url)) out.push_back(std::move(url));
      }
      continue;
    }
    if (recognised(tok) && keep(tok)) out.emplace_back(tok);
  }
  return out;
}

}  // namespace pkgscan::remote_id
