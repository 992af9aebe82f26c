#pragma once
// The Visibility family (pkgcheck's VisibilityCheck and
// RequiredUseUnsatisfiableCheck, reference/profiles-and-checks.md §2) is split
// over files that share this header:
//   visibility.cpp              the check: which profiles see an ebuild, its
//                               dependency classes under each profile's
//                               masked and forced flags, grouped results
//   visibility_columns.cpp      the profiles as columns of bit sets: one column
//                               per distinct (profile settings, stable or
//                               ~arch keyword), and the per-column tables
//                               (keywords, package masks, flag masks/forces)
//   visibility_required_use.cpp REQUIRED_USE satisfiability with some flags fixed
//
// Why columns of bits: an ebuild is checked against every profile of every
// arch it keywords (about 40 on the benchmark tree, 400 on ::gentoo), and
// nearly all answers are the same. Computing "which profiles can see a
// version" once per version as a bit set, and "which profiles can satisfy
// an atom" as the OR of those, answers all profiles at once.
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pkgscan/check.hpp"
#include "pkgscan/profiles.hpp"

namespace pkgscan::visibility {

inline constexpr Keyword kNonsolvableDepsInStable{
    "NonsolvableDepsInStable", Level::Error, Scope::Version,
    "On a stable profile of an arch the ebuild keywords (stable keywords are checked against the stable and the "
    "~arch view of the profile, ~arch keywords against the ~arch view), a dependency has no solution: no version "
    "that the profile accepts (keyword and package.mask) satisfies the atom, or any atom of an '|| ( )' group, "
    "with the USE dependencies the profile's masked and forced flags allow. USE-conditional groups are followed "
    "where the profile masks or forces the flag and taken in both ways where the user can choose. One result per "
    "version, dependency class and set of failing atoms, naming the first profile and how many share it."};
inline constexpr Keyword kNonsolvableDepsInDev{
    "NonsolvableDepsInDev", Level::Error, Scope::Version,
    "As NonsolvableDepsInStable, on a profile of status 'dev' in profiles.desc."};
inline constexpr Keyword kNonsolvableDepsInExp{
    "NonsolvableDepsInExp", Level::Warning, Scope::Version,
    "As NonsolvableDepsInStable, on a profile of status 'exp' in profiles.desc. Experimental profiles are only "
    "evaluated when this keyword (or RequiredUseUnsatisfiableInExp) is asked for.",
    false};
inline constexpr Keyword kRequiredUseUnsatisfiableInStable{
    "RequiredUseUnsatisfiableInStable", Level::Error, Scope::Version,
    "On a stable profile that sees the ebuild (see NonsolvableDepsInStable), no setting of the USE flags the user "
    "may change satisfies REQUIRED_USE, given the flags the profile masks and forces for the package (including "
    "the profile's own arch flag forced and the other arches masked). The ebuild cannot be installed there."};
inline constexpr Keyword kRequiredUseUnsatisfiableInDev{
    "RequiredUseUnsatisfiableInDev", Level::Error, Scope::Version,
    "As RequiredUseUnsatisfiableInStable, on a profile of status 'dev'."};
inline constexpr Keyword kRequiredUseUnsatisfiableInExp{
    "RequiredUseUnsatisfiableInExp", Level::Warning, Scope::Version,
    "As RequiredUseUnsatisfiableInStable, on a profile of status 'exp' (evaluated only when asked for).", false};

// A set of columns. N words of 64 columns: the check is instantiated for
// the smallest N that holds the scan's columns.
template <std::size_t N>
struct Bits {
  std::array<std::uint64_t, N> w{};

  static Bits all(std::size_t columns) {
    Bits b;
    for (std::size_t i = 0; i < columns; ++i) b.set(i);
    return b;
  }
  void set(std::size_t i) { w[i / 64] |= std::uint64_t{1} << (i % 64); }
  void reset(std::size_t i) { w[i / 64] &= ~(std::uint64_t{1} << (i % 64)); }
  bool test(std::size_t i) const { return (w[i / 64] >> (i % 64)) & 1; }
  bool any() const {
    for (std::uint64_t x : w)
      if (x) return true;
    return false;
  }
  Bits& operator|=(const Bits& o) {
    for (std::size_t i = 0; i < N; ++i) w[i] |= o.w[i];
    return *this;
  }
  Bits& operator&=(const Bits& o) {
    for (std::size_t i = 0; i < N; ++i) w[i] &= o.w[i];
    return *this;
  }
  Bits operator&(const Bits& o) const { return Bits(*this) &= o; }
  Bits operator|(const Bits& o) const { return Bits(*this) |= o; }
  Bits operator~() const {
    Bits b;
    for (std::size_t i = 0; i < N; ++i) b.w[i] = ~w[i];
    return b;
  }
  Bits minus(const Bits& o) const {
    Bits b;
    for (std::size_t i = 0; i < N; ++i) b.w[i] = w[i] & ~o.w[i];
    return b;
  }
  bool operator==(const Bits&) const = default;
  // fn(column) for each set column, ascending.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (std::size_t i = 0; i < N; ++i)
      for (std::uint64_t x = w[i]; x; x &= x - 1) fn(i * 64 + static_cast<std::size_t>(std::countr_zero(x)));
  }
  // [lo, hi): the words from the first to the last with a set column. A
  // set's columns often lie under a few keywords: loops over its subsets
  // need look at those words only.
  std::pair<std::size_t, std::size_t> used_words() const {
    std::size_t lo = 0, hi = N;
    while (lo < hi && !w[lo]) ++lo;
    while (hi > lo && !w[hi - 1]) --hi;
    return {lo, hi};
  }
  std::size_t first() const {
    for (std::size_t i = 0; i < N; ++i)
      if (w[i]) return i * 64 + static_cast<std::size_t>(std::countr_zero(w[i]));
    return N * 64;
  }
};

// One column: profiles that see packages the same way, under one keyword.
struct Column {
  std::string arch;                // profiles.desc arch, e.g. "amd64"
  bool stable = false;             // the "amd64" view (stable keywords only) or the "~amd64" view
  const ProfileData* data = nullptr;
  std::vector<const ProfileEntry*> entries;  // the profiles.desc entries it stands for
  const FlagRules& masked() const { return stable ? data->stable_use_mask : data->use_mask; }
  const FlagRules& forced() const { return stable ? data->stable_use_force : data->use_force; }
  std::string keyword_text;        // "amd64" or "~amd64", made once (results name it often)
  const std::string& keyword() const { return keyword_text; }
  // The KEYWORDS tokens it accepts: "amd64", and for the ~arch view "~amd64".
  Symbol stable_keyword, testing_keyword;
};

// The profiles a scan evaluates, as columns.
struct ColumnSet {
  std::vector<Column> columns;
  std::vector<std::string> known_arches;  // arch.list: each profile masks the others and forces its own
  std::vector<std::string> skipped;       // profiles that could not be loaded (the Profiles check reports why)
};

// pkgcheck's default selection: profiles.desc entries of status stable and
// dev (and exp when `with_exp`), not deprecated, whose arch is in arch.list;
// each evaluated once. Profiles with equal visibility settings (arch,
// masks, masked/forced flags, implicit IUSE, package.provided) share a column.
ColumnSet build_columns(const ProfileSet& profiles, bool with_exp);

// REQUIRED_USE: can the free flags be set so that `spec` holds, with the
// flags in `fixed` held at their value? (PMS semantics; `max_steps` bounds
// the search, after which the answer is "satisfiable".)
bool required_use_satisfiable(const DepSpec& spec, Eapi eapi, const std::vector<std::pair<Symbol, bool>>& fixed,
                              std::size_t max_steps = 200000);

}  // namespace pkgscan::visibility
