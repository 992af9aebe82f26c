#pragma once
// Reporters turn the ordered result stream into text, JSON Lines or SARIF.
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/result.hpp"

namespace pkgscan {

struct ReporterOptions {
  bool color = false;            // text: keyword coloured by level
  std::string tool_version;      // SARIF tool.driver.version
  std::string repo_root_uri;     // SARIF originalUriBaseIds (file:///path/), optional
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin() {}
  virtual void report(const Result& r) = 0;  // called in final sorted order
  // Every result of a scan, in final order: report() for each, unless the
  // reporter can do better (JSON Lines formats its lines side by side).
  virtual void report_all(std::span<const Result> results) {
    for (const Result& r : results) report(r);
  }
  virtual void end() {}
};

// name: "text", "json", "sarif". `keywords` is the full registry (SARIF rules,
// levels). Returns nullptr for an unknown name.
std::unique_ptr<Reporter> make_reporter(std::string_view name, std::FILE* out,
                                        std::span<const Keyword> keywords,
                                        const ReporterOptions& opts);
std::vector<std::string_view> reporter_names();

// JSON Lines round trip (pkgscan replay): one object per result with every field.
std::string result_to_json(const Result& r);
// Parses one JSON line; nullopt and *err on malformed input (with no throw).
std::optional<Result> result_from_json(std::string_view line, std::string* err);

}  // namespace pkgscan
