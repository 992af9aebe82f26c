#pragma once
// A single self-updating status line on stderr while ebuilds are sourced:
// done/total, rate and ETA. Drawn only when stderr is a terminal, at most ten
// times a second; cleared when the work is done, so the report that follows
// starts on a clean line.
#include <chrono>
#include <cstdint>
#include <string>

namespace pkgscan {
struct ScanProgress;
}

namespace pkgscan::cli {

class ProgressLine {
 public:
  // enabled=false (--quiet) never draws; otherwise only on a terminal.
  explicit ProgressLine(std::string prefix, bool enabled = true);
  ~ProgressLine();
  bool enabled() const { return enabled_; }
  // Generic form: `done` of `total` units, `extra` appended (e.g. "120 sourced").
  void draw(std::uint64_t done, std::uint64_t total, const std::string& unit, double elapsed_ms,
            const std::string& extra, bool finished);
  void update(const ScanProgress& p);  // a scan that sources ebuilds
  void clear();

 private:
  std::string prefix_;
  bool enabled_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace pkgscan::cli
