// Evaluating a profile stack into flat values (PMS "Profiles",
// reference/profiles-and-checks.md §1.3-1.7).
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "pkgscan/text_lines.hpp"
#include "profiles_impl.hpp"

namespace pkgscan {

namespace {

// Incremental make.defaults variables: PMS's list plus the ones pkgcore
// also stacks (ACCEPT_KEYWORDS, ACCEPT_LICENSE, FEATURES,
// PROFILE_ONLY_VARIABLES). Variables that USE_EXPAND names (PYTHON_TARGETS,
// ...) are not: a child replaces its parent's value, as in pkgcore.
constexpr std::string_view kIncrementals[] = {
    "ACCEPT_KEYWORDS", "ACCEPT_LICENSE", "CONFIG_PROTECT",     "CONFIG_PROTECT_MASK",
    "ENV_UNSET",       "FEATURES",       "IUSE_IMPLICIT",      "PROFILE_ONLY_VARIABLES",
    "USE",             "USE_EXPAND",     "USE_EXPAND_HIDDEN",  "USE_EXPAND_IMPLICIT",
    "USE_EXPAND_UNPREFIXED"};

bool incremental(std::string_view name) {
  return std::find(std::begin(kIncrementals), std::end(kIncrementals), name) != std::end(kIncrementals);
}

std::vector<std::string> split_ws(std::string_view s) {
  std::vector<std::string_view> views = text::split_ws(s);
  return {views.begin(), views.end()};
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<Symbol> sorted_symbols(const std::vector<std::string>& names) {
  std::vector<Symbol> out;
  for (const std::string& n : names) out.push_back(Symbol::intern(n));
  std::sort(out.begin(), out.end(), [](Symbol a, Symbol b) { return a.id() < b.id(); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Appends the atoms of `lines` to `list`; "-atom" drops earlier equal atoms.
void stack_atoms(const std::vector<AtomLine>& lines, std::vector<const Atom*>& list) {
  for (const AtomLine& l : lines) {
    if (!l.negated) list.push_back(&l.atom);
    else std::erase_if(list, [&](const Atom* a) { return *a == l.atom; });
  }
}

}  // namespace

std::string_view profile_status_name(ProfileStatus s) {
  switch (s) {
    case ProfileStatus::Stable: return "stable";
    case ProfileStatus::Dev: return "dev";
    case ProfileStatus::Exp: return "exp";
    case ProfileStatus::Other: return "other";
  }
  return "other";
}

std::vector<std::string> incremental_tokens(const std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (const std::string& t : tokens) {
    if (t == "-*") {
      out.clear();
    } else if (!t.empty() && t[0] == '-') {
      std::string_view name = std::string_view(t).substr(1);
      std::erase_if(out, [&](const std::string& x) { return x == name; });
    } else if (std::find(out.begin(), out.end(), t) == out.end()) {
      out.push_back(t);
    }
  }
  return out;
}

std::string_view ProfileData::var(std::string_view name) const {
  auto it = vars.find(name);
  return it == vars.end() ? std::string_view() : std::string_view(it->second);
}

bool ProfileData::same_settings(const ProfileData& o) const {
  return eapi == o.eapi && vars == o.vars && use == o.use && iuse_effective == o.iuse_effective &&
         masks == o.masks && unmasks == o.unmasks && use_mask == o.use_mask && use_force == o.use_force &&
         stable_use_mask == o.stable_use_mask && stable_use_force == o.stable_use_force &&
         package_use == o.package_use && system == o.system && provided == o.provided && deprecated == o.deprecated;
}

namespace profiles_detail {

std::unique_ptr<ProfileData> evaluate_stack(const std::vector<const ProfileNode*>& stack,
                                            const std::vector<std::string>& arches) {
  auto data = std::make_unique<ProfileData>();
  ProfileData& d = *data;
  d.eapi = stack.back()->eapi.value_or(Eapi::latest());

  // make.defaults: each file sees the values stacked so far ("${USE} foo").
  std::map<std::string, std::string, std::less<>> plain;
  std::map<std::string, std::vector<std::string>, std::less<>> incr;
  auto lookup = [&](std::string_view name) -> std::string {
    if (incremental(name)) {
      auto it = incr.find(name);
      return it == incr.end() ? std::string() : join(incremental_tokens(it->second));
    }
    auto it = plain.find(name);
    return it == plain.end() ? std::string() : it->second;
  };
  for (const ProfileNode* n : stack)
    for (const ShellAssignment& a : n->make_defaults) {
      std::string value = a.expand(lookup);
      if (incremental(a.key)) {
        auto& tokens = incr[a.key];
        for (std::string& t : split_ws(value)) tokens.push_back(std::move(t));
      } else {
        plain[a.key] = std::move(value);
      }
    }
  for (auto& [k, v] : plain) d.vars[k] = v;
  for (auto& [k, v] : incr) d.vars[k] = join(incremental_tokens(v));
  auto tokens = [&](std::string_view name) { return split_ws(d.var(name)); };

  // USE: the USE tokens, then each USE_EXPAND variable's values as
  // lower(VAR)_value (unprefixed for USE_EXPAND_UNPREFIXED), stacked together.
  std::vector<std::string> use;
  if (auto it = incr.find("USE"); it != incr.end()) use = it->second;
  for (const std::string& v : tokens("USE_EXPAND"))
    for (const std::string& x : tokens(v)) {
      bool neg = x[0] == '-';
      use.push_back((neg ? "-" : "") + lower(v) + "_" + x.substr(neg ? 1 : 0));
    }
  for (const std::string& v : tokens("USE_EXPAND_UNPREFIXED"))
    for (const std::string& x : tokens(v)) use.push_back(x);
  d.use = sorted_symbols(incremental_tokens(use));

  // Implicit IUSE, decided by the leaf's EAPI as pkgcore does.
  std::vector<std::string> iuse;
  if (d.eapi.number() >= 5) {
    iuse = tokens("IUSE_IMPLICIT");
    std::vector<std::string> implicit = tokens("USE_EXPAND_IMPLICIT");
    auto is_implicit = [&](const std::string& v) { return std::find(implicit.begin(), implicit.end(), v) != implicit.end(); };
    for (const std::string& v : tokens("USE_EXPAND_UNPREFIXED"))
      if (is_implicit(v))
        for (const std::string& x : tokens("USE_EXPAND_VALUES_" + v)) iuse.push_back(x);
    for (const std::string& v : tokens("USE_EXPAND"))
      if (is_implicit(v))
        for (const std::string& x : tokens("USE_EXPAND_VALUES_" + v)) iuse.push_back(lower(v) + "_" + x);
  } else {
    iuse = arches;
    for (const std::string& v : tokens("USE_EXPAND"))
      for (const std::string& x : tokens("USE_EXPAND_VALUES_" + v)) iuse.push_back(lower(v) + "_" + x);
  }
  d.iuse_effective = sorted_symbols(iuse);

  for (const ProfileNode* n : stack) {
    stack_atoms(n->package_mask, d.masks);
    stack_atoms(n->package_unmask, d.unmasks);
    stack_atoms(n->package_deprecated, d.deprecated);
    for (const PackageFlagsLine& l : n->package_use) d.package_use.push_back(&l);
    for (const ProvidedLine& p : n->package_provided) d.provided.push_back(&p);
    for (const PackagesLine& p : n->packages) {
      if (!p.atom) {  // "-*": nothing inherited stays
        d.system.clear();
        continue;
      }
      if (!p.system) continue;  // the profile set (@profile) is not the system set
      if (!p.negated) d.system.push_back(&*p.atom);
      else std::erase_if(d.system, [&](const Atom* a) { return *a == *p.atom; });
    }
  }
  d.use_mask = FlagRules(stack, FlagRules::Kind::Mask, false);
  d.use_force = FlagRules(stack, FlagRules::Kind::Force, false);
  d.stable_use_mask = FlagRules(stack, FlagRules::Kind::Mask, true);
  d.stable_use_force = FlagRules(stack, FlagRules::Kind::Force, true);
  return data;
}

}  // namespace profiles_detail

}  // namespace pkgscan
