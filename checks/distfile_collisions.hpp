#pragma once
// The Manifest check's pass across packages (pkgcheck's
// ManifestCollisionCheck): one distfile name must have one set of hashes,
// and one set of hashes one name. Every DIST entry of the scan is kept until
// the package stream ends, so the records are small and flat, one store per
// thread (no lock, no per-package allocation): fresh memory is what such a
// pass costs most (on a virtual machine, several milliseconds per megabyte
// first touched). Hash values are kept as 64-bit fingerprints (two files
// would have to agree in the first 64 bits of every hash to be taken for one).
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
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
  static constexpr int kInlineHashes = 2;  // BLAKE2B and SHA512; their fingerprints sit in the record itself
  struct Hash {
    Symbol name;  // "BLAKE2B"
    std::uint64_t fp;
  };
  // One DIST entry: these 32 bytes, then in the same block its variable
  // part -- the fingerprints beyond the first two, the hash names (Symbol
  // ids, in name order) and the file name -- padded to 8 bytes; a typical
  // entry takes 64 bytes in all. The package is not stored: a store keeps
  // each package's entries together (Store::packages). The key of a pass
  // (the name's hash, `all`) is computed when the pass runs.
  struct Record {
    std::uint64_t all;                // size and every (hash name, value), mixed
    std::uint64_t fp[kInlineHashes];  // value fingerprints of the first hashes by name order
    std::uint32_t line;               // Manifest line: order within a package
    std::uint16_t name_size;
    std::uint8_t hash_count;
    std::uint8_t reserved;

    static std::size_t words(std::size_t name_size, std::size_t hash_count);  // 8-byte words, variable part included
    std::size_t words() const { return words(name_size, hash_count); }
    std::string_view name_view() const;
    Hash hash(int i) const;
  };
  static_assert(sizeof(Record) == 32);
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
    // fn(first, count) for each block's stored elements, in order.
    template <class Fn>
    void each_block(Fn&& fn) const {
      for (const Block& b : blocks_) fn(b.data.get(), b.size);
    }

   private:
    struct Block {
      std::unique_ptr<T[]> data;
      std::size_t size;
    };
    std::vector<Block> blocks_;
    std::size_t used_ = 0, capacity_ = 0;
  };
  struct PackageRun {
    const Package* pkg;
    std::uint32_t records;  // this many consecutive records of the store are the package's
  };
  struct Store {
    Blocks<std::uint64_t, 1 << 16> records;  // Record headers with their variable parts
    std::vector<PackageRun> packages;        // in the order added
  };
  struct Placed {
    std::uint64_t key;
    std::uint32_t position;  // the package's place in scan order
    std::uint32_t line;
    const Record* record;
    const Package* pkg;
  };

  // fn(record, pkg) for every stored record.
  template <class Fn>
  void each_record(Fn&& fn) const;
  // Runs of two or more scanned records with equal key(record), each run in
  // scan order (then Manifest line order): fn(run).
  template <class Key>
  void each_run(const std::unordered_map<const Package*, std::uint32_t>& position, Key key,
                const std::function<void(std::vector<Placed>&)>& fn) const;

  tbb::enumerable_thread_specific<Store> stores_;
};

}  // namespace pkgscan
