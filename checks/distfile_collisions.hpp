#pragma once
// The Manifest check's pass across packages (pkgcheck's
// ManifestCollisionCheck): one distfile name must have one set of hashes,
// and one set of hashes one name. Every DIST entry of the scan is kept until
// the package stream ends, so the records are small and flat, one store per
// thread (no lock, no per-package allocation): fresh memory is what such a
// pass costs most. Hash values are kept as 64-bit fingerprints (two files
// would have to agree in the first 64 bits of every hash to be taken for one).
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pkgscan/index.hpp"
#include "pkgscan/manifest.hpp"

namespace pkgscan {

class DistfileCollisions {
 public:
  struct Conflict {                      // ConflictingChksums
    const Package* pkg;                  // the later package
    std::string_view name;
    std::vector<std::string_view> hashes;  // names of the differing hashes ("BLAKE2B")
    std::vector<const Package*> earlier;   // the packages whose entries it contradicts, in scan order
  };
  struct Match {                         // MatchingChksums
    const Package* pkg;                  // the later entry's package
    std::string_view name;
    const Package* origin_pkg;           // the first entry with these hashes
    std::string_view origin_name;
  };

  // Keeps the package's DIST entries; thread-safe (concurrent packages).
  void add(const Package& pkg, const Manifest& manifest);

  // The collisions among the kept entries of `scanned` (in scan order, which
  // decides which entry came first). Sorts the stores in place.
  void find(std::span<const Package* const> scanned, bool conflicts, bool matches,
            const std::function<void(const Conflict&)>& on_conflict,
            const std::function<void(const Match&)>& on_match);

 private:
  static constexpr int kInlineHashes = 2;  // BLAKE2B and SHA512; more go to Store::extra
  struct Record {
    std::uint64_t name_hash;
    std::uint64_t all;                   // size and every (hash name, value)
    const Package* pkg;
    std::uint64_t fp[kInlineHashes];     // value fingerprints, by hash name order
    Symbol hash_name[kInlineHashes];     // by name order
    std::uint32_t name_at;               // in Store::names
    std::uint32_t extra_at;              // in Store::extra, for hashes beyond kInlineHashes
    std::uint32_t line;                  // Manifest line: order within a package
    std::uint16_t name_size;
    std::uint8_t hash_count;
  };
  struct Hash {
    Symbol name;  // "BLAKE2B"
    std::uint64_t fp;
  };
  struct Store {
    std::string names;
    std::vector<Record> records;
    std::vector<Hash> extra;
    std::string_view name(const Record& r) const { return std::string_view(names).substr(r.name_at, r.name_size); }
    Hash hash(const Record& r, int i) const {
      return i < kInlineHashes ? Hash{r.hash_name[i], r.fp[i]} : extra[r.extra_at + i - kInlineHashes];
    }
  };
  struct Ref {
    const Record* record;
    const Store* store;
    std::uint32_t position;  // the package's place in scan order
  };

  // Runs of records with equal key(record) across all stores, each run in
  // scan order (then Manifest line order); fn(run) for runs of two or more.
  void each_run(const std::unordered_map<const Package*, std::uint32_t>& position,
                std::uint64_t Record::*key, const std::function<void(std::vector<Ref>&)>& fn);

  tbb::enumerable_thread_specific<Store> stores_;
};

}  // namespace pkgscan
