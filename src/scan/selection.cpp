// -c / -k / --exit: which checks run, which keywords are reported, what fails.
#include <algorithm>

#include "pkgscan/scan.hpp"

namespace pkgscan {

namespace {

bool has_plain_item(const std::vector<std::string>& spec) {
  return std::any_of(spec.begin(), spec.end(), [](const std::string& s) { return !s.empty() && s[0] != '+' && s[0] != '-'; });
}

std::pair<char, std::string> split_sign(const std::string& item) {
  if (!item.empty() && (item[0] == '+' || item[0] == '-')) return {item[0], item.substr(1)};
  return {'=', item};
}

void add_unique(std::vector<std::string>& v, std::string_view s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.emplace_back(s);
}

}  // namespace

Selection select_checks(const std::vector<std::string>& checks_spec, const std::vector<std::string>& keywords_spec) {
  const CheckRegistry& reg = CheckRegistry::instance();
  Selection sel;
  const std::vector<CheckInfo> all = reg.checks();

  // Checks: plain names replace the default set; +X adds, -X removes.
  std::vector<std::string> checks;
  std::vector<std::string> removed;  // -c -X: never brought back by a keyword
  if (!has_plain_item(checks_spec))
    for (const CheckInfo& c : all)
      if (c.default_enabled) checks.emplace_back(c.name);
  for (const std::string& item : checks_spec) {
    auto [sign, name] = split_sign(item);
    if (name == "all") {
      for (const CheckInfo& c : all)
        if (sign == '-') checks.clear();
        else add_unique(checks, c.name);
      continue;
    }
    if (!reg.find_check(name)) {
      sel.errors.push_back("unknown check '" + name + "' (see: pkgscan show checks)");
      continue;
    }
    if (sign == '-') {
      checks.erase(std::remove(checks.begin(), checks.end(), name), checks.end());
      add_unique(removed, name);
    } else {
      add_unique(checks, name);
      add_unique(sel.named, name);
    }
  }

  // Keywords: start from the default keywords of the selected checks.
  auto expand = [&](const std::string& name, std::vector<std::string>& out) -> bool {
    if (auto level = level_from_name(name)) {
      for (const Keyword& k : reg.keywords())
        if (k.level == *level) out.emplace_back(k.name);
      return true;
    }
    if (reg.find_keyword(name)) {
      out.push_back(name);
      return true;
    }
    return false;
  };
  std::vector<std::string> keywords;
  bool plain = has_plain_item(keywords_spec);
  if (!plain)
    for (const std::string& c : checks)
      for (const Keyword& k : reg.find_check(c)->keywords)
        if (k.default_enabled) add_unique(keywords, k.name);
  for (const std::string& item : keywords_spec) {
    auto [sign, name] = split_sign(item);
    std::vector<std::string> names;
    if (!expand(name, names)) {
      sel.errors.push_back("unknown keyword '" + name + "' (see: pkgscan show keywords)");
      continue;
    }
    for (const std::string& n : names) {
      if (sign == '-') {
        keywords.erase(std::remove(keywords.begin(), keywords.end(), n), keywords.end());
        continue;
      }
      add_unique(keywords, n);
      if (names.size() == 1)  // a keyword by name, not a whole level
        for (std::string_view owner : reg.checks_for_keyword(n)) add_unique(sel.named, owner);
      // Asking for a keyword runs a check that reports it, unless -c chose
      // the checks (X,Y) or removed that check (-X).
      auto owners = reg.checks_for_keyword(n);
      std::erase_if(owners, [&](std::string_view o) { return std::find(removed.begin(), removed.end(), o) != removed.end(); });
      bool running = std::any_of(owners.begin(), owners.end(), [&](std::string_view o) {
        return std::find(checks.begin(), checks.end(), o) != checks.end();
      });
      if (!running && !has_plain_item(checks_spec) && !owners.empty()) add_unique(checks, owners.front());
    }
  }
  std::sort(keywords.begin(), keywords.end());

  // Run only checks that report at least one enabled keyword.
  for (const CheckInfo& c : all) {
    if (std::find(checks.begin(), checks.end(), c.name) == checks.end()) continue;
    bool useful = std::any_of(c.keywords.begin(), c.keywords.end(), [&](const Keyword& k) {
      return std::binary_search(keywords.begin(), keywords.end(), k.name);
    });
    if (useful) sel.checks.push_back(c);
  }
  // Keywords whose checks are not running are not reported either.
  std::vector<std::string> reported;
  for (const std::string& k : keywords)
    for (const CheckInfo& c : sel.checks)
      if (std::any_of(c.keywords.begin(), c.keywords.end(), [&](const Keyword& kw) { return kw.name == k; })) {
        reported.push_back(k);
        break;
      }
  sel.keywords = std::move(reported);
  return sel;
}

std::optional<ExitPolicy> ExitPolicy::parse(const std::string& spec, std::string* err) {
  ExitPolicy p;
  if (spec == "none" || spec.empty()) return p;
  for (const std::string& item : split_list(spec)) {
    if (item == "none") {  // e.g. --exit none --exit error
      if (err) *err = "--exit: 'none' cannot be combined with levels or keywords ('" + spec + "')";
      return std::nullopt;
    }
    if (auto level = level_from_name(item)) {
      if (!p.threshold || *level > *p.threshold) p.threshold = *level;  // least severe level named wins
      continue;
    }
    if (!CheckRegistry::instance().find_keyword(item)) {
      if (err) *err = "--exit: unknown level or keyword '" + item + "'";
      return std::nullopt;
    }
    p.keywords.push_back(item);
  }
  return p;
}

bool ExitPolicy::fails(const Result& r) const {
  // Level enum runs from Error (most severe) to Info.
  if (threshold && r.level <= *threshold) return true;
  return std::find(keywords.begin(), keywords.end(), r.keyword) != keywords.end();
}

}  // namespace pkgscan
