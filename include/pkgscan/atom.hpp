#pragma once
// Package dependency atoms per PMS, EAPI 0-9:
//   [!|!!][op]category/package[-version[*]][:slot[/sub]|:=|:*|:slot=][[use,deps]]
// A slot operator on a blocker is grammatical; the Dependency check says it means nothing.
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/eapi.hpp"
#include "pkgscan/error.hpp"
#include "pkgscan/intern.hpp"
#include "pkgscan/version.hpp"

namespace pkgscan {

enum class Blocker : std::uint8_t { None, Weak, Strong };                    // "", "!", "!!"
enum class Op : std::uint8_t { None, Less, LessEq, Equal, Approx, GreaterEq, Greater };  // glob is Equal + glob flag
enum class SlotOp : std::uint8_t { None, Rebuild, Any };                     // ":=" / ":slot=", ":*"

struct UseDep {
  enum class Kind : std::uint8_t {
    Enabled,    // flag
    Disabled,   // -flag
    Equal,      // flag=
    NotEqual,   // !flag=
    IfEnabled,  // flag?
    IfDisabled  // !flag?
  };
  enum class Default : std::uint8_t { None, Enabled, Disabled };  // (+) (-)
  Symbol flag;
  Kind kind = Kind::Enabled;
  Default def = Default::None;
  bool conditional() const { return kind != Kind::Enabled && kind != Kind::Disabled; }
  friend bool operator==(const UseDep&, const UseDep&) = default;
};

// What an atom is matched against: one ebuild as the index knows it.
struct PackageRef {
  Symbol category;
  Symbol package;
  const Version* version = nullptr;
  Symbol slot;
  Symbol subslot;
  // IUSE of the ebuild without +/- prefixes, for USE deps without defaults.
  // Null means "do not check USE deps".
  std::span<const Symbol> iuse;
  bool check_use = false;
};

class Atom {
 public:
  static std::optional<Atom> parse(std::string_view s, Eapi eapi, ParseError* err = nullptr);

  Blocker blocker = Blocker::None;
  Op op = Op::None;
  bool glob = false;        // =cat/pkg-1.2*
  SlotOp slot_op = SlotOp::None;
  Symbol category;
  Symbol package;
  std::optional<Version> version;
  Symbol slot;              // empty when no slot given
  Symbol subslot;
  std::vector<UseDep> use;  // in the order written; compared as a set: [a,b] == [b,a], [u,u] == [u]

  // Canonical text; parse(str()) == *this. USE dependencies keep the order
  // written: the text says what the ebuild says.
  std::string str() const;
  // "cat/pkg" only.
  std::string key() const;

  // Does this atom (ignoring the blocker) select `pkg`? Compares category,
  // package, version per op (glob, ~), slot and subslot; with pkg.check_use, a
  // USE dep without a default on a flag missing from pkg.iuse does not match.
  bool matches(const PackageRef& pkg) const;
  bool matches_version(const Version& v) const;  // op/version part only

  friend bool operator==(const Atom& a, const Atom& b);
  // Total order: category, package, version, op, slot, subslot, slot_op, use, blocker.
  friend std::strong_ordering operator<=>(const Atom& a, const Atom& b);
};

// Package name rules (PMS names.tex), exposed for other parsers (PF splitting, profiles).
bool valid_category_name(std::string_view s);
bool valid_package_name(std::string_view s);  // also: must not end in -<version>
bool valid_use_flag(std::string_view s);
bool valid_slot_name(std::string_view s);
bool valid_license_name(std::string_view s);
bool valid_keyword(std::string_view s);

// Splits "pkg-1.2-r3" (a PF, e.g. an ebuild or cache file name) into package and version.
struct PfSplit {
  std::string_view package;
  Version version;
};
std::optional<PfSplit> split_pf(std::string_view pf);

}  // namespace pkgscan
