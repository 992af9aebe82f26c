#pragma once
// How alike two descriptions are, the way pkgcheck measures it: Python's
// difflib.SequenceMatcher(None, a, b).ratio() over Unicode code points,
// including its "popular element" heuristic for long second strings. The
// thresholds pkgcheck uses (0.75, 1.0) only mean the same thing with the
// same measure, so this reimplements the algorithm rather than using another
// distance.
#include <string>
#include <string_view>

namespace pkgscan {

// 2*M / (len(a) + len(b)), M = characters in the matching blocks; 1.0 when
// both are empty. Invalid UTF-8 bytes count as one character each.
double sequence_ratio(std::string_view a, std::string_view b);

// An upper bound of sequence_ratio() from the lengths alone (difflib's
// real_quick_ratio), to skip the real computation when it cannot reach a
// threshold.
double sequence_ratio_bound(std::string_view a, std::string_view b);

// A closer upper bound from the characters alone, whatever their order
// (difflib's quick_ratio): the matching blocks of sequence_ratio() take
// their characters from both strings, so they cannot match more than the
// two have in common. Given each string's sorted_code_points(), this costs
// one pass over both, where sequence_ratio() searches for blocks.
std::u32string sorted_code_points(std::string_view s);
double sequence_ratio_quick_bound(std::u32string_view a_sorted, std::u32string_view b_sorted);

}  // namespace pkgscan
