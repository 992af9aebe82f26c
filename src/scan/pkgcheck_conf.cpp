// read_pkgcheck_conf: metadata/pkgcheck.conf in pkgscan's terms.
#include "pkgscan/pkgcheck_conf.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "pkgscan/check.hpp"
#include "pkgscan/result.hpp"

namespace pkgscan {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "Check: K1 K2 ..." lines -> check -> keywords.
std::map<std::string, std::vector<std::string>, std::less<>> parse_table(std::string_view table) {
  std::map<std::string, std::vector<std::string>, std::less<>> out;
  std::size_t pos = 0;
  while (pos < table.size()) {
    std::size_t end = table.find('\n', pos);
    if (end == std::string_view::npos) end = table.size();
    std::string_view line = trim(table.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto& kws = out[std::string(trim(line.substr(0, colon)))];
    std::string_view rest = line.substr(colon + 1);
    std::size_t i = 0;
    while (i < rest.size()) {
      while (i < rest.size() && rest[i] == ' ') ++i;
      std::size_t j = rest.find(' ', i);
      if (j == std::string_view::npos) j = rest.size();
      if (j > i) kws.emplace_back(rest.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

// Items of a value: separated by commas and white space (a value may go on
// over indented continuation lines).
std::vector<std::string> items(std::string_view value) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : value) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

struct Setting {
  std::string key, value;
  int line = 0;
};

}  // namespace

PkgcheckConf read_pkgcheck_conf(std::string_view text, const std::vector<std::string>& repo_names,
                                std::string_view checks_table) {
  PkgcheckConf out;
  // Settings of the sections that apply, in file order; [DEFAULT] first as
  // configparser gives it lower precedence.
  std::vector<Setting> defaults, repo;
  std::vector<Setting>* current = nullptr;
  int lineno = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineno;
    std::string_view line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      std::string section(trim(line.substr(1, line.size() - 2)));
      if (section == "DEFAULT") {
        current = &defaults;
      } else if (std::find(repo_names.begin(), repo_names.end(), section) != repo_names.end()) {
        current = &repo;
      } else {
        current = nullptr;
        if (section == "CHECKSETS") out.ignored.push_back({"[CHECKSETS]", "section", lineno});
      }
      continue;
    }
    if (!current) continue;
    // An indented line continues the previous value.
    if ((raw.front() == ' ' || raw.front() == '\t') && !current->empty()) {
      current->back().value += "\n" + std::string(line);
      continue;
    }
    std::size_t sep = line.find_first_of("=:");
    if (sep == std::string_view::npos) continue;
    current->push_back({std::string(trim(line.substr(0, sep))), std::string(trim(line.substr(sep + 1))), lineno});
  }

  const CheckRegistry& reg = CheckRegistry::instance();
  const auto table = parse_table(checks_table);
  auto ours = [&](std::string_view kw) { return reg.find_keyword(kw) != nullptr || level_from_name(kw).has_value(); };
  std::set<std::string> mentioned;
  auto ignore = [&](const std::string& name, const char* what, int line) {
    if (mentioned.insert(name).second) out.ignored.push_back({name, what, line});
  };
  for (const auto* settings : {&defaults, &repo}) {
    for (const Setting& s : *settings) {
      if (s.key != "checks" && s.key != "keywords") {
        ignore(s.key, "setting", s.line);
        continue;
      }
      for (const std::string& item : items(s.value)) {
        std::string sign = item[0] == '-' || item[0] == '+' ? item.substr(0, 1) : "";
        std::string name = item.substr(sign.size());
        if (name.empty()) continue;
        if (s.key == "keywords") {
          if (ours(name))
            out.keywords.push_back(sign + name);
          else
            ignore(name, "keyword", s.line);
          continue;
        }
        if (name == "all") {
          out.checks.push_back(sign + name);
          continue;
        }
        // A check: the keywords it reports that pkgscan has.
        auto it = table.find(name);
        std::vector<std::string> kws;
        if (it != table.end())
          for (const std::string& k : it->second)
            if (reg.find_keyword(k)) kws.push_back(k);
        if (kws.empty()) {
          ignore(name, "check", s.line);
          continue;
        }
        for (const std::string& k : kws) out.keywords.push_back(sign + k);
      }
    }
  }
  return out;
}

}  // namespace pkgscan
