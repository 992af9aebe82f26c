// DistfileCollisions: see distfile_collisions.hpp.
#include "distfile_collisions.hpp"

namespace pkgscan {

namespace {

// A hash value's fingerprint: its first 16 hex digits as a number (the value
// is a cryptographic hash, so these bits are as good as any) mixed with its
// length. Case does not matter, as pkgcore compares the numbers. The parser
// has checked that the value is hex.
std::uint64_t fingerprint(std::string_view hex_value) {
  std::uint64_t fp = 0;
  for (char c : hex_value.substr(0, 16)) {
    unsigned digit = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
    fp = (fp << 4) | digit;
  }
  return fp ^ (static_cast<std::uint64_t>(hex_value.size()) * 0x9E3779B97F4A7C15ull);
}

// A hash name as a Symbol; the two that nearly every entry has skip the table.
Symbol hash_symbol(std::string_view name) {
  static const Symbol kBlake2b = Symbol::intern("BLAKE2B"), kSha512 = Symbol::intern("SHA512");
  if (name == "BLAKE2B") return kBlake2b;
  if (name == "SHA512") return kSha512;
  return Symbol::intern(name);
}

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h = (h ^ v) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 29);
}

}  // namespace

void DistfileCollisions::add(const Package& pkg, const Manifest& manifest) {
  Store& store = stores_.local();
  std::vector<std::pair<Symbol, std::uint64_t>> hashes;
  for (const ManifestEntry& e : manifest.entries) {
    if (e.tag != "DIST") continue;
    Record r{};
    r.pkg = &pkg;
    r.line = static_cast<std::uint32_t>(e.line);
    std::string_view name = e.name.substr(0, 0xffff);  // longer names are not file names anyway
    r.name_hash = std::hash<std::string_view>{}(name);
    r.name_at = static_cast<std::uint32_t>(store.names.size());
    r.name_size = static_cast<std::uint16_t>(name.size());
    store.names += name;

    hashes.clear();
    for (const ManifestHash& h : manifest.hashes_of(e)) hashes.emplace_back(hash_symbol(h.name), fingerprint(h.value));
    auto by_name = [](const auto& a, const auto& b) { return Symbol::lexical_less(a.first, b.first); };
    if (!std::is_sorted(hashes.begin(), hashes.end(), by_name)) std::sort(hashes.begin(), hashes.end(), by_name);
    if (hashes.size() > 0xff) hashes.resize(0xff);
    r.hash_count = static_cast<std::uint8_t>(hashes.size());
    r.extra_at = static_cast<std::uint32_t>(store.extra.size());
    r.all = mix(0x243F6A8885A308D3ull, e.size);
    for (std::size_t i = 0; i < hashes.size(); ++i) {
      r.all = mix(mix(r.all, hashes[i].first.id()), hashes[i].second);
      if (i < kInlineHashes) {
        r.hash_name[i] = hashes[i].first;
        r.fp[i] = hashes[i].second;
      } else {
        store.extra.push_back({hashes[i].first, hashes[i].second});
      }
    }
    store.records.push_back(r);
  }
}

void DistfileCollisions::each_run(const std::unordered_map<const Package*, std::uint32_t>& position,
                                  std::uint64_t Record::*key, const std::function<void(std::vector<Ref>&)>& fn) {
  std::vector<Store*> stores;
  for (Store& s : stores_) {
    std::sort(s.records.begin(), s.records.end(), [key](const Record& a, const Record& b) { return a.*key < b.*key; });
    stores.push_back(&s);
  }
  // Merge the sorted stores (one per thread: a handful).
  std::vector<std::size_t> at(stores.size(), 0);
  std::vector<Ref> run;
  for (;;) {
    bool any = false;
    std::uint64_t least = 0;
    for (std::size_t s = 0; s < stores.size(); ++s)
      if (at[s] < stores[s]->records.size() && (!any || stores[s]->records[at[s]].*key < least)) {
        least = stores[s]->records[at[s]].*key;
        any = true;
      }
    if (!any) return;
    run.clear();
    for (std::size_t s = 0; s < stores.size(); ++s)
      for (; at[s] < stores[s]->records.size() && stores[s]->records[at[s]].*key == least; ++at[s]) {
        const Record& r = stores[s]->records[at[s]];
        if (auto p = position.find(r.pkg); p != position.end()) run.push_back({&r, stores[s], p->second});
      }
    if (run.size() < 2) continue;
    std::sort(run.begin(), run.end(), [](const Ref& a, const Ref& b) {
      return a.position != b.position ? a.position < b.position : a.record->line < b.record->line;
    });
    fn(run);
  }
}

void DistfileCollisions::find(std::span<const Package* const> scanned, bool conflicts, bool matches,
                              const std::function<void(const Conflict&)>& on_conflict,
                              const std::function<void(const Match&)>& on_match) {
  std::unordered_map<const Package*, std::uint32_t> position;
  position.reserve(scanned.size());
  for (std::uint32_t i = 0; i < scanned.size(); ++i) position.emplace(scanned[i], i);

  if (conflicts) {
    each_run(position, &Record::name_hash, [&](std::vector<Ref>& run) {
      // Equal name hashes: the names are compared too; a handled name is
      // cleared from the run.
      for (std::size_t i = 0; i < run.size(); ++i) {
        if (!run[i].record) continue;
        const Store& first_store = *run[i].store;
        const std::string_view name = first_store.name(*run[i].record);
        std::vector<const Package*> packages{run[i].record->pkg};
        std::vector<Hash> hashes;  // the union of the agreeing entries' hashes
        for (int h = 0; h < run[i].record->hash_count; ++h) hashes.push_back(first_store.hash(*run[i].record, h));
        run[i].record = nullptr;
        for (std::size_t k = i + 1; k < run.size(); ++k) {
          if (!run[k].record || run[k].store->name(*run[k].record) != name) continue;
          const Record& r = *run[k].record;
          const Store& store = *run[k].store;
          Conflict c{r.pkg, name, {}, {}};
          for (int h = 0; h < r.hash_count; ++h) {
            Hash mine = store.hash(r, h);
            for (const Hash& old : hashes)
              if (old.name == mine.name && old.fp != mine.fp) c.hashes.push_back(old.name.str());
          }
          if (!c.hashes.empty()) {
            c.earlier = packages;
            on_conflict(c);
          } else {
            for (int h = 0; h < r.hash_count; ++h) {
              Hash mine = store.hash(r, h);
              if (std::none_of(hashes.begin(), hashes.end(), [&](const Hash& o) { return o.name == mine.name; }))
                hashes.push_back(mine);
            }
            if (packages.back() != r.pkg) packages.push_back(r.pkg);
          }
          run[k].record = nullptr;
        }
      }
    });
  }
  if (matches) {
    each_run(position, &Record::all, [&](std::vector<Ref>& run) {
      const Ref& origin = run[0];
      const std::string_view origin_name = origin.store->name(*origin.record);
      for (std::size_t k = 1; k < run.size(); ++k) {
        const std::string_view name = run[k].store->name(*run[k].record);
        if (name == origin_name) continue;
        if (name.find("%2F@v") != std::string_view::npos && name.ends_with(".mod")) continue;  // go.mod files
        on_match({run[k].record->pkg, name, origin.record->pkg, origin_name});
      }
    });
  }
}

}  // namespace pkgscan
