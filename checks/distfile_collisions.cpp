// DistfileCollisions: see distfile_collisions.hpp.
#include "distfile_collisions.hpp"

#include <cstring>
#include <new>
#include <type_traits>

namespace pkgscan {

namespace {

// A hash value's fingerprint: its first 16 hex digits as a number (the value
// is a cryptographic hash, so these bits are as good as any; the parser has
// read them, in either case, as pkgcore compares the numbers) mixed with its
// length.
std::uint64_t fingerprint(const ManifestHash& h) {
  return h.prefix ^ (static_cast<std::uint64_t>(h.value.size()) * 0x9E3779B97F4A7C15ull);
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

std::size_t DistfileCollisions::Record::words(std::size_t name_size, std::size_t hash_count) {
  const std::size_t extra = hash_count > kInlineHashes ? hash_count - kInlineHashes : 0;
  const std::size_t bytes = sizeof(Record) + extra * sizeof(std::uint64_t) + hash_count * sizeof(Symbol) + name_size;
  return (bytes + 7) / 8;
}

// The variable part follows the header: extra fingerprints, hash names,
// name bytes. Read and written with memcpy (it is raw storage, not objects;
// Symbol is a trivially copyable 32-bit id).
static_assert(std::is_trivially_copyable_v<Symbol> && sizeof(Symbol) == 4);
std::string_view DistfileCollisions::Record::name_view() const {
  const std::size_t extra = hash_count > kInlineHashes ? hash_count - kInlineHashes : 0;
  const char* at = reinterpret_cast<const char*>(this + 1) + extra * sizeof(std::uint64_t) +
                   hash_count * sizeof(Symbol);
  return {at, name_size};
}

DistfileCollisions::Hash DistfileCollisions::Record::hash(int i) const {
  const char* variable = reinterpret_cast<const char*>(this + 1);
  const std::size_t extra = hash_count > kInlineHashes ? hash_count - kInlineHashes : 0;
  Symbol name;
  std::memcpy(&name, variable + extra * sizeof(std::uint64_t) + static_cast<std::size_t>(i) * sizeof(Symbol), sizeof name);
  std::uint64_t fp;
  if (i < kInlineHashes) fp = this->fp[i];
  else std::memcpy(&fp, variable + static_cast<std::size_t>(i - kInlineHashes) * sizeof fp, sizeof fp);
  return {name, fp};
}

void DistfileCollisions::add(const Package& pkg, const Manifest& manifest) {
  Store& store = stores_.local();
  std::vector<std::pair<Symbol, std::uint64_t>> hashes;
  std::uint32_t count = 0;
  for (const ManifestEntry& e : manifest.entries) {
    if (!e.dist()) continue;
    std::string_view name = e.name.substr(0, 0xffff);  // longer names are not file names anyway

    hashes.clear();
    for (const ManifestHash& h : manifest.hashes_of(e)) hashes.emplace_back(hash_symbol(h.name), fingerprint(h));
    auto by_name = [](const auto& a, const auto& b) { return Symbol::lexical_less(a.first, b.first); };
    if (!std::is_sorted(hashes.begin(), hashes.end(), by_name)) std::sort(hashes.begin(), hashes.end(), by_name);
    if (hashes.size() > 0xff) hashes.resize(0xff);
    const std::size_t n = hashes.size();

    std::uint64_t* at = store.records.append(Record::words(name.size(), n));
    Record& r = *new (at) Record{};
    r.line = static_cast<std::uint32_t>(e.line);
    r.name_size = static_cast<std::uint16_t>(name.size());
    r.hash_count = static_cast<std::uint8_t>(n);
    r.all = mix(0x243F6A8885A308D3ull, e.size);
    char* variable = reinterpret_cast<char*>(&r + 1);
    const std::size_t extra = n > kInlineHashes ? n - kInlineHashes : 0;
    for (std::size_t i = 0; i < n; ++i) {
      r.all = mix(mix(r.all, hashes[i].first.id()), hashes[i].second);
      if (i < kInlineHashes) r.fp[i] = hashes[i].second;
      else std::memcpy(variable + (i - kInlineHashes) * sizeof(std::uint64_t), &hashes[i].second, sizeof(std::uint64_t));
      std::memcpy(variable + extra * sizeof(std::uint64_t) + i * sizeof(Symbol), &hashes[i].first, sizeof(Symbol));
    }
    std::memcpy(variable + extra * sizeof(std::uint64_t) + n * sizeof(Symbol), name.data(), name.size());
    ++count;
  }
  if (count > 0) store.packages.push_back({&pkg, count});
}

template <class Fn>
void DistfileCollisions::each_record(Fn&& fn) const {
  for (const Store& s : stores_) {
    auto run = s.packages.begin();
    std::uint32_t left = run == s.packages.end() ? 0 : run->records;
    s.records.each_block([&](const std::uint64_t* words, std::size_t size) {
      for (std::size_t i = 0; i < size;) {
        const Record* r = std::launder(reinterpret_cast<const Record*>(words + i));
        while (left == 0) left = (++run)->records;  // every record belongs to a run
        fn(*r, run->pkg);
        --left;
        i += r->words();
      }
    });
  }
}

template <class Key>
void DistfileCollisions::each_run(const std::unordered_map<const Package*, std::uint32_t>& position, Key key,
                                  const std::function<void(std::vector<Placed>&)>& fn) const {
  // First which keys occur more than once, approximately: two bits per
  // slot of a table indexed by the key's top bits (seen, seen again), 2 MB
  // for the pass instead of a sorted array of every key. A slot that two
  // keys share only lets extra records through to the exact grouping below;
  // a key that occurs twice is never missed.
  //
  // The table has about 16 slots per record, between 2^10 and 2^23 slots
  // (2 MB, a whole repository's records): a pre-commit scan of one package
  // must not zero megabytes for its few dozen entries.
  std::size_t records = 0;
  for (const Store& s : stores_)
    for (const PackageRun& run : s.packages) records += run.records;
  int slot_bits = 10;
  while (slot_bits < 23 && (std::size_t{1} << slot_bits) < 16 * records) ++slot_bits;
  std::vector<std::uint64_t> seen(std::size_t{1} << (slot_bits - 6)), again(std::size_t{1} << (slot_bits - 6));
  auto slot = [slot_bits](std::uint64_t k) { return static_cast<std::size_t>(k >> (64 - slot_bits)); };
  each_record([&](const Record& r, const Package*) {
    const std::size_t i = slot(key(r));
    const std::uint64_t bit = std::uint64_t{1} << (i & 63);
    again[i >> 6] |= seen[i >> 6] & bit;
    seen[i >> 6] |= bit;
  });
  std::vector<Placed> placed;
  each_record([&](const Record& r, const Package* pkg) {
    const std::uint64_t k = key(r);
    const std::size_t i = slot(k);
    if (!(again[i >> 6] & (std::uint64_t{1} << (i & 63)))) return;
    if (auto p = position.find(pkg); p != position.end()) placed.push_back({k, p->second, r.line, &r, pkg});
  });
  std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
    if (a.key != b.key) return a.key < b.key;
    return a.position != b.position ? a.position < b.position : a.line < b.line;
  });
  std::vector<Placed> run;
  for (std::size_t i = 0; i < placed.size();) {
    std::size_t end = i + 1;
    while (end < placed.size() && placed[end].key == placed[i].key) ++end;
    if (end - i >= 2) {
      run.assign(placed.begin() + static_cast<std::ptrdiff_t>(i), placed.begin() + static_cast<std::ptrdiff_t>(end));
      fn(run);
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
        std::vector<const Package*> packages{run[i].pkg};
        std::vector<Hash> hashes;  // the union of the agreeing entries' hashes
        for (int h = 0; h < run[i].record->hash_count; ++h) hashes.push_back(run[i].record->hash(h));
        run[i].record = nullptr;
        for (std::size_t k = i + 1; k < run.size(); ++k) {
          if (!run[k].record || run[k].record->name_view() != name) continue;
          const Record& r = *run[k].record;
          const Package* pkg = run[k].pkg;
          Conflict c{pkg, name, {}, {}};
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
            if (packages.back() != pkg) packages.push_back(pkg);
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
        on_match({run[k].pkg, name, run[0].pkg, origin_name});
      }
    });
  }
}

}  // namespace pkgscan
