#pragma once
// EAPI feature table (PMS eapi-cheatsheet). Only what parsers and checks need.
#include <optional>
#include <string_view>

namespace pkgscan {

class Eapi {
 public:
  // Official EAPIs "0".."9". Unknown names give nullopt (callers report InvalidEapi).
  static std::optional<Eapi> parse(std::string_view name);
  static Eapi latest();
  static Eapi of(int n);  // 0..9

  int number() const { return n_; }
  bool slot_deps() const { return n_ >= 1; }          // :slot
  bool iuse_defaults() const { return n_ >= 1; }      // +flag in IUSE
  bool use_deps() const { return n_ >= 2; }           // [flag]
  bool strong_blockers() const { return n_ >= 2; }    // !!atom
  bool src_uri_arrows() const { return n_ >= 2; }     // -> name
  bool required_use() const { return n_ >= 4; }
  bool use_dep_defaults() const { return n_ >= 4; }   // flag(+) flag(-)
  bool subslots() const { return n_ >= 5; }           // :slot/sub
  bool slot_operators() const { return n_ >= 5; }     // := :* :slot=
  bool at_most_one_of() const { return n_ >= 5; }     // ?? ( )
  bool bdepend() const { return n_ >= 7; }
  bool empty_any_of_unmatched() const { return n_ >= 7; }
  bool idepend() const { return n_ >= 8; }
  bool src_uri_prefixes() const { return n_ >= 8; }   // fetch+ mirror+

  friend bool operator==(Eapi a, Eapi b) { return a.n_ == b.n_; }
  friend auto operator<=>(Eapi a, Eapi b) { return a.n_ <=> b.n_; }

 private:
  explicit Eapi(int n) : n_(n) {}
  int n_ = 0;
};

}  // namespace pkgscan
