// ProfileSet: profiles.desc of every repository, the profile directories
// their stacks reach (each parsed once), and evaluated profiles on demand.
#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <set>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "profiles_impl.hpp"

namespace pkgscan {

using profiles_detail::normalize_path;

struct ProfileSet::Impl {
  std::mutex nodes_mu;  // nodes may grow after load() through parse_extra()
  std::map<std::pair<std::size_t, std::string>, std::unique_ptr<ProfileNode>> nodes;  // (repo index, path)
  std::map<const Repository*, std::size_t> repo_index;
  std::map<const Repository*, Eapi> default_eapi;

  struct DataSlot {
    std::once_flag once;
    std::atomic<bool> done = false;  // `once` has run
    const ProfileData* data = nullptr;
  };
  std::vector<std::unique_ptr<DataSlot>> slots;  // parallel to entries_
  std::mutex data_mu;
  std::vector<std::unique_ptr<ProfileData>> data;  // distinct evaluated profiles

  // Keeps `d` as the slot's data, or an equal one evaluated before.
  void store(DataSlot& slot, std::unique_ptr<ProfileData> d) {
    std::lock_guard lock(data_mu);
    for (const auto& existing : data)
      if (existing->masks.size() == d->masks.size() && existing->same_settings(*d)) {
        slot.data = existing.get();
        return;
      }
    slot.data = d.get();
    data.push_back(std::move(d));
  }

  // Where a parent line points: a repository and a path under its profiles/.
  struct Target {
    const Repository* repo = nullptr;
    std::string path;
    std::string error;
  };

  Target resolve_parent(const RepoSet& repos, const ProfileNode& node, const std::string& text) {
    Target t;
    const Repository& repo = *node.repo;
    if (!text.empty() && text.front() == '/') {
      auto abs = normalize_path(text);
      if (abs)
        for (const auto& r : repos.repos()) {
          auto base = normalize_path(r->abs("profiles"));
          if (base && abs->starts_with(*base) && (abs->size() == base->size() || (*abs)[base->size()] == '/')) {
            t.repo = r.get();
            t.path = abs->size() == base->size() ? std::string() : abs->substr(base->size() + 1);
            return t;
          }
        }
      t.error = "absolute parent '" + text + "' is not under the profiles/ directory of any repository in the set";
      return t;
    }
    std::size_t colon = text.find(':');
    if (colon != std::string::npos && repo.layout().has_profile_format("portage-2")) {
      std::string name = text.substr(0, colon);
      if (name.empty()) {
        t.repo = &repo;
      } else {
        for (const auto& r : repos.repos())
          if (r->name() == name) t.repo = r.get();
        if (!t.repo) {
          t.error = "parent '" + text + "' names repository '" + name + "', which is not in the repository set";
          return t;
        }
      }
      auto p = normalize_path(text.substr(colon + 1));
      if (!p) t.error = "parent '" + text + "' climbs out of profiles/";
      else t.path = *p;
      return t;
    }
    auto p = normalize_path(node.path + "/" + text);
    if (!p) {
      t.error = "parent '" + text + "' climbs out of profiles/";
      return t;
    }
    t.repo = &repo;
    t.path = *p;
    return t;
  }

  using Key = std::pair<std::size_t, std::string>;  // (repo index, path)
  Key key(const Repository& repo, const std::string& path) const { return {repo_index.at(&repo), path}; }

  // Parses the given directories and every directory their parent files
  // reach, one level of parents at a time, each level in parallel (a
  // profile tree is a few hundred directories of a dozen files each).
  // Returns the nodes it added. Callers hold nodes_mu.
  std::vector<ProfileNode*> parse_reachable(const RepoSet& repos,
                                            std::vector<std::pair<const Repository*, std::string>> frontier) {
    std::vector<ProfileNode*> added;
    while (!frontier.empty()) {
      std::vector<std::pair<const Repository*, std::string>> todo;
      std::set<Key> queued;
      for (auto& [repo, path] : frontier)
        if (!nodes.count(key(*repo, path)) && queued.insert(key(*repo, path)).second) todo.emplace_back(repo, path);
      std::vector<std::unique_ptr<ProfileNode>> parsed(todo.size());
      // Isolated: a thread waiting here must not pick up unrelated tasks of
      // the scan (which might ask for this very profile set).
      tbb::this_task_arena::isolate([&] {
        tbb::parallel_for(std::size_t{0}, todo.size(), [&](std::size_t i) {
          parsed[i] = profiles_detail::parse_node(*todo[i].first, todo[i].second, default_eapi.at(todo[i].first));
        });
      });
      frontier.clear();
      for (std::size_t i = 0; i < todo.size(); ++i) {
        const ProfileNode& n = *parsed[i];
        for (const ParentLine& line : n.parent_lines) {
          Target t = resolve_parent(repos, n, line.text);
          if (t.error.empty()) frontier.emplace_back(t.repo, t.path);
        }
        added.push_back(parsed[i].get());
        nodes.emplace(key(*todo[i].first, todo[i].second), std::move(parsed[i]));
      }
    }
    return added;
  }

  // Resolves the parent lines of nodes parse_reachable added; their parents
  // are parsed by then. Only the new ones: the Profiles check asks for every
  // directory in turn, and relinking the whole set each time (a set insert
  // per node to skip the linked ones) was a tenth of its cost on flatcar.
  // Callers hold nodes_mu.
  void link(const RepoSet& repos, const std::vector<ProfileNode*>& added) {
    for (ProfileNode* node : added) {
      const Repository& repo = *node->repo;
      for (const ParentLine& line : node->parent_lines) {
        Target t = resolve_parent(repos, *node, line.text);
        if (!t.error.empty()) {
          node->issues.push_back({&repo, node->file(line.at), line.at.line, t.error});
          continue;
        }
        const ProfileNode* parent = nodes.at(key(*t.repo, t.path)).get();
        if (!parent->exists) {
          node->issues.push_back({&repo, node->file(line.at), line.at.line,
                                  "parent '" + line.text + "' does not exist (" +
                                      (t.repo == &repo ? std::string() : t.repo->name() + ":") + parent->rel_dir + ")"});
          continue;
        }
        node->parents.push_back(parent);
      }
    }
  }

  // The node of repo/path, parsed on first request together with every
  // parent it reaches. Callers hold nodes_mu.
  const ProfileNode* ensure(const RepoSet& repos, const Repository& repo, const std::string& path) {
    if (auto it = nodes.find(key(repo, path)); it != nodes.end()) return it->second.get();
    link(repos, parse_reachable(repos, {{&repo, path}}));
    return nodes.at(key(repo, path)).get();
  }
};

ProfileSet::ProfileSet(const RepoSet& repos) : repos_(&repos), impl_(std::make_unique<Impl>()) {}
ProfileSet::~ProfileSet() = default;

std::unique_ptr<ProfileSet> ProfileSet::load(const RepoSet& repos) {
  std::unique_ptr<ProfileSet> set(new ProfileSet(repos));
  Impl& impl = *set->impl_;
  std::lock_guard lock(impl.nodes_mu);
  const auto& list = repos.repos();
  for (std::size_t i = 0; i < list.size(); ++i) {
    impl.repo_index[list[i].get()] = i;
    impl.default_eapi.insert_or_assign(list[i].get(), Eapi::of(0));
  }

  for (const auto& r : list) {
    const Repository& repo = *r;
    for (const std::string& a : repo.profiles().arches)
      if (std::find(set->arches_.begin(), set->arches_.end(), a) == set->arches_.end()) set->arches_.push_back(a);

    // profiles/ itself: its eapi file sets the default EAPI of directories
    // without one (EAPI 9 if it says 9, else 0), and its package.mask holds
    // the repository-level masks.
    const ProfileNode* root = impl.ensure(repos, repo, "");
    if (root->eapi && root->eapi->number() >= 9) impl.default_eapi.insert_or_assign(&repo, *root->eapi);
    for (const AtomLine& l : root->package_mask)
      if (!l.negated) set->repo_masks_.push_back(&l.atom);

    const std::string desc = "profiles/profiles.desc";
    std::string text, err;
    FileType t = repo.fs().stat(repo.abs(desc));
    if (t == FileType::Missing) continue;
    if (t != FileType::Regular || !repo.fs().read_file(repo.abs(desc), text, &err)) {
      set->desc_issues_.push_back({&repo, desc, 0, "cannot read '" + desc + "': " + (err.empty() ? "not a file" : err)});
      continue;
    }
    std::string_view rest = text;
    for (int line = 1; !rest.empty(); ++line) {
      std::size_t nl = rest.find('\n');
      std::string_view l = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (std::size_t hash = l.find('#'); hash != std::string_view::npos) l = l.substr(0, hash);
      std::vector<std::string> fields;
      for (std::size_t i = 0; i < l.size();) {
        while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r')) ++i;
        std::size_t start = i;
        while (i < l.size() && l[i] != ' ' && l[i] != '\t' && l[i] != '\r') ++i;
        if (i > start) fields.emplace_back(l.substr(start, i - start));
      }
      if (fields.empty()) continue;
      if (fields.size() != 3) {
        set->desc_issues_.push_back({&repo, desc, line, "expected 'arch profile-path status', got '" +
                                                            std::string(l.substr(0, l.find_last_not_of(" \t\r") + 1)) + "'"});
        continue;
      }
      auto path = normalize_path(fields[1]);
      if (!path || path->empty()) {
        set->desc_issues_.push_back({&repo, desc, line, "profile path '" + fields[1] + "' is not under profiles/"});
        continue;
      }
      ProfileEntry e;
      e.repo = &repo;
      e.arch = fields[0];
      e.path = *path;
      e.status_text = fields[2];
      e.status = fields[2] == "stable" ? ProfileStatus::Stable
                 : fields[2] == "dev"  ? ProfileStatus::Dev
                 : fields[2] == "exp"  ? ProfileStatus::Exp
                                       : ProfileStatus::Other;
      e.line = line;
      set->entries_.push_back(std::move(e));
    }
  }
  std::vector<std::pair<const Repository*, std::string>> leaves;
  for (const ProfileEntry& e : set->entries_) leaves.emplace_back(e.repo, e.path);
  impl.link(repos, impl.parse_reachable(repos, std::move(leaves)));
  for (ProfileEntry& e : set->entries_) {
    const ProfileNode* node = impl.ensure(repos, *e.repo, e.path);
    if (!node->exists) continue;
    e.node = node;
    e.deprecated = node->deprecated.has_value();
  }
  for (std::size_t i = 0; i < set->entries_.size(); ++i) impl.slots.push_back(std::make_unique<Impl::DataSlot>());
  return set;
}

std::vector<const ProfileNode*> ProfileSet::stack(const ProfileEntry& entry, std::string* error) const {
  std::vector<const ProfileNode*> out;
  if (!entry.node) {
    if (error) *error = "profile directory 'profiles/" + entry.path + "' does not exist";
    return out;
  }
  std::vector<const ProfileNode*> active;
  std::string problem;
  std::function<void(const ProfileNode*)> visit = [&](const ProfileNode* n) {
    if (!problem.empty()) return;
    if (std::find(active.begin(), active.end(), n) != active.end()) {
      problem = "parent cycle through '" + n->rel_dir + "'";
      return;
    }
    if (!n->eapi) {
      problem = "'" + n->rel_dir + "' has unsupported EAPI '" + n->eapi_text + "'";
      return;
    }
    active.push_back(n);
    for (const ProfileNode* p : n->parents) visit(p);
    active.pop_back();
    out.push_back(n);
  };
  visit(entry.node);
  if (!problem.empty()) {
    out.clear();
    if (error) *error = problem;
  }
  return out;
}

std::vector<const ProfileData*> ProfileSet::data(const std::vector<const ProfileEntry*>& entries) const {
  // The stacks of the entries not evaluated yet, walked together so that
  // the nodes they share (base, arch, release) are applied once.
  std::vector<const ProfileEntry*> pending;
  std::vector<std::vector<const ProfileNode*>> stacks;
  for (const ProfileEntry* e : entries) {
    Impl::DataSlot& slot = *impl_->slots.at(static_cast<std::size_t>(e - entries_.data()));
    if (slot.done) continue;
    std::vector<const ProfileNode*> nodes = stack(*e);
    if (nodes.empty()) continue;  // data(*e) below records the failure
    pending.push_back(e);
    stacks.push_back(std::move(nodes));
  }
  profiles_detail::walk_stacks(stacks, [&](std::size_t i, const profiles_detail::StackState& state) {
    Impl::DataSlot& slot = *impl_->slots[static_cast<std::size_t>(pending[i] - entries_.data())];
    std::call_once(slot.once, [&] {
      impl_->store(slot, state.finish(arches_));
      slot.done = true;
    });
  });
  std::vector<const ProfileData*> out(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) out[i] = data(*entries[i]);
  return out;
}

const ProfileData* ProfileSet::data(const ProfileEntry& entry) const {
  const std::size_t i = static_cast<std::size_t>(&entry - entries_.data());
  Impl::DataSlot& slot = *impl_->slots.at(i);
  std::call_once(slot.once, [&] {
    std::vector<const ProfileNode*> nodes = stack(entry);
    if (!nodes.empty()) impl_->store(slot, profiles_detail::evaluate_stack(nodes, arches_));
    slot.done = true;
  });
  return slot.data;
}

std::vector<const ProfileNode*> ProfileSet::nodes() const {
  std::lock_guard lock(impl_->nodes_mu);
  std::vector<const ProfileNode*> out;
  for (const auto& [key, node] : impl_->nodes) out.push_back(node.get());
  return out;
}

const ProfileNode* ProfileSet::node(const Repository& repo, std::string_view path) const {
  std::lock_guard lock(impl_->nodes_mu);
  auto r = impl_->repo_index.find(&repo);
  if (r == impl_->repo_index.end()) return nullptr;
  auto it = impl_->nodes.find(std::make_pair(r->second, std::string(path)));
  return it == impl_->nodes.end() ? nullptr : it->second.get();
}

const ProfileNode* ProfileSet::parse_extra(const Repository& repo, const std::string& path) const {
  std::lock_guard lock(impl_->nodes_mu);
  if (!impl_->repo_index.count(&repo)) return nullptr;
  return impl_->ensure(*repos_, repo, path);
}

std::vector<ProfileIssue> ProfileSet::issues() const {
  std::vector<ProfileIssue> out = desc_issues_;
  for (const ProfileNode* n : nodes()) out.insert(out.end(), n->issues.begin(), n->issues.end());
  return out;
}

}  // namespace pkgscan
