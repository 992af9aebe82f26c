#pragma once
// Shared by the report tests: run results through a reporter into a string.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "pkgscan/reporter.hpp"

namespace pkgscan::test {

// `all`: hand the results over at once (report_all, as `pkgscan scan` does),
// not one by one.
inline std::string render(std::string_view reporter, const std::vector<Result>& results,
                          std::span<const Keyword> keywords = {},
                          const ReporterOptions& opts = {}, bool all = false) {
  char* buf = nullptr;
  std::size_t len = 0;
  std::FILE* f = open_memstream(&buf, &len);
  auto rep = make_reporter(reporter, f, keywords, opts);
  if (rep) {
    rep->begin();
    if (all) rep->report_all(results);
    else
      for (const auto& r : results) rep->report(r);
    rep->end();
  }
  std::fclose(f);
  std::string out(buf, len);
  std::free(buf);
  return out;
}

inline Result make_result(std::string keyword, Level level, Scope scope, std::string category,
                          std::string package, std::string version, std::string message) {
  Result r;
  r.keyword = std::move(keyword);
  r.level = level;
  r.scope = scope;
  r.check = "TestCheck";
  r.category = std::move(category);
  r.package = std::move(package);
  r.version = std::move(version);
  if (!r.version.empty())
    r.path = r.category + "/" + r.package + "/" + r.package + "-" + r.version + ".ebuild";
  r.message = std::move(message);
  return r;
}

}  // namespace pkgscan::test
