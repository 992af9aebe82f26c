#pragma once
// Package versions per PMS: N(.N)*[a-z]?(_(alpha|beta|pre|rc|p)N?)*(-rN)?
// Numbers of any length; comparison never converts them to machine integers.
#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "pkgscan/error.hpp"

namespace pkgscan {

class Version {
 public:
  Version() = default;  // "0"

  // Parses a whole string as a version; nullopt (and *err) when invalid.
  static std::optional<Version> parse(std::string_view s, ParseError* err = nullptr);
  // Length of the longest valid version prefix of s that ends at a component
  // boundary; 0 when s does not start with a version. Used by the atom parser.
  static std::size_t valid_prefix(std::string_view s);

  const std::string& str() const { return text_; }          // as written
  std::string_view without_revision() const;                  // "1.2_rc1" of "1.2_rc1-r3"
  std::string_view revision() const;                          // "3" of "-r3", "" when none
  bool has_revision() const;                                  // written -rN present (even -r0)
  bool is_live() const;                                       // 9999-style: all-nines main version of length >= 4

  // PMS algorithm 3.1-3.7. 1.0.2 == 1.000.2 == 1.0.2-r0.
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }
  // Consistent with ==.
  std::size_t hash() const;

  // "=cat/pkg-1.2*" semantics: true when this version starts with the
  // components of `prefix` (component-wise, so 1* matches 1.2 and 1_rc1, not 10).
  bool glob_matches(const Version& prefix) const;
  // "~cat/pkg-1.2": equal ignoring revision.
  bool equal_ignoring_revision(const Version& other) const;

 private:
  std::string text_ = "0";
};

int compare_versions(std::string_view a, std::string_view b);  // -1/0/1; both must be valid

}  // namespace pkgscan

template <>
struct std::hash<pkgscan::Version> {
  std::size_t operator()(const pkgscan::Version& v) const noexcept { return v.hash(); }
};
