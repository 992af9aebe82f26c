// metadata/layout.conf: "key = value" lines.
#include <optional>
#include <set>

#include "pkgscan/repo.hpp"
#include "pkgscan/text_lines.hpp"

namespace pkgscan {

namespace {

std::vector<std::string> tokens(std::string_view value) {
  std::vector<std::string> out;
  for (std::string_view t : text::split_ws(value)) out.emplace_back(t);
  return out;
}

std::vector<std::string> upper_tokens(std::string_view value) {
  std::vector<std::string> out = tokens(value);
  for (std::string& t : out)
    for (char& c : t)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// "true"/"false" as Portage reads them (case-insensitive); anything else is an issue.
std::optional<bool> boolean(std::string_view value) {
  std::string v(value);
  for (char& c : v)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

}  // namespace

bool LayoutConf::has_profile_format(std::string_view f) const {
  for (const std::string& x : profile_formats)
    if (x == f) return true;
  return false;
}

LayoutConf parse_layout_conf(std::string_view content, const std::string& path, std::vector<RepoIssue>& issues) {
  LayoutConf conf;
  conf.cache_formats = {"md5-dict"};
  std::set<std::string, std::less<>> seen;
  std::optional<std::vector<std::string>> hashes, required;
  text::for_each_content_line(content, [&](int line, std::string_view l) {
    std::size_t eq = l.find('=');
    if (eq == std::string_view::npos) {
      issues.push_back({path, line, "line has no '=': '" + std::string(l) + "'"});
      return;
    }
    std::string_view key = text::trim(l.substr(0, eq));
    std::string_view value = text::trim(l.substr(eq + 1));
    if (key.empty()) {
      issues.push_back({path, line, "line has an empty key"});
      return;
    }
    if (!seen.emplace(key).second)
      issues.push_back({path, line, "key '" + std::string(key) + "' set again; the last value wins"});

    if (key == "repo-name") {
      conf.repo_name = std::string(value);
    } else if (key == "masters") {
      conf.masters = tokens(value);
      conf.masters_set = true;
    } else if (key == "cache-formats") {
      conf.cache_formats = tokens(value);
      for (const std::string& f : conf.cache_formats)
        if (f != "md5-dict" && f != "pms")
          issues.push_back({path, line, "unknown cache format '" + f + "'"});
    } else if (key == "eapis-banned") {
      conf.eapis_banned = tokens(value);
    } else if (key == "eapis-deprecated") {
      conf.eapis_deprecated = tokens(value);
    } else if (key == "eapis-testing") {
      conf.eapis_testing = tokens(value);
    } else if (key == "properties-allowed") {
      conf.properties_allowed = tokens(value);
    } else if (key == "restrict-allowed") {
      conf.restrict_allowed = tokens(value);
    } else if (key == "manifest-hashes") {
      hashes = upper_tokens(value);
    } else if (key == "manifest-required-hashes") {
      required = upper_tokens(value);
    } else if (key == "thin-manifests") {
      std::optional<bool> b = boolean(value);
      if (!b) issues.push_back({path, line, "thin-manifests: '" + std::string(value) + "' is neither true nor false"});
      conf.thin_manifests = b.value_or(false);
    } else if (key == "use-manifests") {
      if (value != "strict" && value != "true" && value != "false")
        issues.push_back({path, line, "use-manifests: '" + std::string(value) + "' is not strict, true or false"});
      else
        conf.use_manifests = std::string(value);
    } else if (key == "profile-formats") {
      conf.profile_formats = tokens(value);
    }
    // Other keys (sign-*, update-changelog, ...) are
    // legitimate and of no interest to the scanner.
  });
  if (hashes || required) {
    conf.manifest_hashes = hashes ? *hashes : *required;
    conf.manifest_required_hashes = required ? *required : *hashes;
  }
  return conf;
}

}  // namespace pkgscan
