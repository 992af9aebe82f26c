#pragma once
// Dependency specifications (PMS "Dependency specification format") for the
// DEPEND family, REQUIRED_USE, LICENSE, SRC_URI, RESTRICT and PROPERTIES.
//
// The tree is stored flat, in pre-order: node i's subtree is nodes [i, nodes[i].end).
// Leaves point into `atoms` (dependency variables) or `strings` (everything else).
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "pkgscan/atom.hpp"
#include "pkgscan/eapi.hpp"
#include "pkgscan/error.hpp"
#include "pkgscan/intern.hpp"

namespace pkgscan {

enum class SpecKind : std::uint8_t {
  Depend,       // DEPEND RDEPEND BDEPEND PDEPEND IDEPEND: leaves are atoms; || allowed
  RequiredUse,  // leaves are [!]flag; || ^^ ?? allowed
  License,      // leaves are licence names; || allowed
  SrcUri,       // leaves are URIs or file names, with optional "-> name"
  Plain         // RESTRICT, PROPERTIES: leaves are tokens
};

enum class NodeKind : std::uint8_t {
  AllOf,         // ( ... ), and the implicit root
  AnyOf,         // || ( ... )
  ExactlyOneOf,  // ^^ ( ... )
  AtMostOneOf,   // ?? ( ... )
  UseCond,       // [!]flag? ( ... )
  Leaf
};

struct DepNode {
  NodeKind kind = NodeKind::AllOf;
  bool negated = false;      // UseCond "!flag?", RequiredUse leaf "!flag"
  Symbol flag;               // UseCond flag, RequiredUse leaf flag
  std::uint32_t end = 0;     // one past the last node of this subtree
  std::uint32_t leaf = 0;    // Leaf: index into atoms (Depend) or strings (others)
  std::uint32_t pos = 0;     // byte offset in the source text
};

struct UriLeaf {             // SrcUri: strings[leaf] is the URI, rename is "" or the -> target
  std::string rename;
};

// A SRC_URI leaf as written: the URI (or bare file name) and the "->" name.
struct SrcUriLeaf {
  std::string_view uri;
  std::string_view rename;  // empty without an arrow
};

// The leaves of a SRC_URI value with every USE branch taken, as views into
// `text`, in order. Accepts and rejects exactly what DepSpec::parse(text,
// SpecKind::SrcUri, eapi) does, with the same messages and positions, but
// builds no tree: a scan walks every SRC_URI of the repository, and those
// of cargo packages list thousands of crates. `out` is cleared first.
bool src_uri_leaves(std::string_view text, Eapi eapi, std::vector<SrcUriLeaf>& out, ParseError* err = nullptr);

class DepSpec {
 public:
  // Nesting deeper than this is an error, not a stack overflow.
  static constexpr int kMaxDepth = 256;

  static std::optional<DepSpec> parse(std::string_view text, SpecKind kind, Eapi eapi,
                                      ParseError* err = nullptr);

  SpecKind kind = SpecKind::Depend;
  std::vector<DepNode> nodes;        // nodes[0] is the root AllOf (always present)
  std::vector<Atom> atoms;           // Depend leaves
  std::vector<std::string> strings;  // other leaves
  std::vector<std::string> renames;  // SrcUri: parallel to strings ("" = no arrow)

  bool empty() const { return nodes.size() <= 1; }
  std::string str() const;  // canonical text, whitespace normalised

  // Every leaf with the USE conditions above it (outermost first), in order.
  struct Condition {
    Symbol flag;
    bool negated;
    friend bool operator==(const Condition&, const Condition&) = default;
  };
  struct FlatLeaf {
    std::uint32_t node;                  // index of the Leaf node
    std::vector<Condition> conditions;   // enclosing UseCond nodes
    bool in_any_of = false;              // under some || / ^^ / ??
  };
  std::vector<FlatLeaf> flatten() const;

  // Visits every leaf without allocating: fn(node index, depth of UseCond nesting).
  void for_each_leaf(const std::function<void(std::uint32_t node)>& fn) const;

  // Every leaf as flatten() gives it, without building the list: fn(const
  // LeafView&) once per leaf, in order. The conditions span points into a
  // stack reused across leaves, valid only during the call.
  struct LeafView {
    std::uint32_t node;
    std::span<const Condition> conditions;  // outermost first
    bool in_any_of;
  };
  template <class Fn>
  void for_each_leaf_with_conditions(Fn&& fn) const {
    using F = std::remove_reference_t<Fn>;
    walk_leaves([](void* f, const LeafView& l) { (*static_cast<F*>(f))(l); }, const_cast<void*>(static_cast<const void*>(&fn)));
  }
  // The walk behind for_each_leaf_with_conditions (no std::function, so no allocation).
  void walk_leaves(void (*visit)(void* ctx, const LeafView& leaf), void* ctx) const;

  // Evaluates USE conditionals: `enabled(flag)` says whether a flag is on.
  // Returns a new spec with all UseCond nodes resolved (kept children are
  // spliced in place), groups otherwise preserved.
  DepSpec evaluate(const std::function<bool(Symbol)>& enabled) const;

  // REQUIRED_USE: is the constraint satisfied under `enabled`? (PMS semantics,
  // including empty ||/^^ being unmatched from EAPI 7.)
  bool satisfied(const std::function<bool(Symbol)>& enabled, Eapi eapi) const;
};

}  // namespace pkgscan
