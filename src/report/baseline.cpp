// Baseline: reading an earlier JSON Lines report and dropping its results.
#include "pkgscan/baseline.hpp"

#include <cstdio>
#include <memory>

#include "pkgscan/reporter.hpp"

namespace pkgscan {

std::optional<Baseline> Baseline::load(const std::string& path, std::string* err) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    if (err) *err = "cannot read the baseline " + path;
    return std::nullopt;
  }
  Baseline b;
  std::string line;
  std::size_t lineno = 0;
  auto finish_line = [&]() -> bool {
    ++lineno;
    bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
    if (!blank) {
      std::string why;
      auto r = result_from_json(line, &why);
      if (!r) {
        if (err) *err = path + ":" + std::to_string(lineno) + ": not a pkgscan JSON Lines result: " + why;
        return false;
      }
      ++b.counts_[result_fingerprint(*r)];
      ++b.size_;
    }
    line.clear();
    return true;
  };
  int c;
  while ((c = std::fgetc(f.get())) != EOF) {
    if (c != '\n') {
      line += static_cast<char>(c);
      continue;
    }
    if (!finish_line()) return std::nullopt;
  }
  if (std::ferror(f.get())) {
    if (err) *err = "cannot read the baseline " + path;
    return std::nullopt;
  }
  if (!line.empty() && !finish_line()) return std::nullopt;
  return b;
}

Baseline Baseline::of(const std::vector<Result>& results) {
  Baseline b;
  for (const Result& r : results) ++b.counts_[result_fingerprint(r)];
  b.size_ = results.size();
  return b;
}

std::size_t Baseline::drop_known(std::vector<Result>& results) const {
  std::unordered_map<std::string, std::size_t> left = counts_;
  std::size_t before = results.size();
  std::erase_if(results, [&](const Result& r) {
    auto it = left.find(result_fingerprint(r));
    if (it == left.end() || it->second == 0) return false;
    --it->second;
    return true;
  });
  return before - results.size();
}

}  // namespace pkgscan
