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
  struct Hash {
    Symbol name;  // "BLAKE2B"
    std::uint64_t fp;
  };
  // One DIST entry, 64 bytes (its name's hash is computed when needed). Its name and any hashes beyond the inline two
  // live in the store's blocks, which never move, so plain pointers hold.
  struct Record {
    std::uint64_t all;                   // size and every (hash name, value), mixed
    const Package* pkg;
    const char* name;
    const Hash* extra;                   // hashes beyond kInlineHashes
    std::uint64_t fp[kInlineHashes];     // value fingerprints, by hash name order
    Symbol hash_name[kInlineHashes];     // by name order
    std::uint32_t line;                  // Manifest line: order within a package
    std::uint16_t name_size;
    std::uint8_t hash_count;
    std::string_view name_view() const { return {name, name_size}; }
    Hash hash(int i) const { return i < kInlineHashes ? Hash{hash_name[i], fp[i]} : extra[i - kInlineHashes]; }
  };
  // Append-only storage in blocks of at least kBlock elements: appending
  // never moves or copies what is stored (a growing vector would copy the
  // whole pass's records each time it doubles, and touch fresh pages twice).
  template <class T, std::size_t kBlock>
  class Blocks {
   public:
    T* append(std::size_t n) {
      if (blocks_.empty() || used_ + n > capacity_) {
        capacity_ = std::max(kBlock, n);
        blocks_.push_back({std::unique_ptr<T[]>(new T[capacity_]), 0});
        used_ = 0;
      }
      T* at = blocks_.back().data.get() + used_;
      used_ += n;
      blocks_.back().size = used_;
      return at;
    }
    template <class Fn>
    void each(Fn&& fn) const {
      for (const Block& b : blocks_)
        for (std::size_t i = 0; i < b.size; ++i) fn(b.data[i]);
    }
    std::size_t count() const {
      std::size_t n = 0;
      for (const Block& b : blocks_) n += b.size;
      return n;
    }

   private:
    struct Block {
      std::unique_ptr<T[]> data;
      std::size_t size;
    };
    std::vector<Block> blocks_;
    std::size_t used_ = 0, capacity_ = 0;
  };
  struct Store {
    Blocks<Record, 8192> records;
    Blocks<char, 1 << 18> names;
    Blocks<Hash, 256> extra;
  };
  struct Ref {
    std::uint64_t key;
    const Record* record;
  };
  struct Placed {
    const Record* record;
    std::uint32_t position;  // the package's place in scan order
  };

  // Runs of records with equal key(record) across all stores, each run in
  // scan order (then Manifest line order); fn(run) for runs of two or more.
  template <class Key>
  void each_run(const std::unordered_map<const Package*, std::uint32_t>& position, Key key,
                const std::function<void(std::vector<Placed>&)>& fn) const;

  tbb::enumerable_thread_specific<Store> stores_;
};

}  // namespace pkgscan
