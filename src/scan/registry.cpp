// The check registry: filled by static RegisterCheck objects before main().
#include <algorithm>

#include "pkgscan/check.hpp"
#include "pkgscan/keywords.hpp"

namespace pkgscan {

CheckRegistry& CheckRegistry::instance() {
  static CheckRegistry registry;  // function-local: safe from static init order
  return registry;
}

void CheckRegistry::add(const CheckInfo& info) { checks_.push_back(info); }

std::vector<CheckInfo> CheckRegistry::checks() const {
  std::vector<CheckInfo> out = checks_;
  std::sort(out.begin(), out.end(), [](const CheckInfo& a, const CheckInfo& b) { return a.name < b.name; });
  return out;
}

const CheckInfo* CheckRegistry::find_check(std::string_view name) const {
  for (const CheckInfo& c : checks_)
    if (c.name == name) return &c;
  return nullptr;
}

std::vector<Keyword> CheckRegistry::keywords() const {
  std::vector<Keyword> out;
  for (const CheckInfo& c : checks_)
    for (const Keyword& k : c.keywords)
      if (std::none_of(out.begin(), out.end(), [&](const Keyword& o) { return o.name == k.name; })) out.push_back(k);
  std::sort(out.begin(), out.end(), [](const Keyword& a, const Keyword& b) { return a.name < b.name; });
  return out;
}

const Keyword* CheckRegistry::find_keyword(std::string_view name) const {
  for (const CheckInfo& c : checks_)
    for (const Keyword& k : c.keywords)
      if (k.name == name) return &k;
  return nullptr;
}

std::vector<std::string_view> CheckRegistry::checks_for_keyword(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const CheckInfo& c : checks_)
    for (const Keyword& k : c.keywords)
      if (k.name == name) out.push_back(c.name);
  return out;
}

std::span<const Keyword> all_keywords() {
  static const std::vector<Keyword> keywords = CheckRegistry::instance().keywords();
  return keywords;
}

}  // namespace pkgscan
