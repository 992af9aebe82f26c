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
    std::string_view name = e.name.substr(0, 0xffff);  // longer names are not file names anyway
    char* name_copy = store.names.append(name.size());
    std::copy(name.begin(), name.end(), name_copy);

    hashes.clear();
    for (const ManifestHash& h : manifest.hashes_of(e)) hashes.emplace_back(hash_symbol(h.name), fingerprint(h.value));
    auto by_name = [](const auto& a, const auto& b) { return Symbol::lexical_less(a.first, b.first); };
    if (!std::is_sorted(hashes.begin(), hashes.end(), by_name)) std::sort(hashes.begin(), hashes.end(), by_name);
    if (hashes.size() > 0xff) hashes.resize(0xff);

    Record& r = *store.records.append(1);
    r = Record{};
    r.pkg = &pkg;
    r.line = static_cast<std::uint32_t>(e.line);
    r.name = name_copy;
    r.name_size = static_cast<std::uint16_t>(name.size());
    r.hash_count = static_cast<std::uint8_t>(hashes.size());
    Hash* extra = hashes.size() > kInlineHashes ? store.extra.append(hashes.size() - kInlineHashes) : nullptr;
    r.extra = extra;
    r.all = mix(0x243F6A8885A308D3ull, e.size);
    for (std::size_t i = 0; i < hashes.size(); ++i) {
      r.all = mix(mix(r.all, hashes[i].first.id()), hashes[i].second);
      if (i < kInlineHashes) {
        r.hash_name[i] = hashes[i].first;
        r.fp[i] = hashes[i].second;
      } else {
        extra[i - kInlineHashes] = {hashes[i].first, hashes[i].second};
      }
    }
  }
}

template <class Key>
void DistfileCollisions::each_run(const std::unordered_map<const Package*, std::uint32_t>& position, Key key,
                                  const std::function<void(std::vector<Placed>&)>& fn) const {
  // Only the 16-byte (key, record) pairs are sorted, not the records.
  std::size_t total = 0;
  for (const Store& s : stores_) total += s.records.count();
  std::vector<Ref> refs;
  refs.reserve(total);
  for (const Store& s : stores_) s.records.each([&](const Record& r) { refs.push_back({key(r), &r}); });
  std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) { return a.key < b.key; });
  std::vector<Placed> run;
  for (std::size_t i = 0; i < refs.size();) {
    std::size_t end = i + 1;
    while (end < refs.size() && refs[end].key == refs[i].key) ++end;
    if (end - i >= 2) {
      run.clear();
      for (std::size_t k = i; k < end; ++k)
        if (auto p = position.find(refs[k].record->pkg); p != position.end()) run.push_back({refs[k].record, p->second});
      if (run.size() >= 2) {
        std::sort(run.begin(), run.end(), [](const Placed& a, const Placed& b) {
          return a.position != b.position ? a.position < b.position : a.record->line < b.record->line;
        });
        fn(run);
      }
    }
    i = end;
  }
}

void DistfileCollisions::find(std::span<const Package* const> scanned, bool conflicts, bool matches,
                              const std::function<void(const Conflict&)>& on_conflict,
                              const std::function<void(const Match&)>& on_match) {
  std::unordered_map<const Package*, std::uint32_t> position;
  position.reserve(scanned.size());
  for (std::uint32_t i = 0; i < scanned.size(); ++i) position.emplace(scanned[i], i);

  if (conflicts) {
    auto name_hash = [](const Record& r) { return std::hash<std::string_view>{}(r.name_view()); };
    each_run(position, name_hash, [&](std::vector<Placed>& run) {
      // Equal name hashes: the names are compared too; a handled name is
      // cleared from the run.
      for (std::size_t i = 0; i < run.size(); ++i) {
        if (!run[i].record) continue;
        const std::string_view name = run[i].record->name_view();
        std::vector<const Package*> packages{run[i].record->pkg};
        std::vector<Hash> hashes;  // the union of the agreeing entries' hashes
        for (int h = 0; h < run[i].record->hash_count; ++h) hashes.push_back(run[i].record->hash(h));
        run[i].record = nullptr;
        for (std::size_t k = i + 1; k < run.size(); ++k) {
          if (!run[k].record || run[k].record->name_view() != name) continue;
          const Record& r = *run[k].record;
          Conflict c{r.pkg, name, {}, {}};
          for (int h = 0; h < r.hash_count; ++h) {
            Hash mine = r.hash(h);
            for (const Hash& old : hashes)
              if (old.name == mine.name && old.fp != mine.fp) c.hashes.push_back(old.name.str());
          }
          if (!c.hashes.empty()) {
            c.earlier = packages;
            on_conflict(c);
          } else {
            for (int h = 0; h < r.hash_count; ++h) {
              Hash mine = r.hash(h);
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
    each_run(position, [](const Record& r) { return r.all; }, [&](std::vector<Placed>& run) {
      const Record& origin = *run[0].record;
      const std::string_view origin_name = origin.name_view();
      for (std::size_t k = 1; k < run.size(); ++k) {
        const std::string_view name = run[k].record->name_view();
        if (name == origin_name) continue;
        if (name.find("%2F@v") != std::string_view::npos && name.ends_with(".mod")) continue;  // go.mod files
        on_match({run[k].record->pkg, name, origin.pkg, origin_name});
      }
    });
  }
}

}  // namespace pkgscan
