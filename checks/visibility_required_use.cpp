// Visibility: can REQUIRED_USE be satisfied when a profile fixes some flags?
// A small backtracking search over the free flags, pruned by evaluating the
// constraint with unassigned flags as "unknown" (three-valued logic).
#include <algorithm>

#include "visibility.hpp"

namespace pkgscan::visibility {

namespace {

enum class Tri : std::int8_t { False, True, Unknown };

class Solver {
 public:
  Solver(const DepSpec& spec, Eapi eapi, std::size_t max_steps) : spec_(spec), eapi_(eapi), max_steps_(max_steps) {
    node_flag_.assign(spec.nodes.size(), 0);
    for (std::uint32_t i = 1; i < spec.nodes.size(); ++i) {
      const DepNode& n = spec.nodes[i];
      if (n.kind != NodeKind::Leaf && n.kind != NodeKind::UseCond) continue;
      auto it = std::find(flags_.begin(), flags_.end(), n.flag);
      node_flag_[i] = static_cast<std::uint32_t>(it - flags_.begin());
      if (it == flags_.end()) flags_.push_back(n.flag);
    }
    value_.assign(flags_.size(), -1);
  }

  void fix(Symbol flag, bool on) {
    auto it = std::find(flags_.begin(), flags_.end(), flag);
    if (it != flags_.end()) value_[static_cast<std::size_t>(it - flags_.begin())] = on ? 1 : 0;
  }

  bool satisfiable() { return search(0); }

 private:
  // The value of the node's flag test ("flag" / "!flag"), Unknown while free.
  Tri test(std::uint32_t i) const {
    std::int8_t v = value_[node_flag_[i]];
    if (v < 0) return Tri::Unknown;
    return ((v == 1) != spec_.nodes[i].negated) ? Tri::True : Tri::False;
  }

  Tri all_children(std::uint32_t i) const {
    bool unknown = false;
    for (std::uint32_t c = i + 1; c < spec_.nodes[i].end; c = spec_.nodes[c].end) {
      Tri t = eval(c);
      if (t == Tri::False) return Tri::False;
      unknown |= t == Tri::Unknown;
    }
    return unknown ? Tri::Unknown : Tri::True;
  }

  Tri eval(std::uint32_t i) const {
    const DepNode& n = spec_.nodes[i];
    switch (n.kind) {
      case NodeKind::Leaf:
        return test(i);
      case NodeKind::UseCond: {
        Tri cond = test(i);
        if (cond == Tri::False) return Tri::True;
        Tri body = all_children(i);
        if (cond == Tri::True || body == Tri::True) return body;
        return Tri::Unknown;
      }
      case NodeKind::AllOf:
        return all_children(i);
      case NodeKind::AnyOf:
      case NodeKind::ExactlyOneOf:
      case NodeKind::AtMostOneOf:
        return group(i);
    }
    return Tri::Unknown;
  }

  // A member of a group is a child, or the body of a conditional child whose
  // condition holds (PMS: a conditional whose condition fails is no member).
  Tri group(std::uint32_t i) const {
    const DepNode& n = spec_.nodes[i];
    int members = 0, true_members = 0;
    bool open = false;  // some membership or value still unknown
    for (std::uint32_t c = i + 1; c < n.end; c = spec_.nodes[c].end) {
      const DepNode& child = spec_.nodes[c];
      Tri member = child.kind == NodeKind::UseCond ? test(c) : Tri::True;
      if (member == Tri::False) continue;
      Tri value = child.kind == NodeKind::UseCond ? all_children(c) : eval(c);
      if (member == Tri::Unknown) {
        open = true;
        continue;
      }
      ++members;
      if (value == Tri::True) ++true_members;
      else if (value == Tri::Unknown) open = true;
    }
    switch (n.kind) {
      case NodeKind::AnyOf:
        if (true_members > 0) return Tri::True;
        if (open) return Tri::Unknown;
        return members == 0 && !eapi_.empty_any_of_unmatched() ? Tri::True : Tri::False;
      case NodeKind::ExactlyOneOf:
        if (true_members > 1) return Tri::False;
        if (open) return Tri::Unknown;
        if (members == 0) return eapi_.empty_any_of_unmatched() ? Tri::False : Tri::True;
        return true_members == 1 ? Tri::True : Tri::False;
      default:  // AtMostOneOf
        if (true_members > 1) return Tri::False;
        return open ? Tri::Unknown : Tri::True;
    }
  }

  bool search(std::size_t from) {
    if (++steps_ > max_steps_) return true;  // give up: never claim what was not shown
    Tri root = eval(0);
    if (root != Tri::Unknown) return root == Tri::True;
    while (from < value_.size() && value_[from] >= 0) ++from;
    if (from == value_.size()) return false;  // cannot happen: all assigned gives a definite value
    for (std::int8_t v : {std::int8_t{0}, std::int8_t{1}}) {
      value_[from] = v;
      if (search(from + 1)) {
        value_[from] = -1;
        return true;
      }
    }
    value_[from] = -1;
    return false;
  }

  const DepSpec& spec_;
  Eapi eapi_;
  std::size_t max_steps_;
  std::size_t steps_ = 0;
  std::vector<Symbol> flags_;
  std::vector<std::int8_t> value_;        // per flag: -1 free, 0 off, 1 on
  std::vector<std::uint32_t> node_flag_;  // per node: its flag's index in flags_
};

}  // namespace

bool required_use_satisfiable(const DepSpec& spec, Eapi eapi, const std::vector<std::pair<Symbol, bool>>& fixed,
                              std::size_t max_steps) {
  if (spec.empty()) return true;
  Solver s(spec, eapi, max_steps);
  for (const auto& [flag, on] : fixed) s.fix(flag, on);
  return s.satisfiable();
}

}  // namespace pkgscan::visibility
