#pragma once
// Baselines (--baseline FILE): a JSON Lines report of an earlier run (say,
// of the target branch) whose results are known; a later run reports only
// what is new. Results match by result_fingerprint (keyword, package,
// version, commit, message; not line or path), each baseline line standing
// for one result, so a problem that now occurs twice where it occurred once
// is still reported once.
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "pkgscan/result.hpp"

namespace pkgscan {

class Baseline {
 public:
  // Reads `path` ("-" is not allowed: the scan's input is not stdin). Blank
  // lines are skipped; a bad line is an error naming the file and line.
  static std::optional<Baseline> load(const std::string& path, std::string* err);
  static Baseline of(const std::vector<Result>& results);

  // Removes from `results` those in the baseline; returns how many.
  std::size_t drop_known(std::vector<Result>& results) const;
  std::size_t size() const { return size_; }

 private:
  std::unordered_map<std::string, std::size_t> counts_;  // fingerprint -> lines
  std::size_t size_ = 0;
};

}  // namespace pkgscan
