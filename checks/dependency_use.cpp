// Dependency family, USE flags: UnstatedIuse and MissingUseDepDefault, and
// the implicit IUSE that profiles give every EAPI 5+ ebuild.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "dependency.hpp"
#include "pkgscan/text_lines.hpp"

namespace pkgscan::depcheck {
namespace {

std::set<std::string> words(const std::map<std::string, std::string>& vars, const std::string& key) {
  std::set<std::string> out;
  auto it = vars.find(key);
  if (it != vars.end())
    text::for_each_ws(it->second, [&](std::string_view w) {
      if (w.find('$') == std::string_view::npos) out.emplace(w);  // unexpanded references are not flags
    });
  return out;
}

// What ::gentoo's profiles make implicit, for when that master is missing:
// its arch names (USE_EXPAND_VALUES_ARCH, unprefixed), the ELIBC, KERNEL and
// USERLAND values, and IUSE_IMPLICIT. Being generous here only hides
// UnstatedIuse for these names; being strict would flag correct ebuilds.
bool master_might_make_implicit(std::string_view flag) {
  static constexpr std::array<std::string_view, 3> kPrefixes = {"elibc_", "kernel_", "userland_"};
  for (std::string_view p : kPrefixes)
    if (flag.starts_with(p)) return true;
  static constexpr std::array<std::string_view, 18> kNames = {
      "alpha", "amd64", "arm", "arm64", "hppa", "ia64", "loong", "m68k", "mips",
      "ppc", "ppc64", "riscv", "s390", "sparc", "x86", "prefix", "prefix-guest", "prefix-stack"};
  for (std::string_view n : kNames)
    if (flag == n) return true;
  // Prefix arches: amd64-linux, arm64-macos, x64-solaris, ...
  static constexpr std::array<std::string_view, 5> kSystems = {"-linux", "-macos", "-solaris", "-cygwin", "-winnt"};
  for (std::string_view s : kSystems)
    if (flag.ends_with(s)) return true;
  return false;
}

std::string cond_group(const DepSpec& spec, std::uint32_t node) {
  const DepNode& n = spec.nodes[node];
  std::string s;
  if (n.negated) s += '!';
  s.append(n.flag.str()).append("? ( ");
  for (std::uint32_t i = node + 1; i < n.end; ++i)
    if (spec.nodes[i].kind == NodeKind::Leaf) {
      s += spec.atoms[spec.nodes[i].leaf].str() + (i + 1 < n.end ? " ... " : " ");
      break;
    }
  return s + ")";
}

std::string use_dep_text(const UseDep& u) {
  std::string f(u.flag.str());
  switch (u.kind) {
    case UseDep::Kind::Enabled: return f;
    case UseDep::Kind::Disabled: return "-" + f;
    case UseDep::Kind::Equal: return f + "=";
    case UseDep::Kind::NotEqual: return "!" + f + "=";
    case UseDep::Kind::IfEnabled: return f + "?";
    case UseDep::Kind::IfDisabled: return "!" + f + "?";
  }
  return f;
}

}  // namespace

void ImplicitIuse::build(const RepoSet& repos) {
  conservative_ = !repos.missing_masters().empty();
  for (const auto& repo : repos.repos()) {
    const Profiles& p = repo->profiles();
    for (const std::string& arch : p.arches) flags_.insert(Symbol::intern(arch));
    const auto& vars = p.base_make_defaults;
    for (const std::string& f : words(vars, "IUSE_IMPLICIT")) flags_.insert(Symbol::intern(f));
    std::set<std::string> unprefixed = words(vars, "USE_EXPAND_UNPREFIXED");
    std::set<std::string> expand = words(vars, "USE_EXPAND");
    for (const std::string& name : words(vars, "USE_EXPAND_IMPLICIT")) {
      bool plain = unprefixed.count(name) != 0;
      // PMS: an implicit USE_EXPAND name contributes only if it is in
      // USE_EXPAND (prefixed) or USE_EXPAND_UNPREFIXED.
      if (!plain && !expand.count(name)) continue;
      std::string prefix;
      if (!plain) {
        for (char c : name) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        prefix += '_';
      }
      for (const std::string& value : words(vars, "USE_EXPAND_VALUES_" + name))
        flags_.insert(Symbol::intern(prefix + value));
    }
  }
}

bool ImplicitIuse::contains(Symbol flag) const {
  return flags_.count(flag) != 0 || (conservative_ && master_might_make_implicit(flag.str()));
}

void check_use_flags(const Ebuild& e, const ImplicitIuse& implicit, const RepoIndex& index, ResultSink& out) {
  const Eapi eapi = *e.eapi;
  const bool unstated = eapi.number() >= 5 && out.wants(kUnstatedIuse);
  const bool defaults = eapi.use_dep_defaults() && out.wants(kMissingUseDepDefault);
  if (!unstated && !defaults) return;
  auto effective = [&](const Ebuild& x, Symbol flag) {
    return x.has_iuse(flag) || (x.eapi && x.eapi->number() >= 5 && implicit.contains(flag));
  };

  for (DepVar v : kDepVars) {
    const DepSpec* spec = e.dep(v);
    if (!spec) continue;
    std::string_view var = dep_var_name(v);
    std::set<std::uint32_t> said_flags;  // UnstatedIuse once per flag and variable

    for (std::uint32_t i = 0; i < spec->nodes.size(); ++i) {
      const DepNode& n = spec->nodes[i];
      if (n.kind == NodeKind::UseCond) {
        if (unstated && !effective(e, n.flag) && said_flags.insert(n.flag.id()).second) {
          Result* r = report(out, kUnstatedIuse, e, var, cond_group(*spec, i),
                             "USE flag '" + std::string(n.flag.str()) + "' of the conditional group is not in IUSE");
          with(r, "flag", std::string(n.flag.str()));
        }
        continue;
      }
      if (n.kind != NodeKind::Leaf) continue;
      const Atom& atom = spec->atoms[n.leaf];
      if (atom.use.empty()) continue;

      if (unstated)
        for (const UseDep& u : atom.use)
          if (u.conditional() && !effective(e, u.flag) && said_flags.insert(u.flag.id()).second) {
            Result* r = report(out, kUnstatedIuse, e, var, atom.str(),
                               "USE flag '" + std::string(u.flag.str()) + "' of the conditional USE dependency [" +
                                   use_dep_text(u) + "] is not in IUSE");
            with(r, "flag", std::string(u.flag.str()));
          }

      if (!defaults) continue;
      bool any_without_default = false;
      for (const UseDep& u : atom.use) any_without_default |= u.def == UseDep::Default::None;
      if (!any_without_default) continue;
      if (std::find(spec->atoms.begin(), spec->atoms.begin() + n.leaf, atom) != spec->atoms.begin() + n.leaf)
        continue;  // the same atom earlier in the variable was checked already
      thread_local std::vector<const Ebuild*> matching;
      matching.clear();
      thread_local std::vector<const Ebuild*> versions;
      all_versions(index, atom.category, atom.package, versions);
      for (const Ebuild* m : versions)
        if (atom.matches(m->ref())) matching.push_back(m);
      if (matching.empty()) continue;  // nothing to compare: NonexistentDeps / UnresolvableDeps say so
      std::set<std::uint32_t> flags_done;
      for (const UseDep& u : atom.use) {
        if (u.def != UseDep::Default::None || !flags_done.insert(u.flag.id()).second) continue;
        std::string lacking;
        std::size_t n_lacking = 0;
        for (const Ebuild* m : matching) {
          if (effective(*m, u.flag)) continue;
          if (n_lacking < 10) lacking += (n_lacking ? ", " : "") + m->cpv();
          ++n_lacking;
        }
        if (n_lacking == 0) continue;
        if (n_lacking > 10) lacking += ", and " + std::to_string(n_lacking - 10) + " more";
        std::string flag(u.flag.str());
        std::string reason =
            n_lacking == matching.size()
                ? "no matching version has USE flag '" + flag + "' in IUSE (" + lacking +
                      "): the dependency can never be satisfied; check the flag name or add a default, " + flag +
                      "(+) or " + flag + "(-)"
                : "USE flag '" + flag + "' is missing from IUSE of " + lacking + ": add a default, " + flag +
                      "(+) or " + flag + "(-)";
        Result* r = report(out, kMissingUseDepDefault, e, var, atom.str(), reason);
        with(r, "flag", flag);
        with(r, "versions", lacking);
      }
    }
  }
}

}  // namespace pkgscan::depcheck
