#pragma once
// Interned names (categories, packages, USE flags, slots, keywords, eclasses).
// A Symbol is a 32-bit id into one process-wide table: equal strings have equal
// ids, so atoms stay small and compare and hash in one instruction.
#include <cstdint>
#include <functional>
#include <string_view>

namespace pkgscan {

class Symbol {
 public:
  Symbol() = default;  // the empty string

  // Thread-safe; lookups of already-interned strings take no lock on the fast path.
  static Symbol intern(std::string_view s);

  std::string_view str() const;  // stable for the life of the process
  std::uint32_t id() const { return id_; }
  bool empty() const { return id_ == 0; }

  friend bool operator==(Symbol a, Symbol b) { return a.id_ == b.id_; }
  friend bool operator!=(Symbol a, Symbol b) { return a.id_ != b.id_; }

  // Lexical order of the strings (not of the ids), for sorted output.
  static bool lexical_less(Symbol a, Symbol b) { return a.str() < b.str(); }

 private:
  explicit Symbol(std::uint32_t id) : id_(id) {}
  std::uint32_t id_ = 0;
};

}  // namespace pkgscan

template <>
struct std::hash<pkgscan::Symbol> {
  std::size_t operator()(pkgscan::Symbol s) const noexcept { return s.id() * 0x9E3779B97F4A7C15ull; }
};
