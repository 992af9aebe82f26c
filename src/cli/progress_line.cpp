#include "progress_line.hpp"

#include <unistd.h>

#include <cstdio>

#include "pkgscan/scan.hpp"

namespace pkgscan::cli {

ProgressLine::ProgressLine(std::string prefix, bool enabled)
    : prefix_(std::move(prefix)), enabled_(enabled && isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::draw(std::uint64_t done, std::uint64_t total, const std::string& unit, double elapsed_ms,
                        const std::string& extra, bool finished) {
  if (!enabled_) return;
  if (finished) {
    clear();
    return;
  }
  auto now = std::chrono::steady_clock::now();
  if (shown_ && done != total && now - last_ < std::chrono::milliseconds(100)) return;  // the last one always shows
  last_ = now;
  double secs = elapsed_ms / 1000.0;
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  std::string eta = "?";
  if (rate > 0 && total >= done) {
    auto left = static_cast<long>(static_cast<double>(total - done) / rate + 0.5);
    eta = left >= 60 ? std::to_string(left / 60) + "m" + std::to_string(left % 60) + "s" : std::to_string(left) + "s";
  }
  // \r and erase-to-end-of-line: one line, rewritten in place.
  std::fprintf(stderr, "\r\033[K%s: %llu/%llu %s, %.0f/s, ETA %s%s", prefix_.c_str(),
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), unit.c_str(), rate,
               eta.c_str(), extra.empty() ? "" : (", " + extra).c_str());
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::update(const ScanProgress& p) {
  draw(p.packages_done, p.packages_total, "packages", p.elapsed_ms, std::to_string(p.regenerated) + " ebuilds sourced",
       p.finished);
}

void ProgressLine::clear() {
  if (!shown_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace pkgscan::cli
