// Evaluating a profile stack into flat values (PMS "Profiles",
// reference/profiles-and-checks.md §1.3-1.7).
#include <algorithm>
#include <cctype>

#include <tbb/parallel_for.h>

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

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

// A set of flags stacked by the incremental rules, as symbols: "x" adds,
// "-x" removes, "-*" empties. Its result is sorted by id, so the order of
// adding does not matter, and a table indexed by symbol id (ids are dense)
// replaces searching: a profile's USE with its USE_EXPAND values runs to
// hundreds of flags, and ~300 profiles are evaluated per scan.
class SymbolStack {
 public:
  ~SymbolStack() { clear(); }
  void add(std::string_view flag) {
    const Symbol s = Symbol::intern(flag);
    std::vector<std::uint8_t>& in = member();
    if (s.id() >= in.size()) in.resize(s.id() + 4096, 0);
    if (in[s.id()]) return;
    in[s.id()] = 1;
    added_.push_back(s);
  }
  void remove(std::string_view flag) {
    const Symbol s = Symbol::intern(flag);
    std::vector<std::uint8_t>& in = member();
    if (s.id() < in.size() && in[s.id()]) {
      in[s.id()] = 0;
      std::erase(added_, s);
    }
  }
  void add_token(std::string_view token) {  // "x", "-x" or "-*"
    if (token == "-*") {
      clear();
    } else if (token[0] == '-') {
      remove(token.substr(1));
    } else {
      add(token);
    }
  }
  // The flags, sorted by id; the stack is empty afterwards.
  std::vector<Symbol> take() {
    std::vector<Symbol> out = added_;
    clear();
    std::sort(out.begin(), out.end(), [](Symbol a, Symbol b) { return a.id() < b.id(); });
    return out;
  }

 private:
  void clear() {
    for (Symbol s : added_) member()[s.id()] = 0;
    added_.clear();
  }
  // One table per thread: profiles are evaluated side by side. Only one
  // SymbolStack of a thread holds flags at a time (USE is taken before
  // IUSE is filled).
  static std::vector<std::uint8_t>& member() {
    thread_local std::vector<std::uint8_t> table;
    return table;
  }
  std::vector<Symbol> added_;
};

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
  for (const std::string& t : tokens) profiles_detail::StackState::add_incremental(out, t);
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

void StackState::add_incremental(std::vector<std::string>& list, std::string token) {
  if (token == "-*") {
    list.clear();
  } else if (token[0] == '-') {
    std::erase(list, std::string_view(token).substr(1));
  } else if (std::find(list.begin(), list.end(), token) == list.end()) {
    list.push_back(std::move(token));
  }
}

void StackState::apply(const ProfileNode& n) {
  // make.defaults: each assignment sees the values stacked so far ("${USE} foo").
  auto lookup = [&](std::string_view name) -> std::string {
    if (incremental(name)) {
      auto it = incremental_vars.find(name);
      return it == incremental_vars.end() ? std::string() : join(it->second);
    }
    auto it = plain_vars.find(name);
    return it == plain_vars.end() ? std::string() : it->second;
  };
  for (const ShellAssignment& a : n.make_defaults) {
    std::string value = a.expand(lookup);
    if (incremental(a.key)) {
      auto& list = incremental_vars[a.key];
      for (std::string_view t : text::split_ws(value)) add_incremental(list, std::string(t));
    } else {
      plain_vars[a.key] = std::move(value);
    }
  }
  stack_atoms(n.package_mask, masks);
  stack_atoms(n.package_unmask, unmasks);
  stack_atoms(n.package_deprecated, deprecated);
  for (const PackageFlagsLine& l : n.package_use) package_use.push_back(&l);
  for (const ProvidedLine& p : n.package_provided) provided.push_back(&p);
  for (const PackagesLine& p : n.packages) {
    if (!p.atom) {  // "-*": nothing inherited stays
      system.clear();
      continue;
    }
    if (!p.system) continue;  // the profile set (@profile) is not the system set
    if (!p.negated) system.push_back(&*p.atom);
    else std::erase_if(system, [&](const Atom* a) { return *a == *p.atom; });
  }
  for (FlagRules* rules : {&use_mask, &use_force, &stable_use_mask, &stable_use_force}) rules->push(n);
  top = &n;
}

std::unique_ptr<ProfileData> StackState::finish(const std::vector<std::string>& arches) const {
  auto data = std::make_unique<ProfileData>();
  ProfileData& d = *data;
  d.eapi = top->eapi.value_or(Eapi::latest());
  // The two maps hold different names (a name is incremental or not), both sorted.
  for (const auto& [k, v] : plain_vars) d.vars.emplace_hint(d.vars.end(), k, v);
  for (const auto& [k, v] : incremental_vars) d.vars.emplace(k, join(v));
  // An incremental variable's stacked tokens are the tokens of its value in
  // d.vars (joined with single spaces): read them from the list, not by
  // splitting the value again. A profile tree evaluates hundreds of stacks
  // (flatcar: 310 stable and dev profiles, even for a one-package scan).
  static const std::vector<std::string> kNone;
  auto stacked = [&](std::string_view name) -> const std::vector<std::string>& {
    auto it = incremental_vars.find(name);
    return it == incremental_vars.end() ? kNone : it->second;
  };
  const std::vector<std::string>& use_expand = stacked("USE_EXPAND");
  const std::vector<std::string>& unprefixed = stacked("USE_EXPAND_UNPREFIXED");
  // "lower(VAR)_value", in one reused buffer: `prefixed` holds "lower(VAR)_"
  // and the value replaces what follows. Names are ASCII.
  std::string prefixed;
  auto prefix = [&](std::string_view var) {
    prefixed.clear();
    for (char c : var) prefixed += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    prefixed += '_';
    return prefixed.size();
  };
  auto expanded = [&](std::size_t prefix_size, std::string_view value) {
    prefixed.resize(prefix_size);
    prefixed += value;
    return std::string_view(prefixed);
  };
  // The value of USE_EXPAND_VALUES_<v>.
  std::string values_name;
  auto values = [&](std::string_view v) {
    values_name.assign("USE_EXPAND_VALUES_").append(v);
    return d.var(values_name);
  };

  // USE: the USE tokens, then each USE_EXPAND variable's values as
  // lower(VAR)_value (unprefixed for USE_EXPAND_UNPREFIXED), stacked together.
  // The stacked USE list has no "-x" or repeats left, so stacking the
  // USE_EXPAND values onto it equals stacking every USE token and them.
  SymbolStack use;
  for (const std::string& t : stacked("USE")) use.add(t);
  for (const std::string& v : use_expand) {
    const std::size_t p = prefix(v);
    text::for_each_ws(d.var(v), [&](std::string_view x) {
      if (x[0] == '-') use.remove(expanded(p, x.substr(1)));
      else use.add(expanded(p, x));
    });
  }
  for (const std::string& v : unprefixed) text::for_each_ws(d.var(v), [&](std::string_view x) { use.add_token(x); });
  d.use = use.take();

  // Implicit IUSE, decided by the leaf's EAPI as pkgcore does.
  SymbolStack iuse;
  if (d.eapi.number() >= 5) {
    for (const std::string& x : stacked("IUSE_IMPLICIT")) iuse.add(x);
    const std::vector<std::string>& implicit = stacked("USE_EXPAND_IMPLICIT");
    auto is_implicit = [&](std::string_view v) { return std::find(implicit.begin(), implicit.end(), v) != implicit.end(); };
    for (const std::string& v : unprefixed)
      if (is_implicit(v)) text::for_each_ws(values(v), [&](std::string_view x) { iuse.add(x); });
    for (const std::string& v : use_expand)
      if (is_implicit(v)) {
        const std::size_t p = prefix(v);
        text::for_each_ws(values(v), [&](std::string_view x) { iuse.add(expanded(p, x)); });
      }
  } else {
    for (const std::string& a : arches) iuse.add(a);
    for (const std::string& v : use_expand) {
      const std::size_t p = prefix(v);
      text::for_each_ws(values(v), [&](std::string_view x) { iuse.add(expanded(p, x)); });
    }
  }
  d.iuse_effective = iuse.take();

  d.masks = masks;
  d.unmasks = unmasks;
  d.deprecated = deprecated;
  d.package_use = package_use;
  d.provided = provided;
  d.system = system;
  d.use_mask = use_mask;
  d.use_force = use_force;
  d.stable_use_mask = stable_use_mask;
  d.stable_use_force = stable_use_force;
  return data;
}

std::unique_ptr<ProfileData> evaluate_stack(const std::vector<const ProfileNode*>& stack,
                                            const std::vector<std::string>& arches) {
  StackState state;
  for (const ProfileNode* n : stack) state.apply(*n);
  return state.finish(arches);
}

namespace {

// The stacks as a trie by node: a branch is a prefix some stacks share.
struct Branch {
  const ProfileNode* node = nullptr;  // nullptr for the root (no node applied)
  std::vector<std::size_t> ending;    // the stacks this prefix completes
  std::vector<std::unique_ptr<Branch>> children;
};

void walk(const Branch& b, StackState state, const std::function<void(std::size_t, const StackState&)>& done) {
  if (b.node) state.apply(*b.node);
  for (std::size_t i : b.ending) done(i, state);
  if (b.children.size() == 1) return walk(*b.children.front(), std::move(state), done);
  // Where stacks part, each branch goes on with its own copy.
  tbb::parallel_for(std::size_t{0}, b.children.size(), [&](std::size_t c) { walk(*b.children[c], state, done); });
}

}  // namespace

void walk_stacks(const std::vector<std::vector<const ProfileNode*>>& stacks,
                 const std::function<void(std::size_t, const StackState&)>& done) {
  Branch root;
  for (std::size_t i = 0; i < stacks.size(); ++i) {
    Branch* b = &root;
    for (const ProfileNode* n : stacks[i]) {
      auto it = std::find_if(b->children.begin(), b->children.end(), [&](const auto& c) { return c->node == n; });
      if (it == b->children.end()) {
        b->children.push_back(std::make_unique<Branch>());
        b->children.back()->node = n;
        it = std::prev(b->children.end());
      }
      b = it->get();
    }
    b->ending.push_back(i);
  }
  walk(root, StackState(), done);
}

}  // namespace profiles_detail

}  // namespace pkgscan
