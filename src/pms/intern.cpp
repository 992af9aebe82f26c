// The process-wide symbol table behind Symbol.
//
// Lookups of strings that are already interned never take a lock: the hash
// table is an array of atomic slots that is only ever filled (never changed
// once set), and growing it publishes a new array while the old one stays
// alive, so a reader holding an old array still reads valid (if incomplete)
// data and falls back to the locked path on a miss. Strings live in arena
// blocks that are never freed, which makes str() views stable forever.
#include "pkgscan/intern.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace pkgscan {
namespace {

std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

std::uint64_t load32(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
  h = (h ^ w) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 32);
}

std::uint64_t hash_bytes(std::string_view s) {
  // Multiply-mix over 8-byte words. The tail is read with whole, possibly
  // overlapping loads: a byte-wise copy into a word stalls store forwarding.
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = 0x243F6A8885A308D3ull ^ (n * 0x9E3779B97F4A7C15ull);
  if (n >= 8) {
    const char* last = p + n - 8;
    while (p < last) {
      h = mix(h, load64(p));
      p += 8;
    }
    h = mix(h, load64(last));
  } else if (n >= 4) {
    h = mix(h, (load32(p) << 32) | load32(p + n - 4));
  } else if (n > 0) {
    auto b = [p](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])); };
    h = mix(h, (b(0) << 16) | (b(n / 2) << 8) | b(n - 1));
  }
  h *= 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

// Equality of two equally long byte strings; inline, because a memcmp call
// costs more than the comparison of a short name.
bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (load64(a + i) != load64(b + i)) return false;
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

struct Entry {
  const char* data;
  std::uint32_t size;
};

// Id -> string, in fixed-size chunks so entries never move.
constexpr std::uint32_t kChunkBits = 12;
constexpr std::uint32_t kChunkSize = 1u << kChunkBits;
constexpr std::uint32_t kMaxChunks = 1u << 16;  // 2^28 symbols

// A slot holds (hash high 32 bits << 32) | id; 0 is empty (id 0 is never stored).
struct Table {
  explicit Table(std::size_t cap) : mask(cap - 1), slots(new std::atomic<std::uint64_t>[cap]) {
    for (std::size_t i = 0; i < cap; ++i) slots[i].store(0, std::memory_order_relaxed);
  }
  std::size_t mask;
  std::unique_ptr<std::atomic<std::uint64_t>[]> slots;
};

class SymbolTable {
 public:
  SymbolTable() {
    tables_.push_back(std::make_unique<Table>(1u << 12));
    current_.store(tables_.back().get(), std::memory_order_release);
    chunks_[0].store(new Entry[kChunkSize], std::memory_order_release);
    chunks_[0].load(std::memory_order_relaxed)[0] = Entry{"", 0};
    count_ = 1;
  }

  std::uint32_t find(const Table* t, std::string_view s, std::uint64_t h) const {
    std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & t->mask;; i = (i + 1) & t->mask) {
      std::uint64_t v = t->slots[i].load(std::memory_order_acquire);
      if (v == 0) return 0;
      if (static_cast<std::uint32_t>(v >> 32) == tag) {
        std::uint32_t id = static_cast<std::uint32_t>(v);
        const Entry& e = entry(id);
        if (e.size == s.size() && same_bytes(e.data, s.data(), s.size())) return id;
      }
    }
  }

  std::uint32_t intern(std::string_view s) {
    if (s.empty()) return 0;
    std::uint64_t h = hash_bytes(s);
    if (std::uint32_t id = find(current_.load(std::memory_order_acquire), s, h)) return id;
    std::lock_guard<std::mutex> lock(mutex_);
    Table* t = current_.load(std::memory_order_relaxed);
    if (std::uint32_t id = find(t, s, h)) return id;
    std::uint32_t id = add_entry(s);
    if ((count_ + 1) * 2 > t->mask + 1) t = grow(t);
    insert(t, h, id);
    return id;
  }

  const Entry& entry(std::uint32_t id) const {
    return chunks_[id >> kChunkBits].load(std::memory_order_acquire)[id & (kChunkSize - 1)];
  }

 private:
  static void insert(Table* t, std::uint64_t h, std::uint32_t id) {
    std::uint64_t v = (h & 0xFFFFFFFF00000000ull) | id;
    for (std::size_t i = h & t->mask;; i = (i + 1) & t->mask) {
      if (t->slots[i].load(std::memory_order_relaxed) == 0) {
        t->slots[i].store(v, std::memory_order_release);
        return;
      }
    }
  }

  Table* grow(Table* old) {
    auto bigger = std::make_unique<Table>((old->mask + 1) * 2);
    for (std::size_t i = 0; i <= old->mask; ++i) {
      std::uint64_t v = old->slots[i].load(std::memory_order_relaxed);
      if (v == 0) continue;
      const Entry& e = entry(static_cast<std::uint32_t>(v));
      insert(bigger.get(), hash_bytes(std::string_view(e.data, e.size)), static_cast<std::uint32_t>(v));
    }
    Table* t = bigger.get();
    tables_.push_back(std::move(bigger));  // old tables stay alive for concurrent readers
    current_.store(t, std::memory_order_release);
    return t;
  }

  std::uint32_t add_entry(std::string_view s) {
    // Called with the mutex held.
    if (arena_left_ < s.size()) {
      std::size_t block = std::max<std::size_t>(64 * 1024, s.size());
      arenas_.push_back(std::make_unique<char[]>(block));
      arena_pos_ = arenas_.back().get();
      arena_left_ = block;
    }
    char* data = arena_pos_;
    std::memcpy(data, s.data(), s.size());
    arena_pos_ += s.size();
    arena_left_ -= s.size();

    std::uint32_t id = count_++;
    std::uint32_t chunk = id >> kChunkBits;
    if (chunk >= kMaxChunks) std::abort();  // 268 million distinct names: not a real repository
    Entry* c = chunks_[chunk].load(std::memory_order_relaxed);
    if (c == nullptr) {
      c = new Entry[kChunkSize];
      chunks_[chunk].store(c, std::memory_order_release);
    }
    c[id & (kChunkSize - 1)] = Entry{data, static_cast<std::uint32_t>(s.size())};
    return id;
  }

  std::atomic<Table*> current_{nullptr};
  std::atomic<Entry*> chunks_[kMaxChunks] = {};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Table>> tables_;
  std::vector<std::unique_ptr<char[]>> arenas_;
  char* arena_pos_ = nullptr;
  std::size_t arena_left_ = 0;
  std::uint32_t count_ = 0;
};

SymbolTable& table() {
  // Leaked on purpose: symbols may be used from static destructors.
  static SymbolTable* t = new SymbolTable();
  return *t;
}

}  // namespace

Symbol Symbol::intern(std::string_view s) { return Symbol(table().intern(s)); }

std::string_view Symbol::str() const {
  if (id_ == 0) return {};
  const Entry& e = table().entry(id_);
  return std::string_view(e.data, e.size);
}

}  // namespace pkgscan
