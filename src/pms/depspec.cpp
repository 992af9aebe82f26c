// Dependency specifications: a whitespace tokeniser feeding an explicit
// stack of open groups, so nesting depth is a checked number and never a
// recursion depth. The tree is kept flat in pre-order (see depspec.hpp).
#include "pkgscan/depspec.hpp"

#include <array>
#include <cstring>
#include <limits>

#include "parse_util.hpp"

namespace pkgscan {

using pms::at;
using pms::fail;
using pms::quoted;
namespace {

// A table rather than six comparisons: every byte of every dependency and
// SRC_URI value of the repository goes through here.
constexpr auto kSpaceTable = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\v', '\f'}) t[c] = true;
  return t;
}();
bool is_space(char c) { return kSpaceTable[static_cast<unsigned char>(c)]; }

// True when the only whitespace in `s` is ' '. Without an early exit, so it
// is vectorised: one pass over the text buys memchr for every token after.
bool spaces_only(std::string_view s) {
  unsigned char other = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    other |= static_cast<unsigned char>((c >= '\t') & (c <= '\r'));  // \t \n \v \f \r
  }
  return other == 0;
}



const char* kind_name(SpecKind k) {
  switch (k) {
    case SpecKind::Depend: return "dependencies";
    case SpecKind::RequiredUse: return "REQUIRED_USE";
    case SpecKind::License: return "LICENSE";
    case SpecKind::SrcUri: return "SRC_URI";
    case SpecKind::Plain: return "this variable";
  }
  return "";
}

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

}  // namespace

std::optional<DepSpec> DepSpec::parse(std::string_view text, SpecKind kind, Eapi eapi, ParseError* err) {
  DepSpec spec;
  spec.kind = kind;
  spec.nodes.push_back(DepNode{});
  std::vector<std::uint32_t> open;  // indices of the groups still open (root excluded)

  // A group head ("||", "flag?", ...) waiting for its "(".
  bool pending = false;
  DepNode head;
  std::string_view head_text;
  // SRC_URI: "->" seen, waiting for the file name; and the last URI that may take one.
  bool want_rename = false;
  std::uint32_t last_uri = kNone;

  std::size_t i = 0;
  const std::size_t n = text.size();
  for (;;) {
    while (i < n && is_space(text[i])) ++i;
    if (i >= n) break;
    std::size_t start = i;
    while (i < n && !is_space(text[i])) ++i;
    std::string_view t = text.substr(start, i - start);
    auto pos = static_cast<std::uint32_t>(start);

    if (pending) {
      if (t != "(") return fail(err, start, "expected '(' after " + quoted(head_text) + at(start));
      pending = false;
      if (open.size() >= static_cast<std::size_t>(kMaxDepth))
        return fail(err, start, "nesting deeper than " + std::to_string(kMaxDepth) + " levels" + at(start));
      open.push_back(static_cast<std::uint32_t>(spec.nodes.size()));
      spec.nodes.push_back(head);
      continue;
    }
    if (want_rename) {
      if (t == "(" || t == ")" || t == "||" || t == "->" || t.find('/') != std::string_view::npos)
        return fail(err, start, "invalid file name " + quoted(t) + " after '->'" + at(start));
      spec.renames[last_uri] = std::string(t);
      want_rename = false;
      last_uri = kNone;
      continue;
    }
    std::uint32_t uri_before = last_uri;
    last_uri = kNone;

    if (t == "(") {
      if (open.size() >= static_cast<std::size_t>(kMaxDepth))
        return fail(err, start, "nesting deeper than " + std::to_string(kMaxDepth) + " levels" + at(start));
      open.push_back(static_cast<std::uint32_t>(spec.nodes.size()));
      DepNode g;
      g.pos = pos;
      spec.nodes.push_back(g);
      continue;
    }
    if (t == ")") {
      if (open.empty()) return fail(err, start, "unmatched ')'" + at(start));
      spec.nodes[open.back()].end = static_cast<std::uint32_t>(spec.nodes.size());
      open.pop_back();
      continue;
    }
    if (t == "||" || t == "^^" || t == "??") {
      head = DepNode{};
      head.pos = pos;
      if (t == "||") {
        if (kind == SpecKind::SrcUri || kind == SpecKind::Plain)
          return fail(err, start, "'||' is not allowed in " + std::string(kind_name(kind)) + at(start));
        head.kind = NodeKind::AnyOf;
      } else {
        if (kind != SpecKind::RequiredUse)
          return fail(err, start, quoted(t) + " is only allowed in REQUIRED_USE" + at(start));
        if (t == "??" && !eapi.at_most_one_of()) return fail(err, start, "'?" "?' needs EAPI 5 or later" + at(start));
        head.kind = t == "^^" ? NodeKind::ExactlyOneOf : NodeKind::AtMostOneOf;
      }
      pending = true;
      head_text = t;
      continue;
    }
    if (t.size() > 1 && t.back() == '?') {
      std::string_view flag = t.substr(0, t.size() - 1);
      head = DepNode{};
      head.kind = NodeKind::UseCond;
      head.pos = pos;
      if (flag[0] == '!') {
        head.negated = true;
        flag.remove_prefix(1);
      }
      if (!valid_use_flag(flag)) return fail(err, start, "invalid USE conditional " + quoted(t) + at(start));
      head.flag = Symbol::intern(flag);
      pending = true;
      head_text = t;
      continue;
    }
    if (kind == SpecKind::SrcUri && t == "->") {
      if (!eapi.src_uri_arrows()) return fail(err, start, "'->' in SRC_URI needs EAPI 2 or later" + at(start));
      if (uri_before == kNone || spec.strings[uri_before].find("://") == std::string::npos)
        return fail(err, start, "'->' must follow a URI" + at(start));
      want_rename = true;
      last_uri = uri_before;
      continue;
    }

    // A leaf.
    DepNode leaf;
    leaf.kind = NodeKind::Leaf;
    leaf.pos = pos;
    switch (kind) {
      case SpecKind::Depend: {
        ParseError aerr;
        auto atom = Atom::parse(t, eapi, &aerr);
        if (!atom) return fail(err, start + aerr.pos, "invalid atom " + quoted(t) + at(start) + ": " + aerr.message);
        leaf.leaf = static_cast<std::uint32_t>(spec.atoms.size());
        spec.atoms.push_back(std::move(*atom));
        break;
      }
      case SpecKind::RequiredUse: {
        std::string_view flag = t;
        if (flag[0] == '!') {
          leaf.negated = true;
          flag.remove_prefix(1);
        }
        if (!valid_use_flag(flag)) return fail(err, start, "invalid USE flag " + quoted(t) + at(start));
        leaf.flag = Symbol::intern(flag);
        leaf.leaf = static_cast<std::uint32_t>(spec.strings.size());
        spec.strings.emplace_back(t);
        break;
      }
      case SpecKind::License:
        if (!valid_license_name(t)) return fail(err, start, "invalid licence name " + quoted(t) + at(start));
        leaf.leaf = static_cast<std::uint32_t>(spec.strings.size());
        spec.strings.emplace_back(t);
        break;
      case SpecKind::SrcUri:
        leaf.leaf = static_cast<std::uint32_t>(spec.strings.size());
        last_uri = leaf.leaf;
        spec.strings.emplace_back(t);
        spec.renames.emplace_back();
        break;
      case SpecKind::Plain:
        leaf.leaf = static_cast<std::uint32_t>(spec.strings.size());
        spec.strings.emplace_back(t);
        break;
    }
    leaf.end = static_cast<std::uint32_t>(spec.nodes.size() + 1);
    spec.nodes.push_back(leaf);
  }
  if (pending) return fail(err, head.pos, "expected '(' after " + quoted(head_text) + at(head.pos));
  if (want_rename) return fail(err, n, "missing file name after '->'" + at(n));
  if (!open.empty()) {
    std::uint32_t p = spec.nodes[open.back()].pos;
    return fail(err, p, "unclosed group" + at(p));
  }
  spec.nodes[0].end = static_cast<std::uint32_t>(spec.nodes.size());
  return spec;
}

bool src_uri_leaves(std::string_view text, Eapi eapi, std::vector<SrcUriLeaf>& out, ParseError* err) {
  out.clear();
  auto bad = [err](std::size_t pos, std::string message) {
    fail(err, pos, std::move(message));
    return false;
  };
  std::vector<std::uint32_t> open;  // positions of the open groups, for "unclosed group"
  bool pending = false;           // a "flag?" head waiting for its "("
  std::string_view head_text;
  std::size_t head_pos = 0;
  bool want_rename = false;       // "->" seen, waiting for the file name
  bool last_is_uri = false;       // the previous token was a leaf that may take "->"

  // Cache values separate tokens with single spaces and cargo's run to
  // thousands of crate URLs: when ' ' is the only whitespace, a token ends
  // at the next space, found with memchr, instead of testing every byte.
  const bool only_spaces = spaces_only(text);
  std::size_t i = 0;
  const std::size_t n = text.size();
  for (;;) {
    while (i < n && is_space(text[i])) ++i;
    if (i >= n) break;
    const std::size_t start = i;
    if (only_spaces) {
      const void* space = std::memchr(text.data() + i, ' ', n - i);
      i = space ? static_cast<std::size_t>(static_cast<const char*>(space) - text.data()) : n;
    } else {
      while (i < n && !is_space(text[i])) ++i;
    }
    const std::string_view t = text.substr(start, i - start);

    if (pending) {
      if (t != "(") return bad(start, "expected '(' after " + quoted(head_text) + at(start));
      pending = false;
      if (open.size() >= static_cast<std::size_t>(DepSpec::kMaxDepth))
        return bad(start, "nesting deeper than " + std::to_string(DepSpec::kMaxDepth) + " levels" + at(start));
      open.push_back(static_cast<std::uint32_t>(head_pos));
      continue;
    }
    if (want_rename) {
      if (t == "(" || t == ")" || t == "||" || t == "->" || t.find('/') != std::string_view::npos)
        return bad(start, "invalid file name " + quoted(t) + " after '->'" + at(start));
      out.back().rename = t;
      want_rename = false;
      last_is_uri = false;
      continue;
    }
    const bool uri_before = last_is_uri;
    last_is_uri = false;

    if (t == "(") {
      if (open.size() >= static_cast<std::size_t>(DepSpec::kMaxDepth))
        return bad(start, "nesting deeper than " + std::to_string(DepSpec::kMaxDepth) + " levels" + at(start));
      open.push_back(static_cast<std::uint32_t>(start));
      continue;
    }
    if (t == ")") {
      if (open.empty()) return bad(start, "unmatched ')'" + at(start));
      open.pop_back();
      continue;
    }
    if (t == "||") return bad(start, "'||' is not allowed in SRC_URI" + at(start));
    if (t == "^^" || t == "??") return bad(start, quoted(t) + " is only allowed in REQUIRED_USE" + at(start));
    if (t.size() > 1 && t.back() == '?') {
      std::string_view flag = t.substr(0, t.size() - 1);
      if (flag[0] == '!') flag.remove_prefix(1);
      if (!valid_use_flag(flag)) return bad(start, "invalid USE conditional " + quoted(t) + at(start));
      pending = true;
      head_text = t;
      head_pos = start;
      continue;
    }
    if (t == "->") {
      if (!eapi.src_uri_arrows()) return bad(start, "'->' in SRC_URI needs EAPI 2 or later" + at(start));
      if (!uri_before || out.back().uri.find("://") == std::string_view::npos)
        return bad(start, "'->' must follow a URI" + at(start));
      want_rename = true;
      continue;
    }
    out.push_back({t, {}});
    last_is_uri = true;
  }
  if (pending) return bad(head_pos, "expected '(' after " + quoted(head_text) + at(head_pos));
  if (want_rename) return bad(n, "missing file name after '->'" + at(n));
  if (!open.empty()) return bad(open.back(), "unclosed group" + at(open.back()));
  return true;
}

std::string DepSpec::str() const {
  std::string out;
  std::vector<std::uint32_t> ends;
  auto sep = [&out] {
    if (!out.empty()) out += ' ';
  };
  auto close_until = [&](std::uint32_t i) {
    while (!ends.empty() && ends.back() <= i) {
      sep();
      out += ')';
      ends.pop_back();
    }
  };
  for (std::uint32_t i = 1; i < nodes.size(); ++i) {
    close_until(i);
    const DepNode& nd = nodes[i];
    sep();
    switch (nd.kind) {
      case NodeKind::AllOf: out += '('; break;
      case NodeKind::AnyOf: out += "|| ("; break;
      case NodeKind::ExactlyOneOf: out += "^^ ("; break;
      case NodeKind::AtMostOneOf: out += "?? ("; break;
      case NodeKind::UseCond:
        if (nd.negated) out += '!';
        out.append(nd.flag.str());
        out += "? (";
        break;
      case NodeKind::Leaf:
        if (kind == SpecKind::Depend) {
          out += atoms[nd.leaf].str();
        } else {
          out += strings[nd.leaf];
          if (kind == SpecKind::SrcUri && nd.leaf < renames.size() && !renames[nd.leaf].empty()) {
            out += " -> ";
            out += renames[nd.leaf];
          }
        }
        break;
    }
    if (nd.kind != NodeKind::Leaf) ends.push_back(nd.end);
  }
  close_until(std::numeric_limits<std::uint32_t>::max());
  return out;
}

std::vector<DepSpec::FlatLeaf> DepSpec::flatten() const {
  std::vector<FlatLeaf> out;
  struct Frame {
    std::uint32_t end;
    NodeKind kind;
  };
  std::vector<Frame> frames;
  std::vector<Condition> conds;
  int any_depth = 0;
  for (std::uint32_t i = 1; i < nodes.size(); ++i) {
    while (!frames.empty() && frames.back().end <= i) {
      NodeKind k = frames.back().kind;
      if (k == NodeKind::UseCond) conds.pop_back();
      else if (k != NodeKind::AllOf) --any_depth;
      frames.pop_back();
    }
    const DepNode& nd = nodes[i];
    if (nd.kind == NodeKind::Leaf) {
      out.push_back(FlatLeaf{i, conds, any_depth > 0});
      continue;
    }
    frames.push_back(Frame{nd.end, nd.kind});
    if (nd.kind == NodeKind::UseCond) conds.push_back(Condition{nd.flag, nd.negated});
    else if (nd.kind != NodeKind::AllOf) ++any_depth;
  }
  return out;
}

void DepSpec::walk_leaves(void (*visit)(void* ctx, const LeafView& leaf), void* ctx) const {
  // The same walk as flatten(); the stacks live in thread-local buffers so
  // that a scan does not allocate per spec. A callback that walks another
  // spec gets fresh buffers (the outer walk still holds the shared ones).
  struct Frame {
    std::uint32_t end;
    NodeKind kind;
  };
  struct Stacks {
    std::vector<Frame> frames;
    std::vector<Condition> conds;
    bool busy = false;
  };
  thread_local Stacks shared;
  Stacks local;
  Stacks& st = shared.busy ? local : shared;
  st.busy = true;
  st.frames.clear();
  st.conds.clear();
  int any_depth = 0;
  for (std::uint32_t i = 1; i < nodes.size(); ++i) {
    while (!st.frames.empty() && st.frames.back().end <= i) {
      NodeKind k = st.frames.back().kind;
      if (k == NodeKind::UseCond) st.conds.pop_back();
      else if (k != NodeKind::AllOf) --any_depth;
      st.frames.pop_back();
    }
    const DepNode& nd = nodes[i];
    if (nd.kind == NodeKind::Leaf) {
      visit(ctx, LeafView{i, std::span<const Condition>(st.conds.data(), st.conds.size()), any_depth > 0});
      continue;
    }
    st.frames.push_back(Frame{nd.end, nd.kind});
    if (nd.kind == NodeKind::UseCond) st.conds.push_back(Condition{nd.flag, nd.negated});
    else if (nd.kind != NodeKind::AllOf) ++any_depth;
  }
  st.busy = false;
}

void DepSpec::for_each_leaf(const std::function<void(std::uint32_t node)>& fn) const {
  for (std::uint32_t i = 1; i < nodes.size(); ++i)
    if (nodes[i].kind == NodeKind::Leaf) fn(i);
}

DepSpec DepSpec::evaluate(const std::function<bool(Symbol)>& enabled) const {
  DepSpec out;
  out.kind = kind;
  if (nodes.empty()) {
    out.nodes.push_back(DepNode{});
    return out;
  }
  struct Frame {
    std::uint32_t old_end;
    std::uint32_t new_index;  // kNone: a spliced UseCond
  };
  std::vector<Frame> frames;
  out.nodes.push_back(nodes[0]);
  auto close_until = [&](std::uint32_t i) {
    while (!frames.empty() && frames.back().old_end <= i) {
      if (frames.back().new_index != kNone)
        out.nodes[frames.back().new_index].end = static_cast<std::uint32_t>(out.nodes.size());
      frames.pop_back();
    }
  };
  std::uint32_t i = 1;
  while (i < nodes.size()) {
    close_until(i);
    const DepNode& nd = nodes[i];
    if (nd.kind == NodeKind::UseCond) {
      if (enabled(nd.flag) == nd.negated) {
        i = nd.end;  // condition false: drop the whole subtree
      } else {
        frames.push_back(Frame{nd.end, kNone});
        ++i;
      }
      continue;
    }
    DepNode copy = nd;
    if (nd.kind == NodeKind::Leaf) {
      if (kind == SpecKind::Depend) {
        copy.leaf = static_cast<std::uint32_t>(out.atoms.size());
        out.atoms.push_back(atoms[nd.leaf]);
      } else {
        copy.leaf = static_cast<std::uint32_t>(out.strings.size());
        out.strings.push_back(strings[nd.leaf]);
        if (kind == SpecKind::SrcUri) out.renames.push_back(nd.leaf < renames.size() ? renames[nd.leaf] : "");
      }
      copy.end = static_cast<std::uint32_t>(out.nodes.size() + 1);
      out.nodes.push_back(copy);
    } else {
      frames.push_back(Frame{nd.end, static_cast<std::uint32_t>(out.nodes.size())});
      out.nodes.push_back(copy);
    }
    ++i;
  }
  close_until(std::numeric_limits<std::uint32_t>::max());
  out.nodes[0].end = static_cast<std::uint32_t>(out.nodes.size());
  return out;
}

namespace {

// Recursion is bounded by the parser's kMaxDepth.
bool satisfied_at(const DepSpec& s, std::uint32_t i, const std::function<bool(Symbol)>& enabled, Eapi eapi) {
  const DepNode& nd = s.nodes[i];
  auto cond_false = [&](const DepNode& c) { return c.kind == NodeKind::UseCond && enabled(c.flag) == c.negated; };
  switch (nd.kind) {
    case NodeKind::Leaf:
      return enabled(nd.flag) != nd.negated;
    case NodeKind::UseCond:
      if (cond_false(nd)) return true;
      [[fallthrough]];
    case NodeKind::AllOf:
      for (std::uint32_t c = i + 1; c < nd.end; c = s.nodes[c].end)
        if (!satisfied_at(s, c, enabled, eapi)) return false;
      return true;
    case NodeKind::AnyOf:
    case NodeKind::ExactlyOneOf:
    case NodeKind::AtMostOneOf: {
      int members = 0, good = 0;
      for (std::uint32_t c = i + 1; c < nd.end; c = s.nodes[c].end) {
        if (cond_false(s.nodes[c])) continue;  // not a member of the group
        ++members;
        if (satisfied_at(s, c, enabled, eapi)) ++good;
      }
      if (nd.kind == NodeKind::AtMostOneOf) return good <= 1;
      if (members == 0) return !eapi.empty_any_of_unmatched();
      return nd.kind == NodeKind::AnyOf ? good >= 1 : good == 1;
    }
  }
  return true;
}

}  // namespace

bool DepSpec::satisfied(const std::function<bool(Symbol)>& enabled, Eapi eapi) const {
  if (nodes.empty()) return true;
  return satisfied_at(*this, 0, enabled, eapi);
}

}  // namespace pkgscan
