// RepoIndex: directory listings up front, package metadata on first use.
#include "pkgscan/index.hpp"

#include <algorithm>
#include <span>
#include <cstring>

#include <tbb/parallel_for.h>

namespace pkgscan {

namespace {

std::uint64_t pack(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

// Splits on ASCII whitespace without allocating per token.
template <class Fn>
void for_each_token(std::string_view s, Fn&& fn) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') ++i;
    if (i > start) fn(s.substr(start, i - start));
  }
}

// Reads a whole file through the repository's FileSystem into a reused buffer.
bool read_into(const Repository& repo, const std::string& rel, std::string& buf, std::string* err) {
  return repo.fs().read_file(repo.abs(rel), buf, err);
}

}  // namespace

std::string_view dep_var_name(DepVar v) {
  switch (v) {
    case DepVar::DEPEND: return "DEPEND";
    case DepVar::RDEPEND: return "RDEPEND";
    case DepVar::PDEPEND: return "PDEPEND";
    case DepVar::BDEPEND: return "BDEPEND";
    case DepVar::IDEPEND: return "IDEPEND";
  }
  return "?";
}

CacheKey dep_var_key(DepVar v) {
  switch (v) {
    case DepVar::DEPEND: return CacheKey::DEPEND;
    case DepVar::RDEPEND: return CacheKey::RDEPEND;
    case DepVar::PDEPEND: return CacheKey::PDEPEND;
    case DepVar::BDEPEND: return CacheKey::BDEPEND;
    case DepVar::IDEPEND: return CacheKey::IDEPEND;
  }
  return CacheKey::DEPEND;
}

bool Ebuild::inherits(std::string_view eclass) const {
  for (Symbol s : inherited)
    if (s.str() == eclass) return true;
  return false;
}

bool Ebuild::has_iuse(Symbol flag) const {
  auto it = std::lower_bound(iuse_names.begin(), iuse_names.end(), flag,
                             [](Symbol a, Symbol b) { return a.id() < b.id(); });
  return it != iuse_names.end() && *it == flag;
}

bool Ebuild::keyworded() const {
  for (Symbol k : keywords) {
    std::string_view s = k.str();
    if (!s.empty() && s[0] != '-') return true;
  }
  return false;
}

std::string Ebuild::cpv() const {
  std::string s;
  s.reserve(category.str().size() + pf.size() + 1);
  s.append(category.str()).append("/").append(pf);
  return s;
}

PackageRef Ebuild::ref(bool check_use) const {
  PackageRef r;
  r.category = category;
  r.package = package;
  r.version = &version;
  r.slot = slot;
  r.subslot = subslot;
  r.iuse = iuse_names;
  r.check_use = check_use;
  return r;
}

std::string Package::key() const {
  std::string s(category.str());
  s += '/';
  s += package.str();
  return s;
}

void derive_ebuild_fields(Ebuild& e, std::span<const Ebuild> siblings) {
  const CacheEntry& c = e.entry;
  std::string_view eapi_text = c.get(CacheKey::EAPI);
  e.eapi = Eapi::parse(eapi_text.empty() ? std::string_view("0") : eapi_text);
  Eapi parse_eapi = e.eapi ? *e.eapi : Eapi::latest();

  std::string_view slot = c.get(CacheKey::SLOT);
  auto slash = slot.find('/');
  e.slot = Symbol::intern(slot.substr(0, slash));
  e.subslot = slash == std::string_view::npos ? e.slot : Symbol::intern(slot.substr(slash + 1));

  e.iuse.clear();
  e.iuse_names.clear();
  for_each_token(c.get(CacheKey::IUSE), [&](std::string_view tok) {
    char def = 0;
    if (tok[0] == '+' || tok[0] == '-') {
      def = tok[0];
      tok.remove_prefix(1);
    }
    Symbol flag = Symbol::intern(tok);
    e.iuse.push_back({flag, def});
    e.iuse_names.push_back(flag);
  });
  std::sort(e.iuse_names.begin(), e.iuse_names.end(), [](Symbol a, Symbol b) { return a.id() < b.id(); });
  e.iuse_names.erase(std::unique(e.iuse_names.begin(), e.iuse_names.end()), e.iuse_names.end());

  e.keywords.clear();
  for_each_token(c.get(CacheKey::KEYWORDS), [&](std::string_view tok) { e.keywords.push_back(Symbol::intern(tok)); });

  // _eclasses_ is name<TAB>md5<TAB>name<TAB>md5...: every other field is a name.
  // (CacheEntry::eclasses() validates the pairs; the Cache check reports those.)
  e.inherited.clear();
  std::string_view ecl = c.get(CacheKey::ECLASSES);
  for (std::size_t field = 0, pos = 0; pos < ecl.size(); ++field) {
    std::size_t tab = ecl.find('\t', pos);
    if (tab == std::string_view::npos) tab = ecl.size();
    if (field % 2 == 0 && tab > pos) e.inherited.push_back(Symbol::intern(ecl.substr(pos, tab - pos)));
    pos = tab + 1;
  }

  for (DepVar v : kDepVars) {
    auto i = static_cast<std::size_t>(v);
    e.deps[i].reset();
    e.dep_errors[i].clear();
    const std::string& text = c.get(dep_var_key(v));
    if (text.empty()) continue;
    // The same text as an earlier variable: share its parse (and its error).
    bool shared = false;
    for (std::size_t j = 0; j < i && !shared; ++j)
      if (c.get(dep_var_key(kDepVars[j])) == text) {
        e.deps[i] = e.deps[j];
        e.dep_errors[i] = e.dep_errors[j];
        shared = true;
      }
    // Or as a variable of an earlier version parsed at the same EAPI, the
    // nearest first: versions of a package mostly keep their dependencies
    // (a third of the union's dependency text repeats a sibling's).
    for (auto o = siblings.rbegin(); o != siblings.rend() && !shared; ++o) {
      if ((o->eapi ? *o->eapi : Eapi::latest()) != parse_eapi) continue;
      for (std::size_t j = 0; j < kDepVars.size() && !shared; ++j)
        if (o->entry.get(dep_var_key(kDepVars[j])) == text) {
          e.deps[i] = o->deps[j];
          e.dep_errors[i] = o->dep_errors[j];
          shared = true;
        }
    }
    if (shared) continue;
    ParseError err;
    if (auto spec = DepSpec::parse(text, SpecKind::Depend, parse_eapi, &err))
      e.deps[i] = std::make_shared<const DepSpec>(std::move(*spec));
    else
      e.dep_errors[i] = err.message.empty() ? "unparseable" : err.message;
  }

  bool live_property = false;
  for_each_token(c.get(CacheKey::PROPERTIES), [&](std::string_view tok) { live_property |= tok == "live"; });
  e.live = e.version.is_live() || live_property;
}

namespace {

std::size_t table_hash(std::uint64_t key) { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 17); }

}  // namespace

const RepoIndex::SlotRange* RepoIndex::lookup(Symbol category, Symbol package) const {
  if (table_.empty()) return nullptr;
  const std::uint64_t key = pack(category, package);
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = table_hash(key) & mask;; i = (i + 1) & mask) {
    const SlotRange& r = table_[i];
    if (r.key == key) return &r;
    if (r.key == 0) return nullptr;
  }
}

RepoIndex::RepoIndex(const RepoSet& repos, const MetadataLayer* layer) : repos_(&repos), layer_(layer) {
  Grouped grouped;
  const auto& list = repos.repos();
  metadata_only_.resize(list.size());
  for (std::size_t r = 0; r < list.size(); ++r) {
    const Repository& repo = *list[r];
    // A tree with an md5-cache but no ebuild at all is a metadata snapshot:
    // its versions come from the cache.
    bool meta_only = !repo.has_ebuilds();
    metadata_only_[r] = meta_only;
    std::vector<std::string> cats = repo.category_dirs();
    if (meta_only) {
      std::vector<DirEntry> entries;
      std::string err;
      if (repo.fs().list_dir(repo.abs("metadata/md5-cache"), entries, &err))
        for (const DirEntry& d : entries)
          if (d.type == FileType::Directory) cats.push_back(d.name);
      std::sort(cats.begin(), cats.end());
      cats.erase(std::unique(cats.begin(), cats.end()), cats.end());
    }
    // Listing ~170 category directories is the one serial step before the
    // stream starts: list them in parallel, then record them in order.
    std::vector<std::vector<std::string>> packages(cats.size());
    tbb::parallel_for(std::size_t{0}, cats.size(), [&](std::size_t c) {
      std::vector<std::string>& pkgs = packages[c];
      if (meta_only) {
        for (const std::string& pf : repo.cache_pfs(cats[c]))
          if (auto split = split_pf(pf)) pkgs.emplace_back(split->package);
        std::sort(pkgs.begin(), pkgs.end());
        pkgs.erase(std::unique(pkgs.begin(), pkgs.end()), pkgs.end());
      } else {
        pkgs = repo.package_dirs(cats[c]);
      }
    });
    for (std::size_t c = 0; c < cats.size(); ++c) {
      Symbol csym = Symbol::intern(cats[c]);
      const std::vector<std::string>& pkgs = packages[c];
      cache_dirs_[(static_cast<std::uint64_t>(r) << 32) | csym.id()] = std::make_unique<CacheDir>();
      for (const std::string& p : pkgs) {
        Symbol psym = Symbol::intern(p);
        add_slot(grouped, csym, psym, repo);
        if (r == 0) main_keys_.push_back({csym, psym});
      }
    }
  }
  build_table(grouped);
}

RepoIndex::RepoIndex(const RepoSet& repos, const MetadataLayer* layer,
                     const std::vector<std::pair<std::string, std::string>>& packages)
    : repos_(&repos), layer_(layer) {
  const auto& list = repos.repos();
  metadata_only_.assign(list.size(), false);
  Grouped grouped;
  if (!list.empty()) {
    const Repository& repo = *list[0];
    const bool meta_only = !repo.has_ebuilds();
    metadata_only_[0] = meta_only;
    for (const auto& [category, package] : packages) {
      // As the full constructor finds them: a package directory, or in a
      // metadata snapshot a cache entry of that package.
      bool found = false;
      if (meta_only) {
        for (const std::string& pf : repo.cache_pfs(category))
          if (auto split = split_pf(pf); split && split->package == package) found = true;
      } else {
        found = repo.fs().stat(repo.abs(category + "/" + package)) == FileType::Directory;
      }
      if (!found) continue;
      Symbol csym = Symbol::intern(category), psym = Symbol::intern(package);
      if (grouped.count(pack(csym, psym))) continue;  // named twice
      cache_dirs_.try_emplace(csym.id(), std::make_unique<CacheDir>());
      add_slot(grouped, csym, psym, repo);
      main_keys_.push_back({csym, psym});
    }
  }
  build_table(grouped);
}

void RepoIndex::add_slot(Grouped& grouped, Symbol category, Symbol package, const Repository& repo) {
  auto slot = std::make_unique<Slot>();
  slot->category = category;
  slot->package = package;
  slot->repo = &repo;
  grouped[pack(category, package)].push_back(std::move(slot));
}

void RepoIndex::build_table(Grouped& grouped) {
  // Flatten: slots of one cat/pkg are contiguous; the table points at them.
  std::size_t size = 16;
  while (size < grouped.size() * 2) size *= 2;
  table_.assign(size, SlotRange{});
  for (auto& [key, group] : grouped) {
    std::size_t i = table_hash(key) & (size - 1);
    while (table_[i].key != 0) i = (i + 1) & (size - 1);
    table_[i] = SlotRange{key, static_cast<std::uint32_t>(slots_.size()), static_cast<std::uint32_t>(group.size())};
    for (auto& slot : group) slots_.push_back(std::move(slot));
  }
  std::sort(main_keys_.begin(), main_keys_.end(), [](const Key& a, const Key& b) {
    int c = a.category.str().compare(b.category.str());
    return c != 0 ? c < 0 : a.package.str() < b.package.str();
  });
}

std::vector<const Package*> RepoIndex::packages_of(const Repository& repo) const {
  std::vector<const Slot*> mine;
  for (const auto& slot : slots_)
    if (slot->repo == &repo) mine.push_back(slot.get());
  std::vector<const Package*> out(mine.size());
  tbb::parallel_for(std::size_t{0}, mine.size(), [&](std::size_t i) { out[i] = load(*mine[i]); });
  return out;
}

bool RepoIndex::metadata_only(const Repository& r) const {
  const auto& list = repos_->repos();
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].get() == &r) return metadata_only_[i];
  return false;
}

const std::vector<std::string>& RepoIndex::cache_pfs(const Repository& repo, Symbol category) const {
  static const std::vector<std::string> kNone;
  const auto& list = repos_->repos();
  std::uint64_t r = 0;
  while (r < list.size() && list[r].get() != &repo) ++r;
  auto it = cache_dirs_.find((r << 32) | category.id());
  if (it == cache_dirs_.end()) return kNone;
  const CacheDir& dir = *it->second;
  std::call_once(dir.once, [&] {
    dir.pfs = repo.cache_pfs(std::string(category.str()));
    std::sort(dir.pfs.begin(), dir.pfs.end());
  });
  return dir.pfs;
}

const Package* RepoIndex::load(const Slot& slot) const {
  std::call_once(slot.once, [&] {
    auto pkg = std::make_unique<Package>();
    pkg->category = slot.category;
    pkg->package = slot.package;
    pkg->repo = slot.repo;
    const Repository& repo = *slot.repo;
    std::string cat(slot.category.str());
    std::string name(slot.package.str());
    std::string prefix = name + "-";

    // This package's entries: the sorted listing's range that starts with "name-".
    std::vector<std::string> cache_pfs;
    const std::vector<std::string>& all = this->cache_pfs(repo, slot.category);
    for (auto it = std::lower_bound(all.begin(), all.end(), prefix);
         it != all.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
      auto split = split_pf(*it);
      if (split && split->package == name) cache_pfs.push_back(*it);
    }

    if (metadata_only(repo)) {
      for (const std::string& pf : cache_pfs) {
        Ebuild e;
        e.pf = pf;
        e.version = split_pf(pf)->version;
        pkg->versions.push_back(std::move(e));
      }
    } else {
      for (const Repository::EbuildFile& f : repo.ebuilds(cat, name, &pkg->bad_ebuilds, &pkg->listing, &pkg->listing_error)) {
        Ebuild e;
        e.pf = f.pf;
        e.version = f.version;
        e.ebuild_path = f.path;
        pkg->versions.push_back(std::move(e));
      }
      for (const std::string& pf : cache_pfs) {
        bool has = std::any_of(pkg->versions.begin(), pkg->versions.end(), [&](const Ebuild& e) { return e.pf == pf; });
        if (!has) pkg->orphan_cache.push_back(pf);
      }
    }

    thread_local std::string buf;
    for (std::size_t v = 0; v < pkg->versions.size(); ++v) {
      Ebuild& e = pkg->versions[v];
      e.category = slot.category;
      e.package = slot.package;
      e.cache_path = repo.cache_path(cat, e.pf);
      if (layer_ && !metadata_only(repo)) {
        layer_->provide(repo, e);
      } else {
        std::string err;
        if (read_into(repo, e.cache_path, buf, &err)) {
          e.has_cache = true;
          e.entry = parse_cache_entry(buf);
        } else {
          e.cache_error = err.empty() ? "cannot read cache entry" : err;
          e.origin.source = EntrySource::None;
        }
      }
      derive_ebuild_fields(e, std::span<const Ebuild>(pkg->versions.data(), v));
    }
    auto by_version = [](const Ebuild& a, const Ebuild& b) { return a.version < b.version; };
    if (!std::is_sorted(pkg->versions.begin(), pkg->versions.end(), by_version))  // ebuilds() already sorts
      std::sort(pkg->versions.begin(), pkg->versions.end(), by_version);
    slot.pkg = std::move(pkg);
  });
  return slot.pkg.get();
}

std::vector<const Package*> RepoIndex::find(Symbol category, Symbol package) const {
  std::vector<const Package*> out;
  for_each_copy(category, package, [&](const Package& p) { out.push_back(&p); });
  return out;
}

const Package* RepoIndex::find_main(Symbol category, Symbol package) const {
  const SlotRange* range = lookup(category, package);
  if (!range) return nullptr;
  const Repository* main = &repos_->main();
  for (std::uint32_t i = range->first; i < range->first + range->count; ++i)
    if (slots_[i]->repo == main) return load(*slots_[i]);
  return nullptr;
}

bool RepoIndex::exists(Symbol category, Symbol package) const { return lookup(category, package) != nullptr; }

std::vector<const Ebuild*> RepoIndex::matches(const Atom& atom, bool check_use) const {
  std::vector<const Ebuild*> out;
  versions(atom.category, atom.package, out);
  std::erase_if(out, [&](const Ebuild* e) { return !atom.matches(e->ref(check_use)); });
  return out;
}

void RepoIndex::versions(Symbol category, Symbol package, std::vector<const Ebuild*>& out) const {
  out.clear();
  int copies = 0;
  for_each_copy(category, package, [&](const Package& p) {
    ++copies;
    for (const Ebuild& e : p.versions) out.push_back(&e);
  });
  // Sorting a package's versions again for every dependency on it cost
  // flatcar 2% of its scan.
  if (copies > 1)
    std::stable_sort(out.begin(), out.end(), [](const Ebuild* a, const Ebuild* b) { return a->version < b->version; });
}

const Ebuild* RepoIndex::best_match(const Atom& atom, bool check_use) const {
  const Ebuild* best = nullptr;
  auto rank = [](const Ebuild* e) { return (e->keyworded() ? 2 : 0) + (e->live ? 0 : 1); };
  for (const Ebuild* e : matches(atom, check_use)) {
    if (!best || rank(e) > rank(best) || (rank(e) == rank(best) && best->version < e->version)) best = e;
  }
  return best;
}

}  // namespace pkgscan
